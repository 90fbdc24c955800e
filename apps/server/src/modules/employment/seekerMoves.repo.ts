import { countyCodeOf } from '@mwsp/domain';
import { sql, type SQL } from 'drizzle-orm';
import { all, one, SYSTEM_SCOPE, toPgArray, underScope, type Executor } from '../../db/client.js';

/**
 * SQL of a job seeker following its worker (求职登记随户迁移): the registry's worker.updated event, in the
 * registry's transaction. The seeker's rows live in the county of the worker's residence (county_code, the
 * distribution column on Citus): a move to another county copies the seeker, its referrals, their outcomes and
 * the seeker's match impressions under the new county, parent first, and removes them from the old; within the
 * county only the copies of the worker's facts change. Runs under the system scope: the seeker may belong to
 * another officer than the one who changed the worker (data scope 本人/本部门), and must move all the same.
 */

type MovedTable = 'job_seekers' | 'referrals' | 'referral_outcomes' | 'match_impressions';

/** The worker's facts a seeker keeps a copy of (the registry's port: workerProfile). */
export interface WorkerFacts {
  regionCode: string;
  name: string;
  sex: string;
  birthDate: string;
}

/**
 * Copies the rows of `table` matching `where` under `toCounty`, with `set` replacing some columns; a row already
 * there (same key) is left as it is (a replayed move). Rows travel as JSON (to_jsonb → jsonb_populate_record in a
 * VALUES list): Citus plans an INSERT … SELECT between two counties' shards as a COPY, which RLS refuses.
 */
async function copyRows(
  tx: Executor,
  table: MovedTable,
  where: SQL,
  toCounty: string,
  set: Readonly<Record<string, string>> = {},
): Promise<number> {
  const rows = await all<{ r: Record<string, unknown> | string }>(
    tx,
    sql`select to_jsonb(x) as r from ${sql.raw(table)} x where ${where}`,
  );
  if (rows.length === 0) return 0;
  // Stored generated columns (job_seekers' index slots, 0051) are computed again by the insert: never listed.
  const columns = (
    await all<{ name: string }>(
      tx,
      sql`select attname as name from pg_attribute
          where attrelid = ${table}::regclass and attnum > 0 and not attisdropped and attgenerated = ''
          order by attnum`,
    )
  ).map((c) => sql.identifier(c.name));
  const values = rows.map(({ r }) => {
    const row = typeof r === 'string' ? (JSON.parse(r) as Record<string, unknown>) : r;
    const json = JSON.stringify({ ...row, ...set, county_code: toCounty });
    const record = sql`jsonb_populate_record(null::${sql.raw(table)}, ${json}::jsonb)`;
    return sql`(${sql.join(
      columns.map((c) => sql`(${record}).${c}`),
      sql`, `,
    )})`;
  });
  await tx.execute(
    sql`insert into ${sql.raw(table)} (${sql.join(columns, sql`, `)}) values ${sql.join(values, sql`, `)}
        on conflict (county_code, id) do nothing`,
  );
  return rows.length;
}

/**
 * Moves one seeker (and its children) from county `from` to `to`, onto the worker's seeker there if there is one;
 * `newWorkerId`: the rows pass to that worker (a merge), whose seeker in `to` is the one joined.
 */
async function moveSeeker(
  tx: Executor,
  seekerId: string,
  workerId: string,
  from: string,
  to: string,
  newWorkerId?: string,
) {
  const worker: Record<string, string> = newWorkerId ? { worker_id: newWorkerId } : {};
  const there = await one<{ id: string }>(
    tx,
    sql`select id from job_seekers where county_code = ${to} and worker_id = ${newWorkerId ?? workerId}::uuid`,
  );
  const into = there?.id ?? seekerId;
  const seeker = sql`county_code = ${from} and id = ${seekerId}::uuid`;
  const referrals = sql`county_code = ${from} and seeker_id = ${seekerId}::uuid`;
  const outcomes = sql`county_code = ${from} and referral_id in
    (select id from referrals where county_code = ${from} and seeker_id = ${seekerId}::uuid)`;
  const impressions = sql`county_code = ${from} and subject_kind = 'seeker' and subject_id = ${seekerId}::uuid`;
  // Parent first: the referrals' foreign key (county_code, seeker_id), the outcomes' (county_code, referral_id).
  if (!there) await copyRows(tx, 'job_seekers', seeker, to, worker);
  await copyRows(tx, 'referrals', referrals, to, { seeker_id: into, ...worker });
  await copyRows(tx, 'referral_outcomes', outcomes, to);
  await copyRows(tx, 'match_impressions', impressions, to, { subject_id: into });
  // Children first out of the old county.
  await tx.execute(sql`delete from referral_outcomes where ${outcomes}`);
  await tx.execute(sql`delete from referrals where ${referrals}`);
  await tx.execute(sql`delete from match_impressions where ${impressions}`);
  await tx.execute(sql`delete from job_seekers where ${seeker}`);
}

