// Request and response contracts of the auth routes (see common.ts).
export {};
