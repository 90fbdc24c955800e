// isRefusal: what a caller running many checks (a demo seed, a batch) may skip — an HttpError of the 4xx family —
// and what must fail the whole: a 5xx, a database error, anything else thrown.
import { describe, expect, it } from 'vitest';
import { badRequest, conflict, forbidden, HttpError, isRefusal, notFound, unavailable } from './errors.js';

describe('isRefusal', () => {
  it('is true of the 4xx HttpErrors', () => {
    for (const e of [badRequest('x'), forbidden(), notFound(), conflict('x'), new HttpError(422, 'X', 'x')])
      expect(isRefusal(e)).toBe(true);
  });
  it('is false of a 5xx, of an error that only looks like one and of anything else', () => {
    const lookalike = Object.assign(new Error('x'), { status: 400 });
    for (const e of [unavailable('x'), new HttpError(500, 'X', 'x'), lookalike, new Error('x'), undefined, 'x'])
      expect(isRefusal(e)).toBe(false);
  });
});
