export { rightsModule } from './module.js';
