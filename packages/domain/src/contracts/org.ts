// Request and response contracts of the org routes (see common.ts).
export {};
