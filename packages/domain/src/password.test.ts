import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  characterClasses,
  checkPasswordPolicy,
  isWeakPassword,
  PASSWORD_MESSAGES,
  PASSWORD_POLICY_TEXT,
} from './password.js';
import { WEAK_BASE_WORDS, WEAK_PASSWORDS } from './weakPasswords.js';

const ctx = { username: 'zhangsan', personalValues: ['13812341234', '11010519491231002X'] };
const check = (p: string) => checkPasswordPolicy(p, ctx);

describe('checkPasswordPolicy', () => {
  it('accepts strong passwords', () => {
    for (const p of ['Kx83!92@74#1', 'Xq7#Lm9$Pw2!', 'correct-Horse-battery-9', '滇池Blue-Sky-4712', 'Tr0ub4dor&3x']) {
      expect(check(p), p).toEqual([]);
    }
  });

  it('enforces length, counting code points', () => {
    expect(check('Kx8!92@74#1')).toContain(PASSWORD_MESSAGES.tooShort);
    expect(check('Kx8!9𠈌𠈌𠈌𠈌𠈌𠈌𠈌')).toEqual([]); // 12 code points, 19 UTF-16 units
    expect(check('Kx8!9𠈌𠈌𠈌𠈌𠈌𠈌')).toContain(PASSWORD_MESSAGES.tooShort);
    expect(check('Kx83!92@74#1'.repeat(11))).toContain(PASSWORD_MESSAGES.tooLong);
  });

  it('requires three of four character classes', () => {
    expect(characterClasses('abcDEF123')).toBe(3);
    expect(characterClasses('中文abc')).toBe(2);
    expect(check('kx83!92@74#1')).toEqual([]);
    expect(check('kx83x92g74r1')).toContain(PASSWORD_MESSAGES.classes);
    expect(check('KXQMBVLPRTWN')).toContain(PASSWORD_MESSAGES.classes);
  });

  it('refuses the username in any case', () => {
    expect(check('ZhangSan#2024x')).toContain(PASSWORD_MESSAGES.username);
    expect(checkPasswordPolicy('Kx83!92@74#1', { username: 'li' })).toEqual([]); // too short to check
  });

  it('refuses personal values, and the birth date and tail of an ID number', () => {
    expect(check('Ab#13812341234')).toContain(PASSWORD_MESSAGES.personal);
    expect(check('Ab#19491231Zz')).toContain(PASSWORD_MESSAGES.personal);
    expect(check('Ab#31002xQwZz')).toContain(PASSWORD_MESSAGES.personal);
    expect(checkPasswordPolicy('Kx83!92@74#1', { username: 'u', personalValues: [null, undefined, '', '83'] })).toEqual(
      [],
    );
  });

  it.each([
    'Password2024!',
    'P@ssw0rd1234',
    'Passw0rd!@#$',
    'Aa123456789!',
    'Admin@123456',
    'Abcd@1234567',
    'Zhangwei@123',
    'WangFang1990!',
    'Kunming@2024',
    'Woaini1314!!',
    'woaini1314@A',
    'Qwertyuiop12',
    'Qwertyuiop[]1',
    '1qaz@WSX3edc',
    '1Qaz2wsx!@#$',
    'Asdfghjkl123!',
    'Ab123456789!',
    'Aa1!Aa1!Aa1!',
    'Abcdefghijk1!',
    'Huawei@12345',
    'Renshe12333!',
  ])('refuses the weak password %j', (p) => {
    expect(check(p)).toContain(PASSWORD_MESSAGES.weak);
  });

  it('ships a few hundred weak entries, all lower case', () => {
    expect(WEAK_PASSWORDS.size + WEAK_BASE_WORDS.size).toBeGreaterThan(400);
    for (const w of [...WEAK_PASSWORDS, ...WEAK_BASE_WORDS]) expect(w).toBe(w.toLowerCase());
    for (const w of ['password', '123456789012', 'qwertyuiop', 'woaini1314', 'aa123456789!'])
      expect(WEAK_PASSWORDS.has(w)).toBe(true);
    expect(WEAK_BASE_WORDS.has('zhangwei')).toBe(true);
  });

  it('property: deterministic and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (p, u) => {
        const a = checkPasswordPolicy(p, { username: u, personalValues: [u] });
        expect(checkPasswordPolicy(p, { username: u, personalValues: [u] })).toEqual(a);
        expect(new Set(a).size).toBe(a.length);
        expect(isWeakPassword(p)).toBe(isWeakPassword(p));
      }),
    );
  });

  it('property: weak base words stay weak whatever digits and symbols follow', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...WEAK_BASE_WORDS),
        fc.string({ unit: fc.constantFrom(...'0123456789!@#$%.'), maxLength: 8 }),
        (w, tail) => {
          expect(isWeakPassword(w[0].toUpperCase() + w.slice(1) + tail)).toBe(true);
        },
      ),
    );
  });

  it('has a Chinese description', () => {
    expect(PASSWORD_POLICY_TEXT).toContain('12');
    expect(PASSWORD_POLICY_TEXT).toContain('至少3类');
  });
});
