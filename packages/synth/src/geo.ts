/**
 * The geography of a synthetic city, built from the rows readRegions() yields: which counties
 * workers come from (their own city, the rest of the province, neighbouring provinces), where
 * they live (villages of the city, weighted towards the urban districts) and where employers
 * are registered (townships of the city).
 */
import { ETHNICITIES } from '@mwsp/domain';
import { Rng, WeightedTable } from './random.js';
import type { RegionInput } from './types.js';

export interface County {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
  kind: 'district' | 'city' | 'county';
}

export interface Village {
  code: string;
  name: string;
  townshipCode: string;
  countyCode: string;
  urban: boolean;
}

/**
 * Where a province's cross-province migrant workers come from (province code → weight).
 * Yunnan (53): 四川, 贵州, 重庆, 广西 and the big labour-exporting provinces; Xinjiang (65):
 * 甘肃, 河南, 四川, 陕西, 宁夏, 重庆 … ASSUMED weights (neighbourhood and the known
 * 劳务输出 corridors), not survey figures. Other provinces fall back to NATIONAL_SOURCES.
 */
const NEIGHBOUR_SOURCES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  '53': {
    '51': 30,
    '52': 25,
    '50': 12,
    '45': 10,
    '43': 5,
    '41': 4,
    '42': 3,
    '36': 2,
    '34': 2,
    '62': 2,
    '33': 1,
    '35': 1,
    '54': 1,
    '61': 1,
    '37': 1,
  },
  '65': {
    '62': 28,
    '41': 20,
    '51': 18,
    '61': 6,
    '50': 5,
    '64': 4,
    '34': 3,
    '37': 3,
    '63': 3,
    '43': 2,
    '42': 2,
    '13': 2,
    '32': 2,
    '14': 1,
    '22': 1,
  },
};
/** The main labour-exporting provinces (by 外出 counts in the NBS reports' regional tables; ASSUMED weights). */
const NATIONAL_SOURCES: Readonly<Record<string, number>> = {
  '51': 14,
  '41': 14,
  '34': 11,
  '43': 10,
  '52': 8,
  '36': 8,
  '42': 7,
  '45': 7,
  '50': 5,
  '62': 4,
  '37': 3,
  '13': 3,
  '61': 3,
  '53': 3,
};

/** Names of development zones etc. that carry NBS statistical codes but never appear in ID numbers. */
const NOT_AN_ADDRESS_CODE = /开发区|园区|管理区|示范区|管委会|试验区|工业区|度假区|新城$/;

function countyKind(name: string): County['kind'] {
  if (name.endsWith('区')) return 'district';
  if (name.endsWith('市')) return 'city';
  return 'county';
}

const SUFFIXES = ['特别行政区', '自治区', '自治州', '自治县', '地区', '省', '市', '盟', '州'];
/** Bare names of the minority groups ('哈萨克', '维吾尔' …), longest first. */
const GROUP_NAMES = ETHNICITIES.filter((e) => e.name.endsWith('族') && e.code !== '01')
  .map((e) => e.name.slice(0, -1))
  .sort((a, b) => b.length - a.length);

/**
 * Strip the administrative suffix and, for autonomous areas, the groups' names: '昆明市' → '昆明',
 * '新疆维吾尔自治区' → '新疆', '伊犁哈萨克自治州' → '伊犁', '楚雄彝族自治州' → '楚雄', '阿勒泰地区' → '阿勒泰'.
 */
export function shortName(name: string): string {
  const suffix = SUFFIXES.find((s) => name.endsWith(s) && name.length - s.length >= 2);
  if (!suffix) return name;
  let s = name.slice(0, -suffix.length);
  if (suffix.startsWith('自治')) {
    for (let changed = true; changed;) {
      changed = false;
      for (const g of GROUP_NAMES) {
        for (const tail of [g + '族', g]) {
          if (s.endsWith(tail) && s.length - tail.length >= 2) {
            s = s.slice(0, -tail.length);
            changed = true;
          }
        }
      }
    }
  }
  return s;
}

