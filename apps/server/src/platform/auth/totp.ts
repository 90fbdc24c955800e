import * as OTPAuth from 'otpauth';

/**
 * RFC 6238 TOTP second factor. SHA-1 / 6 digits / 30 s, because that is what every authenticator
 * app implements; the secret is stored SM4-encrypted. Replay of a used time step is refused.
 */
const PERIOD = 30;
const ISSUER = '农民工服务管理平台';

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export function otpauthUrl(secret: string, username: string): string {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secret),
  }).toString();
}

/** Returns the matched time step, or null. Accepts one step of clock drift either way. */
export function checkTotp(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = new OTPAuth.TOTP({
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

export function totpCode(secret: string, now: Date): string {
  return new OTPAuth.TOTP({
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secret),
  }).generate({ timestamp: now.getTime() });
}
