export { KeyRing, loadOrCreateDemoKey } from './keyring.js';
export { FieldCipher, IntegrityError } from './fieldCipher.js';
export { runKnownAnswerTests } from './kat.js';
export * from './primitives.js';
export { HmacSm3Key } from './sm3.js';
