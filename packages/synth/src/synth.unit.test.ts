// The synthetic city: marginals against the NBS targets, validity of every generated identifier,
// determinism (the worker import CSV: tools/bench/workers-csv.unit.test.ts). Run for 昆明市 (5301) and 阿勒泰地区 (6543).
import {
  ageOn,
  checkCreditCode,
  EDUCATION_BY_CODE,
  ETHNICITY_BY_CODE,
  luhnValid,
  OCCUPATION_BY_CODE,
  parseBankCard,
  parseIdNumber,
  parseMobile,
} from '@mwsp/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRegions, type RegionRow } from '../../../apps/server/src/platform/org/regions.source.js';
import { luhnCheckDigit, luhnCheckDigitAgrees } from './banks.js';
import { orgCodeCheckChar } from './employers.js';
import { shortName } from './geo.js';
import { DEFAULT_AS_OF, generateCity, incomeChecks, marginals, Rng, summarize, WeightedTable } from './index.js';
import type { SynthEmployer, SynthRecord, SynthWorker } from './types.js';

const WORKERS = 20_000;
const SEED = 20240430;
const TOLERANCE_PP = 1.5;

async function loadRegions(cityCode: string): Promise<RegionRow[]> {
  const rows: RegionRow[] = [];
  for await (const batch of readRegions(cityCode)) rows.push(...batch);
  return rows;
}

const pct = (x: number) => (x * 100).toFixed(2).padStart(6) + '%';

describe('random', () => {
  it('is deterministic per seed and stream, and roughly uniform', () => {
    const a = new Rng(1, 'x');
    const b = new Rng(1, 'x');
    const c = new Rng(1, 'y');
    const sa = Array.from({ length: 50 }, () => a.nextUint32());
    expect(Array.from({ length: 50 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 50 }, () => c.nextUint32())).not.toEqual(sa);
    const r = new Rng(7);
    const buckets = new Array(10).fill(0);
    let sum = 0;
    let outOfRange = 0;
    for (let i = 0; i < 100_000; i++) {
      const f = r.float();
      if (!(f >= 0 && f < 1)) outOfRange++;
      buckets[Math.floor(f * 10)]++;
      sum += r.normal();
    }
    expect(outOfRange).toBe(0);
    for (const n of buckets) expect(Math.abs(n - 10_000)).toBeLessThan(500);
    expect(Math.abs(sum / 100_000)).toBeLessThan(0.02);
    expect(r.digits(19)).toMatch(/^\d{19}$/);
  });

  it('WeightedTable draws in proportion and never draws a zero weight', () => {
    const t = new WeightedTable([
      ['a', 1],
      ['b', 3],
      ['z', 0],
      ['c', 6],
    ] as const);
    const r = new Rng(3);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, z: 0 };
    for (let i = 0; i < 100_000; i++) counts[t.draw(r)]++;
    expect(counts.z).toBe(0);
    expect(Math.abs(counts.a / 100_000 - 0.1)).toBeLessThan(0.01);
    expect(Math.abs(counts.b / 100_000 - 0.3)).toBeLessThan(0.01);
    expect(() => new WeightedTable([['a', 0]])).toThrow();
  });

  it('check characters agree with the domain validators', () => {
    const r = new Rng(11);
    for (let i = 0; i < 500; i++) {
      const body = '62' + r.digits(r.range(14, 16));
      expect(luhnCheckDigitAgrees(body)).toBe(true);
      expect(luhnValid(body + luhnCheckDigit(body))).toBe(true);
    }
    expect(orgCodeCheckChar('M000100Y')).toBe('4'); // GB 32100 example 91350100M000100Y43
    expect(orgCodeCheckChar('63159284')).toBe('X'); // 9131000063159284XQ
    expect(shortName('昆明市')).toBe('昆明');
    expect(shortName('阿勒泰地区')).toBe('阿勒泰');
    expect(shortName('新疆维吾尔自治区')).toBe('新疆');
    expect(shortName('伊犁哈萨克自治州')).toBe('伊犁');
    expect(shortName('楚雄彝族自治州')).toBe('楚雄');
  });
});

