// Request and response contracts of the imports routes (see common.ts).
export {};
