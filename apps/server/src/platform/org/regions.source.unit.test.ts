import { describe, expect, it } from 'vitest';
import { cityName, readRegions, type RegionRow } from './regions.source.js';

async function load(cityCode: string, batchSize?: number) {
  const started = performance.now();
  const rows: RegionRow[] = [];
  const sizes: number[] = [];
  for await (const batch of readRegions(cityCode, batchSize)) {
    sizes.push(batch.length);
    rows.push(...batch);
  }
  console.log(
    `readRegions('${cityCode}'): ${rows.length} rows in ${sizes.length} batches, ` +
      `${Math.round(performance.now() - started)} ms`,
  );
  return { rows, sizes };
}

const countByLevel = (rows: RegionRow[]) =>
  rows.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.level]: (acc[r.level] ?? 0) + 1 }), {});

describe('readRegions', () => {
  it('昆明市 5301: all of China to county level, Kunming’s townships and villages', async () => {
    const { rows, sizes } = await load('5301');
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const levels = countByLevel(rows);
    expect(levels[1]).toBe(31);
    expect(levels[2]).toBeGreaterThan(330);
    expect(levels[3]).toBeGreaterThan(2800);
    expect(levels[4]).toBe(150);
    expect(levels[5]).toBe(1738);

    const counties = rows.filter((r) => r.parentCode === '5301');
    expect(counties).toHaveLength(14);
    expect(byCode.get('530102')).toEqual({ code: '530102', name: '五华区', level: 3, parentCode: '5301' });
    expect(counties.map((c) => c.name)).toEqual(expect.arrayContaining(['安宁市', '呈贡区', '寻甸回族彝族自治县']));
    expect(byCode.get('5301')).toEqual({ code: '5301', name: '昆明市', level: 2, parentCode: '53' });
    expect(byCode.get('53')).toEqual({ code: '53', name: '云南省', level: 1, parentCode: null });
    expect(byCode.get('1101')).toMatchObject({ name: '市辖区', parentCode: '11' }); // placeholders kept
    expect(byCode.get('654301')).toMatchObject({ name: '阿勒泰市', level: 3 }); // other cities' counties too

    // Only Kunming below county level; codes nest; every parent precedes its children.
    const seen = new Set<string>();
    for (const r of rows) {
      expect(r.code).toHaveLength([0, 2, 4, 6, 9, 12][r.level]);
      if (r.level >= 4) expect(r.code.startsWith('5301')).toBe(true);
      if (r.parentCode !== null) {
        expect(r.code.startsWith(r.parentCode)).toBe(true);
        expect(seen.has(r.parentCode), r.code).toBe(true);
      }
      seen.add(r.code);
    }
    expect(seen.size).toBe(rows.length);
    expect(sizes.slice(0, -1).every((n) => n === 2000)).toBe(true);
  });

  it('阿勒泰地区 6543', async () => {
    const { rows } = await load('6543', 500);
    const levels = countByLevel(rows);
    expect(rows.filter((r) => r.parentCode === '6543').map((r) => r.name)).toEqual([
      '阿勒泰市',
      '布尔津县',
      '富蕴县',
      '福海县',
      '哈巴河县',
      '青河县',
      '吉木乃县',
    ]);
    expect(levels[4]).toBe(70);
    expect(levels[5]).toBe(595);
    expect(rows.filter((r) => r.level >= 4).every((r) => r.code.startsWith('6543'))).toBe(true);
  });

  it('can be stopped early, in the middle of villages.csv', async () => {
    for await (const batch of readRegions('5301', 4000)) {
      expect(batch.at(-1)!.level).toBe(5);
      break;
    }
  });

  it('refuses unknown city codes', async () => {
    await expect(readRegions('9999').next()).rejects.toThrow('未知的城市代码');
    await expect(readRegions('530102').next()).rejects.toThrow('未知的城市代码');
  });
});

describe('cityName', () => {
  it('names cities, and municipalities by their province', () => {
    expect(cityName('5301')).toBe('昆明市');
    expect(cityName('6543')).toBe('阿勒泰地区');
    expect(cityName('1101')).toBe('北京市');
    expect(cityName('5002')).toBe('重庆市');
    expect(cityName('9999')).toBeNull();
    expect(cityName('53')).toBeNull();
  });
});
