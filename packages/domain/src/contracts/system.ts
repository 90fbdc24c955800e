// Request and response contracts of the system routes (see common.ts).
export {};
