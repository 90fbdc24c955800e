-- Labour-inspection violations of an employer as the wage module keeps them (modules/wages; issue #13 item 4):
-- written by the wage module's listener of the rights module's `rights.violation_recorded` event, in the emitting
-- transaction, so that the employer integrity grade (守法诚信等级) counts them without reading the rights tables.
-- `ref` makes a replayed event a no-op (the penalty's id, or close:<case id>).
--
-- Schema rules: distributed on the county of the case that recorded the violation, co-located with events; key
-- (county_code, id); no foreign key to a reference table; row-level security on the row's own columns.
CREATE TABLE employer_violations (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  employer_id uuid NOT NULL,
  kind text NOT NULL,                               -- VIOLATION_KINDS (packages/domain penalties.ts)
  penalty_kind text,                                -- null: confirmed at closure without a penalty
  on_date date NOT NULL,
  ref text COLLATE "C" NOT NULL,
  case_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,
  owner_department_id uuid,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, ref)
);
CREATE INDEX employer_violations_employer ON employer_violations (employer_id, on_date);
ALTER TABLE employer_violations ENABLE ROW LEVEL SECURITY;
CREATE POLICY employer_violations_scope ON employer_violations
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT ON employer_violations TO mwsp_app;

-- An employer's violations across the whole city, for its integrity grade (read only, like
-- mwsp_employer_wage_history: the grade is the employer's, whoever asks).
CREATE OR REPLACE FUNCTION mwsp_employer_violations(p_employer uuid)
RETURNS TABLE (kind text, on_date date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY SELECT v.kind, v.on_date FROM employer_violations v WHERE v.employer_id = p_employer ORDER BY v.on_date;
END $$;
REVOKE ALL ON FUNCTION mwsp_employer_violations(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mwsp_employer_violations(uuid) TO mwsp_app;

DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    PERFORM create_distributed_table('employer_violations', 'county_code', colocate_with => 'events');
  END IF;
END $$;
