import {
  daysInMonth,
  isIsoDate,
  monthLabel,
  monthOf,
  monthStart,
  normalizeName,
  parseIdNumber,
  sameName,
} from '@mwsp/domain';
import type { Database, Executor } from '../../db/client.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { Principal } from '../../platform/access/principal.js';
import { badRequest, conflict, fieldError, notFound } from '../../platform/http/errors.js';
import * as ledger from './ledger.repo.js';
import * as repo from './projects.repo.js';
import type { ProjectRecord } from './projects.repo.js';
import { masked, type ProjectsService } from './projects.service.js';

/**
 * One worker's pay line as given (by the form or a sheet row); the worker by project-worker id or ID-number blind
 * index.
 */
export interface PayLineInput {
  rowNo: number;
  projectWorkerId?: string;
  idBidx?: string;
  name?: string;
  month: string;
  days: number;
  payableFen: number;
  deductionsFen: number;
  netFen: number;
  payDate: string | null;
  confirmed: boolean;
}

export interface BankLineInput {
  rowNo: number;
  accountBidx: string;
  idBidx: string;
  name: string;
  month: string;
  amountFen: number;
  succeeded: boolean;
  failureReason: string | null;
  bankRef: string;
  paidOn: string;
}

export type LineOutcome = {
  rowNo: number;
  outcome: 'created' | 'unchanged' | 'error';
  errors?: Record<string, string>;
};

/** An absurd monthly amount for one worker (well above the 5-万 warning): refused as a typing error. */
const ABSURD_FEN = 100_000_000; // 1,000,000 元

const yuan = (fen: number) => (fen / 100).toFixed(2);

/**
 * The wage ledger (工资支付台账, 条例 Art. 15): wage sheets, adjusting entries and the bank's payment
 * results. Nothing is updated or deleted (the grants allow INSERT only); corrections are audited
 * adjusting entries. Every rule here answers a precise Chinese message per row.
 */
export class LedgerService {
  constructor(
    private readonly db: Database,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditLog,
    private readonly projects: ProjectsService,
  ) {}

  async summaries(p: Principal, id: string) {
    return this.projects.withProject(p, 'wages:read', id, async (tx, project) => ({
      items: await ledger.monthSummaries(tx, project),
    }));
  }

  async monthLines(p: Principal, id: string, month: string) {
    const m = monthStart(month);
    if (!m) throw fieldError('month', '月份格式应为 YYYY-MM');
    return this.projects.withProject(p, 'wages:read', id, async (tx, project) => ({
      month: m,
      items: (await ledger.monthLines(tx, project, m)).map(masked),
    }));
  }

  /** Manual wage sheet for one month (the form); all lines or none. */
  async saveManual(
    p: Principal,
    id: string,
    input: { month: string; teamId?: string | null; lines: Omit<PayLineInput, 'rowNo' | 'month'>[] },
  ) {
    const m = monthStart(input.month);
    if (!m) throw fieldError('month', '月份格式应为 YYYY-MM');
    if (input.lines.length === 0) throw fieldError('lines', '工资表至少应有一行');
    return this.projects.withProject(p, 'wages:write', id, async (tx, project) => {
      if (input.teamId && !(await repo.teamBelongs(tx, project, input.teamId)))
        throw fieldError('teamId', '班组不属于本项目');
      const results = await this.addLines(
        tx,
        p,
        project,
        input.lines.map((l, i) => ({ ...l, rowNo: i, month: m })),
        { source: 'manual', importId: null, teamId: input.teamId ?? null },
      );
      const failed = results.filter((r) => r.outcome === 'error');
      if (failed.length) {
        const errors = failed.flatMap((r) =>
          Object.entries(r.errors ?? {}).map(([k, message]) => ({
            path: `lines.${r.rowNo}.${k === '_row' ? 'projectWorkerId' : k}`,
            message,
          })),
        );
        throw badRequest(`工资表有 ${failed.length} 行未通过校验：${errors[0].message}`, errors);
      }
      const created = results.filter((r) => r.outcome === 'created').length;
      await this.projects.changed(tx, p, project, 'payroll.submitted', `上报 ${monthLabel(m)} 工资表 ${created} 人`, {
        month: m,
        lines: created,
      });
      return { month: m, lines: created, unchanged: results.length - created };
    });
  }

