import { sql } from 'drizzle-orm';
import { all, type Executor } from '../../db/client.js';

/** The database answers at all (the health check). */
export async function ping(tx: Executor): Promise<void> {
  await all(tx, sql`select 1`);
}

/** Successful and failed sign-ins per day over the last seven days (Asia/Shanghai), for the overview. */
export async function loginsLastSevenDays(tx: Executor) {
  return all<{ date: string; success: number; failure: number }>(
    tx,
    sql`select to_char(d, 'YYYY-MM-DD') as date,
          (select count(*)::int from audit_log a where a.action = 'auth.login' and a.outcome = 'success'
            and a.ts >= (d at time zone 'Asia/Shanghai')
            and a.ts < ((d + interval '1 day') at time zone 'Asia/Shanghai'))
            as success,
          (select count(*)::int from audit_log a where a.action = 'auth.login' and a.outcome <> 'success'
            and a.ts >= (d at time zone 'Asia/Shanghai')
            and a.ts < ((d + interval '1 day') at time zone 'Asia/Shanghai'))
            as failure
        from generate_series((now() at time zone 'Asia/Shanghai')::date - 6, (now() at time zone 'Asia/Shanghai')::date,
          interval '1 day') d`,
  );
}
