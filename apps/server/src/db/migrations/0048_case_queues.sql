-- The case queues from indexes (案件待办队列, platform/cases; issue #13 "Speed"). 即将到期 and 已超期 read the
-- running clocks of a county in due-date order from the projection (case_clocks.due_on, kept by the service and
-- the background re-projection), one page at a time, instead of every open case of the county with a test per
-- case; 待受理 and 我的待办 read the open cases of a county in their list order (priority first, newest first).
-- A clock carries its case's type (fixed for the life of a case) so that the clock indexes alone answer a queue
-- page and its count (index-only: they include the case, its type, and the region and owner columns row-level
-- security reads); the open-case indexes include the same for the counts of 待受理 and 我的待办.
-- DDL on existing (on Citus: distributed) tables, inside DO blocks (docs/CONVENTIONS.md, Schema rules).
DO $$ BEGIN
  ALTER TABLE case_clocks ADD COLUMN case_type text;
END $$;

UPDATE case_clocks k SET case_type = c.type FROM cases c WHERE c.county_code = k.county_code AND c.id = k.case_id;

DO $$ BEGIN
  ALTER TABLE case_clocks ALTER COLUMN case_type SET NOT NULL;
END $$;

DO $$ BEGIN
  CREATE INDEX case_clocks_queue ON case_clocks (county_code, due_on, id)
    INCLUDE (amber_on, case_id, case_type, region_code, owner_id, owner_department_id) WHERE stopped_on IS NULL;
END $$;

DO $$ BEGIN
  DROP INDEX case_clocks_due;
END $$;

-- The amber-day index of the running clocks (the sweep's work list, the count of 即将到期) with the same columns.
DO $$ BEGIN
  CREATE INDEX case_clocks_amber ON case_clocks (county_code, amber_on)
    INCLUDE (due_on, case_id, case_type, region_code, owner_id, owner_department_id) WHERE stopped_on IS NULL;
END $$;

DO $$ BEGIN
  DROP INDEX case_clocks_open;
END $$;

DO $$ BEGIN
  CREATE INDEX cases_open_state ON cases (county_code, state, ((data ->> 'priority') IS NOT NULL) DESC,
    created_at DESC, id) INCLUDE (type, region_code, created_by, department_id) WHERE closed_at IS NULL;
END $$;

DO $$ BEGIN
  CREATE INDEX cases_open_assignee ON cases (county_code, assignee_id, ((data ->> 'priority') IS NOT NULL) DESC,
    created_at DESC, id) INCLUDE (type, state, region_code, created_by, department_id) WHERE closed_at IS NULL;
END $$;

DO $$ BEGIN
  DROP INDEX cases_assignee;
END $$;
