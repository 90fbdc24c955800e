-- The public wage lookup compares the worker's name in the domain's normal form (packages/domain
-- names.ts: every middle-dot variant → U+00B7, NFKC …), which SQL cannot reproduce: the service reads
-- the name(s) on record for the ID number on the project and compares them itself, then asks
-- mwsp_worker_wage_lookup with the stored name. Answers names only, for that one project and number.
CREATE FUNCTION mwsp_project_worker_names(p_project_code text, p_id_bidx text)
RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT pw.name::text FROM project_workers pw JOIN projects p ON p.id = pw.project_id
  WHERE p.code = p_project_code AND pw.id_bidx = p_id_bidx
$$;
REVOKE ALL ON FUNCTION mwsp_project_worker_names(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mwsp_project_worker_names(text, text) TO mwsp_app;
