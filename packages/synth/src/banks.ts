/**
 * Bank cards and mobile numbers that look real. The BINs below are prefixes we believe the
 * named banks use for UnionPay debit cards (from memory — "real-looking", not checked against
 * UnionPay's BIN table); the card lengths are the usual ones for those products. Weights are
 * ASSUMED (wage cards of migrant workers: 农业银行, 邮储, 工商, 建设 and the provincial rural
 * credit cooperatives dominate).
 */
import { luhnValid } from '@mwsp/domain';
import { Rng, WeightedTable } from './random.js';

interface CardProduct {
  bank: string;
  bin: string;
  length: number;
}

const NATIONAL: ReadonlyArray<readonly [CardProduct, number]> = [
  [{ bank: '中国农业银行', bin: '622848', length: 19 }, 14],
  [{ bank: '中国农业银行', bin: '622845', length: 19 }, 6],
  [{ bank: '中国邮政储蓄银行', bin: '621799', length: 19 }, 10],
  [{ bank: '中国邮政储蓄银行', bin: '622188', length: 19 }, 6],
  [{ bank: '中国工商银行', bin: '622202', length: 19 }, 10],
  [{ bank: '中国工商银行', bin: '621226', length: 19 }, 6],
  [{ bank: '中国建设银行', bin: '621700', length: 19 }, 9],
  [{ bank: '中国建设银行', bin: '622700', length: 19 }, 5],
  [{ bank: '中国银行', bin: '621785', length: 19 }, 4],
  [{ bank: '中国银行', bin: '621661', length: 19 }, 3],
  [{ bank: '交通银行', bin: '622260', length: 19 }, 3],
  [{ bank: '招商银行', bin: '622588', length: 16 }, 1.5],
  [{ bank: '招商银行', bin: '621483', length: 16 }, 1],
  [{ bank: '中国民生银行', bin: '622622', length: 16 }, 1],
  [{ bank: '兴业银行', bin: '622909', length: 18 }, 1],
];

/** Provincial rural credit cooperatives / local banks (BINs ASSUMED), by province code. */
const LOCAL: Readonly<Record<string, ReadonlyArray<readonly [CardProduct, number]>>> = {
  '53': [
    [{ bank: '云南省农村信用社', bin: '622369', length: 19 }, 10],
    [{ bank: '富滇银行', bin: '623093', length: 19 }, 3],
  ],
  '65': [
    [{ bank: '新疆维吾尔自治区农村信用社', bin: '622936', length: 19 }, 10],
    [{ bank: '新疆银行', bin: '623659', length: 19 }, 2],
  ],
};
const DEFAULT_LOCAL: ReadonlyArray<readonly [CardProduct, number]> = [
  [{ bank: '农村商业银行', bin: '623190', length: 19 }, 10],
];

export class BankCards {
  private readonly table: WeightedTable<CardProduct>;

  constructor(provinceCode: string) {
    this.table = new WeightedTable([...NATIONAL, ...(LOCAL[provinceCode] ?? DEFAULT_LOCAL)]);
  }

  /** A card number; `breakLuhn` gives a wrong check digit on purpose. */
  draw(rng: Rng, breakLuhn: boolean): { bankCard: string; bankName: string } {
    const p = this.table.draw(rng);
    const body = p.bin + rng.digits(p.length - p.bin.length - 1);
    const check = luhnCheckDigit(body);
    const digit = breakLuhn ? (check + 1 + rng.int(9)) % 10 : check;
    return { bankCard: body + digit, bankName: p.bank };
  }
}

/** The Luhn check digit for a string of digits. */
export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Self-check used by the tests: the computed digit always satisfies the domain's Luhn check. */
export function luhnCheckDigitAgrees(body: string): boolean {
  return luhnValid(body + luhnCheckDigit(body));
}

/** Mainland mobile prefixes of China Mobile, Unicom, Telecom and Broadnet in use. */
const MOBILE_PREFIXES = [
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '147',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '172',
  '178',
  '182',
  '183',
  '184',
  '187',
  '188',
  '195',
  '197',
  '198',
  '130',
  '131',
  '132',
  '145',
  '155',
  '156',
  '166',
  '175',
  '176',
  '185',
  '186',
  '196',
  '133',
  '149',
  '153',
  '173',
  '177',
  '180',
  '181',
  '189',
  '190',
  '191',
  '193',
  '199',
  '192',
];

export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}
