// One contract file per module; each exports request/response schemas and their inferred types.
export * from './common.js';
export * from './auth.js';
export * from './accounts.js';
export * from './org.js';
export * from './audit.js';
export * from './calendar.js';
export * from './system.js';
export * from './imports.js';
export * from './registry.js';
export * from './wages.js';
export * from './wagesWarnings.js';
export * from './wagesArrears.js';
export * from './cases.js';
export * from './rights.js';
export * from './employment.js';
