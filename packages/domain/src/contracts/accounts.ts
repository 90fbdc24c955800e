// Request and response contracts of the accounts routes (see common.ts).
export {};
