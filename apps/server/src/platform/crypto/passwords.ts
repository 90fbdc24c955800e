import { pbkdf2Sm3, randomBytes, timingSafeEqual } from './index.js';

/** PBKDF2-HMAC-SM3, 16-byte random salt. Format: pbkdf2-sm3$<iterations>$<salt b64>$<hash b64>. */
export const PASSWORD_ITERATIONS = 100_000;

export async function hashPassword(password: string, iterations = PASSWORD_ITERATIONS): Promise<string> {
  const salt = randomBytes(16);
  const hash = await pbkdf2Sm3(password, salt, iterations, 32);
  return `pbkdf2-sm3$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, iter, salt, hash] = stored.split('$');
  if (alg !== 'pbkdf2-sm3' || !iter || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await pbkdf2Sm3(password, Buffer.from(salt, 'base64'), Number(iter), expected.length);
  return timingSafeEqual(actual, expected);
}

/** Burns the same time as a real check, so unknown usernames cannot be told apart by timing. */
let dummyHash: Promise<string> | null = null;
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('dummy-password-for-timing');
  await verifyPassword(password, await dummyHash);
}

/** A readable random initial password that satisfies the policy (shown once, must be changed). */
export function generateInitialPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(14);
  const body = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${body.slice(0, 5)}-${body.slice(5, 10)}-${body.slice(10)}#9a`;
}
