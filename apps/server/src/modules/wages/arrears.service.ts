import {
  ARREARS_PAYMENT_SOURCE_NAMES,
  ARREARS_STATUS_NAMES,
  type ArrearsPaymentSource,
  criminalThreshold,
  defaulterBasisKind,
  defaulterTerm,
  maskName,
  publicDefaulterText,
  earlyRemovalAllowed,
  INTEGRITY_GRADE_NAMES,
  integrityGrade,
  isIsoDate,
  monthLabel,
  monthStart,
  shanghaiDate,
  type WageParams,
  countyCodeOf,
  addDays,
  INTEGRITY_VIOLATIONS,
  type ViolationRecordedData,
} from '@mwsp/domain';
import { SYSTEM_SCOPE, type Database, type DbScope, type Executor } from '../../db/client.js';
import { access, inScope, requireInScope, scopeFilter } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { WorkCalendar } from '../../platform/calendar/workdays.js';
import type { EventLog } from '../../platform/events/events.js';
import { badRequest, conflict, fieldError, notFound } from '../../platform/http/errors.js';
import type { EmployerUpdatedData, RegistryPort } from '../registry/index.js';
import * as repo from './arrears.repo.js';
import { renderEvidencePackage } from './documents/evidencePackage.js';
import * as projectsRepo from './projects.repo.js';
import * as violationsRepo from './violations.repo.js';
import { masked, projectResource } from './projects.service.js';
import * as warningsRepo from './warnings.repo.js';

type Source = ArrearsPaymentSource;
export const SOURCE_NAMES: Record<Source, string> = ARREARS_PAYMENT_SOURCE_NAMES;
const STATUS_NAMES: Record<string, string> = ARREARS_STATUS_NAMES;

/** A case with its employer's registry facts (name, credit code, legal representative). */
type CaseRow = repo.CaseRecord & { employerName: string; creditCode: string; legalRep: string | null };

/** The public defaulter list reads as `mwsp_app` with no region: only what every scope may see. */
const PUBLIC_SCOPE: DbScope = { region: '' };

const yuan = (fen: number) => (fen / 100).toFixed(2);

/**
 * Arrears cases (confirmed arrears per worker and month; payment orders; who paid — employer, the
 * general contractor paying first (先行清偿), the client, the deposit, the emergency revolving fund
 * (应急周转金) and its recovery; transfer to the police with the evidence package), the defaulter list
 * (失信联合惩戒名单) and the employer integrity grade.
 */
