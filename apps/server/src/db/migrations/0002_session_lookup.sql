-- From a session cookie to the signed-in principal in one round trip. SECURITY DEFINER because the
-- user row has to be found before any region scope exists; it returns the session's own user and
-- nothing else. Executable by the application role only.
CREATE FUNCTION mwsp_session_principal(p_id text) RETURNS TABLE (
  session_id text, stage text, privileged boolean, pending_totp_enc text,
  session_created_at timestamptz, last_seen_at timestamptz,
  user_id uuid, username text, display_name text, department_id uuid, department_name text, department_code text,
  region_code text, region_name text, data_scope text, status text, locked_until timestamptz,
  must_change_password boolean, totp_enabled boolean, password_changed_at timestamptz, roles json
) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
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
  WHERE s.id = p_id
$$;
REVOKE ALL ON FUNCTION mwsp_session_principal(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mwsp_session_principal(text) TO mwsp_app;
