-- Import of 务工人员 at scale (issue #11): every index of workers is written once per inserted row. The name + region
-- search is the only query that could read workers_name_region (name, residence_region_code): workerSearch.repo.ts
-- always filters status too (w.status = 'active' unless asked), so workers_status_name (status, name, id)
-- INCLUDE (residence_region_code, …) takes the same name range after its status equality and tests the region on
-- the index entry — EXPLAINed at 1,000,000 workers both ways (README, `import`, BENCH_NAME_PLANS=1): it reads the
-- name range of the whole city instead of one county's, ~1 ms more for a common prefix (well inside the 50 ms
-- aim), for one index write less per registered worker. On Citus the DROP reaches every shard.
DO $$ BEGIN
  DROP INDEX IF EXISTS workers_name_region;
END $$;
