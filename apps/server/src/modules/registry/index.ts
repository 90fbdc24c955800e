export { registryModule } from './module.js';
