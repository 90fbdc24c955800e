import { idCheckChar } from '@mwsp/domain';

/** A valid GB 11643 ID number for tests: region code (6), birth date ('YYYY-MM-DD' or 'YYYYMMDD'), sequence (3). */
export function testIdNumber(region: string, birth: string, seq: string): string {
  const body = region + birth.replace(/-/g, '') + seq;
  return body + idCheckChar(body);
}
