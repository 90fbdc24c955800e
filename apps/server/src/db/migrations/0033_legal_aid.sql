-- Legal aid providers (法律援助机构和律师, modules/rights; issue #13 item 6): the organisations (法律援助中心、
-- 律师事务所、基层法律服务所) and lawyers a legal-aid case (case type legal_aid, platform/cases) is assigned to.
-- Legal-aid applications and transfers to the police (行刑衔接) are cases of the case engine (0030) and need no
-- table of their own: their facts are the case's data, their history the case's history.
--
-- Schema rules (docs/CONVENTIONS.md): distributed, hashed on the county of the provider's region, co-located with
-- events; key (county_code, id); a practice number (执业证号) unique within its county; no foreign key to a
-- reference table; row-level security on the row's own region, owner and department.
CREATE TABLE legal_aid_providers (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('organisation', 'lawyer')),
  name text NOT NULL,                               -- the organisation's name, or the lawyer's
  organisation text,                                -- a lawyer's firm or aid centre (执业机构)
  practice_no text COLLATE "C",                     -- 律师执业证号 (a lawyer: required) or the organisation's licence
  phone text,                                       -- a work phone (public contact of the provider)
  active boolean NOT NULL DEFAULT true,
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,
  owner_department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, practice_no),
  CHECK (kind <> 'lawyer' OR practice_no IS NOT NULL)
);
CREATE INDEX legal_aid_providers_region ON legal_aid_providers (region_code, active, name);
ALTER TABLE legal_aid_providers ENABLE ROW LEVEL SECURITY;
CREATE POLICY legal_aid_providers_scope ON legal_aid_providers
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT, UPDATE ON legal_aid_providers TO mwsp_app;

DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    PERFORM create_distributed_table('legal_aid_providers', 'county_code', colocate_with => 'events');
  END IF;
END $$;
