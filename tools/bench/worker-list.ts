/**
 * `npm run bench -- worker-list`: pages of the worker list (务工人员查询) as a city-level leader and a
 * county officer see them, through RegistryService.listWorkers (scope, row-level security, total,
 * the page's rows with regions and current employment), on the embedded database with the demo city
 * and on a throwaway PostgreSQL with a large city.
 *
 * PGlite: the synthetic city loaded through the registry (loadDemoCity), BENCH_LIST_PGLITE_WORKERS
 * (default 20,000). PostgreSQL: BENCH_LIST_PG_BASE (default 20,000) loaded the same way, then cloned in
 * SQL (new ID-number indexes, earlier registration times, the same employments) up to
 * BENCH_LIST_PG_WORKERS (default 1,000,000; 0 = skip PostgreSQL). BENCH_LIST_RUNS: timed runs per case.
 */
import { sql } from 'drizzle-orm';
import { createServices, type Services } from '../../apps/server/src/app.js';
import { analyzeRegistry, bootstrap, provisionUser } from '../../apps/server/src/bootstrap.js';
import { one, openDatabase, SYSTEM_SCOPE, type Database } from '../../apps/server/src/db/client.js';
import { migrate } from '../../apps/server/src/db/migrate.js';
import { loadDemoCity } from '../../apps/server/src/demo.js';
import type { Principal } from '../../apps/server/src/platform/access/principal.js';
import type { DataScope } from '../../apps/server/src/platform/access/principal.js';
import { findUserById, rolesOfUser } from '../../apps/server/src/platform/accounts/accounts.repo.js';
import { buildPrincipal } from '../../apps/server/src/platform/auth/auth.service.js';
import { KeyRing, randomBytes } from '../../apps/server/src/platform/crypto/index.js';
import { startThrowawayCluster } from '../pg-cluster.js';

const CITY = '5301';
const PGLITE_WORKERS = Number(process.env.BENCH_LIST_PGLITE_WORKERS ?? 20_000);
const PG_WORKERS = Number(process.env.BENCH_LIST_PG_WORKERS ?? 1_000_000);
const PG_BASE = Math.min(PG_WORKERS, Number(process.env.BENCH_LIST_PG_BASE ?? 20_000));
const RUNS = Number(process.env.BENCH_LIST_RUNS ?? 15);
const PASSWORD = 'Bench#WorkerList-2026';

type Filter = Parameters<Services['registry']['listWorkers']>[1];

/** A user of the given roles and scope, signed in (its principal, as a session would build it). */
export async function principal(
  db: Database,
  services: Services,
  username: string,
  roles: string[],
  regionCode: string,
  dataScope: DataScope,
): Promise<Principal> {
  const { id } = await provisionUser(db, services, {
    username,
    displayName: username,
    roles,
    regionCode,
    password: PASSWORD,
    dataScope,
    departmentCode: 'hrss',
  });
  return db.scoped(SYSTEM_SCOPE, async (tx) =>
    buildPrincipal((await findUserById(tx, id))!, await rolesOfUser(tx, id), 'session', '127.0.0.1'),
  );
}

export function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return {
    median: s[Math.floor(s.length / 2)],
    p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))],
    max: s[s.length - 1],
  };
}

async function runCases(label: string, db: Database, services: Services) {
  const county = (await one<{ code: string }>(
    db.owner,
    sql`select residence_region_code as code from workers group by 1 order by count(*) desc limit 1`,
  ))!.code.slice(0, 6);
  const leader = await principal(db, services, 'bench_leader', ['leader'], CITY, 'all');
  const officer = await principal(db, services, 'bench_county', ['officer'], county, 'region');
  const self = await principal(db, services, 'bench_self', ['officer'], county, 'self');
  const surname = (await one<{ q: string }>(
    db.owner,
    sql`select left(name, 1) as q from workers group by 1 order by count(*) desc limit 1`,
  ))!.q;
  const base: Filter = { sort: '-createdAt', page: 1, pageSize: 20 };
  const cases: [string, Principal, Filter][] = [
    ['市级 · 默认（登记时间倒序）第 1 页', leader, base],
    ['市级 · 第 2 页', leader, { ...base, page: 2 }],
    ['市级 · 第 100 页', leader, { ...base, page: 100 }],
    ['市级 · 按姓名排序', leader, { ...base, sort: 'name' }],
    ['市级 · 按姓名倒序', leader, { ...base, sort: '-name' }],
    ['市级 · 登记时间正序', leader, { ...base, sort: 'createdAt' }],
    ['市级 · 筛选 外出', leader, { ...base, migrantType: 'out' }],
    ['市级 · 筛选 跨省', leader, { ...base, crossProvince: true }],
    ['市级 · 筛选 一个县', leader, { ...base, regionCode: county }],
    [`市级 · 姓名“${surname}”`, leader, { ...base, q: surname }],
    ['县级经办员 · 默认第 1 页', officer, base],
    ['县级经办员 · 按姓名排序', officer, { ...base, sort: 'name' }],
    ['本人范围 · 默认第 1 页', self, base],
  ];
  console.log(`\n${label}`);
  console.log('case | total | median ms | p95 ms | max ms');
  for (const [name, p, f] of cases) {
    let total = 0;
    let capped = false;
    for (let i = 0; i < 2; i++) await services.registry.listWorkers(p, f); // warm-up
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const r = await services.registry.listWorkers(p, f);
      ms.push(performance.now() - t0);
      total = r.total;
      capped = r.totalCapped;
    }
    const s = stats(ms);
    console.log(
      `${name} | ${capped ? '> ' : ''}${total.toLocaleString()} | ` +
        `${s.median.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.max.toFixed(1)}`,
    );
  }
}

