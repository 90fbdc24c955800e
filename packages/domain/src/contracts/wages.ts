// Request and response contracts of the wages routes (see common.ts).
export {};
