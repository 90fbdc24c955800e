import { sql } from 'drizzle-orm';
import { all, type Executor } from '../../db/client.js';
import type { CalendarYear } from './holidays.data.js';

export async function loadYears(tx: Executor): Promise<CalendarYear[]> {
  const years = await all<{ year: number; provisional: boolean; source: string }>(
    tx,
    sql`select year, provisional, source from calendar_years order by year`,
  );
  const days = await all<{ date: string; kind: 'holiday' | 'workday'; name: string }>(
    tx,
    sql`select to_char(date, 'YYYY-MM-DD') as date, kind, name from calendar_days order by date`,
  );
  return years.map((y) => ({ ...y, days: days.filter((d) => d.date.startsWith(`${y.year}-`)) }));
}

export async function replaceYear(tx: Executor, y: CalendarYear): Promise<void> {
  // `excluded.updated_at`, not now(): Citus refuses a function in DO UPDATE SET of a reference table
  await tx.execute(sql`insert into calendar_years (year, provisional, source, updated_at)
    values (${y.year}, ${y.provisional}, ${y.source}, now())
    on conflict (year) do update
      set provisional = excluded.provisional, source = excluded.source, updated_at = excluded.updated_at`);
  await tx.execute(
    sql`delete from calendar_days where date >= ${`${y.year}-01-01`}::date and date <= ${`${y.year}-12-31`}::date`,
  );
  for (const d of y.days) {
    await tx.execute(sql`insert into calendar_days (date, kind, name) values (${d.date}::date, ${d.kind}, ${d.name})`);
  }
}

export async function hasYear(tx: Executor, year: number): Promise<boolean> {
  return (await all(tx, sql`select 1 from calendar_years where year = ${year}`)).length > 0;
}
