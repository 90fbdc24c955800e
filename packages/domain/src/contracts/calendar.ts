// Request and response contracts of the calendar routes (see common.ts).
export {};