/** As autovacuum would leave the tables (visibility map for index-only scans, statistics). */
async function vacuum(db: Database, services: Services) {
  await analyzeRegistry(services); // what bootstrap does after loading the demo city
  if (process.env.BENCH_LIST_VACUUM === '0') return;
  for (const t of ['workers', 'employments', 'worker_counts']) await db.execScript(`VACUUM ANALYZE ${t}`);
}

async function benchPglite() {
  const db = await openDatabase({});
  await migrate(db);
  const services = createServices({
    db,
    keys: new KeyRing(randomBytes(32).toString('base64')),
    cityCode: CITY,
    mode: 'demo',
  });
  await bootstrap(db, services, { cityCode: CITY, mode: 'demo', bootstrapPassword: PASSWORD });
  const t0 = performance.now();
  const n = await loadDemoCity(db, services, { cityCode: CITY, workers: PGLITE_WORKERS, seed: 20240430 });
  console.log(
    `PGlite: demo city of ${n.toLocaleString()} workers loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  await vacuum(db, services);
  await runCases(`PGlite, ${n.toLocaleString()} workers`, db, services);
  await db.close();
}

async function benchPostgres() {
  const cluster = await startThrowawayCluster({
    settings: { shared_buffers: '1GB', max_wal_size: '4GB', checkpoint_timeout: '15min', work_mem: '16MB' },
  });
  try {
    const db = await openDatabase({ url: await cluster.createDatabase('bench_worker_list'), poolSize: 4 });
    await migrate(db);
    const services = createServices({
      db,
      keys: new KeyRing(randomBytes(32).toString('base64')),
      cityCode: CITY,
      mode: 'demo',
    });
    await bootstrap(db, services, { cityCode: CITY, mode: 'demo', bootstrapPassword: PASSWORD });
    let t0 = performance.now();
    const n = await loadDemoCity(db, services, { cityCode: CITY, workers: PG_BASE, seed: 20240430 });
    console.log(
      `PostgreSQL: demo city of ${n.toLocaleString()} workers loaded in ` +
        `${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    t0 = performance.now();
    // Clones: copy k of each registered worker (a new blind index "<original>:<k>", registered k hours
    // earlier), with the original's employments, until the target size.
    const copies = Math.ceil(PG_WORKERS / n) - 1;
    if (copies > 0) {
      await db.execScript(`
        INSERT INTO workers (name, id_bidx, id_enc, id_masked, sex, birth_date, ethnicity, education,
          phone_enc, phone_bidx, phone_masked, hukou_region_code, residence_region_code, migrant_type, cross_province,
          skills, bank_card_enc, bank_card_masked, bank_name, bank_card_luhn_ok,
          emergency_enc, family_enc, accompanying_children_count, left_behind_kinds, created_by, department_id,
          created_at, updated_at)
        SELECT name, id_bidx || ':' || k, id_enc, id_masked, sex, birth_date, ethnicity, education,
          phone_enc, phone_bidx, phone_masked, hukou_region_code, residence_region_code, migrant_type, cross_province,
          skills, bank_card_enc, bank_card_masked, bank_name, bank_card_luhn_ok,
          emergency_enc, family_enc, accompanying_children_count, left_behind_kinds, created_by, department_id,
          created_at - make_interval(hours => k), updated_at
        FROM (SELECT w.*, row_number() OVER (ORDER BY w.id) AS rn FROM workers w) w, generate_series(1, ${copies}) k
        WHERE (k * ${n} + rn) <= ${PG_WORKERS};
        INSERT INTO employments (worker_id, employer_id, start_date, end_date, position, occupation_code, wage_fen,
          wage_type, contract_type, contract_signed, contract_term_months, filing_status, dispatch, status,
          worker_region_code, owner_id, owner_department_id)
        SELECT c.id, e.employer_id, e.start_date, e.end_date, e.position, e.occupation_code, e.wage_fen,
          e.wage_type, e.contract_type, e.contract_signed, e.contract_term_months, e.filing_status, e.dispatch,
          e.status, c.residence_region_code, c.created_by, c.department_id
        FROM workers c JOIN workers o ON o.id_bidx = split_part(c.id_bidx, ':', 1)
          JOIN employments e ON e.worker_id = o.id
        WHERE c.id_bidx LIKE '%:%';
        -- No repo call accompanies the clones: the totals are recounted, as after the registry's bulk load.
        DELETE FROM worker_counts;
        INSERT INTO worker_counts
          SELECT residence_region_code, status, migrant_type, cross_province, created_by, department_id, count(*)
          FROM workers GROUP BY 1, 2, 3, 4, 5, 6;`);
    }
    await vacuum(db, services);
    const total = (await one<{ n: number }>(db.owner, sql`select count(*)::int as n from workers`))!.n;
    console.log(
      `PostgreSQL: cloned to ${total.toLocaleString()} workers in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    await runCases(`PostgreSQL, ${total.toLocaleString()} workers`, db, services);
    await db.close();
  } finally {
    await cluster.stop();
  }
}

export async function benchWorkerList(): Promise<void> {
  if (PGLITE_WORKERS > 0) await benchPglite();
  if (PG_WORKERS > 0) await benchPostgres();
}