/** Ethnic groups named in an autonomous area's name ('禄劝彝族苗族自治县' → ['07', '06']). */
function groupsNamedIn(name: string): string[] {
  if (!name.includes('自治')) return [];
  const found: string[] = [];
  for (const e of ETHNICITIES) {
    if (!e.name.endsWith('族') || e.code === '01') continue;
    const bare = e.name.slice(0, -1);
    if (name.includes(e.name) || name.includes(bare + '自治')) found.push(e.code);
  }
  // '土族' is inside '土家族': drop it when 土家 matched.
  return found.includes('15') ? found.filter((c) => c !== '30') : found;
}

export class CityGeography {
  readonly cityCode: string;
  readonly cityName: string;
  readonly provinceCode: string;
  readonly provinceName: string;
  readonly counties: County[];
  readonly villages: Village[];
  readonly villageCodes: Set<string>;
  readonly townshipCodes: Set<string>;
  private readonly names = new Map<string, string>();
  private readonly countiesByProvince = new Map<string, County[]>();
  private readonly countyByCode = new Map<string, County>();
  private readonly ethnicGroupsByCounty = new Map<string, string[]>();
  private readonly originTables = new Map<string, WeightedTable<County>>();
  private readonly crossProvinceTable: WeightedTable<string>;
  private readonly otherCitiesTable: WeightedTable<County> | null;
  private readonly localCountyTable: WeightedTable<County>;
  private readonly urbanCountyTable: WeightedTable<County>;
  private readonly villagesLocal = new Map<string, WeightedTable<Village>>();
  private readonly villagesUrban = new Map<string, WeightedTable<Village>>();
  private readonly townshipsByCounty = new Map<string, WeightedTable<string>>();
  private readonly otherCountiesOfCity = new Map<string, County[]>();

  constructor(cityCode: string, regions: readonly RegionInput[]) {
    this.cityCode = cityCode;
    this.provinceCode = cityCode.slice(0, 2);
    for (const r of regions) this.names.set(r.code, r.name);
    const cityName = this.names.get(cityCode);
    const provinceName = this.names.get(this.provinceCode);
    if (!cityName || !provinceName) throw new Error(`regions do not contain the city ${cityCode}`);
    this.cityName = cityName;
    this.provinceName = provinceName;

    const counties: County[] = [];
    for (const r of regions) {
      if (r.level !== 3 || !/^\d{6}$/.test(r.code) || NOT_AN_ADDRESS_CODE.test(r.name)) continue;
      const seq = Number(r.code.slice(4, 6));
      if (seq >= 71 && seq <= 80) continue; // NBS codes of development zones
      const c: County = {
        code: r.code,
        name: r.name,
        cityCode: r.code.slice(0, 4),
        provinceCode: r.code.slice(0, 2),
        kind: countyKind(r.name),
      };
      counties.push(c);
      this.countyByCode.set(c.code, c);
      let list = this.countiesByProvince.get(c.provinceCode);
      if (!list) this.countiesByProvince.set(c.provinceCode, (list = []));
      list.push(c);
      const groups = groupsNamedIn(r.name); // autonomous counties; prefecture mixes are in ethnicity.ts
      if (groups.length > 0) this.ethnicGroupsByCounty.set(c.code, groups);
    }
    this.counties = counties.filter((c) => c.cityCode === cityCode);
    if (this.counties.length === 0) throw new Error(`no counties for city ${cityCode}`);

    const townshipsByCounty = new Map<string, [string, number][]>();
    for (const r of regions) {
      if (r.level !== 4 || !r.code.startsWith(cityCode)) continue;
      const county = r.code.slice(0, 6);
      const w = r.name.endsWith('街道') || r.name.endsWith('街道办事处') ? 3 : r.name.endsWith('镇') ? 1.5 : 0.7;
      let list = townshipsByCounty.get(county);
      if (!list) townshipsByCounty.set(county, (list = []));
      list.push([r.code, w]);
    }
    this.townshipCodes = new Set([...townshipsByCounty.values()].flat().map(([c]) => c));
    for (const [county, list] of townshipsByCounty) this.townshipsByCounty.set(county, new WeightedTable(list));

    this.villages = [];
    for (const r of regions) {
      if (r.level !== 5 || !r.code.startsWith(cityCode)) continue;
      this.villages.push({
        code: r.code,
        name: r.name,
        townshipCode: r.code.slice(0, 9),
        countyCode: r.code.slice(0, 6),
        urban: /社区|居委会|居民委员会/.test(r.name),
      });
    }
    this.villageCodes = new Set(this.villages.map((v) => v.code));
    const byCounty = new Map<string, Village[]>();
    for (const v of this.villages) {
      let list = byCounty.get(v.countyCode);
      if (!list) byCounty.set(v.countyCode, (list = []));
      list.push(v);
    }
    for (const [county, list] of byCounty) {
      this.villagesLocal.set(county, new WeightedTable(list.map((v) => [v, v.urban ? 1 : 3] as const)));
      this.villagesUrban.set(county, new WeightedTable(list.map((v) => [v, v.urban ? 3 : 1] as const)));
    }
    const withVillages = this.counties.filter((c) => byCounty.has(c.code));
    if (withVillages.length === 0)
      throw new Error(`no villages for city ${cityCode}: readRegions() must include levels 4 and 5`);
    // Local workers live in their home county: rural counties weigh more. Out-migrants live where
    // the jobs are: urban districts weigh more. Bigger counties (more villages) weigh more too.
    const size = (c: County) => Math.sqrt(byCounty.get(c.code)!.length);
    this.localCountyTable = new WeightedTable(
      withVillages.map((c) => [c, size(c) * { district: 1, city: 2, county: 3 }[c.kind]] as const),
    );
    this.urbanCountyTable = new WeightedTable(
      withVillages.map((c) => [c, size(c) * { district: 4, city: 2, county: 1 }[c.kind]] as const),
    );

    const sources = NEIGHBOUR_SOURCES[this.provinceCode] ?? NATIONAL_SOURCES;
    this.crossProvinceTable = new WeightedTable(
      Object.entries(sources).filter(([p]) => p !== this.provinceCode && this.countiesByProvince.has(p)),
    );
    const otherCities = (this.countiesByProvince.get(this.provinceCode) ?? []).filter((c) => c.cityCode !== cityCode);
    this.otherCitiesTable =
      otherCities.length > 0 ? new WeightedTable(otherCities.map((c) => [c, originWeight(c)] as const)) : null;
  }

