// Request and response contracts of the audit routes (see common.ts).
export {};
