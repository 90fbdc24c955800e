import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import {
  APPROVAL_LEVEL_LABELS,
  approvalLevelOf,
  CLAIM_STATUS_LABELS,
  CLAIM_STEP,
  computeSubsidy,
  fenToYuan,
  firstClaimStatus,
  maskBankCard,
  parseBankCard,
  shanghaiDate,
  subsidyPeriodKey,
  type SubsidyResult,
  type ClaimStatus,
  type SubsidyFacts,
  type TrainingClaimCreateInput,
  type TrainingSubsidyRuleInput,
  type TrainingType,
} from '@mwsp/domain';
import type { Database, Executor } from '../../db/client.js';
import { access, requireInScope, scopeFilter } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { conflict, fieldError, forbidden, HttpError, notFound } from '../../platform/http/errors.js';
import { occupationName } from './classes.service.js';
import type { EnrolmentsService } from './enrolments.service.js';
import * as erepo from './enrolments.repo.js';
import * as srepo from './subsidies.repo.js';
import * as repo from './training.repo.js';

const ACCOUNT_CTX = 'training.account';
const NO_CLAIM = '补贴申请不存在';
/** The most rows one claims export writes (a county's year fits; a city exports status by status). */
const EXPORT_MAX_ROWS = 20_000;

const toBatch = ({ countyCode: _c, ...b }: srepo.BatchRow) => b;

/** A rule's stored terms from the (validated) form: the defaults of an omitted field made explicit. */
const ruleTerms = (input: TrainingSubsidyRuleInput) => ({
  name: input.name,
  occupationPrefix: input.occupationPrefix ?? null,
  trainingType: input.trainingType ?? null,
  certificateKind: input.certificateKind ?? null,
  amountFen: input.amountFen,
  requireCertificate: input.requireCertificate ?? true,
  employedWithinMonths: input.employedWithinMonths ?? null,
  minAttendancePct: input.minAttendancePct ?? 80,
  payee: input.payee ?? 'person',
  sharePct: input.sharePct ?? 100,
  minContractMonths: input.minContractMonths ?? null,
  originProvince: input.originProvince ?? null,
  validFrom: input.validFrom,
  validTo: input.validTo ?? null,
});

/** A claim whose conditions are not met: 409 with each unmet condition as a field error. */
const unmet = (detail: string, reasons: string[]) =>
  new HttpError(
    409,
    'CONDITION_NOT_MET',
    detail,
    reasons.map((r) => ({ path: 'enrolmentId', message: r })),
  );

/** The one-claim-per-person-occupation-period key (培训补贴不重复申领), held in the database's claim keys. */
export const claimKeyOf = (idBidx: string, occupationCode: string, periodKey: number) =>
  `${idBidx}:${occupationCode}:${periodKey}`;

/**
 * A new claim as filed (submitted, first level by the class's region): the use case and the demo seed
 * (seed.service.ts) build it alike.
 */
export function newClaimOf(
  c: Pick<repo.ClassRow, 'id' | 'countyCode' | 'occupationCode' | 'regionCode' | 'ownerId' | 'departmentId'>,
  e: { enrolmentId: string; idBidx: string; workerName: string },
  r: Extract<SubsidyResult, { ok: true }>,
  f: {
    id: string;
    periodKey: number;
    payeeName: string;
    account: { accountEnc: string; accountMasked: string };
    bankName: string;
    at: string;
    by: string;
  },
): Omit<srepo.ClaimRow, 'createdAt' | 'batchId'> {
  return {
    id: f.id,
    countyCode: c.countyCode,
    enrolmentId: e.enrolmentId,
    classId: c.id,
    idBidx: e.idBidx,
    workerName: e.workerName,
    occupationCode: c.occupationCode,
    periodKey: f.periodKey,
    ruleId: r.ruleId,
    ruleName: r.ruleName,
    basis: r.basis,
    amountFen: r.amountFen,
    payee: r.payee,
    payeeName: f.payeeName,
    ...f.account,
    bankName: f.bankName,
    status: firstClaimStatus(c.regionCode),
    steps: [{ at: f.at, level: null, action: 'submitted', by: f.by, note: null }],
    regionCode: c.regionCode,
    ownerId: c.ownerId,
    departmentId: c.departmentId,
  };
}

/**
 * 培训补贴: rules as data (标准), computed per trainee with the rule that applied (packages/domain computeSubsidy),
 * claims approved level by level (乡镇 → 区县 → 市: the approver's level is the length of its region), payment
 * batches per county exported as the bank's workbook. No double payment: a live claim per person, occupation
 * and period holds a national key (training_claim_keys, its primary key) and the county's partial unique index.
 */
