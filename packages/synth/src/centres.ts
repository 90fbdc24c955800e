/**
 * Town centres of the synthetic city (乡镇（街道）驻地), deterministic from the region codes: the city's seat (two
 * documented cities; others placed by a hash inside China's mainland box), each county within ~40 km of it, each
 * township within ~12 km of its county seat, villages at their township's centre. ASSUMED geography, for the
 * match explanation's kilometres ("距户籍地 12 公里") — not survey coordinates.
 */
import type { GeoPoint } from '@mwsp/domain';
import { hashString } from './random.js';
import type { RegionInput } from './types.js';

/** Seats of the cities whose documents the platform holds (degrees). */
const CITY_SEATS: Readonly<Record<string, GeoPoint>> = {
  '5301': { lat: 25.0406, lon: 102.7122 }, // 昆明市
  '6501': { lat: 43.8256, lon: 87.6168 }, // 乌鲁木齐市
};

/** A deterministic number in [-1, 1) from a code and a salt. */
function unit(code: string, salt: string): number {
  return (hashString(`${salt}:${code}`) % 2_000_000) / 1_000_000 - 1;
}

const round = (x: number) => Math.round(x * 1e5) / 1e5;

/** The seat of a city (4-digit code). */
export function citySeat(cityCode: string): GeoPoint {
  return (
    CITY_SEATS[cityCode] ?? {
      lat: round(30 + 10 * unit(cityCode, 'lat')), // 20–40° N
      lon: round(110 + 10 * unit(cityCode, 'lon')), // 100–120° E
    }
  );
}

/** The centre of any region code of 4+ digits (city seat, county seat, township centre; a village: its township). */
export function regionCentre(code: string): GeoPoint {
  const city = citySeat(code.slice(0, 4));
  if (code.length < 6) return city;
  // ~0.36° latitude ≈ 40 km; longitude scaled by the latitude
  const cos = Math.cos((city.lat * Math.PI) / 180);
  const county = code.slice(0, 6);
  const c = { lat: city.lat + 0.36 * unit(county, 'lat'), lon: city.lon + (0.36 / cos) * unit(county, 'lon') };
  if (code.length < 9) return { lat: round(c.lat), lon: round(c.lon) };
  const town = code.slice(0, 9);
  return {
    lat: round(c.lat + 0.11 * unit(town, 'lat')),
    lon: round(c.lon + (0.11 / cos) * unit(town, 'lon')),
  };
}

/** The township centres (level 4) of the given regions, code → point, in code order. */
export function townshipCentres(regions: Iterable<RegionInput>): Map<string, GeoPoint> {
  const out = new Map<string, GeoPoint>();
  for (const r of [...regions].filter((x) => x.level === 4).sort((a, b) => (a.code < b.code ? -1 : 1)))
    out.set(r.code, regionCentre(r.code));
  return out;
}
