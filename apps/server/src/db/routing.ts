import { sql, type SQL } from 'drizzle-orm';
import { countyCodeOf } from '@mwsp/domain';
import { currentScope } from './client.js';

/**
 * Shard routing on Citus (docs/SCALE.md §6): region-scoped tables are hashed on `county_code`, and a row-level
 * security filter does not prune shards. A query that names the county runs on one shard; one that does not
 * runs on every shard holding the table. On PGlite and one PostgreSQL the added condition is one more index
 * condition on a column the keys begin with, and costs nothing measurable.
 *
 * A transaction whose region scope lies inside one county (a county, township or village officer) names that
 * county; a city, province or national scope spans several and names none (the query fans out in parallel).
 */
export function scopeCounty(): string | null {
  const scope = currentScope();
  if (!scope) return null;
  const region = scope.region;
  if (scope.dataScope === 'all' || region === '*' || region.length < 6) return null;
  return countyCodeOf(region);
}

/**
 * `and <column> = '<county>'` when the current transaction's scope is one county, else nothing. Rows of other
 * counties are outside such a scope anyway (RLS hides them), so the condition never changes a result; it only
 * lets Citus route the query to one shard.
 */
export function countyRoute(column: SQL | string): SQL {
  const county = scopeCounty();
  if (county === null) return sql``;
  const col = typeof column === 'string' ? sql.raw(column) : column;
  return sql` and ${col} = ${county}`;
}
