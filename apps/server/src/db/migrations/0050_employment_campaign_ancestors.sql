-- Employment, third step (issue #12): a campaign of a city (or county) is read by the counties, townships and
-- villages under it (招聘活动 organised by the city's bureau are carried out below it) — read-only: the
-- service refuses adding fairs or changing the weights (modules/employment/campaigns.rules isAncestorCampaign).
--
-- A second, SELECT-only permissive policy: Postgres ORs it with campaigns_scope for reads; writes still need
-- campaigns_scope. The row's region is a strict city- or county-level prefix of the caller's scope (a range
-- test like mwsp_in_scope, reversed); the owner/department columns do not narrow it (the campaign is not the
-- caller's record but its superior's announcement). '*' (all) and an unset scope ('~') match no row here.
-- On Citus a city-level row hashes on the city code (0042): the repo routes a county caller to its county's
-- shard and its city's. DDL on an existing table goes in a DO block (Citus).
DO $$ BEGIN
  CREATE POLICY campaigns_read_ancestor ON campaigns FOR SELECT
    USING (length(region_code) IN (4, 6)
      AND length(mwsp_scope()) > length(region_code)
      AND mwsp_scope() <> '~'
      AND mwsp_scope() >= region_code AND mwsp_scope() < region_code || 'z');
END $$;