/** The seekers of a worker in its county take the worker's current facts; their children the residence. */
async function syncCopies(tx: Executor, county: string, workerId: string, w: WorkerFacts): Promise<void> {
  const ids = (
    await all<{ id: string }>(
      tx,
      sql`select id from job_seekers where county_code = ${county} and worker_id = ${workerId}::uuid`,
    )
  ).map((r) => r.id);
  if (ids.length === 0) return;
  const seekers = sql`${toPgArray(ids)}::uuid[]`;
  await tx.execute(
    sql`update job_seekers set region_code = ${w.regionCode}, name = ${w.name}, sex = ${w.sex},
        birth_date = ${w.birthDate}::date
      where county_code = ${county} and id = any(${seekers})
        and (region_code, name, sex, birth_date) is distinct from
          (${w.regionCode}::text, ${w.name}::text, ${w.sex}::text, ${w.birthDate}::date)`,
  );
  await tx.execute(
    sql`update referrals set region_code = ${w.regionCode}, seeker_name = ${w.name}
      where county_code = ${county} and seeker_id = any(${seekers})
        and (region_code, seeker_name) is distinct from (${w.regionCode}::text, ${w.name}::text)`,
  );
  await tx.execute(
    sql`update referral_outcomes set region_code = ${w.regionCode}
      where county_code = ${county} and region_code <> ${w.regionCode} and referral_id in
        (select id from referrals where county_code = ${county} and seeker_id = any(${seekers}))`,
  );
  await tx.execute(
    sql`update match_impressions set region_code = ${w.regionCode}
      where county_code = ${county} and subject_kind = 'seeker' and subject_id = any(${seekers})
        and region_code <> ${w.regionCode}`,
  );
}

/**
 * The worker's seekers (wherever they lie) follow the worker's residence: moved to its county when elsewhere,
 * their copies of the worker's facts brought up to date. Idempotent: run again, it finds nothing to do. Returns
 * how many seekers changed county.
 */
export async function followWorker(tx: Executor, workerId: string, w: WorkerFacts): Promise<number> {
  return underScope(tx, SYSTEM_SCOPE, async () => {
    const to = countyCodeOf(w.regionCode);
    const seekers = await all<{ id: string; countyCode: string }>(
      tx,
      sql`select id, county_code as "countyCode" from job_seekers where worker_id = ${workerId}::uuid`,
    );
    let moved = 0;
    for (const s of seekers.filter((x) => x.countyCode !== to)) {
      await moveSeeker(tx, s.id, workerId, s.countyCode, to);
      moved++;
    }
    await syncCopies(tx, to, workerId, w);
    return moved;
  });
}

/**
 * A merged worker's seekers (合并重复档案: the registry's worker.merged) pass to the survivor, in the survivor's
 * county: onto the survivor's own seeker when it has one (the duplicate's referrals, outcomes and impressions join
 * it, the duplicate's seeker goes), else as the survivor's seeker. Idempotent: run again, the duplicate has none.
 */
export async function mergeWorker(tx: Executor, duplicateId: string, survivorId: string, w: WorkerFacts) {
  return underScope(tx, SYSTEM_SCOPE, async () => {
    const to = countyCodeOf(w.regionCode);
    const seekers = await all<{ id: string; countyCode: string }>(
      tx,
      sql`select id, county_code as "countyCode" from job_seekers where worker_id = ${duplicateId}::uuid`,
    );
    for (const s of seekers) {
      if (s.countyCode !== to) await moveSeeker(tx, s.id, survivorId, s.countyCode, to, survivorId);
      else await mergeInCounty(tx, s.id, survivorId, to);
    }
    await syncCopies(tx, to, survivorId, w);
    return seekers.length;
  });
}

/** The duplicate's seeker `seekerId`, in the survivor's county already, becomes (or joins) the survivor's. */
async function mergeInCounty(tx: Executor, seekerId: string, survivorId: string, county: string) {
  const there = await one<{ id: string }>(
    tx,
    sql`select id from job_seekers where county_code = ${county} and worker_id = ${survivorId}::uuid`,
  );
  const into = there?.id ?? seekerId;
  await tx.execute(
    sql`update referrals set seeker_id = ${into}::uuid, worker_id = ${survivorId}::uuid
      where county_code = ${county} and seeker_id = ${seekerId}::uuid`,
  );
  if (there) {
    await tx.execute(
      sql`update match_impressions set subject_id = ${into}::uuid
        where county_code = ${county} and subject_kind = 'seeker' and subject_id = ${seekerId}::uuid`,
    );
    await tx.execute(sql`delete from job_seekers where county_code = ${county} and id = ${seekerId}::uuid`);
  } else {
    await tx.execute(
      sql`update job_seekers set worker_id = ${survivorId}::uuid
        where county_code = ${county} and id = ${seekerId}::uuid`,
    );
  }
}
