-- The real-name registry is distributed (docs/SCALE.md §6, docs/CONVENTIONS.md "Schema rules"): a worker's row
-- and its children (employments, insurance, transfers) and the list totals (worker_counts) live in the county
-- of the worker's RESIDENCE — county_code = the first 6 digits of residence_region_code — keyed (county_code,
-- id), hashed on county_code on Citus and co-located with the event log. A move of residence to another county
-- moves the rows (the repo re-inserts them under the new county in the same transaction: Citus cannot update a
-- distribution column). The employer register becomes a reference table (readable nationally by design, a few
-- million rows at most; foreign keys into it stay). National facts a county-keyed table cannot hold move to a
-- look-up hashed on its own key: worker_ids (the ID number's blind index → where the worker lives).
-- On PGlite and one PostgreSQL the same tables, keys and look-up; only the DO block at the end is Citus'.

-- The DDL runs inside DO blocks: on Citus, some ALTER TABLE forms on a Citus local table (SET NOT NULL, ADD
-- CONSTRAINT … UNIQUE) are re-run from the query string, which a multi-statement migration cannot give them
-- ("cannot execute multiple utility events"); inside PL/pgSQL each statement is its own string.
DO $ddl$ BEGIN
  -- Foreign keys across counties go (the services check them): a project's worker lives wherever they live,
  -- and a merged duplicate's survivor may live in another county.
  ALTER TABLE project_workers DROP CONSTRAINT IF EXISTS project_workers_worker_id_fkey;
  ALTER TABLE arrears_items DROP CONSTRAINT IF EXISTS arrears_items_worker_id_fkey;
  ALTER TABLE workers DROP CONSTRAINT workers_merged_into_fkey;
  ALTER TABLE employments DROP CONSTRAINT employments_worker_id_fkey;
  ALTER TABLE worker_insurance DROP CONSTRAINT worker_insurance_worker_id_fkey;
  ALTER TABLE insurance_transfers DROP CONSTRAINT insurance_transfers_worker_id_fkey;

  -- ---------------------------------------------------------------- the distribution column
  ALTER TABLE workers ADD COLUMN county_code text COLLATE "C";
  UPDATE workers SET county_code = left(residence_region_code, 6);
  ALTER TABLE workers ALTER COLUMN county_code SET NOT NULL;
  ALTER TABLE worker_counts ADD COLUMN county_code text COLLATE "C";
  UPDATE worker_counts SET county_code = left(residence_region_code, 6);
  ALTER TABLE worker_counts ALTER COLUMN county_code SET NOT NULL;
  ALTER TABLE employments ADD COLUMN county_code text COLLATE "C";
  UPDATE employments SET county_code = left(worker_region_code, 6);
  ALTER TABLE employments ALTER COLUMN county_code SET NOT NULL;
  ALTER TABLE worker_insurance ADD COLUMN county_code text COLLATE "C";
  UPDATE worker_insurance SET county_code = left(worker_region_code, 6);
  ALTER TABLE worker_insurance ALTER COLUMN county_code SET NOT NULL;
  ALTER TABLE insurance_transfers ADD COLUMN county_code text COLLATE "C";
  UPDATE insurance_transfers SET county_code = left(worker_region_code, 6);
  ALTER TABLE insurance_transfers ALTER COLUMN county_code SET NOT NULL;

  -- ---------------------------------------------------------------- keys with the county
  ALTER TABLE workers DROP CONSTRAINT workers_pkey;
  ALTER TABLE workers ADD PRIMARY KEY (county_code, id);
  CREATE INDEX workers_id ON workers (id); -- look-ups by id alone (a city's scope; a shard's part of one)
  ALTER TABLE workers DROP CONSTRAINT workers_id_bidx_key; -- national uniqueness: worker_ids below
  CREATE UNIQUE INDEX workers_county_id_bidx ON workers (county_code, id_bidx);
  CREATE INDEX workers_id_bidx ON workers (id_bidx);
  ALTER TABLE worker_counts DROP CONSTRAINT worker_counts_key;
  ALTER TABLE worker_counts ADD CONSTRAINT worker_counts_key UNIQUE NULLS NOT DISTINCT
    (county_code, residence_region_code, status, migrant_type, cross_province, created_by, department_id);
  ALTER TABLE employments DROP CONSTRAINT employments_pkey;
  ALTER TABLE employments ADD PRIMARY KEY (county_code, id);
  CREATE INDEX employments_id ON employments (id);
  ALTER TABLE employments DROP CONSTRAINT employments_worker_id_employer_id_start_date_key;
  ALTER TABLE employments ADD CONSTRAINT employments_worker_employer_start
    UNIQUE (county_code, worker_id, employer_id, start_date);
  ALTER TABLE worker_insurance DROP CONSTRAINT worker_insurance_pkey;
  ALTER TABLE worker_insurance ADD PRIMARY KEY (county_code, worker_id, type);
  ALTER TABLE insurance_transfers DROP CONSTRAINT insurance_transfers_pkey;
  ALTER TABLE insurance_transfers ADD PRIMARY KEY (county_code, id);

  -- ---------------------------------------------------------------- national look-up: the ID number's blind index
  -- One row per worker record (merged ones too, as the unique index on workers held them), written by the
  -- registry's repo in the transaction that inserts, moves or re-keys the worker. Its primary key is the
  -- national uniqueness of an ID number; it answers "where" for a look-up by ID number from anywhere.
  CREATE TABLE worker_ids (
    id_bidx text COLLATE "C" PRIMARY KEY,
    county_code text COLLATE "C" NOT NULL,
    region_code text COLLATE "C" NOT NULL REFERENCES regions (code), -- the worker's residence (the policy's test)
    worker_id uuid NOT NULL,
    owner_id uuid,
    owner_department_id uuid
  );
  INSERT INTO worker_ids (id_bidx, county_code, region_code, worker_id, owner_id, owner_department_id)
    SELECT id_bidx, county_code, residence_region_code, id, created_by, department_id FROM workers;
  ALTER TABLE worker_ids ENABLE ROW LEVEL SECURITY;
  CREATE POLICY worker_ids_scope ON worker_ids
    USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
    WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
  GRANT SELECT, INSERT, UPDATE, DELETE ON worker_ids TO mwsp_app;
  -- A move to another county is a copy and a delete (rows keep their county): the application role may delete
  -- the worker's rows it can see (row-level security still decides which), never others.
  GRANT DELETE ON workers, employments, worker_insurance, insurance_transfers TO mwsp_app;
