// Runs in the opt-in `citus` project only: the cluster of tools/citus-cluster.ts, and the test
// databases tools/test/db.ts makes on it.
import { describe, expect, inject, it } from 'vitest';
import { testDatabaseUrl, testDbKind } from './db';
import { queryRows as q } from './db-template';

describe('throwaway Citus cluster', () => {
  it('provides the coordinator as the server tests’ PostgreSQL, and two workers', () => {
    expect(testDbKind).toBe('postgres');
    expect(inject('pgUrl')).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(inject('citusWorkerUrls')).toHaveLength(2);
  });

  it('every node has citus preloaded', async () => {
    for (const url of [inject('pgUrl'), ...inject('citusWorkerUrls')]) {
      const [{ shared_preload_libraries }] = await q<{ shared_preload_libraries: string }>(
        url,
        'show shared_preload_libraries',
      );
      expect(shared_preload_libraries).toBe('citus');
    }
  });

  it('a test database has citus on the coordinator, both workers active, and distributes a table', async () => {
    const url = (await testDatabaseUrl())!;
    const [{ extversion }] = await q<{ extversion: string }>(
      url,
      "select extversion from pg_extension where extname = 'citus'",
    );
    expect(extversion).toMatch(/^13\.2/);
    const nodes = await q<{ node_port: number }>(url, 'select * from citus_get_active_worker_nodes() order by 2');
    expect(nodes.map((n) => Number(n.node_port))).toEqual(
      inject('citusWorkerUrls')
        .map((w) => Number(new URL(w).port))
        .sort((a, b) => a - b),
    );
    await q(url, 'create table t (region_code text not null, n int)');
    await q(url, "select create_distributed_table('t', 'region_code')");
    await q(url, "insert into t select '5301' || (i % 20)::text, i from generate_series(1, 1000) i");
    const [{ n }] = await q<{ n: string }>(url, 'select count(*) as n from t');
    expect(Number(n)).toBe(1000);
    // the shards lie on both workers
    const placements = await q<{ nodeport: number }>(
      url,
      "select distinct nodeport from citus_shards where table_name = 't'::regclass order by 1",
    );
    expect(placements).toHaveLength(2);
  });

  it('each test database is separate on every node', async () => {
    const a = (await testDatabaseUrl())!;
    const b = (await testDatabaseUrl())!;
    expect(a).not.toBe(b);
    await q(a, 'create table only_in_a (x int)');
    expect(await q(b, "select 1 from pg_class where relname = 'only_in_a'")).toEqual([]);
  });
});
