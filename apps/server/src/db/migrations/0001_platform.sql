-- Platform foundation: regions, departments, accounts, roles, sessions, tokens, audit, calendar.
-- The application runs every request as the NOLOGIN role mwsp_app (neither superuser nor owner),
-- so row-level security applies to it; the connecting user only owns the schema and migrates it.

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mwsp_app') THEN
    CREATE ROLE mwsp_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- roles are cluster-wide: another database of the same cluster created it concurrently
END $$;
-- Only when missing: a GRANT rewrites the shared catalogue row, and databases of one cluster migrating at
-- once (tests; a Citus cluster's nodes) would fail with "tuple concurrently updated".
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.roleid = 'mwsp_app'::regrole
                 AND m.member = (SELECT oid FROM pg_roles WHERE rolname = current_user)) THEN
    GRANT mwsp_app TO CURRENT_USER;
  END IF;
END $$;
GRANT USAGE ON SCHEMA public TO mwsp_app;

-- Region scope of the current transaction: a region-code prefix, '*' for all, unset/'' for none
-- ('~' sorts after every digit, so an unset scope matches no row).
CREATE OR REPLACE FUNCTION mwsp_scope() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT coalesce(nullif(current_setting('app.region_scope', true), ''), '~') $$;
-- A range test rather than LIKE so that a btree index on the code column serves it.
CREATE OR REPLACE FUNCTION mwsp_in_scope(code text) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT mwsp_scope() = '*' OR (code >= mwsp_scope() AND code < mwsp_scope() || 'z') $$;

CREATE TABLE regions (
  code text COLLATE "C" PRIMARY KEY,           -- statistical division code, 2/4/6/9/12 digits
  name text NOT NULL,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  parent_code text COLLATE "C" REFERENCES regions(code),
  full_name text NOT NULL
);
CREATE INDEX regions_parent ON regions (parent_code);
GRANT SELECT ON regions TO mwsp_app;

CREATE TABLE departments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  short_name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('government', 'court', 'mass_org', 'other')),
  region_code text COLLATE "C" NOT NULL REFERENCES regions(code),
  modules text[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  sort int NOT NULL DEFAULT 0,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE ON departments TO mwsp_app;

CREATE TABLE roles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  permissions text[] NOT NULL DEFAULT '{}',
  builtin boolean NOT NULL DEFAULT false,
  admin_role boolean NOT NULL DEFAULT false,   -- one of the three separated administrators (三员)
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE, DELETE ON roles TO mwsp_app;

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL,
  display_name text NOT NULL,
  department_id uuid REFERENCES departments(id),
  region_code text COLLATE "C" NOT NULL REFERENCES regions(code),
  phone_enc text,                               -- SM4 ciphertext
  phone_bidx text,                              -- HMAC-SM3 blind index
  data_scope text NOT NULL DEFAULT 'region' CHECK (data_scope IN ('self', 'department', 'region', 'all')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  password_hash text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  must_change_password boolean NOT NULL DEFAULT true,
  totp_secret_enc text,
  totp_enabled boolean NOT NULL DEFAULT false,
  totp_last_step bigint NOT NULL DEFAULT 0,     -- replay protection
  failed_count int NOT NULL DEFAULT 0,
  failed_first_at timestamptz,
  locked_until timestamptz,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username ON users (lower(username));
CREATE INDEX users_region ON users (region_code);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_region_scope ON users USING (mwsp_in_scope(region_code)) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, UPDATE ON users TO mwsp_app;

CREATE TABLE user_roles (
  user_id uuid NOT NULL REFERENCES users(id),
  role_id uuid NOT NULL REFERENCES roles(id),
  PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_roles_role ON user_roles (role_id);
GRANT SELECT, INSERT, DELETE ON user_roles TO mwsp_app;

-- 三员分立: an administrator role can be held by nobody who holds any other role.
CREATE OR REPLACE FUNCTION mwsp_user_roles_exclusive() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id
    WHERE ur.user_id = NEW.user_id AND ur.role_id <> NEW.role_id
      AND (r.admin_role OR (SELECT admin_role FROM roles WHERE id = NEW.role_id))
  ) THEN
    RAISE EXCEPTION '三员角色互斥：系统管理员、安全管理员、审计管理员不能与其他角色兼任' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER user_roles_exclusive BEFORE INSERT OR UPDATE ON user_roles
  FOR EACH ROW EXECUTE FUNCTION mwsp_user_roles_exclusive();

CREATE TABLE password_history (
  user_id uuid NOT NULL REFERENCES users(id),
  hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_history_user ON password_history (user_id, created_at DESC);
GRANT SELECT, INSERT, DELETE ON password_history TO mwsp_app;

CREATE TABLE sessions (
  id text PRIMARY KEY,                          -- HMAC-SM3 of the cookie value; the value itself is never stored
  user_id uuid NOT NULL REFERENCES users(id),
  stage text NOT NULL CHECK (stage IN ('password_change', 'totp_enroll', 'totp', 'done')),
  privileged boolean NOT NULL,
  pending_totp_enc text,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO mwsp_app;

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_used_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
GRANT SELECT, INSERT, UPDATE ON api_tokens TO mwsp_app;

-- Tamper-evident audit: gap-free seq, each row's mac = HMAC-SM3(key, prev mac ‖ canonical row).
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  id uuid NOT NULL,
  ts timestamptz NOT NULL,
  user_id uuid,
  username text,
  department text,
  region_code text,
  ip text,
  action text NOT NULL,
  object_type text,
  object_id text,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  detail jsonb NOT NULL DEFAULT '{}',
  kid text NOT NULL,                            -- key id of the MAC key (keys rotate)
  mac text NOT NULL
);
CREATE INDEX audit_log_ts ON audit_log (ts);
CREATE INDEX audit_log_action ON audit_log (action, ts);
CREATE TABLE audit_head (
  id int PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  mac text NOT NULL
);
INSERT INTO audit_head VALUES (1, 0, '');
GRANT SELECT, INSERT ON audit_log TO mwsp_app;
GRANT SELECT, UPDATE ON audit_head TO mwsp_app;
CREATE OR REPLACE FUNCTION mwsp_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '审计日志只能追加，不能修改或删除 / the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION mwsp_audit_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION mwsp_audit_append_only();

CREATE TABLE calendar_years (
  year int PRIMARY KEY,
  provisional boolean NOT NULL DEFAULT false,
  source text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE calendar_days (
  date date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name text NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_years, calendar_days TO mwsp_app;

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE ON settings TO mwsp_app;
