export * from '../../modules/departments/departments.seed.js';
