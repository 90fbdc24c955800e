/**
 * Ethnicity of a worker from the place of origin (GB 3304 codes). Approximate population shares
 * by province and for the two pilot prefectures — general knowledge of the 2020 census, rounded,
 * not a cited table (ASSUMED) — plus a boost for the groups an autonomous county is named after
 * ('禄劝彝族苗族自治县' → 彝, 苗); autonomous prefectures are covered by the province mixes.
 */
import { HAN_ETHNICITY_CODE } from '@mwsp/domain';
import type { CityGeography } from './geo.js';
import { Rng, WeightedTable } from './random.js';

type Mix = Readonly<Record<string, number>>;

/** Minority shares (%) by province; 汉族 is the remainder. */
const PROVINCE_MINORITIES: Readonly<Record<string, Mix>> = {
  '53': {
    '07': 11,
    '16': 3.5,
    '14': 3.4,
    '18': 2.7,
    '08': 2.6,
    '06': 2.6,
    '03': 1.5,
    '20': 1.5,
    '24': 1,
    '21': 0.9,
    '27': 0.6,
    '13': 0.5,
    '04': 0.3,
    '28': 0.3,
    '34': 0.25,
    '40': 0.09,
    '39': 0.09,
    '42': 0.07,
    '56': 0.05,
    '46': 0.05,
    '51': 0.01,
  },
  '65': {
    '05': 45,
    '17': 6.5,
    '03': 4,
    '29': 0.8,
    '02': 0.7,
    '38': 0.2,
    '41': 0.2,
    '43': 0.05,
    '44': 0.05,
    '50': 0.02,
  },
  '45': { '08': 31, '13': 3.2, '06': 1, '12': 0.6, '32': 0.4, '36': 0.15, '49': 0.05 },
  '52': { '06': 12, '09': 7, '12': 4.5, '15': 4, '07': 2.4, '03': 0.5, '25': 1, '37': 1.4, '13': 1 },
  '51': { '07': 3.3, '04': 1.8, '33': 0.4, '06': 0.2, '03': 0.1 },
  '50': { '15': 4.5, '06': 1.6 },
  '43': { '15': 4, '06': 3, '12': 1.3, '13': 1.1, '03': 0.1 },
  '42': { '15': 3.5, '06': 0.4, '12': 0.1 },
  '62': { '03': 5, '04': 2, '26': 2.3, '48': 0.06, '47': 0.09, '30': 0.1 },
  '63': { '04': 25, '03': 15, '30': 3.5, '35': 1.9, '02': 1.7 },
  '64': { '03': 36 },
  '54': { '04': 86, '54': 0.3, '55': 0.1 },
  '15': { '02': 17, '11': 2, '03': 0.9, '31': 0.3, '45': 0.1 },
  '21': { '11': 12, '02': 1.6, '03': 0.6, '10': 0.5, '38': 0.3 },
  '22': { '10': 3.5, '11': 3.5, '03': 0.4, '02': 0.4 },
  '23': { '11': 2.5, '10': 0.8, '02': 0.4, '03': 0.3, '31': 0.1, '53': 0.01, '52': 0.01 },
  '13': { '11': 3, '03': 0.8, '02': 0.3 },
  '11': { '11': 1.5, '03': 1.2, '02': 0.3, '10': 0.2 },
  '41': { '03': 1, '11': 0.1, '02': 0.1 },
  '37': { '03': 0.5 },
  '34': { '03': 0.5 },
  '61': { '03': 0.4 },
  '35': { '22': 1, '03': 0.3 },
  '33': { '22': 0.4, '15': 0.2, '06': 0.2 },
  '46': { '19': 16, '06': 0.7 },
};
/** Prefecture-level overrides: 昆明市 (5301) and 阿勒泰地区 (6543), 塔城地区 (6542). */
const CITY_MINORITIES: Readonly<Record<string, Mix>> = {
  '5301': {
    '07': 5.6,
    '03': 2.6,
    '14': 1.4,
    '06': 1.0,
    '16': 0.6,
    '20': 0.5,
    '08': 0.4,
    '18': 0.3,
    '27': 0.2,
    '04': 0.1,
  },
  '6543': { '17': 51, '03': 4, '05': 2, '02': 2, '44': 0.3, '29': 0.3, '50': 0.2, '38': 0.2, '43': 0.1, '11': 0.1 },
  '6542': { '17': 24, '03': 8, '05': 4, '02': 4, '38': 0.5, '29': 0.5, '44': 0.3, '50': 0.3 },
};
/** Probability that a person from an autonomous county/prefecture belongs to one of the named groups (ASSUMED). */
const AUTONOMOUS_BOOST = 0.25;

function table(minorities: Mix): WeightedTable<string> {
  const total = Object.values(minorities).reduce((s, v) => s + v, 0);
  return new WeightedTable([[HAN_ETHNICITY_CODE, Math.max(0, 100 - total)], ...Object.entries(minorities)]);
}

export class EthnicityModel {
  private readonly byProvince = new Map<string, WeightedTable<string>>();
  private readonly byCity = new Map<string, WeightedTable<string>>();
  private readonly hanOnly = table({});

  constructor(private readonly geo: CityGeography) {
    for (const [p, mix] of Object.entries(PROVINCE_MINORITIES)) this.byProvince.set(p, table(mix));
    for (const [c, mix] of Object.entries(CITY_MINORITIES)) this.byCity.set(c, table(mix));
  }

  /** Ethnicity of someone whose hukou is in `countyCode`. */
  draw(rng: Rng, countyCode: string): string {
    const named = this.geo.namedGroups(countyCode);
    if (named && rng.chance(AUTONOMOUS_BOOST)) return rng.pick(named);
    const t = this.byCity.get(countyCode.slice(0, 4)) ?? this.byProvince.get(countyCode.slice(0, 2)) ?? this.hanOnly;
    return t.draw(rng);
  }
}
