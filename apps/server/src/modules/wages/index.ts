export { wagesModule } from './module.js';