  /**
   * Validates and appends wage lines of one project. Per line: the worker is on the project and on site
   * that month, no future month, amounts in 分 with net = payable − deductions, nothing absurd; a line
   * that already exists with the same figures is 'unchanged' (a sheet uploaded twice), with different
   * figures an error pointing to the adjusting entry.
   */
  async addLines(
    tx: Executor,
    p: Principal,
    project: ProjectRecord,
    lines: PayLineInput[],
    opts: { source: 'import' | 'manual'; importId: string | null; teamId: string | null },
  ): Promise<LineOutcome[]> {
    const today = this.projects.today();
    const currentMonth = monthOf(today);
    const byBidx = await repo.projectWorkersByBidx(
      tx,
      project,
      lines.filter((l) => l.idBidx).map((l) => l.idBidx!),
    );
    const byId = new Map<string, { id: string; name: string; entryDate: string; exitDate: string | null }>();
    for (const l of lines) {
      if (l.projectWorkerId && !byId.has(l.projectWorkerId)) {
        const pw = await repo.findProjectWorker(tx, project, l.projectWorkerId);
        if (pw) byId.set(pw.id, { id: pw.id, name: pw.name, entryDate: pw.entryDate, exitDate: pw.exitDate });
      }
    }
    const out: LineOutcome[] = [];
    const valid: { line: PayLineInput; pwId: string }[] = [];
    const seen = new Set<string>();
    for (const l of lines) {
      const errors: Record<string, string> = {};
      const pw = l.projectWorkerId ? byId.get(l.projectWorkerId) : byBidx.get(l.idBidx ?? '');
      if (!pw) errors[l.idBidx ? 'idNumber' : '_row'] = '该人员不在本项目的实名用工名册中，请先办理进场登记';
      else if (l.name !== undefined && !sameName(l.name, pw.name)) errors.name = '姓名与身份证号不符';
      if (l.month > currentMonth) errors.month = '不能上报未来月份的工资';
      else if (pw && l.month < monthOf(pw.entryDate))
        errors.month = `该人员 ${pw.entryDate} 才进场，${monthLabel(l.month)}不在场`;
      else if (pw?.exitDate && l.month > monthOf(pw.exitDate))
        errors.month = `该人员已于 ${pw.exitDate} 离场，${monthLabel(l.month)}不在场`;
      const dim = daysInMonth(Number(l.month.slice(0, 4)), Number(l.month.slice(5, 7)));
      if (!Number.isInteger(l.days) || l.days < 0 || l.days > dim) errors.days = `出勤天数应为 0–${dim} 的整数`;
      for (const [k, label] of [
        ['payableFen', '应发工资'],
        ['deductionsFen', '扣款'],
        ['netFen', '实发工资'],
      ] as const) {
        if (!Number.isSafeInteger(l[k]) || l[k] < 0) errors[k] = `${label}不能为负数`;
        else if (l[k] > ABSURD_FEN) errors[k] = `${label} ${yuan(l[k])} 元明显异常，请核实（单人单月不超过 100 万元）`;
      }
      if (
        !errors.payableFen &&
        !errors.deductionsFen &&
        !errors.netFen &&
        l.netFen !== l.payableFen - l.deductionsFen
      ) {
        errors.netFen = `实发工资应等于应发工资减扣款，即 ${yuan(l.payableFen - l.deductionsFen)} 元（表中为 ${yuan(l.netFen)} 元）`;
      }
      if (l.deductionsFen > l.payableFen && !errors.deductionsFen) errors.deductionsFen = '扣款不能超过应发工资';
      if (l.payDate && !isIsoDate(l.payDate)) errors.payDate = '发放日期格式应为 YYYY-MM-DD';
      else if (l.payDate && l.payDate < l.month) errors.payDate = '发放日期不能早于工资所属月份';
      else if (l.payDate && l.payDate > today) errors.payDate = '发放日期不能晚于今天';
      const key = `${pw?.id}|${l.month}`;
      if (pw && seen.has(key)) errors._row = `同一工资表中该人员 ${monthLabel(l.month)} 出现多行`;
      if (Object.keys(errors).length) {
        out.push({ rowNo: l.rowNo, outcome: 'error', errors });
        continue;
      }
      seen.add(key);
      valid.push({ line: l, pwId: pw!.id });
    }
    const existing = await ledger.existingOriginals(
      tx,
      project,
      valid.map((v) => ({ projectWorkerId: v.pwId, month: v.line.month })),
    );
    const toInsert: ledger.LineInput[] = [];
    const payrollIds = new Map<string, string>();
    for (const { line, pwId } of valid) {
      const prior = existing.get(`${pwId}|${line.month}`);
      if (prior) {
        if (prior.netFen === line.netFen) out.push({ rowNo: line.rowNo, outcome: 'unchanged' });
        else
          out.push({
            rowNo: line.rowNo,
            outcome: 'error',
            errors: {
              netFen: `该人员 ${monthLabel(line.month)} 的工资已在台账中（实发 ${yuan(prior.netFen)} 元），台账不可覆盖，更正请录入调整分录`,
            },
          });
        continue;
      }
      let payrollId = payrollIds.get(line.month);
      if (!payrollId) {
        payrollId = await ledger.ensurePayroll(tx, {
          projectId: project.id,
          teamId: opts.teamId,
          month: line.month,
          source: opts.source,
          importId: opts.importId,
          scope: project,
          by: p.userId,
        });
        payrollIds.set(line.month, payrollId);
      }
      toInsert.push({
        payrollId,
        projectWorkerId: pwId,
        month: line.month,
        days: line.days,
        payableFen: line.payableFen,
        deductionsFen: line.deductionsFen,
        netFen: line.netFen,
        payDate: line.payDate,
        confirmed: line.confirmed,
      });
      out.push({ rowNo: line.rowNo, outcome: 'created' });
    }
    await ledger.insertLines(tx, project.id, project, p.userId, toInsert);
    return out.sort((a, b) => a.rowNo - b.rowNo);
  }

