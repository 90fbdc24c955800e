export { trainingModule } from './module.js';
export { CERTIFICATE_ISSUED, type CertificateIssuedData } from './enrolments.service.js';
export type { TrainingPort } from './training.port.js';
