import { sql } from 'drizzle-orm';
import { one, type Executor } from '../../db/client.js';

/** The match model's weights (match_weights, a small reference table: 'default' and one row per campaign). */

export async function findWeights(
  tx: Executor,
  key: string,
): Promise<{ weights: Record<string, number>; updatedAt: Date } | undefined> {
  return one(tx, sql`select weights, updated_at as "updatedAt" from match_weights where key = ${key}`);
}

export async function upsertWeights(tx: Executor, key: string, weights: Record<string, number>, at: Date) {
  await tx.execute(
    sql`insert into match_weights (key, weights, updated_at) values (${key}, ${JSON.stringify(weights)}::jsonb, ${at})
      on conflict (key) do update set weights = excluded.weights, updated_at = excluded.updated_at`,
  );
}

export async function deleteWeights(tx: Executor, key: string): Promise<boolean> {
  const row = await one<{ key: string }>(tx, sql`delete from match_weights where key = ${key} returning key`);
  return row !== undefined;
}
