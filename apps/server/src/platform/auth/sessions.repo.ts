import { sql } from 'drizzle-orm';
import { one, type Executor } from '../../db/client.js';

export type Stage = 'password_change' | 'totp_enroll' | 'totp' | 'done';

export interface SessionRow {
  id: string;
  userId: string;
  stage: Stage;
  privileged: boolean;
  pendingTotpEnc: string | null;
  createdAt: Date;
  lastSeenAt: Date;
}

const COLUMNS = sql`id, user_id as "userId", stage, privileged, pending_totp_enc as "pendingTotpEnc", created_at as "createdAt", last_seen_at as "lastSeenAt"`;

export async function insertSession(tx: Executor, s: SessionRow & { ip: string; userAgent: string }): Promise<void> {
  await tx.execute(sql`insert into sessions (id, user_id, stage, privileged, ip, user_agent, created_at, last_seen_at)
    values (${s.id}, ${s.userId}, ${s.stage}, ${s.privileged}, ${s.ip}, ${s.userAgent.slice(0, 300)}, ${s.createdAt.toISOString()}, ${s.lastSeenAt.toISOString()})`);
}

export async function findSession(tx: Executor, id: string): Promise<SessionRow | undefined> {
  return one<SessionRow>(tx, sql`select ${COLUMNS} from sessions where id = ${id}`);
}

export async function updateSession(tx: Executor, id: string, p: { stage?: Stage; pendingTotpEnc?: string | null; lastSeenAt?: Date }): Promise<void> {
  if (p.stage !== undefined) await tx.execute(sql`update sessions set stage = ${p.stage} where id = ${id}`);
  if (p.pendingTotpEnc !== undefined) await tx.execute(sql`update sessions set pending_totp_enc = ${p.pendingTotpEnc} where id = ${id}`);
  if (p.lastSeenAt) await tx.execute(sql`update sessions set last_seen_at = ${p.lastSeenAt.toISOString()} where id = ${id}`);
}

export async function deleteSession(tx: Executor, id: string): Promise<void> {
  await tx.execute(sql`delete from sessions where id = ${id}`);
}

export async function deleteSessionsOfUser(tx: Executor, userId: string, exceptId?: string): Promise<void> {
  await tx.execute(sql`delete from sessions where user_id = ${userId} and id <> ${exceptId ?? ''}`);
}

export async function deleteExpiredSessions(tx: Executor, idleBefore: Date, createdBefore: Date): Promise<void> {
  await tx.execute(sql`delete from sessions where last_seen_at < ${idleBefore.toISOString()} or created_at < ${createdBefore.toISOString()}`);
}