  /** An audited adjusting entry (deltas) against one original line: the ledger itself is never changed. */
  async adjust(
    p: Principal,
    id: string,
    input: { lineId: number; payableFen: number; deductionsFen: number; netFen: number; reason: string },
  ) {
    return this.projects.withProject(p, 'wages:write', id, async (tx, project) => {
      const line = await ledger.findLine(tx, project, input.lineId);
      if (!line) throw notFound('台账记录不存在');
      if (line.entry !== 'original') throw fieldError('lineId', '只能对原始记录做调整');
      const errors: Record<string, string> = {};
      if (!input.reason.trim() || input.reason.trim().length < 4) errors.reason = '请填写调整原因（不少于 4 个字）';
      for (const k of ['payableFen', 'deductionsFen', 'netFen'] as const)
        if (!Number.isSafeInteger(input[k]) || Math.abs(input[k]) > ABSURD_FEN)
          errors[k] = '调整金额应为整数（分），且绝对值不超过 100 万元';
      if (input.netFen !== input.payableFen - input.deductionsFen)
        errors.netFen = `实发调整额应等于应发调整额减扣款调整额，即 ${yuan(input.payableFen - input.deductionsFen)} 元`;
      if (input.payableFen === 0 && input.deductionsFen === 0) errors.payableFen = '调整金额不能全部为 0';
      const totals = (await ledger.workerMonthTotals(tx, line.projectWorkerId, line.month))!;
      if (
        totals.payableFen + input.payableFen < 0 ||
        totals.netFen + input.netFen < 0 ||
        totals.deductionsFen + input.deductionsFen < 0
      )
        errors.netFen = '调整后金额不能为负数';
      if (Object.keys(errors).length) {
        const list = Object.entries(errors).map(([path, message]) => ({ path, message }));
        throw badRequest(list.map((e) => e.message).join('；'), list);
      }
      const adjId = await ledger.insertAdjustment(tx, {
        payrollId: line.payrollId,
        projectId: id,
        projectWorkerId: line.projectWorkerId,
        month: line.month,
        payableFen: input.payableFen,
        deductionsFen: input.deductionsFen,
        netFen: input.netFen,
        adjustsLineId: line.id,
        reason: input.reason.trim(),
        scope: project,
        by: p.userId,
      });
      await this.projects.changed(
        tx,
        p,
        project,
        'payroll.adjusted',
        `${monthLabel(line.month)} 工资台账调整：` +
          `实发 ${input.netFen >= 0 ? '+' : ''}${yuan(input.netFen)} 元（${input.reason.trim()}）`,
        { lineId: line.id, netFen: input.netFen },
      );
      return { lineId: adjId };
    });
  }

