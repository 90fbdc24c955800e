/**
 * Great-circle distance between town centres (乡镇（街道）驻地), for the match explanation ("距户籍地 12 公里").
 * Pure: the coordinates come with the facts (the synthetic city's township centres, packages/synth
 * townshipCentres(); real deployments load the 民政 区划驻地 coordinates into the same shape).
 */
export interface GeoPoint {
  /** Latitude, degrees north. */
  lat: number;
  /** Longitude, degrees east. */
  lon: number;
}

const EARTH_RADIUS_KM = 6371.0088; // IUGG mean radius

function validPoint(p: GeoPoint): boolean {
  return Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180;
}

/** Haversine distance in kilometres; null when a point is missing or not a valid coordinate. */
export function haversineKm(a: GeoPoint | null | undefined, b: GeoPoint | null | undefined): number | null {
  if (!a || !b || !validPoint(a) || !validPoint(b)) return null;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The Chinese tag of a distance: "距户籍地 12 公里" (under 1 km: "距户籍地不到 1 公里"). */
export function distanceKmTag(km: number, from = '户籍地'): string {
  if (km < 1) return `距${from}不到 1 公里`;
  return `距${from} ${Math.round(km).toLocaleString('en-US')} 公里`;
}
