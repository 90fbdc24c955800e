export { employmentModule } from './module.js';