  name(code: string): string {
    return this.names.get(code) ?? '';
  }

  county(code: string): County | undefined {
    return this.countyByCode.get(code);
  }

  /** Minority groups an autonomous county is named after. */
  namedGroups(countyCode: string): string[] | undefined {
    return this.ethnicGroupsByCounty.get(countyCode);
  }

  /** Home county of a local worker (who also lives there). */
  localCounty(rng: Rng): County {
    return this.localCountyTable.draw(rng);
  }

  /** County where an out-migrant lives. */
  urbanCounty(rng: Rng): County {
    return this.urbanCountyTable.draw(rng);
  }

  village(rng: Rng, countyCode: string, local: boolean): Village {
    const table = (local ? this.villagesLocal : this.villagesUrban).get(countyCode);
    if (!table) throw new Error(`no villages in ${countyCode}`);
    return table.draw(rng);
  }

  /** A township of the city (where an employer is registered), weighted towards 街道 of urban districts. */
  township(rng: Rng): string {
    for (;;) {
      const table = this.townshipsByCounty.get(this.urbanCounty(rng).code);
      if (table) return table.draw(rng);
    }
  }

  /** Origin of an out-migrant living in `residenceCounty`. */
  outOrigin(rng: Rng, residenceCounty: string, crossProvince: boolean, sameCityShare: number): County {
    if (crossProvince) {
      const province = this.crossProvinceTable.draw(rng);
      let table = this.originTables.get(province);
      if (!table)
        this.originTables.set(
          province,
          (table = new WeightedTable(this.countiesByProvince.get(province)!.map((c) => [c, originWeight(c)] as const))),
        );
      return table.draw(rng);
    }
    let sameCity = this.otherCountiesOfCity.get(residenceCounty);
    if (!sameCity)
      this.otherCountiesOfCity.set(
        residenceCounty,
        (sameCity = this.counties.filter((c) => c.code !== residenceCounty)),
      );
    if (sameCity.length > 0 && (this.otherCitiesTable === null || rng.chance(sameCityShare))) return rng.pick(sameCity);
    if (this.otherCitiesTable) return this.otherCitiesTable.draw(rng);
    throw new Error(`no other county in province ${this.provinceCode}`);
  }
}

/** Rural counties send more migrant workers than urban districts. */
function originWeight(c: County): number {
  return { district: 1, city: 1.5, county: 2 }[c.kind];
}
