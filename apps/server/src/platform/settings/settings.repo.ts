import { sql } from 'drizzle-orm';
import { one, type Executor } from '../../db/client.js';

/** The `settings` table (key → JSON value): the only place with its SQL. */
export async function readSetting<T>(tx: Executor, key: string): Promise<T | undefined> {
  return (await one<{ value: T }>(tx, sql`select value from settings where key = ${key}`))?.value;
}

export async function writeSetting(tx: Executor, key: string, value: unknown): Promise<void> {
  // `excluded.updated_at` (the column's default, now()), not now(): Citus refuses a function in DO UPDATE SET
  await tx.execute(
    sql`insert into settings (key, value) values (${key}, ${JSON.stringify(value)}::jsonb)
        on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`,
  );
}
