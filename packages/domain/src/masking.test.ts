import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskBankCard, maskIdNumber, maskName, maskPhone, maskUrlForLog } from './masking.js';

/** Characters of `masked` other than '*' — what the mask reveals. */
const revealed = (masked: string) => [...masked].filter((c) => c !== '*').length;

describe('masking', () => {
  it('masks the documented examples', () => {
    expect(maskIdNumber('110105194912310021')).toBe('110105********0021');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskBankCard('6222021234567890123')).toBe('****0123');
    expect(maskBankCard('6222 0212 3456 7890 123')).toBe('****0123');
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张')).toBe('*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('买买提·艾力')).toBe('买****力');
  });

  it('counts characters outside the BMP as one', () => {
    expect(maskName('𠈌三丰')).toBe('𠈌*丰');
    expect(maskName('张𠈌')).toBe('张*');
    expect(maskName('𠈌𠈌𠈌')).toBe('𠈌*𠈌');
  });

  it('is null and empty safe', () => {
    for (const fn of [maskIdNumber, maskPhone, maskBankCard, maskName]) {
      expect(fn(null)).toBeNull();
      expect(fn(undefined)).toBeNull();
      expect(fn('')).toBe('');
    }
  });

  it('masks short or unexpected values completely', () => {
    expect(maskIdNumber('12345')).toBe('*****');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone('0871-6512345')).toBe('********2345');
    expect(maskBankCard('1234')).toBe('****');
  });

  it('property: never reveals more than it should', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', minLength: 1 }), (s) => {
        const n = [...s.trim()].length;
        expect(revealed(maskIdNumber(s))).toBeLessThanOrEqual(Math.min(10, n));
        expect(revealed(maskPhone(s))).toBeLessThanOrEqual(Math.min(7, n));
        expect(revealed(maskBankCard(s))).toBeLessThanOrEqual(4);
        expect(revealed(maskName(s))).toBeLessThanOrEqual(n <= 1 ? 0 : n === 2 ? 1 : 2);
      }),
    );
  });

  it('property: an 18-character ID keeps its length and shows only 6 + 4', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789X'), minLength: 18, maxLength: 18 }), (id) => {
        const m = maskIdNumber(id);
        expect(m).toHaveLength(18);
        expect(m.slice(6, 14)).toBe('********');
        expect(m.slice(0, 6) + m.slice(14)).toBe(id.slice(0, 6) + id.slice(14));
      }),
    );
  });
});

describe('maskUrlForLog', () => {
  it('hides personal query values and long digit runs, keeps the path and the other filters', () => {
    expect(maskUrlForLog('/api/workers?idNumber=110105194912310021&page=2')).toBe('/api/workers?idNumber=***&page=2');
    expect(maskUrlForLog('/api/workers?q=%E7%8E%8B&phone=13812341234&regionCode=530102')).toBe(
      '/api/workers?q=***&phone=***&regionCode=530102',
    );
    expect(maskUrlForLog('/api/projects?regionCode=530102&x=1101051949-1231-0021')).toBe(
      '/api/projects?regionCode=530102&x=***',
    );
    expect(maskUrlForLog('/api/workers/9d5e1c2a-0000-4000-8000-000000000000')).toBe(
      '/api/workers/9d5e1c2a-0000-4000-8000-000000000000',
    );
    expect(maskUrlForLog('/api/x?q=%E0%A4%A')).toBe('/api/x?q=***');
  });
});
