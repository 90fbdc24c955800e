-- The platform's tables in forms Citus accepts, on every engine (issue 10; docs/SCALE.md §3, §5–§7):
-- no subquery in a row-level-security policy, no trigger that reads another table, SECURITY DEFINER
-- look-ups in PL/pgSQL. Nothing is distributed here.

-- ---------------------------------------------------------------- import rows carry their job's scope
-- import_row_errors and import_keys were visible when their job was (EXISTS (SELECT … FROM import_jobs)),
-- a subquery Citus refuses in a policy. They now carry the job's scope columns: region_scope, and the
-- record's owner and department (owner_id = the job's created_by, owner_department_id = its
-- department_id), set on insert by platform/imports/imports.repo.ts from the job row. A job's scope
-- columns never change after it is created, so nothing has to follow them.
ALTER TABLE import_row_errors
  ADD COLUMN region_scope text COLLATE "C",
  ADD COLUMN owner_id uuid,
  ADD COLUMN owner_department_id uuid;
UPDATE import_row_errors e SET region_scope = j.region_scope, owner_id = j.created_by, owner_department_id = j.department_id
  FROM import_jobs j WHERE j.id = e.import_id;
ALTER TABLE import_row_errors ALTER COLUMN region_scope SET NOT NULL, ALTER COLUMN owner_id SET NOT NULL;
DROP POLICY import_row_errors_scope ON import_row_errors;
CREATE POLICY import_row_errors_scope ON import_row_errors
  USING (mwsp_in_scope(region_scope) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_scope) AND mwsp_owned(owner_id, owner_department_id));

ALTER TABLE import_keys
  ADD COLUMN region_scope text COLLATE "C",
  ADD COLUMN owner_id uuid,
  ADD COLUMN owner_department_id uuid;
UPDATE import_keys k SET region_scope = j.region_scope, owner_id = j.created_by, owner_department_id = j.department_id
  FROM import_jobs j WHERE j.id = k.import_id;
ALTER TABLE import_keys ALTER COLUMN region_scope SET NOT NULL, ALTER COLUMN owner_id SET NOT NULL;
DROP POLICY import_keys_scope ON import_keys;
CREATE POLICY import_keys_scope ON import_keys
  USING (mwsp_in_scope(region_scope) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_scope) AND mwsp_owned(owner_id, owner_department_id));

-- ---------------------------------------------------------------- 三员分立 in the accounts service
-- The exclusivity trigger read roles for every user_roles row (a trigger that reads another table).
-- The rule is enforced by the accounts service instead (setUserRoles in accounts.service.ts: it locks
-- the user's row, checks the new role set, then writes it, in one transaction); user_roles is written
-- nowhere else.
DROP TRIGGER user_roles_exclusive ON user_roles;
DROP FUNCTION mwsp_user_roles_exclusive();

-- ---------------------------------------------------------------- the session look-up in PL/pgSQL
-- Same name, argument, result, grants and answer as 0002; PL/pgSQL because Citus cannot plan
-- parameterised SQL-language functions over its tables. Every column is qualified, so the result's
-- column names (PL/pgSQL variables) never shadow one.
CREATE OR REPLACE FUNCTION mwsp_session_principal(p_id text) RETURNS TABLE (
  session_id text, stage text, privileged boolean, pending_totp_enc text,
  session_created_at timestamptz, last_seen_at timestamptz,
  user_id uuid, username text, display_name text, department_id uuid, department_name text, department_code text,
  region_code text, region_name text, data_scope text, status text, locked_until timestamptz,
  must_change_password boolean, totp_enabled boolean, password_changed_at timestamptz, roles json
) LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT s.id, s.stage, s.privileged, s.pending_totp_enc, s.created_at, s.last_seen_at,
         u.id, u.username, u.display_name, u.department_id, d.name, d.code,
         u.region_code, r.full_name, u.data_scope, u.status, u.locked_until,
         u.must_change_password, u.totp_enabled, u.password_changed_at,
         coalesce((SELECT json_agg(json_build_object('id', ro.id, 'code', ro.code, 'name', ro.name, 'description', ro.description,
                                                     'permissions', ro.permissions, 'builtin', ro.builtin, 'adminRole', ro.admin_role) ORDER BY ro.code)
                   FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id WHERE ur.user_id = u.id), '[]'::json)
  FROM sessions s
  JOIN users u ON u.id = s.user_id
  LEFT JOIN departments d ON d.id = u.department_id
  LEFT JOIN regions r ON r.code = u.region_code
  WHERE s.id = p_id;
END $$;
REVOKE ALL ON FUNCTION mwsp_session_principal(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mwsp_session_principal(text) TO mwsp_app;

-- ---------------------------------------------------------------- the audit log (unchanged)
-- audit_log stays on the coordinator in this step and keeps its append-only triggers (they only
-- raise). The application role holds no UPDATE, DELETE or TRUNCATE on it (0001); this makes sure.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM mwsp_app;