for (const cityCode of ['5301', '6543']) {
  describe(`generateCity('${cityCode}')`, () => {
    let regions: RegionRow[];
    let records: SynthRecord[];
    let employers: SynthEmployer[];
    let workers: SynthWorker[];

    beforeAll(async () => {
      regions = await loadRegions(cityCode);
      const started = performance.now();
      records = [...generateCity({ cityCode, workers: WORKERS, seed: SEED, regions })];
      const ms = performance.now() - started;
      employers = records.filter((r): r is SynthEmployer => r.kind === 'employer');
      workers = records.filter((r): r is SynthWorker => r.kind === 'worker');
      console.log(
        `generateCity('${cityCode}'): ${employers.length} employers + ${workers.length} workers ` +
          `in ${Math.round(ms)} ms`,
      );
    }, 60_000);

    it('employers first, then the workers; about one employer per 25 workers', () => {
      const firstWorker = records.findIndex((r) => r.kind === 'worker');
      expect(records.slice(firstWorker).every((r) => r.kind === 'worker')).toBe(true);
      expect(workers).toHaveLength(WORKERS);
      expect(Math.abs(employers.length - WORKERS / 25)).toBeLessThan(WORKERS / 25 / 10);
    });

    it(`reproduces the NBS marginals within ±${TOLERANCE_PP} pp`, () => {
      const districts = new Set(
        regions.filter((r) => r.level === 3 && r.parentCode === cityCode && r.name.endsWith('区')).map((r) => r.code),
      );
      const s = summarize(records, districts);
      const rows = marginals(s);
      const incomes = incomeChecks(s);
      const w = s.workers;
      console.log(
        [
          `marginals ${cityCode} (${w.count} workers, seed ${SEED}):            target   actual   diff`,
          ...rows.map(
            (m) =>
              `  ${m.name.padEnd(18, '　')} ${pct(m.target)} ${pct(m.actual)} ` +
              `${m.diffPp >= 0 ? '+' : ''}${m.diffPp.toFixed(2)} pp`,
          ),
          ...incomes.map(
            (m) =>
              `  ${m.name.padEnd(18, '　')} ${m.target.toFixed(0).padStart(7)} ${m.actual.toFixed(0).padStart(8)} ` +
              `${m.diffPp >= 0 ? '+' : ''}${m.diffPp.toFixed(2)} %`,
          ),
          `  mean age ${w.meanAge.toFixed(1)} (local ${w.meanAgeLocal.toFixed(1)}, out ${w.meanAgeOut.toFixed(1)}); ` +
            `female local ${pct(w.femaleShareLocal)}, out ${pct(w.femaleShareOut)}`,
          `  income local ${w.meanIncomeLocal.toFixed(0)}, out ${w.meanIncomeOut.toFixed(0)}; ` +
            `any-scheme medical ${pct(w.insuranceAny.medical)}, pension ${pct(w.insuranceAny.pension)}`,
          `  ethnicity ${w.ethnicity
            .slice(0, 6)
            .map(([c, v]) => `${ETHNICITY_BY_CODE.get(c)?.name} ${pct(v)}`)
            .join(', ')}; ·names ${pct(w.dotNameShare)}, rare chars ${pct(w.rareCharNameShare)}`,
          `  随迁子女 ${pct(w.accompanyingChildrenShare)}, 留守 ${pct(w.leftBehindShare)}, ` +
            `skills ${pct(w.withSkillsShare)}, certificates ${pct(w.withCertificateShare)}, ` +
            `cards ${pct(w.bankCardShare)} (Luhn fail ${pct(w.luhnFailShareOfCards)})`,
          `  residence: urban districts ${pct(w.residenceDistrictShare)}, ` +
            `社区/居委会 ${pct(w.residenceUrbanCommunityShare)}`,
          `  employers ${s.employers.count}: invalid credit code ${pct(s.employers.invalidCreditCodeShare)}, ` +
            `个体 ${pct(s.employers.individualBusinessShare)}`,
        ].join('\n'),
      );
      for (const m of rows)
        expect(Math.abs(m.diffPp), `${m.name}: target ${m.target}, actual ${m.actual}`).toBeLessThanOrEqual(
          TOLERANCE_PP,
        );
      expect(Math.abs(incomes[0].diffPp), 'overall mean income').toBeLessThan(2);
      for (const m of incomes.slice(1)) expect(Math.abs(m.diffPp), m.name).toBeLessThan(5);
      // Employers' industries follow the workers' shares.
      for (const m of ['C', 'E', 'F', 'G', 'H', 'O'] as const)
        expect(Math.abs(s.employers.industry[m] - w.industry[m])).toBeLessThan(0.015);
      if (cityCode === '5301') expect(w.residenceDistrictShare).toBeGreaterThan(0.5); // 7 of 14 counties are districts
      expect(w.minAge).toBeGreaterThanOrEqual(16);
      expect(w.maxAge).toBeLessThanOrEqual(65);
      expect(w.rareCharNameShare).toBeGreaterThan(0);
      expect(w.rareCharNameShare).toBeLessThan(0.005);
      expect(w.luhnFailShareOfCards).toBeGreaterThan(0);
      expect(w.luhnFailShareOfCards).toBeLessThan(0.015);
      const han = w.ethnicity.find(([c]) => c === '01')![1];
      if (cityCode === '6543') {
        expect(w.ethnicity.find(([c]) => c === '17')![1]).toBeGreaterThan(0.15); // 哈萨克族
        expect(w.ethnicity.find(([c]) => c === '05')![1]).toBeGreaterThan(0.03); // 维吾尔族
        expect(w.dotNameShare).toBeGreaterThan(0.15);
        expect(han).toBeGreaterThan(0.35);
      } else {
        expect(han).toBeGreaterThan(0.65);
        expect(han).toBeLessThan(0.95);
        for (const c of ['07', '14', '16', '18', '03', '06'])
          expect(
            w.ethnicity.some(([e]) => e === c),
            ETHNICITY_BY_CODE.get(c)!.name,
          ).toBe(true);
      }
    });

    it('every ID number is valid, unique, from a real county, with sex and birth date as recorded, age 16–65', () => {
      const counties = new Set(regions.filter((r) => r.level === 3).map((r) => r.code));
      const ids = new Set<string>();
      const errors: string[] = [];
      const check = (ok: boolean, what: string) => ok || errors.length >= 20 || errors.push(what);
      for (const w of workers) {
        const p = parseIdNumber(w.idNumber, { today: DEFAULT_AS_OF });
        if (!p.ok) {
          check(false, `${w.idNumber}: ${p.message}`);
          continue;
        }
        check(p.value === w.idNumber, `${w.idNumber} normalised`);
        check(p.sex === w.sex, `${w.idNumber} sex`);
        check(p.birthDate === w.birthDate, `${w.idNumber} birth date`);
        check(p.regionCode === w.hukouRegionCode, `${w.idNumber} region`);
        check(ageOn(w.birthDate, DEFAULT_AS_OF) === w.age, `${w.idNumber} age`);
        check(w.age >= 16 && w.age <= 65, `${w.idNumber} age ${w.age}`);
        check(parseIdNumber(w.idNumber).ok, `${w.idNumber} today`);
        check(counties.has(w.hukouRegionCode), `${w.hukouRegionCode} is not a county`);
        ids.add(w.idNumber);
      }
      expect(errors).toEqual([]);
      expect(ids.size).toBe(workers.length);
    }, 30_000);

    it('credit codes: valid check character except the deliberately broken ~1%; unique codes and names', () => {
      const broken = employers.filter((e) => !e.creditCodeValid);
      for (const e of employers) {
        const c = checkCreditCode(e.creditCode);
        expect(c.ok, e.creditCode).toBe(true);
        if (c.ok) expect(c.checkDigitValid, e.creditCode).toBe(e.creditCodeValid);
        expect(e.creditCode.slice(2, 8)).toBe(e.regionCode.slice(0, 6));
        expect(e.address.length).toBeGreaterThan(10);
        expect(parseMobile(e.contactPhone).ok).toBe(true);
      }
      expect(broken.length).toBeGreaterThan(0);
      expect(broken.length / employers.length).toBeLessThan(0.03);
      expect(new Set(employers.map((e) => e.creditCode)).size).toBe(employers.length);
      expect(new Set(employers.map((e) => e.name)).size).toBe(employers.length);
    });

    it('residences are villages of the city; origins agree with migrant type; employers and codes exist', () => {
      const villages = new Set(regions.filter((r) => r.level === 5).map((r) => r.code));
      const townships = new Set(regions.filter((r) => r.level === 4).map((r) => r.code));
      const byKey = new Map(employers.map((e) => [e.key, e]));
      for (const e of employers) expect(townships.has(e.regionCode)).toBe(true);
      const errors: string[] = [];
      const check = (ok: boolean, what: string) => ok || errors.length >= 20 || errors.push(what);
      const types = ['pension', 'medical', 'injury', 'unemployment', 'maternity'].join();
      for (const w of workers) {
        const k = w.key;
        check(
          villages.has(w.residenceRegionCode) && w.residenceRegionCode.startsWith(cityCode),
          `${k} residence ${w.residenceRegionCode}`,
        );
        check(
          (w.migrantType === 'local') === (w.hukouRegionCode === w.residenceRegionCode.slice(0, 6)),
          `${k} migrant type`,
        );
        check(w.crossProvince === (w.hukouRegionCode.slice(0, 2) !== cityCode.slice(0, 2)), `${k} cross-province`);
        check(byKey.get(w.employment.employerKey)?.industry === w.industry, `${k} employer/industry`);
        check(OCCUPATION_BY_CODE.has(w.employment.occupationCode), `${k} occupation ${w.employment.occupationCode}`);
        check(
          w.skills.every((s) => OCCUPATION_BY_CODE.has(s.occupationCode)),
          `${k} skills`,
        );
        check(ETHNICITY_BY_CODE.has(w.ethnicity) && EDUCATION_BY_CODE.has(w.education), `${k} codes`);
        check(parseMobile(w.phone).ok && parseMobile(w.emergencyContact.phone).ok, `${k} phones`);
        check(
          Number.isSafeInteger(w.employment.wageFen) &&
            w.employment.wageFen > 0 &&
            Number.isSafeInteger(w.monthlyIncomeFen),
          `${k} money`,
        );
        check(
          w.employment.startDate <= DEFAULT_AS_OF && ageOn(w.birthDate, w.employment.startDate) >= 16,
          `${k} start ${w.employment.startDate}`,
        );
        check(w.employment.contractSigned === (w.employment.contractType !== 'none'), `${k} contract`);
        check(!w.employment.dispatch || w.employment.contractSigned, `${k} dispatch`);
        if (w.bankCard !== null) {
          check(
            parseBankCard(w.bankCard).ok && w.bankCard.length >= 16 && w.bankCard.length <= 19,
            `${k} card ${w.bankCard}`,
          );
          check(luhnValid(w.bankCard) === w.bankCardLuhnOk, `${k} Luhn flag`);
        }
        check(
          w.accompanyingChildren.every((c) => c.birthYear - Number(w.birthDate.slice(0, 4)) >= 18),
          `${k} child age`,
        );
        check(w.insurance.map((i) => i.type).join() === types, `${k} insurance types`);
      }
      expect(errors).toEqual([]);
    }, 30_000);

    it('is deterministic: same seed → same records; another seed → others', () => {
      const first = (seed: number) => {
        const out: SynthRecord[] = [];
        for (const r of generateCity({ cityCode, workers: 3000, seed, regions })) {
          if (r.kind === 'worker') out.push(r);
          if (out.length === 100) break;
        }
        return out;
      };
      const a = first(SEED);
      expect(a).toHaveLength(100);
      expect(first(SEED)).toEqual(a);
      expect(first(SEED + 1)).not.toEqual(a);
      // The same employers too.
      const emp = (seed: number) =>
        [...generateCity({ cityCode, workers: 500, seed, regions })].filter((r) => r.kind === 'employer');
      expect(emp(SEED)).toEqual(emp(SEED));
    });
  });
}
