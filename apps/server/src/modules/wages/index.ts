export { wagesModule } from './module.js';
export type { WagesPort } from './wages.port.js';
