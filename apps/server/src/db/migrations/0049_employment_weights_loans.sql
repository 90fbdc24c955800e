-- Employment services, second step (issue #12): the match model's weights become editable (人岗匹配权重, per
-- campaign and the default; city level, audited — modules/employment/match-weights.service.ts).
--
-- match_weights is a small reference table (0040). DDL on an existing table goes in a DO block (Citus).
DO $$ BEGIN
  GRANT INSERT, UPDATE, DELETE ON match_weights TO mwsp_app;
END $$;
