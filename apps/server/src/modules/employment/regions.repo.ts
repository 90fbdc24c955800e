import { sql } from 'drizzle-orm';
import { all, one, toPgArray, type Executor } from '../../db/client.js';

/** Reads of the platform's region tree and its centres (reference tables any module may read). */

export async function regionExists(tx: Executor, code: string): Promise<boolean> {
  return (await one(tx, sql`select 1 as x from regions where code = ${code}`)) !== undefined;
}

export async function regionNames(tx: Executor, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await all<{ code: string; name: string }>(
    tx,
    sql`select code, name from regions where code = any(${toPgArray([...new Set(codes)])}::text[])`,
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The known centres (乡镇驻地, degrees) of the given regions (the platform's region_centres); others are absent. */
export async function regionCentres(tx: Executor, codes: string[]): Promise<Map<string, { lat: number; lon: number }>> {
  if (codes.length === 0) return new Map();
  const rows = await all<{ code: string; lat: number; lon: number }>(
    tx,
    sql`select code, lat, lon from region_centres where code = any(${toPgArray([...new Set(codes)])}::text[])`,
  );
  return new Map(rows.map((r) => [r.code, { lat: Number(r.lat), lon: Number(r.lon) }]));
}

/**
 * regionNames and regionCentres in one statement (one round trip of a ranking, matching.service.ts): the names of
 * `names`, the centres of `centres`.
 */
export async function regionNamesAndCentres(
  tx: Executor,
  names: string[],
  centres: string[],
): Promise<{ names: Map<string, string>; centres: Map<string, { lat: number; lon: number }> }> {
  const rows = await all<{ centre: boolean; code: string; name: string; lat: number; lon: number }>(
    tx,
    sql`select false as centre, code, name, null::float8 as lat, null::float8 as lon from regions
        where code = any(${toPgArray([...new Set(names)])}::text[])
      union all
      select true, code, null, lat, lon from region_centres
        where code = any(${toPgArray([...new Set(centres)])}::text[])`,
  );
  const out = { names: new Map<string, string>(), centres: new Map<string, { lat: number; lon: number }>() };
  for (const r of rows)
    if (r.centre) out.centres.set(r.code, { lat: Number(r.lat), lon: Number(r.lon) });
    else out.names.set(r.code, r.name);
  return out;
}
