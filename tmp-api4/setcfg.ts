// Micro-benchmark: 4 SET LOCAL vs one select set_config(…) in the merged one-round-trip transaction (PostgreSQL).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startThrowawayCluster } from '../tools/pg-cluster.js';

const N = Number(process.env.N ?? 3000);
const cluster = await startThrowawayCluster({});
const TICK = 1e4;
const cpu = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK;
};
try {
  const url = await cluster.createDatabase('x');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`create table t (id int primary key, region text, v text);
    insert into t select g, '5301' || (g % 14), md5(g::text) from generate_series(1, 20000) g;
    alter table t enable row level security; alter table t force row level security;
    create role r; grant select on t to r;
    create policy p on t using (region like current_setting('app.region_scope', true) || '%');
    set role r; prepare s1 as select * from t where id = $1;`);
  const pid = (await c.query('select pg_backend_pid() as p')).rows[0].p as number;
  const lit = pg.escapeLiteral;
  const vals = { region: '53011', user: 'a6f0c4f2-6d8b-4c53-9d1e-0a7f2f3f7b11', dept: 'b6f0c4f2-6d8b-4c53-9d1e-0a7f2f3f7b11', scope: 'region' };
  const setLocal = () =>
    `SET LOCAL app.region_scope = ${lit(vals.region)}; SET LOCAL app.user_id = ${lit(vals.user)}; ` +
    `SET LOCAL app.department_id = ${lit(vals.dept)}; SET LOCAL app.data_scope = ${lit(vals.scope)}`;
  const setConfig = () =>
    `SELECT set_config('app.region_scope', ${lit(vals.region)}, true), set_config('app.user_id', ${lit(vals.user)}, true), ` +
    `set_config('app.department_id', ${lit(vals.dept)}, true), set_config('app.data_scope', ${lit(vals.scope)}, true)`;
  const run = async (name: string, scope: () => string) => {
    const n0 = process.cpuUsage();
    const p0 = cpu(pid);
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      const r = (await c.query(`BEGIN; ${scope()}; EXECUTE s1('${1 + (i % 20000)}'); COMMIT`)) as unknown as pg.QueryResult[];
      if (!Array.isArray(r)) throw new Error('x');
    }
    const n = process.cpuUsage(n0);
    const wall = performance.now() - t0;
    console.log(
      `${name}: Node ${((n.user + n.system) / N).toFixed(1)} µs, PG backend ${((cpu(pid) - p0) / N).toFixed(1)} µs, wall ${((wall * 1000) / N).toFixed(0)} µs per transaction`,
    );
  };
  for (let k = 0; k < 3; k++) {
    await run('4 x SET LOCAL      ', setLocal);
    await run('1 x select set_config', setConfig);
  }
  await c.end();
} finally {
  await cluster.stop();
}
