-- Which of many ID-number blind indexes are registered anywhere in the city (batch imports): one
-- index scan instead of one function call per row. Answers the indexes only, never where or whose.
CREATE FUNCTION mwsp_workers_registered(p_bidx text[]) RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT id_bidx FROM workers WHERE id_bidx = ANY (p_bidx) $$;
REVOKE ALL ON FUNCTION mwsp_workers_registered(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mwsp_workers_registered(text[]) TO mwsp_app;

-- Name search inside a region: the prefix range on the name and the region test both in the index,
-- so a 2-character query in one county never touches rows of other counties. Under row-level
-- security only leakproof operators can be index conditions: LIKE is not, the range operators are,
-- so the search is a name range; the trigram index (LIKE '%…%') could never be used and only slowed
-- every insert.
DROP INDEX workers_name;
DROP INDEX workers_name_trgm;
CREATE INDEX workers_name_region ON workers (name, residence_region_code);
