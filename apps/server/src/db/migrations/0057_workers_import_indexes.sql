-- Import of 务工人员 at scale (issue #11): every index of workers is written once per inserted row. The index on
-- residence_region_code alone serves nothing that workers_residence_created (residence_region_code, created_at
-- DESC) does not: its leading column takes the same equality, IN and range tests (the region pages, the
-- recount of worker_counts, the region look-ups), so it is dropped — one index write less per registered worker.
DO $$ BEGIN
  DROP INDEX IF EXISTS workers_residence;
END $$;
