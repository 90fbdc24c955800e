// One contract file per module; each exports request/response schemas and their inferred types.
export * from './common.js';
