// Request and response contracts of the registry routes (see common.ts).
export {};