END $ddl$;

-- ---------------------------------------------------------------- look-ups through the national key
CREATE OR REPLACE FUNCTION mwsp_worker_registered(p_bidx text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM worker_ids WHERE id_bidx = p_bidx);
END $$;

CREATE OR REPLACE FUNCTION mwsp_workers_registered(p_bidx text[]) RETURNS SETOF text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN QUERY SELECT k.id_bidx FROM worker_ids k WHERE k.id_bidx = ANY (p_bidx);
END $$;

-- Enrolment on a project: the national key says where the worker lives; then one shard's rows.
CREATE OR REPLACE FUNCTION mwsp_worker_for_project(p_bidx text, p_employer_ids uuid[])
RETURNS TABLE (id uuid, name text, id_masked text, contract_signed boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  k record;
  w record;
BEGIN
  SELECT x.county_code, x.worker_id INTO k FROM worker_ids x WHERE x.id_bidx = p_bidx;
  IF NOT FOUND THEN RETURN; END IF;
  FOR w IN SELECT x.id AS wid, x.name::text AS wname, x.id_masked AS wmasked
           FROM workers x WHERE x.county_code = k.county_code AND x.id = k.worker_id AND x.status = 'active' LOOP
    id := w.wid;
    name := w.wname;
    id_masked := w.wmasked;
    contract_signed := EXISTS (SELECT 1 FROM employments e WHERE e.county_code = k.county_code
                                 AND e.worker_id = w.wid AND e.employer_id = ANY (p_employer_ids)
                                 AND e.contract_signed AND e.status = 'active');
    RETURN NEXT;
  END LOOP;
END $$;

-- ---------------------------------------------------------------- Citus only
DO $$
DECLARE t text;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    -- the employer register: replicated to every node (it has a foreign key into regions, a reference table)
    PERFORM create_reference_table('employers');
    FOREACH t IN ARRAY ARRAY['workers', 'worker_counts', 'employments', 'worker_insurance', 'insurance_transfers']
    LOOP
      PERFORM create_distributed_table(t, 'county_code', colocate_with => 'events');
    END LOOP;
    -- hashed on its own key, in a co-location group of its own
    PERFORM create_distributed_table('worker_ids', 'id_bidx', colocate_with => 'none');
  END IF;
END $$;

-- The children's foreign keys to their worker, once both sides are co-located (on Citus a local table may not
-- reference a distributed one, so they could not exist while the tables were being distributed).
DO $fk$ BEGIN
  ALTER TABLE employments ADD CONSTRAINT employments_worker_fkey
    FOREIGN KEY (county_code, worker_id) REFERENCES workers (county_code, id);
  ALTER TABLE worker_insurance ADD CONSTRAINT worker_insurance_worker_fkey
    FOREIGN KEY (county_code, worker_id) REFERENCES workers (county_code, id);
  ALTER TABLE insurance_transfers ADD CONSTRAINT insurance_transfers_worker_fkey
    FOREIGN KEY (county_code, worker_id) REFERENCES workers (county_code, id);
END $fk$;

ANALYZE workers;
ANALYZE worker_ids;
ANALYZE employments;
