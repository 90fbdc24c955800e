import { describe, expect, it } from 'vitest';
import { SessionCache } from './session-cache.js';

describe('SessionCache', () => {
  const entry = (readAt: number, sessionId = 's1', userId = 'u1') => ({ value: 'v', sessionId, userId, readAt });

  it('keeps an entry for less than the TTL from the start of its read (injected clock)', () => {
    let now = 1000;
    const c = new SessionCache<string>(() => now, 1500);
    expect(c.set('t', c.generation(), entry(now))).toBe(true);
    now += 1499;
    expect(c.get('t')?.value).toBe('v');
    now += 1;
    expect(c.get('t')).toBeUndefined();
  });

  it('refuses a fill whose read began before an invalidation, whatever it names', () => {
    const c = new SessionCache<string>(() => 0, 1500);
    const generation = c.generation();
    c.invalidate(new Set(['user:somebody-else']));
    expect(c.set('t', generation, entry(0))).toBe(false);
    expect(c.get('t')).toBeUndefined();
    expect(c.set('t', c.generation(), entry(0))).toBe(true);
  });

  it('drops the entries of a session, of a user, or all', () => {
    const c = new SessionCache<string>(() => 0, 1500);
    const fill = () => {
      c.set('a', c.generation(), entry(0, 's1', 'u1'));
      c.set('b', c.generation(), entry(0, 's2', 'u1'));
      c.set('c', c.generation(), entry(0, 's3', 'u2'));
    };
    fill();
    c.invalidate(new Set(['session:s2']));
    expect([c.get('a'), c.get('b'), c.get('c')].map((e) => !!e)).toEqual([true, false, true]);
    fill();
    c.invalidate(new Set(['user:u1']));
    expect([c.get('a'), c.get('b'), c.get('c')].map((e) => !!e)).toEqual([false, false, true]);
    fill();
    c.invalidate(new Set(['*']));
    expect(c.size).toBe(0);
  });

  it('holds at most maxEntries, dropping the oldest', () => {
    const c = new SessionCache<string>(() => 0, 1500, 2);
    for (const k of ['a', 'b', 'c']) c.set(k, c.generation(), entry(0));
    expect(c.get('a')).toBeUndefined();
    expect(c.size).toBe(2);
  });
});
