import { sql } from 'drizzle-orm';
import type { LoginStage } from '@mwsp/domain';
import { one, type Database, type Executor } from '../../db/client.js';
import type { DataScope } from '../access/principal.js';
import type { RoleRow } from '../accounts/accounts.repo.js';
import { principalChanged, sessionKey, userKey } from '../access/principal.js';

/** The steps of signing in (defined with the auth contract). */
export type Stage = LoginStage;

export interface SessionRow {
  id: string;
  userId: string;
  stage: Stage;
  privileged: boolean;
  pendingTotpEnc: string | null;
  createdAt: Date;
  lastSeenAt: Date;
}

const COLUMNS = sql`id, user_id as "userId", stage, privileged, pending_totp_enc as "pendingTotpEnc",
  created_at as "createdAt", last_seen_at as "lastSeenAt"`;

export async function insertSession(tx: Executor, s: SessionRow & { ip: string; userAgent: string }): Promise<void> {
  await tx.execute(sql`insert into sessions (id, user_id, stage, privileged, ip, user_agent, created_at, last_seen_at)
    values (${s.id}, ${s.userId}, ${s.stage}, ${s.privileged}, ${s.ip}, ${s.userAgent.slice(0, 300)},
      ${s.createdAt.toISOString()}, ${s.lastSeenAt.toISOString()})`);
}

export async function findSession(tx: Executor, id: string): Promise<SessionRow | undefined> {
  return one<SessionRow>(tx, sql`select ${COLUMNS} from sessions where id = ${id}`);
}

export async function updateSession(
  tx: Executor,
  id: string,
  p: { stage?: Stage; pendingTotpEnc?: string | null; lastSeenAt?: Date },
): Promise<void> {
  if (p.stage !== undefined) await tx.execute(sql`update sessions set stage = ${p.stage} where id = ${id}`);
  if (p.pendingTotpEnc !== undefined)
    await tx.execute(sql`update sessions set pending_totp_enc = ${p.pendingTotpEnc} where id = ${id}`);
  // the last-seen time alone changes no decision (the session cache keeps the one it wrote)
  if (p.stage !== undefined || p.pendingTotpEnc !== undefined) principalChanged(sessionKey(id));
  if (p.lastSeenAt)
    await tx.execute(sql`update sessions set last_seen_at = ${p.lastSeenAt.toISOString()} where id = ${id}`);
}

export async function deleteSession(tx: Executor, id: string): Promise<void> {
  await tx.execute(sql`delete from sessions where id = ${id}`);
  principalChanged(sessionKey(id));
}

export async function deleteSessionsOfUser(tx: Executor, userId: string, exceptId?: string): Promise<void> {
  await tx.execute(sql`delete from sessions where user_id = ${userId} and id <> ${exceptId ?? ''}`);
  principalChanged(userKey(userId));
}

export async function deleteExpiredSessions(tx: Executor, idleBefore: Date, createdBefore: Date): Promise<void> {
  await tx.execute(
    sql`delete from sessions
      where last_seen_at < ${idleBefore.toISOString()} or created_at < ${createdBefore.toISOString()}`,
  );
  principalChanged('*');
}

export interface SessionPrincipalRow {
  sessionId: string;
  stage: Stage;
  privileged: boolean;
  pendingTotpEnc: string | null;
  sessionCreatedAt: Date;
  lastSeenAt: Date;
  userId: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  departmentName: string | null;
  departmentCode: string | null;
  regionCode: string;
  regionName: string | null;
  dataScope: DataScope;
  status: 'active' | 'disabled';
  lockedUntil: Date | null;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  passwordChangedAt: Date;
  roles: RoleRow[];
}

/** Session, user and roles in one round trip (SECURITY DEFINER function, see migration 0002). */
export async function findSessionPrincipal(db: Database, id: string): Promise<SessionPrincipalRow | undefined> {
  const rows = await db.read<SessionPrincipalRow>(sql`select session_id as "sessionId", stage, privileged,
    pending_totp_enc as "pendingTotpEnc", session_created_at as "sessionCreatedAt", last_seen_at as "lastSeenAt",
    user_id as "userId", username, display_name as "displayName",
    department_id as "departmentId", department_name as "departmentName", department_code as "departmentCode",
    region_code as "regionCode", region_name as "regionName", data_scope as "dataScope", status,
    locked_until as "lockedUntil", must_change_password as "mustChangePassword",
    totp_enabled as "totpEnabled", password_changed_at as "passwordChangedAt", roles
    from mwsp_session_principal(${id})`);
  return rows[0];
}
