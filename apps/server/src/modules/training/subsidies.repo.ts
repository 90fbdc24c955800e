import { sql, type SQL } from 'drizzle-orm';
import type { SubsidyRule } from '@mwsp/domain';
import { all, one, SYSTEM_SCOPE, underScope, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';
import type { Owned } from './training.repo.js';

/** SQL of subsidy rules (补贴标准), claims (补贴申请), the no-double-payment keys and payment batches. */

const RULE_COLUMNS = sql`id, name, occupation_prefix as "occupationPrefix", training_type as "trainingType",
  certificate_kind as "certificateKind", amount_fen::int8 as "amountFen", require_certificate as "requireCertificate",
  employed_within_months as "employedWithinMonths", min_attendance_pct as "minAttendancePct", payee,
  share_pct as "sharePct", min_contract_months as "minContractMonths", origin_province as "originProvince",
  valid_from::text as "validFrom", valid_until::text as "validTo", active`;

export type RuleRow = SubsidyRule & { active: boolean };

export async function listRules(tx: Executor, activeOnly: boolean): Promise<RuleRow[]> {
  const rows = await all<RuleRow>(
    tx,
    sql`select ${RULE_COLUMNS} from training_subsidy_rules ${activeOnly ? sql`where active` : sql``}
      order by valid_from desc, name, id`,
  );
  return rows.map((r) => ({ ...r, amountFen: Number(r.amountFen) }));
}

export async function insertRule(tx: Executor, r: Omit<SubsidyRule, 'id'>): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into training_subsidy_rules (name, occupation_prefix, training_type, certificate_kind, amount_fen,
        require_certificate, employed_within_months, min_attendance_pct, payee, share_pct, min_contract_months,
        origin_province, valid_from, valid_until)
      values (${r.name}, ${r.occupationPrefix}, ${r.trainingType}, ${r.certificateKind}, ${r.amountFen},
        ${r.requireCertificate}, ${r.employedWithinMonths}, ${r.minAttendancePct}, ${r.payee}, ${r.sharePct},
        ${r.minContractMonths}, ${r.originProvince}, ${r.validFrom}, ${r.validTo})
      returning id`,
  );
  return row!.id;
}

/** Rewrites a rule's terms in place (claims keep the name, amount and basis they were computed with). */
export async function updateRule(tx: Executor, id: string, r: Omit<SubsidyRule, 'id'>): Promise<boolean> {
  const row = await one(
    tx,
    sql`update training_subsidy_rules set name = ${r.name}, occupation_prefix = ${r.occupationPrefix},
        training_type = ${r.trainingType}, certificate_kind = ${r.certificateKind}, amount_fen = ${r.amountFen},
        require_certificate = ${r.requireCertificate}, employed_within_months = ${r.employedWithinMonths},
        min_attendance_pct = ${r.minAttendancePct}, payee = ${r.payee}, share_pct = ${r.sharePct},
        min_contract_months = ${r.minContractMonths}, origin_province = ${r.originProvince},
        valid_from = ${r.validFrom}, valid_until = ${r.validTo}
      where id = ${id}::uuid returning id`,
  );
  return row !== undefined;
}

export async function setRuleActive(tx: Executor, id: string, active: boolean): Promise<boolean> {
  const row = await one(
    tx,
    sql`update training_subsidy_rules set active = ${active} where id = ${id}::uuid returning id`,
  );
  return row !== undefined;
}

// ---------------------------------------------------------------- claims
export interface ClaimStep {
  at: string;
  level: string | null;
  action: string;
  by: string | null;
  note: string | null;
}
export interface ClaimRow extends Owned {
  id: string;
  countyCode: string;
  enrolmentId: string;
  classId: string;
  idBidx: string;
  workerName: string;
  occupationCode: string;
  periodKey: number;
  ruleId: string;
  ruleName: string;
  basis: string[];
  amountFen: number;
  payee: 'person' | 'enterprise';
  payeeName: string;
  accountEnc: string;
  accountMasked: string;
  bankName: string;
  status: 'pending_township' | 'pending_county' | 'pending_city' | 'approved' | 'paid' | 'rejected';
  steps: ClaimStep[];
  batchId: string | null;
  createdAt: Date;
}
const CLAIM_COLUMNS = sql`c.id, c.county_code as "countyCode", c.enrolment_id as "enrolmentId", c.class_id as "classId",
  c.id_bidx as "idBidx", c.worker_name as "workerName", c.occupation_code as "occupationCode",
  c.period_key as "periodKey", c.rule_id as "ruleId", c.rule_name as "ruleName", c.basis,
  c.amount_fen::int8 as "amountFen", c.payee, c.payee_name as "payeeName", c.account_enc as "accountEnc",
  c.account_masked as "accountMasked", c.bank_name as "bankName", c.status, c.steps, c.batch_id as "batchId",
  c.region_code as "regionCode", c.owner_id as "ownerId", c.owner_department_id as "departmentId",
  c.created_at as "createdAt"`;
const fix = (r: ClaimRow): ClaimRow => ({ ...r, amountFen: Number(r.amountFen) });

/**
 * Takes the national no-double-payment key (person, occupation, period): false when a live claim holds it in
 * any county. The key's primary key is the constraint (ON CONFLICT DO NOTHING keeps the transaction usable).
 */
export async function takeClaimKey(
  tx: Executor,
  k: { key: string; countyCode: string; claimId: string; regionCode: string },
): Promise<boolean> {
  return underScope(tx, SYSTEM_SCOPE, async () => {
    const row = await one(
      tx,
      sql`insert into training_claim_keys (claim_key, county_code, claim_id, region_code)
        values (${k.key}, ${k.countyCode}, ${k.claimId}::uuid, ${k.regionCode})
        on conflict (claim_key) do nothing returning claim_key`,
    );
    return row !== undefined;
  });
}

export async function releaseClaimKey(tx: Executor, key: string, claimId: string): Promise<void> {
  await underScope(tx, SYSTEM_SCOPE, () =>
    tx.execute(sql`delete from training_claim_keys where claim_key = ${key} and claim_id = ${claimId}::uuid`),
  );
}

/** Inserts a claim; false when the county's partial unique index finds a live claim for the same key. */
export async function insertClaim(tx: Executor, r: Omit<ClaimRow, 'createdAt' | 'batchId'>): Promise<boolean> {
  const row = await one(
    tx,
    sql`insert into training_subsidy_claims (county_code, id, enrolment_id, class_id, id_bidx, worker_name,
        occupation_code, period_key, rule_id, rule_name, basis, amount_fen, payee, payee_name, account_enc,
        account_masked, bank_name, status, steps, region_code, owner_id, owner_department_id)
      values (${r.countyCode}, ${r.id}::uuid, ${r.enrolmentId}::uuid, ${r.classId}::uuid, ${r.idBidx}, ${r.workerName},
        ${r.occupationCode}, ${r.periodKey}, ${r.ruleId}::uuid, ${r.ruleName}, ${JSON.stringify(r.basis)}::jsonb,
        ${r.amountFen}, ${r.payee}, ${r.payeeName}, ${r.accountEnc}, ${r.accountMasked}, ${r.bankName}, ${r.status},
        ${JSON.stringify(r.steps)}::jsonb, ${r.regionCode}, ${r.ownerId}, ${r.departmentId})
      on conflict (county_code, id_bidx, occupation_code, period_key) where status <> 'rejected' do nothing
      returning id`,
  );
  return row !== undefined;
}

export async function findClaim(tx: Executor, id: string): Promise<ClaimRow | undefined> {
  const row = await one<ClaimRow>(
    tx,
    sql`select ${CLAIM_COLUMNS} from training_subsidy_claims c
      where c.id = ${id}::uuid ${countyRoute('c.county_code')}`,
  );
  return row && fix(row);
}

export async function claimStatusOfEnrolments(
  tx: Executor,
  countyCode: string,
  enrolmentIds: string[],
): Promise<Map<string, ClaimRow['status']>> {
  if (enrolmentIds.length === 0) return new Map();
  const rows = await all<{ enrolmentId: string; status: ClaimRow['status'] }>(
    tx,
    sql`select enrolment_id as "enrolmentId", status from training_subsidy_claims
    where county_code = ${countyCode} and enrolment_id in (${sql.join(
      enrolmentIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) order by created_at`,
  );
  return new Map(rows.map((r) => [r.enrolmentId, r.status]));
}

/** Moves a claim on from the status it was read in; false when another decision came first. */
export async function updateClaimStatus(
  tx: Executor,
  c: { countyCode: string; id: string; from: ClaimRow['status']; status: ClaimRow['status']; step: ClaimStep },
): Promise<boolean> {
  const row = await one(
    tx,
    sql`update training_subsidy_claims set status = ${c.status},
      steps = steps || ${JSON.stringify([c.step])}::jsonb
    where county_code = ${c.countyCode} and id = ${c.id}::uuid and status = ${c.from}
    returning id`,
  );
  return row !== undefined;
}

export async function listClaims(
  tx: Executor,
  f: {
    statuses?: string[];
    ownerId?: string;
    departmentId?: string;
    regionPrefix?: string;
    limit: number;
    offset: number;
  },
): Promise<{ items: ClaimRow[]; total: number }> {
  const where: SQL[] = [sql`true ${countyRoute('c.county_code')}`];
  if (f.statuses?.length)
    where.push(
      sql`c.status in (${sql.join(
        f.statuses.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (f.ownerId) where.push(sql`c.owner_id = ${f.ownerId}::uuid`);
  if (f.departmentId) where.push(sql`c.owner_department_id = ${f.departmentId}::uuid`);
  const cond = sql.join(where, sql` and `);
  const items = await all<ClaimRow>(
    tx,
    sql`select ${CLAIM_COLUMNS} from training_subsidy_claims c where ${cond}
      order by c.created_at desc, c.id limit ${f.limit} offset ${f.offset}`,
  );
  const total = await one<{ n: number }>(
    tx,
    sql`select count(*)::int as n from training_subsidy_claims c where ${cond}`,
  );
  return { items: items.map(fix), total: total?.n ?? 0 };
}

// ---------------------------------------------------------------- payment batches
export async function approvedClaimsOfCounty(tx: Executor, countyCode: string): Promise<ClaimRow[]> {
  const rows = await all<ClaimRow>(
    tx,
    sql`select ${CLAIM_COLUMNS} from training_subsidy_claims c
    where c.county_code = ${countyCode} and c.status = 'approved' order by c.created_at, c.id for update`,
  );
  return rows.map(fix);
}

export async function insertBatch(
  tx: Executor,
  b: { countyCode: string; batchNo: string; claims: number; totalFen: number; regionCode: string; by: string },
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into training_payment_batches (county_code, batch_no, claims, total_fen, region_code, created_by)
      values (${b.countyCode}, ${b.batchNo}, ${b.claims}, ${b.totalFen}, ${b.regionCode}, ${b.by}::uuid)
      returning id`,
  );
  return row!.id;
}

export async function markPaid(
  tx: Executor,
  countyCode: string,
  batchId: string,
  claimIds: string[],
  step: ClaimStep,
): Promise<void> {
  await tx.execute(
    sql`update training_subsidy_claims set status = 'paid', batch_id = ${batchId}::uuid,
      steps = steps || ${JSON.stringify([step])}::jsonb
    where county_code = ${countyCode} and id in (${sql.join(
      claimIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
}

export interface BatchRow {
  id: string;
  countyCode: string;
  batchNo: string;
  claims: number;
  totalFen: number;
  regionCode: string;
  createdAt: Date;
}
const BATCH_COLUMNS = sql`id, county_code as "countyCode", batch_no as "batchNo", claims,
  total_fen::int8 as "totalFen", region_code as "regionCode", created_at as "createdAt"`;

export async function listBatches(tx: Executor): Promise<BatchRow[]> {
  const rows = await all<BatchRow>(
    tx,
    sql`select ${BATCH_COLUMNS} from training_payment_batches where true ${countyRoute('county_code')}
      order by created_at desc, id limit 200`,
  );
  return rows.map((r) => ({ ...r, totalFen: Number(r.totalFen) }));
}

export async function findBatch(tx: Executor, id: string): Promise<BatchRow | undefined> {
  const row = await one<BatchRow>(
    tx,
    sql`select ${BATCH_COLUMNS} from training_payment_batches where id = ${id}::uuid ${countyRoute('county_code')}`,
  );
  return row && { ...row, totalFen: Number(row.totalFen) };
}

export async function claimsOfBatch(tx: Executor, countyCode: string, batchId: string): Promise<ClaimRow[]> {
  const rows = await all<ClaimRow>(
    tx,
    sql`select ${CLAIM_COLUMNS} from training_subsidy_claims c
    where c.county_code = ${countyCode} and c.batch_id = ${batchId}::uuid order by c.created_at, c.id`,
  );
  return rows.map(fix);
}

export async function batchCount(tx: Executor, countyCode: string, prefix: string): Promise<number> {
  const row = await one<{ n: number }>(
    tx,
    sql`select count(*)::int as n from training_payment_batches
    where county_code = ${countyCode} and batch_no like ${prefix + '%'}`,
  );
  return row?.n ?? 0;
}