  /** The bank's payment results (代发结果) of one project; each row matched to the account and the worker. */
  async addBankLines(
    tx: Executor,
    p: Principal,
    project: ProjectRecord,
    lines: BankLineInput[],
    importId: string | null,
  ): Promise<LineOutcome[]> {
    const account = await repo.findAccount(tx, project);
    if (!account)
      return lines.map((l) => ({
        rowNo: l.rowNo,
        outcome: 'error',
        errors: { _row: '本项目尚未开设农民工工资专用账户' },
      }));
    const today = this.projects.today();
    const workers = await repo.projectWorkersByBidx(
      tx,
      project,
      lines.map((l) => l.idBidx),
    );
    const known = await ledger.existingBankRefs(
      tx,
      account.id,
      lines.map((l) => l.bankRef),
    );
    const out: LineOutcome[] = [];
    const fresh: ledger.BankPaymentInput[] = [];
    const refs = new Set<string>();
    const pending = new Map<string, number>(); // succeeded amounts within this batch per worker-month
    for (const l of lines) {
      const errors: Record<string, string> = {};
      const pw = workers.get(l.idBidx);
      if (l.accountBidx !== account.accountBidx) errors.accountNo = '付款账号与本项目的农民工工资专用账户不符';
      if (!pw) errors.idNumber = '该人员不在本项目的实名用工名册中';
      else if (!sameName(pw.name, l.name)) errors.name = '姓名与身份证号不符';
      if (l.month > monthOf(today)) errors.month = '不能登记未来月份的工资';
      if (l.paidOn > today) errors.paidOn = '代发日期不能晚于今天';
      else if (l.paidOn < l.month) errors.paidOn = '代发日期不能早于工资所属月份';
      if (!Number.isSafeInteger(l.amountFen) || l.amountFen <= 0) errors.amount = '代发金额应大于 0';
      else if (l.amountFen > ABSURD_FEN) errors.amount = `代发金额 ${yuan(l.amountFen)} 元明显异常，请核实`;
      if (refs.has(l.bankRef)) errors.bankRef = '同一文件中银行流水号重复';
      const prior = known.get(l.bankRef);
      if (prior && !Object.keys(errors).length) {
        if (
          prior.projectWorkerId === pw!.id &&
          prior.month === l.month &&
          prior.amountFen === l.amountFen &&
          prior.succeeded === l.succeeded
        )
          out.push({ rowNo: l.rowNo, outcome: 'unchanged' });
        else
          out.push({ rowNo: l.rowNo, outcome: 'error', errors: { bankRef: '该银行流水号已登记，且内容与本行不一致' } });
        continue;
      }
      if (!Object.keys(errors).length && l.succeeded) {
        const totals = (await ledger.workerMonthTotals(tx, pw!.id, l.month))!;
        const paidBefore = await ledger.paidSoFar(tx, pw!.id, l.month);
        const key = `${pw!.id}|${l.month}`;
        const already = paidBefore + (pending.get(key) ?? 0);
        if (totals.netFen === 0) errors._row = `台账中没有该人员 ${monthLabel(l.month)} 的工资记录，请先上报工资表`;
        else if (already + l.amountFen > totals.netFen)
          errors.amount = `累计代发 ${yuan(already + l.amountFen)} 元超过台账实发工资 ${yuan(totals.netFen)} 元`;
        else pending.set(key, (pending.get(key) ?? 0) + l.amountFen);
      }
      if (Object.keys(errors).length) {
        out.push({ rowNo: l.rowNo, outcome: 'error', errors });
        continue;
      }
      refs.add(l.bankRef);
      fresh.push({
        projectWorkerId: pw!.id,
        month: l.month,
        amountFen: l.amountFen,
        succeeded: l.succeeded,
        failureReason: l.succeeded ? null : l.failureReason || '银行未说明原因',
        bankRef: l.bankRef,
        paidOn: l.paidOn,
      });
      out.push({ rowNo: l.rowNo, outcome: 'created' });
    }
    await ledger.insertBankPayments(tx, project.id, account.id, project, importId, fresh);
    const outflow = new Map<string, { amount: number; date: string }>();
    for (const b of fresh.filter((f) => f.succeeded)) {
      const o = outflow.get(b.month) ?? { amount: 0, date: b.paidOn };
      outflow.set(b.month, { amount: o.amount + b.amountFen, date: b.paidOn > o.date ? b.paidOn : o.date });
    }
    await repo.insertTxns(
      tx,
      account.id,
      project.id,
      project,
      [...outflow].map(([month, o]) => ({
        kind: 'payment',
        month,
        amountFen: o.amount,
        txnDate: o.date,
        ref: importId ? `代发批次 ${importId.slice(0, 8)}` : null,
      })),
    );
    return out;
  }

