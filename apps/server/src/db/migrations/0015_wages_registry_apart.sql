-- The wages module needs nothing of the registry's tables inside the database (issue #9, item 6; issue #10:
-- tables of different modules may live on different shards). Employer facts come through RegistryPort in the
-- services (modules/registry/index.ts).

-- ---------------------------------------------------------------- the employer's wage history
-- Was: the first column read the registry's `employers` (the employer's registration day). That day now comes
-- from RegistryPort.employers (registeredOn), and an unknown employer is the registry's answer too. The rest
-- answers as before: an employer's arrears dates, whether it is listed and its live projects across the whole
-- city (SECURITY DEFINER: a county must not grade a contractor clean because its arrears lie in another).
DROP FUNCTION mwsp_employer_wage_history(uuid);
CREATE FUNCTION mwsp_employer_wage_history(p_employer uuid)
RETURNS TABLE (arrears_dates date[], listed boolean, live_projects int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce((SELECT array_agg(c.created_at::date ORDER BY c.created_at) FROM arrears_cases c WHERE c.employer_id = p_employer), '{}'),
    EXISTS (SELECT 1 FROM defaulters d WHERE d.employer_id = p_employer AND d.status = 'listed'),
    (SELECT count(*)::int FROM projects p WHERE p.contractor_id = p_employer AND p.status IN ('registered', 'in_progress'))
$$;
REVOKE ALL ON FUNCTION mwsp_employer_wage_history(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mwsp_employer_wage_history(uuid) TO mwsp_app;

-- ---------------------------------------------------------------- the defaulter list, paged in SQL
-- The list is sorted (newest listing first, equal days by the employer's name), searched (name contains, or
-- the credit code) and paged in SQL, so each listing carries its employer's name and credit code: set from
-- RegistryPort when the employer is listed, kept current by the registry's `employer.updated` event (a
-- listener of the wages module, in the registry's transaction: modules/wages/module.ts).
ALTER TABLE defaulters ADD COLUMN employer_name text;
ALTER TABLE defaulters ADD COLUMN employer_credit_code text;
-- The one-off backfill of the listings made before this migration. The only read of the registry's table by
-- wages, here and once: a migration runs as the owner at a point in time, with both modules' tables present;
-- from now on the copies are written by the service.
UPDATE defaulters d SET employer_name = e.name, employer_credit_code = e.credit_code FROM employers e WHERE e.id = d.employer_id;
ALTER TABLE defaulters ALTER COLUMN employer_name SET NOT NULL;
ALTER TABLE defaulters ALTER COLUMN employer_credit_code SET NOT NULL;
-- The default order, for the console (any status) and the public list (listed only). The name column has the
-- registry's collation (the database default), so the order is the one the registry gave before.
CREATE INDEX defaulters_order ON defaulters (listed_on DESC, employer_name, employer_id, id);
CREATE INDEX defaulters_public_order ON defaulters (listed_on DESC, employer_name, employer_id, id) WHERE status = 'listed';
CREATE INDEX defaulters_employer ON defaulters (employer_id);

-- An employer's new name and credit code on all its listings, whoever listed them: the registry's officer
-- who renames an employer may not see (by region) the listing another county made. Writes these two copies
-- of the registry's facts and nothing else.
CREATE FUNCTION mwsp_defaulters_employer_changed(p_employer uuid, p_name text, p_credit_code text) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  UPDATE defaulters SET employer_name = p_name, employer_credit_code = p_credit_code
  WHERE employer_id = p_employer AND (employer_name <> p_name OR employer_credit_code <> p_credit_code)
$$;
REVOKE ALL ON FUNCTION mwsp_defaulters_employer_changed(uuid, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mwsp_defaulters_employer_changed(uuid, text, text) TO mwsp_app;