export class SubsidiesService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly cipher: FieldCipher,
    private readonly enrolments: EnrolmentsService,
    private readonly now: () => Date,
  ) {}

  // ---------------------------------------------------------------- rules
  async rules(p: Principal) {
    access(p, 'training:read');
    return { items: await this.db.scoped(dbScopeOf(p), (tx) => srepo.listRules(tx, false)) };
  }

  /**
   * Subsidy standards are one city-wide reference table: `training:rules` (built-in: 市级业务管理员) and a city-level
   * scope, both. A lower-level holder of the permission is refused in Chinese.
   */
  private ruleEditor(p: Principal) {
    access(p, 'training:rules');
    if (approvalLevelOf(p.regionCode, p.dataScope) !== 'city')
      throw forbidden('补贴标准由市级设定，区县及以下用户不能修改');
  }

  async createRule(p: Principal, input: TrainingSubsidyRuleInput) {
    this.ruleEditor(p);
    const terms = ruleTerms(input);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const id = await srepo.insertRule(tx, terms);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'training.rule_create',
        outcome: 'success',
        objectType: 'training_subsidy_rule',
        objectId: id,
        detail: { name: terms.name, amountFen: terms.amountFen, payee: terms.payee, sharePct: terms.sharePct },
      });
      return (await srepo.listRules(tx, false)).find((r) => r.id === id)!;
    });
  }

  /**
   * Rewrites a standard's terms. Claims already computed keep what they were computed with (rule name, amount,
   * payee and the basis text with the standard and share), so a change applies to claims filed afterwards only;
   * the audit entry holds the terms before and after, so the rule in force at any time can be read back.
   */
  async updateRule(p: Principal, id: string, input: TrainingSubsidyRuleInput) {
    this.ruleEditor(p);
    const terms = ruleTerms(input);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const before = (await srepo.listRules(tx, false)).find((r) => r.id === id);
      if (!before || !(await srepo.updateRule(tx, id, terms))) throw notFound('补贴标准不存在');
      const changes = (Object.keys(terms) as (keyof typeof terms)[])
        .filter((k) => before[k] !== terms[k])
        .map((k) => `${k}: ${String(before[k])} → ${String(terms[k])}`);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'training.rule_update',
        outcome: 'success',
        objectType: 'training_subsidy_rule',
        objectId: id,
        detail: { changes },
      });
      return (await srepo.listRules(tx, false)).find((r) => r.id === id)!;
    });
  }

  async setRuleActive(p: Principal, id: string, active: boolean) {
    this.ruleEditor(p);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      if (!(await srepo.setRuleActive(tx, id, active))) throw notFound('补贴标准不存在');
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: active ? 'training.rule_activate' : 'training.rule_deactivate',
        outcome: 'success',
        objectType: 'training_subsidy_rule',
        objectId: id,
        detail: { active },
      });
      return (await srepo.listRules(tx, false)).find((r) => r.id === id)!;
    });
  }

  // ---------------------------------------------------------------- computation
  private async facts(tx: Executor, p: Principal, enrolmentId: string) {
    const e = await erepo.findEnrolment(tx, enrolmentId);
    if (!e) throw notFound('学员不存在');
    const c = requireInScope(p, await repo.findClass(tx, e.classId), '学员不存在');
    const certs = await erepo.certificatesOfEnrolments(tx, e.countyCode, [e.id]);
    const facts: SubsidyFacts = {
      occupationCode: c.occupationCode,
      trainingType: c.trainingType as TrainingType,
      classEndDate: c.endDate,
      sessions: c.sessions,
      attendedSessions: e.attended,
      completed: e.status === 'completed',
      certificates: certs.map((x) => ({ kind: x.kind, issuedOn: x.issuedOn })),
      employedOn: e.employedOn,
      payee: c.payee,
      originProvince: e.originProvince,
      contractMonths: e.contractMonths,
    };
    return { e, c, facts };
  }

  async preview(p: Principal, enrolmentId: string) {
    access(p, 'training:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const { facts } = await this.facts(tx, p, enrolmentId);
      const r = computeSubsidy(await srepo.listRules(tx, true), facts);
      return r.ok
        ? { ...r, reasons: [] }
        : { ok: false, ruleId: r.ruleId, ruleName: null, amountFen: null, payee: null, basis: [], reasons: r.reasons };
    });
  }

  // ---------------------------------------------------------------- claims
  async createClaim(p: Principal, input: TrainingClaimCreateInput) {
    access(p, 'training:handle');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const { e, c, facts } = await this.facts(tx, p, input.enrolmentId);
      if (!c.subsidised) throw conflict('该培训班不是补贴性培训，不能申领培训补贴');
      const r = computeSubsidy(await srepo.listRules(tx, true), facts);
      if (!r.ok) throw unmet(`不符合培训补贴条件：${r.reasons.join('；')}`, r.reasons);
      let account = input.account.replace(/\s+/g, '');
      if (r.payee === 'person') {
        const card = parseBankCard(account);
        if (!card.ok) throw fieldError('account', card.message);
        account = card.normalized;
      } else if (!/^\d{6,32}$/.test(account)) throw fieldError('account', '对公账号应为 6 至 32 位数字');
      const rules = await this.enrolments.rules(tx);
      const periodKey = subsidyPeriodKey(c.endDate, rules.subsidyPeriod);
      const id = randomUUID();
      const twice =
        `该人员${periodKey ? ` ${periodKey} 年` : ''}已申领过“${occupationName(c.occupationCode)}”的培训补贴，` +
        '同一职业（工种）不能重复申领';
      const key = claimKeyOf(e.idBidx, c.occupationCode, periodKey);
      if (!(await srepo.takeClaimKey(tx, { key, countyCode: c.countyCode, claimId: id, regionCode: c.regionCode })))
        throw conflict(twice, 'DUPLICATE_CLAIM');
      const at = this.now().toISOString();
      const inserted = await srepo.insertClaim(
        tx,
        newClaimOf(c, { enrolmentId: e.id, idBidx: e.idBidx, workerName: e.workerName }, r, {
          id,
          periodKey,
          payeeName: input.payeeName,
          account: {
            accountEnc: this.cipher.encrypt(account, ACCOUNT_CTX),
            accountMasked: maskBankCard(account) ?? '****',
          },
          bankName: input.bankName,
          at,
          by: p.displayName,
        }),
      );
      if (!inserted) throw conflict(twice, 'DUPLICATE_CLAIM');
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'training.claim_submit',
        outcome: 'success',
        objectType: 'training_subsidy_claim',
        objectId: id,
        detail: { ruleId: r.ruleId, amountFen: r.amountFen, payee: r.payee },
      });
      return this.toClaim(p, (await srepo.findClaim(tx, id))!);
    });
  }

  /** A person's bank card as a claim stores it (encrypted, masked): the demo seed's claims (seed.service.ts). */
  sealAccount(account: string): { accountEnc: string; accountMasked: string } {
    const card = parseBankCard(account.replace(/\s+/g, ''));
    const normalized = card.ok ? card.normalized : account;
    return {
      accountEnc: this.cipher.encrypt(normalized, ACCOUNT_CTX),
      accountMasked: maskBankCard(normalized) ?? '****',
    };
  }

  private toClaim(p: Principal, c: srepo.ClaimRow) {
    const level = approvalLevelOf(p.regionCode, p.dataScope);
    const step = CLAIM_STEP[c.status as keyof typeof CLAIM_STEP];
    return {
      id: c.id,
      enrolmentId: c.enrolmentId,
      classId: c.classId,
      workerName: c.workerName,
      occupationCode: c.occupationCode,
      periodKey: c.periodKey,
      ruleId: c.ruleId,
      ruleName: c.ruleName,
      basis: c.basis,
      amountFen: c.amountFen,
      payee: c.payee,
      payeeName: c.payeeName,
      accountMasked: c.accountMasked,
      bankName: c.bankName,
      status: c.status,
      steps: c.steps,
      batchId: c.batchId,
      regionCode: c.regionCode,
      createdAt: c.createdAt,
      canApprove: !!step && step.level === level && p.permissions.has('training:approve'),
    };
  }

  async listClaims(p: Principal, q: { page: number; pageSize: number; status?: ClaimStatus; queue?: 'mine' }) {
    access(p, 'training:read');
    let statuses: string[] | undefined = q.status ? [q.status] : undefined;
    if (q.queue === 'mine') {
      const level = approvalLevelOf(p.regionCode, p.dataScope);
      const waiting: string[] = Object.entries(CLAIM_STEP)
        .filter(([, s]) => s.level === level)
        .map(([k]) => k);
      statuses = statuses ? statuses.filter((s) => waiting.includes(s)) : waiting;
      if (statuses.length === 0) statuses = ['none']; // a village user's queue is empty
    }
    const { items, total } = await this.db.scoped(dbScopeOf(p), (tx) =>
      srepo.listClaims(tx, { statuses, ...scopeFilter(p), limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    );
    return { items: items.map((c) => this.toClaim(p, c)), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * 补贴申请名单: the claims the caller's scope sees (optionally of one status) as a workbook for the office's files —
   * account masked (the clear account goes only into the bank's batch file), audited before the bytes.
   */
  async exportClaims(p: Principal, q: { status?: ClaimStatus }): Promise<{ buffer: Buffer; filename: string }> {
    access(p, 'training:read');
    const { items, total } = await this.db.scoped(dbScopeOf(p), (tx) =>
      srepo.listClaims(tx, {
        statuses: q.status ? [q.status] : undefined,
        ...scopeFilter(p),
        limit: EXPORT_MAX_ROWS,
        offset: 0,
      }),
    );
    if (total > EXPORT_MAX_ROWS)
      throw fieldError('status', `名单共 ${total} 条，超过单次导出上限 ${EXPORT_MAX_ROWS} 条，请按状态分批导出`);
    const wb = new ExcelJS.Workbook();
    wb.creator = `${p.displayName}（${p.username}）`;
    const ws = wb.addWorksheet('补贴申请名单');
    ws.columns = [
      { header: '序号', key: 'n', width: 8 },
      { header: '学员', key: 'name', width: 12 },
      { header: '职业（工种）', key: 'occupation', width: 22 },
      { header: '适用标准', key: 'rule', width: 32 },
      { header: '金额（元）', key: 'amount', width: 14 },
      { header: '补贴对象', key: 'payee', width: 10 },
      { header: '收款户名', key: 'payeeName', width: 24 },
      { header: '收款账号', key: 'account', width: 16 },
      { header: '状态', key: 'status', width: 16 },
      { header: '申报时间', key: 'at', width: 20 },
    ];
    items.forEach((c, i) =>
      ws.addRow({
        n: i + 1,
        name: c.workerName,
        occupation: `${occupationName(c.occupationCode)}（${c.occupationCode}）`,
        rule: c.ruleName,
        amount: fenToYuan(c.amountFen, { grouping: false }),
        payee: c.payee === 'person' ? '个人' : '企业',
        payeeName: c.payeeName,
        account: c.accountMasked,
        status: CLAIM_STATUS_LABELS[c.status],
        at: shanghaiDate(c.createdAt),
      }),
    );
    ws.headerFooter.oddHeader = `&L培训补贴申请名单&R导出人：${p.displayName} 仅限工作使用，严禁外传`;
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await this.audit.record(actorOf(p, p.ip), {
      action: 'training.claims_export',
      outcome: 'success',
      objectType: 'training_subsidy_claim',
      objectId: null,
      detail: { rows: items.length, status: q.status ?? null },
    });
    const suffix = q.status ? `_${CLAIM_STATUS_LABELS[q.status]}` : '';
    return { buffer, filename: `培训补贴申请${suffix}_${shanghaiDate(this.now())}.xlsx` };
  }

  /** Approves (at the caller's level) or rejects a pending claim; a rejection releases its no-double-payment key. */
  async decide(p: Principal, id: string, decision: 'approve' | 'reject', note: string | null) {
    access(p, 'training:approve');
    const level = approvalLevelOf(p.regionCode, p.dataScope);
    if (!level) throw forbidden('村（社区）用户不能审核培训补贴');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const c = requireInScope(p, await srepo.findClaim(tx, id), NO_CLAIM);
      const step = CLAIM_STEP[c.status as keyof typeof CLAIM_STEP];
      if (!step) throw conflict(`该申请${CLAIM_STATUS_LABELS[c.status]}，不能再审核`);
      if (step.level !== level)
        throw conflict(
          `该申请${CLAIM_STATUS_LABELS[c.status]}，您是${APPROVAL_LEVEL_LABELS[level]}级审核人员，不能在本环节审核`,
        );
      const status: ClaimStatus = decision === 'approve' ? step.next : 'rejected';
      const moved = await srepo.updateClaimStatus(tx, {
        countyCode: c.countyCode,
        id: c.id,
        from: c.status,
        status,
        step: { at: this.now().toISOString(), level, action: decision, by: p.displayName, note },
      });
      if (!moved) throw conflict('该申请已被他人处理，请刷新后再试');
      if (status === 'rejected')
        await srepo.releaseClaimKey(tx, `${c.idBidx}:${c.occupationCode}:${c.periodKey}`, c.id);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: decision === 'approve' ? 'training.claim_approve' : 'training.claim_reject',
        outcome: 'success',
        objectType: 'training_subsidy_claim',
        objectId: c.id,
        detail: { level, from: c.status, to: status },
      });
      return this.toClaim(p, (await srepo.findClaim(tx, id))!);
    });
  }

  // ---------------------------------------------------------------- payment batches
  async createBatch(p: Principal, countyCode: string) {
    access(p, 'training:approve');
    const level = approvalLevelOf(p.regionCode, p.dataScope);
    if (level !== 'city' && level !== 'county') throw forbidden('拨付批次由区（县）或市级生成');
    access(p, 'training:approve', { regionCode: countyCode });
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const claims = await srepo.approvedClaimsOfCounty(tx, countyCode);
      if (claims.length === 0) throw conflict('该区（县）没有已审批待拨付的补贴申请');
      const day = shanghaiDate(this.now()).replaceAll('-', '');
      const prefix = `PX${countyCode}${day}`;
      const batchNo = `${prefix}${String((await srepo.batchCount(tx, countyCode, prefix)) + 1).padStart(2, '0')}`;
      const totalFen = claims.reduce((s, c) => s + c.amountFen, 0);
      const id = await srepo.insertBatch(tx, {
        countyCode,
        batchNo,
        claims: claims.length,
        totalFen,
        regionCode: countyCode,
        by: p.userId,
      });
      const at = this.now().toISOString();
      await srepo.markPaid(
        tx,
        countyCode,
        id,
        claims.map((c) => c.id),
        { at, level, action: 'paid', by: p.displayName, note: batchNo },
      );
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'training.batch_create',
        outcome: 'success',
        objectType: 'training_payment_batch',
        objectId: id,
        detail: { batchNo, claims: claims.length, totalFen },
      });
      return toBatch((await srepo.findBatch(tx, id))!);
    });
  }

  async batches(p: Principal) {
    access(p, 'training:read');
    return { items: (await this.db.scoped(dbScopeOf(p), (tx) => srepo.listBatches(tx))).map(toBatch) };
  }

  /** The bank's workbook of a batch (代发明细): payee, account in clear, bank, amount in 元; audited before the bytes. */
  async exportBatch(p: Principal, id: string): Promise<{ buffer: Buffer; filename: string }> {
    access(p, 'training:approve');
    const { batch, claims } = await this.db.scoped(dbScopeOf(p), async (tx) => {
      const b = await srepo.findBatch(tx, id);
      if (!b) throw notFound('拨付批次不存在');
      return { batch: b, claims: await srepo.claimsOfBatch(tx, b.countyCode, b.id) };
    });
    const wb = new ExcelJS.Workbook();
    wb.creator = `${p.displayName}（${p.username}）`;
    const ws = wb.addWorksheet('代发明细');
    ws.columns = [
      { header: '序号', key: 'n', width: 8 },
      { header: '收款户名', key: 'name', width: 28 },
      { header: '收款账号', key: 'account', width: 24 },
      { header: '开户行', key: 'bank', width: 28 },
      { header: '金额（元）', key: 'amount', width: 14 },
      { header: '用途', key: 'purpose', width: 36 },
    ];
    claims.forEach((c, i) =>
      ws.addRow({
        n: i + 1,
        name: c.payeeName,
        account: this.cipher.decrypt(c.accountEnc, ACCOUNT_CTX),
        bank: c.bankName,
        amount: fenToYuan(c.amountFen, { grouping: false }),
        purpose: `职业培训补贴（${c.ruleName}）`,
      }),
    );
    ws.addRow({ n: '合计', amount: fenToYuan(batch.totalFen, { grouping: false }) });
    ws.getColumn('account').numFmt = '@';
    ws.headerFooter.oddHeader = `&L批次 ${batch.batchNo}&R导出人：${p.displayName} 仅限代发使用`;
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await this.audit.record(actorOf(p, p.ip), {
      action: 'training.batch_export',
      outcome: 'success',
      objectType: 'training_payment_batch',
      objectId: batch.id,
      detail: { batchNo: batch.batchNo, rows: claims.length },
    });
    return { buffer, filename: `培训补贴代发_${batch.batchNo}.xlsx` };
  }
}