  /** Attendance rows of a sheet (by ID number), upserted per worker-month. */
  async addAttendanceRows(
    tx: Executor,
    project: ProjectRecord,
    rows: { rowNo: number; idBidx: string; name: string; month: string; days: number }[],
  ): Promise<LineOutcome[]> {
    const today = this.projects.today();
    const workers = await repo.projectWorkersByBidx(
      tx,
      project,
      rows.map((r) => r.idBidx),
    );
    const out: LineOutcome[] = [];
    const byMonth = new Map<string, { projectWorkerId: string; days: number }[]>();
    for (const r of rows) {
      const errors: Record<string, string> = {};
      const pw = workers.get(r.idBidx);
      if (!pw) errors.idNumber = '该人员不在本项目的实名用工名册中';
      else if (!sameName(pw.name, r.name)) errors.name = '姓名与身份证号不符';
      else if (r.month < monthOf(pw.entryDate) || (pw.exitDate && r.month > monthOf(pw.exitDate)))
        errors.month = `该人员${monthLabel(r.month)}不在场（${pw.entryDate} 进场${pw.exitDate ? `，${pw.exitDate} 离场` : ''}）`;
      if (r.month > monthOf(today)) errors.month = '不能登记未来月份的考勤';
      const dim = daysInMonth(Number(r.month.slice(0, 4)), Number(r.month.slice(5, 7)));
      if (!Number.isInteger(r.days) || r.days < 0 || r.days > dim) errors.days = `出勤天数应为 0–${dim} 的整数`;
      if (Object.keys(errors).length) {
        out.push({ rowNo: r.rowNo, outcome: 'error', errors });
        continue;
      }
      byMonth.set(r.month, [...(byMonth.get(r.month) ?? []), { projectWorkerId: pw!.id, days: r.days }]);
      out.push({ rowNo: r.rowNo, outcome: 'created' });
    }
    for (const [month, entries] of byMonth) await repo.upsertAttendance(tx, project.id, month, project, entries);
    return out;
  }

  /**
   * The worker's own lookup behind the notice board's QR code: ID number and name must match a worker of
   * that project; the answer is that worker's months only. Audited (success or not), rate-limited by the route.
   */
  async publicWageLookup(input: { projectCode: string; idNumber: string; name: string; ip: string }) {
    const id = parseIdNumber(input.idNumber);
    if (!id.ok) throw badRequest(id.message, [{ path: 'idNumber', message: id.message }]);
    const project = await this.projects.publicProject(input.projectCode);
    // The name is compared in the domain's normal form (・/•/… → ·, full-width → half-width) on both sides.
    const bidx = this.projects.idNumberIndex(id.value);
    const stored = (await ledger.projectWorkerNames(this.db, input.projectCode, bidx)).find((n) =>
      sameName(n, input.name),
    );
    const rows =
      stored === undefined || !normalizeName(input.name)
        ? []
        : await ledger.workerWageLookup(this.db, input.projectCode, bidx, stored);
    await this.audit.record(
      { username: 'public', ip: input.ip },
      {
        action: 'wages.public_lookup',
        outcome: rows.length ? 'success' : 'failure',
        objectType: 'project',
        objectId: input.projectCode,
      },
    );
    if (rows.length === 0)
      throw notFound('未查到您在本项目的工资记录：请核对身份证号和姓名，或向项目劳资专管员、12333 咨询');
    return {
      project: { code: project.code, name: project.name },
      months: rows.map((m) => ({
        ...m,
        days: m.days ?? 0,
        payableFen: m.payableFen ?? 0,
        deductionsFen: m.deductionsFen ?? 0,
        netFen: m.netFen ?? 0,
      })),
    };
  }

  /** The registry's blind index of an ID number (wage sheets and bank files name workers by ID number). */
  idNumberIndex(idNumber: string): string {
    return this.projects.idNumberIndex(idNumber);
  }

  async projectForImport(tx: Executor, projectId: string): Promise<ProjectRecord> {
    const project = await repo.findProject(tx, projectId);
    if (!project) throw conflict('导入任务所属的项目已不在您的管辖范围内');
    return project;
  }
}
