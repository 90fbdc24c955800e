-- Import of 务工人员 at scale (issue #11): worker_ids.region_code is always written from the worker's own
-- residence_region_code, in the statement or transaction that writes the worker (registry.repo.ts insertWorkers,
-- insertWorkerKeys; workerCounts.repo.ts syncWorkerKey; the seed's COPY), and workers' own foreign key already
-- checks that code against regions. Its second check on worker_ids cost one look-up of regions per registered
-- worker and proved nothing more; a region still cannot be removed while a worker lives in it. On Citus the
-- constraint (distributed table → reference table) is dropped on every shard by the same statement.
DO $$ BEGIN
  ALTER TABLE worker_ids DROP CONSTRAINT IF EXISTS worker_ids_region_code_fkey;
END $$;