export class ArrearsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly events: EventLog,
    private readonly params: () => Promise<WageParams>,
    private readonly calendar: () => Promise<WorkCalendar>,
    private readonly now: () => Date,
    private readonly registry: RegistryPort,
  ) {}

  private today(): string {
    return shanghaiDate(this.now());
  }

  /** The cases with their employers' registry facts, in one look-up. */
  private async withEmployers<T extends repo.CaseRecord>(tx: Executor, rows: T[]): Promise<(T & CaseRow)[]> {
    const employers = await this.registry.employers(
      tx,
      rows.map((r) => r.employerId),
    );
    return rows.map((r) => {
      const e = employers.get(r.employerId);
      return { ...r, employerName: e?.name ?? '', creditCode: e?.creditCode ?? '', legalRep: e?.legalRep ?? null };
    });
  }

  private listItem(c: CaseRow) {
    return {
      id: c.id,
      seq: Number(c.seq),
      projectId: c.projectId,
      projectName: c.projectName,
      employerId: c.employerId,
      employerName: c.employerName,
      status: c.status,
      statusName: STATUS_NAMES[c.status],
      summary: c.summary,
      workers: c.workers,
      months: c.months,
      amountFen: c.amountFen,
      paidFen: c.paidFen,
      outstandingFen: c.amountFen - c.paidFen,
      orderDueOn: c.orderDueOn,
      regionCode: c.regionCode,
      regionName: c.regionName,
      createdAt: c.createdAt.toISOString(),
    };
  }

  async list(p: Principal, f: { status?: string; regionCode?: string; q?: string; page: number; pageSize: number }) {
    access(p, 'arrears:read');
    const rows = await this.db.scoped(dbScopeOf(p), async (tx) => {
      const employerIds = f.q ? await this.registry.employerIdsMatching(tx, { nameContains: f.q }) : undefined;
      return this.withEmployers(tx, await repo.listCases(tx, { ...f, owned: scopeFilter(p), employerIds }));
    });
    return { items: rows.map((r) => this.listItem(r)), total: rows[0]?.total ?? 0 };
  }

  private async findCase(tx: Executor, p: Principal, id: string): Promise<CaseRow> {
    const c = requireInScope(p, await repo.findCase(tx, id), '欠薪案件不存在或不在您的管辖范围内', (c) => ({
      regionCode: c.regionCode,
      ownerId: c.ownerId,
      departmentId: c.departmentId,
    }));
    return (await this.withEmployers(tx, [c]))[0];
  }

  private items(tx: Executor, id: string) {
    return repo.caseItems(tx, id);
  }

  private async payments(tx: Executor, id: string) {
    return (await repo.casePayments(tx, id)).map((r) => ({ ...r, sourceName: SOURCE_NAMES[r.source] }));
  }

  private criminal(
    c: Pick<repo.CaseRecord, 'regionCode'>,
    items: { workerId: string; month: string; amountFen: number; paidFen: number }[],
    params: WageParams,
  ) {
    const byWorker = new Map<string, { months: Set<string>; unpaidFen: number }>();
    for (const i of items) {
      const w = byWorker.get(i.workerId) ?? { months: new Set<string>(), unpaidFen: 0 };
      if (i.amountFen > i.paidFen) {
        w.months.add(i.month);
        w.unpaidFen += i.amountFen - i.paidFen;
      }
      byWorker.set(i.workerId, w);
    }
    const check = criminalThreshold(
      params,
      c.regionCode,
      [...byWorker.values()].map((w) => ({ months: w.months.size, unpaidFen: w.unpaidFen })),
    );
    return { met: check.met, explanation: check.explanation };
  }

  async get(p: Principal, id: string) {
    access(p, 'arrears:read');
    const params = await this.params();
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const c = await this.findCase(tx, p, id);
      const items = await this.items(tx, id);
      const payments = await this.payments(tx, id);
      const sumOf = (s: Source) => payments.filter((x) => x.source === s).reduce((t, x) => t + x.amountFen, 0);
      return {
        ...this.listItem(c),
        warningId: c.warningId,
        orderNo: c.orderNo,
        orderedOn: c.orderedOn,
        transferredOn: c.transferredOn,
        transferNote: c.transferNote,
        items: items.map(({ projectWorkerId: _pw, ...i }) => masked(i)),
        payments,
        criminal: this.criminal(c, items, params),
        advances: {
          emergencyFen: sumOf('emergency_fund'),
          recoveredFen: sumOf('recovery'),
          outstandingAdvanceFen: sumOf('emergency_fund') - sumOf('recovery'),
          contractorAdvanceFen: sumOf('contractor_advance'),
          clientAdvanceFen: sumOf('client_advance'),
        },
      };
    });
  }

  private async changed(
    tx: Executor,
    p: Principal,
    c: { id: string; projectId: string | null; regionCode: string },
    action: string,
    summary: string,
    workerIds: string[],
    detail: Record<string, string | number | boolean | null> = {},
  ) {
    await this.audit.append(tx, actorOf(p, p.ip), {
      action,
      outcome: 'success',
      objectType: 'arrears_case',
      objectId: c.id,
      detail,
    });
    const events = [...new Set(workerIds)].map((w) => ({
      type: action,
      subjectType: 'worker',
      subjectId: w,
      regionCode: c.regionCode,
      summary,
      data: { caseId: c.id },
    }));
    if (c.projectId) {
      events.push({
        type: action,
        subjectType: 'project',
        subjectId: c.projectId,
        regionCode: c.regionCode,
        summary,
        data: { caseId: c.id },
      });
      // The queue row is the project's record (its region, owner and department: migration 0018). A project the
      // caller cannot see (a case confirmed by another department on it) is left to the next full scan.
      const project = await projectsRepo.projectScope(tx, c.projectId);
      if (project) await projectsRepo.queueScan(tx, c.projectId, project);
    }
    await this.events.emit(tx, p, events);
  }

  /**
   * Confirms arrears per worker and month (from a warning or a complaint): amounts must not exceed what the
   * ledger says is still unpaid.
   */
  async create(
    p: Principal,
    input: {
      projectId: string;
      employerId: string;
      warningId?: string | null;
      summary: string;
      items: { projectWorkerId: string; month: string; amountFen: number }[];
    },
  ) {
    access(p, 'arrears:write');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const project = await projectsRepo.findProject(tx, input.projectId);
      if (!project || !inScope(p, projectResource(project)))
        throw fieldError('projectId', '项目不存在或不在您的管辖范围内');
      const units = await projectsRepo.listUnits(tx, project);
      if (input.employerId !== project.contractorId && !units.some((u) => u.employerId === input.employerId))
        throw fieldError('employerId', '欠薪单位应为本项目的总承包单位或分包单位');
      if (input.summary.trim().length < 4) throw fieldError('summary', '请填写案情摘要（不少于 4 个字）');
      if (input.items.length === 0) throw fieldError('items', '请至少填写一名劳动者的欠薪金额');
      if (input.warningId && !(await warningsRepo.warningOfProject(tx, input.warningId, project)))
        throw fieldError('warningId', '预警不属于本项目');
      const errors: { path: string; message: string }[] = [];
      const resolved: { pw: projectsRepo.ProjectWorkerRow; month: string; amountFen: number }[] = [];
      const seen = new Set<string>();
      for (const [i, it] of input.items.entries()) {
        const month = monthStart(it.month.slice(0, 7));
        const pw = await projectsRepo.findProjectWorker(tx, project, it.projectWorkerId);
        if (!pw) errors.push({ path: `items.${i}.projectWorkerId`, message: '该人员不在本项目的实名用工名册中' });
        if (!month) errors.push({ path: `items.${i}.month`, message: '月份格式应为 YYYY-MM' });
        else if (month > this.today()) errors.push({ path: `items.${i}.month`, message: '欠薪月份不能是未来月份' });
        if (!Number.isSafeInteger(it.amountFen) || it.amountFen <= 0)
          errors.push({ path: `items.${i}.amountFen`, message: '欠薪金额应大于 0（以分为单位的整数）' });
        if (pw && month) {
          if (seen.has(`${pw.id}|${month}`))
            errors.push({ path: `items.${i}`, message: `同一人员 ${monthLabel(month)} 重复填写` });
          seen.add(`${pw.id}|${month}`);
          const owed = await repo.ledgerOwed(tx, project.countyCode, pw.id, month);
          // Confirmed by anyone (cases outside the caller's data scope included): no wages confirmed twice.
          const already = { n: await repo.confirmedArrears(tx, project.countyCode, pw.id, month) };
          if (owed.net > 0 && it.amountFen > owed.net - owed.paid - already.n) {
            errors.push({
              path: `items.${i}.amountFen`,
              message:
                `${pw.name} ${monthLabel(month)} 台账实发 ${yuan(owed.net)} 元、已代发 ${yuan(owed.paid)} 元` +
                `${already.n ? `、已立案 ${yuan(already.n)} 元` : ''}，` +
                `欠薪金额不能超过 ${yuan(Math.max(0, owed.net - owed.paid - already.n))} 元`,
            });
          }
          resolved.push({ pw, month, amountFen: it.amountFen });
        }
      }
      if (errors.length) throw badRequest(errors[0].message, errors);
      const c = await repo.insertCase(tx, {
        projectId: project.id,
        employerId: input.employerId,
        warningId: input.warningId ?? null,
        summary: input.summary.trim(),
        regionCode: project.regionCode,
        createdBy: p.userId,
        departmentId: p.departmentId ?? null,
      });
      await repo.insertItems(
        tx,
        c.id,
        c, // the new case's region, owner and department
        resolved.map((r) => ({
          projectWorkerId: r.pw.id,
          workerId: r.pw.workerId,
          name: r.pw.name,
          idMasked: r.pw.idMasked,
          month: r.month,
          amountFen: r.amountFen,
        })),
      );
      const total = resolved.reduce((s, r) => s + r.amountFen, 0);
      await this.changed(
        tx,
        p,
        { id: c.id, projectId: project.id, regionCode: project.regionCode },
        'arrears.confirmed',
        `确认欠薪（案件 ${c.seq} 号）：${resolved.length} 笔，合计 ${yuan(total)} 元`,
        resolved.map((r) => r.pw.workerId),
        { items: resolved.length, amountFen: total },
      );
      return { id: c.id };
    });
  }

  /** 限期支付令 (劳动保障监察条例 Art. 26): the due date is counted in working days. */
  async order(p: Principal, id: string, input: { orderNo: string; orderedOn: string; dueWorkingDays: number }) {
    const calendar = await this.calendar();
    return this.mutate(p, id, async (tx, c) => {
      if (!['confirmed', 'ordered'].includes(c.status))
        throw conflict(`案件${STATUS_NAMES[c.status]}，不能再下达限期支付令`);
      if (!input.orderNo.trim()) throw fieldError('orderNo', '请填写文书编号');
      if (!isIsoDate(input.orderedOn) || input.orderedOn > this.today())
        throw fieldError('orderedOn', '下达日期应为不晚于今天的 YYYY-MM-DD');
      if (!Number.isInteger(input.dueWorkingDays) || input.dueWorkingDays < 1 || input.dueWorkingDays > 30)
        throw fieldError('dueWorkingDays', '支付期限应为 1–30 个工作日');
      const due = calendar.addWorkingDays(input.orderedOn, input.dueWorkingDays);
      await repo.setOrdered(tx, id, { orderNo: input.orderNo.trim(), orderedOn: input.orderedOn, dueOn: due });
      return { action: 'arrears.ordered', summary: `下达限期支付令（${input.orderNo.trim()}），限 ${due} 前支付` };
    });
  }

  /**
   * A payment towards the case, applied to the oldest outstanding months first. `recovery` repays an
   * emergency-fund advance and does not pay workers; a `deposit` payment draws the project's deposit.
   */
  async pay(
    p: Principal,
    id: string,
    input: { source: Source; amountFen: number; onDate: string; note?: string | null },
  ) {
    const calendar = await this.calendar();
    return this.mutate(p, id, async (tx, c) => {
      if (['closed', 'transferred'].includes(c.status) && input.source !== 'recovery')
        throw conflict(`案件${STATUS_NAMES[c.status]}，不能登记支付`);
      if (!(input.source in SOURCE_NAMES)) throw fieldError('source', '请选择资金来源');
      if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
        throw fieldError('amountFen', '金额应大于 0（以分为单位的整数）');
      if (!isIsoDate(input.onDate) || input.onDate > this.today())
        throw fieldError('onDate', '日期应为不晚于今天的 YYYY-MM-DD');
      const payments = await this.payments(tx, id);
      if (input.source === 'recovery') {
        const advanced =
          payments.filter((x) => x.source === 'emergency_fund').reduce((s, x) => s + x.amountFen, 0) -
          payments.filter((x) => x.source === 'recovery').reduce((s, x) => s + x.amountFen, 0);
        if (input.amountFen > advanced)
          throw fieldError(
            'amountFen',
            advanced > 0
              ? `追偿金额不能超过尚未归还的应急周转金 ${yuan(advanced)} 元`
              : '本案没有待追偿的应急周转金垫付',
          );
      } else {
        const items = await this.items(tx, id);
        const outstanding = items.reduce((s, i) => s + i.amountFen - i.paidFen, 0);
        if (input.amountFen > outstanding)
          throw fieldError('amountFen', `支付金额超过尚欠金额 ${yuan(outstanding)} 元`);
        if (input.source === 'deposit') {
          if (!c.projectId) throw fieldError('source', '本案没有关联项目，不能动用保证金');
          const d = await projectsRepo.findDeposit(tx, { id: c.projectId, countyCode: countyCodeOf(c.regionCode) });
          if (!d || d.balanceFen < input.amountFen)
            throw fieldError('amountFen', `项目工资保证金余额不足（${yuan(d?.balanceFen ?? 0)} 元）`);
          await projectsRepo.updateDeposit(tx, d.id, {
            balanceFen: d.balanceFen - input.amountFen,
            status: 'topup_due',
            topupDueOn: calendar.addWorkingDays(input.onDate, 10),
          });
          await projectsRepo.insertDepositMovement(tx, {
            depositId: d.id,
            kind: 'drawdown',
            amountFen: input.amountFen,
            onDate: input.onDate,
            note: `支付欠薪案件 ${c.seq} 号`,
            scope: (await projectsRepo.projectScope(tx, c.projectId))!, // the deposit is visible, so is its project
          });
        }
        let left = input.amountFen;
        for (const i of items) {
          if (left === 0) break;
          const take = Math.min(left, i.amountFen - i.paidFen);
          if (take <= 0) continue;
          await repo.payItem(tx, i.id, take);
          left -= take;
        }
        if (outstanding - input.amountFen === 0) await repo.setPaid(tx, id);
      }
      await repo.insertPayment(tx, {
        caseId: id,
        source: input.source,
        amountFen: input.amountFen,
        onDate: input.onDate,
        note: input.note?.trim() || null,
        scope: c, // the case's region, owner and department
        createdBy: p.userId,
      });
      return { action: 'arrears.payment', summary: `${SOURCE_NAMES[input.source]} ${yuan(input.amountFen)} 元` };
    });
  }

  /** 行刑衔接: only when the amount reaches the province's "数额较大" and the payment order was ignored. */
  async transfer(p: Principal, id: string, input: { note: string }) {
    const params = await this.params();
    return this.mutate(p, id, async (tx, c) => {
      if (c.status !== 'ordered')
        throw conflict(
          c.status === 'confirmed'
            ? '须先下达限期支付令，逾期仍不支付的方可移送'
            : `案件${STATUS_NAMES[c.status]}，不能移送`,
        );
      if (c.orderDueOn && c.orderDueOn >= this.today()) throw conflict(`限期支付令的期限（${c.orderDueOn}）尚未届满`);
      const check = this.criminal(c, await this.items(tx, id), params);
      if (!check.met) throw conflict(check.explanation);
      if (input.note.trim().length < 4) throw fieldError('note', '请填写移送说明（不少于 4 个字）');
      await repo.setTransferred(tx, id, this.today(), input.note.trim());
      return { action: 'arrears.transferred', summary: '涉嫌拒不支付劳动报酬罪，移送公安机关' };
    });
  }

  async close(p: Principal, id: string, input: { note: string }) {
    return this.mutate(p, id, async (tx, c) => {
      if (c.status === 'closed') throw conflict('案件已结案');
      if (input.note.trim().length < 4) throw fieldError('note', '请填写结案说明（不少于 4 个字）');
      const outstanding = c.amountFen - c.paidFen;
      if (outstanding > 0 && c.status !== 'transferred')
        throw conflict(`尚欠 ${yuan(outstanding)} 元，清偿后方可结案（或移送公安后结案）`);
      await repo.setClosed(tx, id, this.today());
      return { action: 'arrears.closed', summary: `结案：${input.note.trim()}` };
    });
  }

  private async mutate(
    p: Principal,
    id: string,
    fn: (tx: Executor, c: CaseRow) => Promise<{ action: string; summary: string }>,
  ) {
    access(p, 'arrears:write');
    await this.db.scoped(dbScopeOf(p), async (tx) => {
      const c = await this.findCase(tx, p, id);
      const { action, summary } = await fn(tx, c);
      const workers = (await this.items(tx, id)).map((i) => i.workerId);
      await this.changed(tx, p, c, action, `欠薪案件 ${c.seq} 号：${summary}`, workers);
    });
    return this.get(p, id);
  }

  /**
   * The evidence package (人社部发〔2014〕100号): ledger, attendance, order and notices, the case's steps.
   * Audited before it is produced.
   */
  async evidence(p: Principal, id: string): Promise<string> {
    access(p, 'arrears:read');
    const params = await this.params();
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const c = await this.findCase(tx, p, id);
      const items = await this.items(tx, id);
      const pwIds = [...new Set(items.map((i) => i.projectWorkerId).filter((x): x is string => !!x))];
      const ledgerRows = await repo.evidenceLedger(tx, countyCodeOf(c.regionCode), pwIds);
      const attendance = await repo.evidenceAttendance(tx, countyCodeOf(c.regionCode), pwIds);
      const steps = c.projectId ? await this.events.history(tx, 'project', c.projectId, ['arrears.', 'warning.']) : [];
      const criminal = this.criminal(c, items, params);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'arrears.evidence',
        outcome: 'success',
        objectType: 'arrears_case',
        objectId: id,
        detail: { items: items.length },
      });
      return renderEvidencePackage({
        caseNo: `欠薪案件第 ${c.seq} 号`,
        employer: { name: c.employerName, creditCode: c.creditCode, legalRepresentative: c.legalRep },
        project: c.projectId ? { code: c.projectCode!, name: c.projectName! } : null,
        region: { code: c.regionCode, name: c.regionName ?? c.regionCode },
        handlingUnit: p.departmentName ?? '人力资源和社会保障局劳动保障监察机构',
        generatedAt: this.now(),
        generatedBy: p.displayName,
        transferTo: '公安机关',
        summary: c.summary,
        criminal,
        transferNote: c.transferNote,
        items: items.map((i) => ({
          workerId: i.workerId,
          name: maskName(i.name),
          idMasked: i.idMasked,
          month: i.month,
          amountFen: i.amountFen,
          paidFen: i.paidFen,
        })),
        payments: (await this.payments(tx, id)).map((x) => ({
          source: x.source,
          amountFen: x.amountFen,
          onDate: x.onDate,
          note: x.note,
        })),
        ledger: ledgerRows.map((l) => ({ ...masked(l), confirmed: l.confirmed ?? null })),
        attendance: attendance.map(masked),
        order: c.orderNo ? { orderNo: c.orderNo, orderedOn: c.orderedOn!, dueOn: c.orderDueOn } : null,
        notices: c.orderNo
          ? [
              {
                date: c.orderedOn!,
                title: `限期支付令（${c.orderNo}）`,
                method: '直接送达或邮寄送达（以送达回证为准）',
                recipient: c.employerName,
              },
            ]
          : [],
        events: steps.map((s) => ({ ts: s.ts, action: s.summary, actor: s.actor })),
      });
    });
  }

  // ---------------------------------------------------------------- defaulters (人社部令第45号)
  async defaulters(p: Principal | null, f: { status?: string; q?: string; page: number; pageSize: number }) {
    if (p) access(p, 'arrears:read');
    // The caller's scope, or none for the public list (which sees what every scope may: the listings). Sorted,
    // searched and paged in SQL on the employer's name and credit code kept on each listing (migration 0015).
    const { rows, total } = await this.db.scoped(p ? dbScopeOf(p) : PUBLIC_SCOPE, (tx) =>
      repo.listDefaulters(tx, {
        listedOnly: !p,
        status: p ? f.status : undefined,
        q: f.q || undefined,
        page: f.page,
        pageSize: f.pageSize,
      }),
    );
    // The public answer is composed from public facts only: the officers' basis and reason are free text
    // (often prefilled from the case: "由预警 #22 …", case numbers, workers) and never leave the console.
    const items = rows.map((r) =>
      p
        ? {
            id: r.id,
            employerId: r.employerId,
            employerName: r.employerName,
            creditCode: r.creditCode,
            basis: r.basis,
            reason: r.reason,
            responsiblePersons: r.responsiblePersons,
            decisionNo: r.decisionNo,
            listedOn: r.listedOn,
            expiresOn: r.expiresOn,
            status: r.status,
            correctedOn: r.correctedOn,
            undertaking: r.undertaking,
            removedOn: r.removedOn,
            regionCode: r.regionCode,
          }
        : {
            employerName: r.employerName,
            creditCode: r.creditCode,
            ...publicDefaulterText(r),
            listedOn: r.listedOn,
            expiresOn: r.expiresOn,
          },
    );
    return { items, total };
  }

  async listDefaulter(
    p: Principal,
    input: {
      employerId: string;
      caseId?: string | null;
      basis: string;
      reason: string;
      responsiblePersons?: string | null;
      decisionNo: string;
      listedOn: string;
    },
  ) {
    access(p, 'arrears:write');
    const params = await this.params();
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const errors: { path: string; message: string }[] = [];
      const employer = (await this.registry.employers(tx, [input.employerId])).get(input.employerId);
      if (!employer) errors.push({ path: 'employerId', message: '用人单位不存在' });
      if (!input.basis.trim()) errors.push({ path: 'basis', message: '请填写列入依据' });
      if (input.reason.trim().length < 4) errors.push({ path: 'reason', message: '请填写列入事由（不少于 4 个字）' });
      if (!input.decisionNo.trim()) errors.push({ path: 'decisionNo', message: '请填写决定书文号' });
      if (!isIsoDate(input.listedOn) || input.listedOn > this.today())
        errors.push({ path: 'listedOn', message: '列入日期应为不晚于今天的 YYYY-MM-DD' });
      let region = employer?.regionCode ?? '';
      if (input.caseId) {
        const c = await repo.findCase(tx, input.caseId);
        if (!c) errors.push({ path: 'caseId', message: '欠薪案件不存在或不在您的管辖范围内' });
        else if (c.employerId !== input.employerId)
          errors.push({ path: 'caseId', message: '欠薪案件的用人单位与所选单位不一致' });
        else {
          region = c.regionCode;
          // 第五条第一项 rests on the criminal threshold: the case it cites must meet it.
          if (defaulterBasisKind(input.basis) === 'criminal') {
            const check = this.criminal(c, await this.items(tx, c.id), params);
            if (!check.met)
              errors.push({
                path: 'basis',
                message: `所关联的欠薪案件（第 ${c.seq} 号）${check.explanation}，不能以“达到拒不支付劳动报酬罪数额标准”为依据列入名单`,
              });
          }
        }
      }
      if (errors.length) throw badRequest(errors[0].message, errors);
      if (!inScope(p, { regionCode: region }))
        throw fieldError('employerId', '该单位（或案件）不在您的管辖范围内（谁执法、谁认定）');
      if (await repo.isListed(tx, input.employerId)) throw conflict('该单位已在失信联合惩戒名单中');
      const { expiresOn } = defaulterTerm(input.listedOn);
      const row = {
        id: await repo.insertDefaulter(tx, {
          employerId: input.employerId,
          // The registry's name and credit code today, kept current by employerChanged (the list pages in SQL).
          employerName: employer!.name,
          creditCode: employer!.creditCode,
          caseId: input.caseId ?? null,
          basis: input.basis.trim(),
          reason: input.reason.trim(),
          responsiblePersons: input.responsiblePersons?.trim() || null,
          decisionNo: input.decisionNo.trim(),
          listedOn: input.listedOn,
          expiresOn,
          regionCode: region,
        }),
      };
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'defaulter.listed',
        outcome: 'success',
        objectType: 'employer',
        objectId: input.employerId,
        detail: { decisionNo: input.decisionNo.trim(), expiresOn },
      });
      await this.events.emit(tx, p, [
        {
          type: 'defaulter.listed',
          subjectType: 'employer',
          subjectId: input.employerId,
          regionCode: region,
          summary: `列入拖欠农民工工资失信联合惩戒对象名单（至 ${expiresOn}）`,
        },
      ]);
      return { id: row!.id, expiresOn };
    });
  }

  async removeEarly(p: Principal, id: string, input: { correctedOn: string; undertaking: boolean; note: string }) {
    access(p, 'arrears:write');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const d = requireInScope(p, await repo.findDefaulter(tx, id), '名单记录不存在或不在您的管辖范围内', (d) => ({
        regionCode: d.regionCode,
      }));
      if (d.status !== 'listed') throw conflict('该单位已不在名单中');
      if (!isIsoDate(input.correctedOn) || input.correctedOn < d.listedOn || input.correctedOn > this.today())
        throw fieldError('correctedOn', '清偿日期应在列入日期与今天之间');
      const check = earlyRemovalAllowed({
        today: this.today(),
        correctedOn: input.correctedOn,
        undertaking: input.undertaking,
      });
      if (!check.allowed) throw conflict(check.reason);
      if (input.note.trim().length < 4) throw fieldError('note', '请填写移出说明（不少于 4 个字）');
      await repo.removeDefaulter(tx, id, {
        correctedOn: input.correctedOn,
        removedOn: this.today(),
        note: input.note.trim(),
      });
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'defaulter.removed',
        outcome: 'success',
        objectType: 'employer',
        objectId: d.employerId,
      });
      await this.events.emit(tx, p, [
        {
          type: 'defaulter.removed',
          subjectType: 'employer',
          subjectId: d.employerId,
          regionCode: d.regionCode,
          summary: '提前移出失信联合惩戒对象名单（已清偿并作出信用承诺）',
        },
      ]);
      return { status: 'removed' };
    });
  }

  /**
   * Listener of the registry's `employer.updated` (modules/wages/module.ts), in the registry's transaction: the
   * listings keep the employer's name and credit code now on record, so the list sorts, searches and pages in
   * SQL. Chosen over refreshing on read: the list itself (order, name search) must show the new name at once.
   */
  async employerChanged(tx: Executor, employerId: string, e: EmployerUpdatedData): Promise<void> {
    await repo.setDefaulterEmployer(tx, employerId, e);
  }

  /**
   * The rights module recorded a labour-inspection violation (rights.violation_recorded, in its transaction): kept
   * here for the integrity grade, never read from the rights tables.
   */
  async violationRecorded(tx: Executor, data: ViolationRecordedData): Promise<void> {
    await violationsRepo.insertViolation(tx, data);
  }

  /** Lists past their 3 years leave the list by themselves (run by the scheduler). */
  async expireListings(): Promise<number> {
    return this.db.scoped(SYSTEM_SCOPE, (tx) => repo.expireListings(tx, this.today()));
  }

  async integrity(p: Principal, employerId: string) {
    access(p, 'wages:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const employer = (await this.registry.employers(tx, [employerId])).get(employerId);
      if (!employer) throw notFound('用人单位不存在');
      const h = (await projectsRepo.employerHistory(tx, employerId))!;
      const violations = await violationsRepo.employerViolations(tx, employerId);
      const today = this.today();
      const grade = integrityGrade({
        today,
        arrearsDates: h.arrearsDates,
        listed: h.listed,
        since: employer.registeredOn,
        violations,
      });
      // The violations the grade counts (INTEGRITY_VIOLATIONS) within its 3-year look-back.
      const counted = violations
        .filter((v) => (INTEGRITY_VIOLATIONS as readonly string[]).includes(v.kind))
        .filter((v) => v.on >= addDays(today, -Math.round(365.25 * 3)));
      return {
        grade,
        gradeName: INTEGRITY_GRADE_NAMES[grade],
        arrearsCases: h.arrearsDates.length,
        listed: h.listed,
        lastArrearsOn: [...h.arrearsDates].sort().at(-1) ?? null,
        inspectionViolations: counted.length,
        lastViolationOn:
          counted
            .map((v) => v.on)
            .sort()
            .at(-1) ?? null,
      };
    });
  }
}
