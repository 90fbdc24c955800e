import ExcelJS from 'exceljs';
import {
  addDays,
  fenToYuan,
  HEARING_REQUEST_DAYS,
  maskName,
  hearingRequired,
  PENALTY_BASES,
  PENALTY_KIND_LABELS,
  penaltyBasisLabel,
  penaltyBasisOf,
  penaltyProblem,
  VIOLATION_KIND_LABELS,
  VIOLATION_RECORDED_EVENT,
  type PenaltyKind,
  type PenaltyListQuery,
  type ViolationKind,
  type ViolationRecordedData,
} from '@mwsp/domain';
import type { Database, Executor } from '../../db/client.js';
import { access, inScope, scopeFilter } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { CaseRow } from '../../platform/cases/cases.repo.js';
import type { CaseService, TypeHooks } from '../../platform/cases/cases.service.js';
import type { FieldValue } from '../../platform/cases/transition.js';
import type { EventLog } from '../../platform/events/events.js';
import { badRequest, conflict, fieldError, notFound } from '../../platform/http/errors.js';
import type { RegistryPort } from '../registry/index.js';
import * as repo from './penalties.repo.js';
import { renderPenaltyDecision, renderPenaltyNotice, type PenaltyDocumentInput } from './penalty.document.js';

/** The printable documents of a decision: 行政处罚决定书 and the 行政处罚事先告知书 before it. */
export type PenaltyDocumentKind = 'decision' | 'notice';

/** A one-sheet workbook watermarked with who exported it and when (first row and print header). */
async function watermarkedSheet(
  p: Principal,
  now: Date,
  title: string,
  header: string[],
  rows: (string | number | null)[][],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = `${p.displayName}（${p.username}）`;
  wb.created = now;
  const stamp = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'short',
    timeStyle: 'medium',
    hour12: false,
  }).format(now);
  const watermark = `导出人：${p.displayName}（${p.username}） 导出时间：${stamp} 仅限工作使用，严禁外传`;
  const ws = wb.addWorksheet(title, {
    headerFooter: { oddHeader: `&L${watermark}`, oddFooter: '&C第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  ws.addRow([watermark]).font = { color: { argb: 'FFC00000' }, bold: true };
  ws.mergeCells(1, 1, 1, header.length);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Rows of one penalty export at most. */
export const PENALTY_EXPORT_CAP = 50_000;

type Fields = Readonly<Record<string, FieldValue>>;

const codeOf = <K extends string>(labels: Record<K, string>, label: unknown): K | undefined =>
  (Object.entries(labels) as [K, string][]).find(([, l]) => l === label)?.[0];

const view = (r: repo.PenaltyRow) => {
  const basis = penaltyBasisOf(r.basisCode);
  return {
    id: r.id,
    caseId: r.caseId,
    employerId: r.employerId,
    employerName: r.employerName,
    violationKind: r.violationKind,
    violationName: VIOLATION_KIND_LABELS[r.violationKind as ViolationKind] ?? r.violationKind,
    penaltyKind: r.penaltyKind,
    penaltyName: PENALTY_KIND_LABELS[r.penaltyKind as PenaltyKind] ?? r.penaltyKind,
    basisCode: r.basisCode,
    basisName: basis ? penaltyBasisLabel(basis) : r.basisCode,
    amountFen: r.amountFen,
    decisionNo: r.decisionNo,
    noticeNo: r.noticeNo,
    noticedOn: r.noticedOn,
    hearingNotified: r.hearingNotified,
    decidedOn: r.decidedOn,
    regionCode: r.regionCode,
    regionName: r.regionName,
    createdAt: new Date(r.createdAt).toISOString(),
  };
};

/**
 * 行政处罚: the penalty steps of an inspection case and the register of decisions. The prior notice (事先告知) checks
 * the violation, kind, basis and amount against the catalogue (packages/domain penalties.ts) and states whether the
 * right to a hearing was notified (听证告知, 《行政处罚法》第六十三条); the decision (行政处罚决定) needs an undecided
 * notice, is dated on or after it (at least 5 days after a hearing notice unless the hearing was held or waived, 第六十四
 * 条), is written to the register (0046) and emits `rights.violation_recorded`, which the wage module keeps for the
 * employer's integrity grade. A violation confirmed at closure without a penalty emits the same event.
 */
export class PenaltiesService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly events: EventLog,
    private readonly cases: CaseService,
    private readonly now: () => Date,
    /** 实名制: the employer's credit code and legal representative for the printed party (optional in unit use). */
    private readonly registry?: RegistryPort,
  ) {}

  /** The employer as registered, its legal representative masked (张*): a natural person on a printed document. */
  private async employer(tx: Executor, id: string) {
    const e = (await this.registry?.employers(tx, [id]))?.get(id);
    return e ? { creditCode: e.creditCode, legalRep: e.legalRep ? maskName(e.legalRep) : null } : undefined;
  }

  /**
   * Generated demo data: for each given employer (the demo projects' general contractors) an inspection case of the
   * past months ending in a penalty decision — a notice, then the decision (a fine with the hearing notice for the
   * first, 责令改正 for the others) — so the register is not empty and the contractor's integrity grade shows it.
   */
  async seedDemo(
    actor: Principal,
    opts: { today: string; employers: { id: string; name: string; regionCode: string }[] },
  ): Promise<{ penalties: number }> {
    const day = 86_400_000;
    const end = new Date(`${opts.today}T10:00:00+08:00`).getTime();
    const year = opts.today.slice(0, 4);
    const inspectors = [actor.userId, '00000000-0000-4000-8000-000000000001'];
    await this.cases.prepare();
    let n = 0;
    for (const [i, e] of opts.employers.entries()) {
      const opened = new Date(end - (60 + 20 * i) * day);
      const fine = i === 0;
      await this.db.scoped(dbScopeOf(actor), async (tx) => {
        const c = await this.cases.open(
          tx,
          actor,
          {
            type: 'inspection',
            title: `${e.name}（专项检查）`,
            regionCode: e.regionCode,
            parties: [{ kind: 'employer', id: e.id, name: e.name }],
            data: { summary: '冬季根治欠薪专项检查发现违法行为。（演示数据）', employerName: e.name },
            ownerId: null,
            departmentId: null,
          },
          'demo',
          opened,
        );
        const step = (event: string, fields: Record<string, unknown>, after: number) =>
          this.cases.stepAt(tx, actor, c.id, { event, fields }, new Date(opened.getTime() + after * day));
        await step('investigate', { inspectors }, 1);
        const basis = PENALTY_BASES.find((b) => b.code === (fine ? 'wage_55' : 'lssr_26'))!;
        await step(
          'penalty_notice',
          {
            violation: VIOLATION_KIND_LABELS[fine ? 'wage_institutions' : 'wage_arrears'],
            facts: fine ? '项目开工后未按规定开设农民工工资专用账户' : '拖欠农民工工资，经责令仍未足额支付',
            penaltyKind: PENALTY_KIND_LABELS[fine ? 'fine' : 'rectify'],
            basis: penaltyBasisLabel(basis),
            ...(fine ? { amountFen: 6_000_000 } : {}),
            noticeNo: `人社监告〔${year}〕${i + 1}号（演示）`,
          },
          5,
        );
        const decidedOn = new Date(opened.getTime() + 12 * day + 8 * 3_600_000).toISOString().slice(0, 10);
        await step(
          'penalize',
          {
            decisionNo: `人社监罚〔${year}〕${i + 1}号（演示）`,
            decidedOn,
            statement: fine ? '放弃听证' : '未提出陈述、申辩',
          },
          12,
        );
        n++;
      });
    }
    return { penalties: n };
  }

  /** The inspection type's hooks: the penalty steps and closure here, every other event to `other` (police). */
  inspectionHooks<C>(other: TypeHooks<C>): TypeHooks<C> {
    return {
      prepare: other.prepare,
      onTransition: async (tx, p, c, decided, ctx) => {
        if (decided.event === 'penalty_notice') return this.notice(decided.fields, decided.today);
        if (decided.event === 'penalize') return this.decide(tx, p, c, decided.fields, decided.today);
        if (decided.event === 'close') return this.confirmAtClosure(tx, p, c, decided.fields, decided.today);
        return other.onTransition?.(tx, p, c, decided, ctx);
      },
    };
  }

  /** 事先告知: the codes of what was chosen, and whether the hearing notice is part of it. */
  private notice(fields: Fields, today: string) {
    const violation = codeOf(VIOLATION_KIND_LABELS, fields.violation)!;
    const kind = codeOf(PENALTY_KIND_LABELS, fields.penaltyKind)!;
    const basis = PENALTY_BASES.find((b) => penaltyBasisLabel(b) === fields.basis)!;
    const amountFen = typeof fields.amountFen === 'number' ? fields.amountFen : null;
    const problem = penaltyProblem({ violation, kind, basis: basis.code, amountFen });
    if (problem)
      throw fieldError(`fields.${problem.field === 'kind' ? 'penaltyKind' : problem.field}`, problem.message);
    return {
      violationKind: violation,
      penaltyKindCode: kind,
      basisCode: basis.code,
      hearingNotified: hearingRequired(kind, amountFen) ? 'yes' : 'no',
      noticedOn: today,
    };
  }

  private async decide(tx: Executor, p: Principal, c: CaseRow, fields: Fields, today: string) {
    const n = c.data.penalty_notice as Record<string, unknown> | undefined;
    if (!n || typeof n.noticeNo !== 'string')
      throw conflict('作出行政处罚决定前须先进行行政处罚事先告知（告知陈述、申辩权利）', 'PENALTY_NOTICE');
    const employer = c.parties.find((x) => x.kind === 'employer');
    if (!employer) throw conflict('案件未关联实名制登记的用人单位，不能作出行政处罚决定', 'PENALTY_PARTY');
    const decidedOn = String(fields.decidedOn);
    const noticedOn = String(n.noticedOn);
    if (decidedOn > today) throw fieldError('fields.decidedOn', `决定日期不能晚于今天（${today}）`);
    if (decidedOn < noticedOn) throw fieldError('fields.decidedOn', `决定日期不能早于事先告知日期（${noticedOn}）`);
    const hearing = n.hearingNotified === 'yes';
    const heardOrWaived = fields.statement === '已举行听证' || fields.statement === '放弃听证';
    const earliest = addDays(noticedOn, HEARING_REQUEST_DAYS);
    if (hearing && !heardOrWaived && decidedOn < earliest)
      throw fieldError(
        'fields.decidedOn',
        `已告知听证权利：当事人可在告知后 ${HEARING_REQUEST_DAYS} 日内要求听证，决定日期不能早于 ${earliest}` +
          '（已举行听证或当事人放弃听证的除外）',
      );
    if (fields.statement === '已举行听证' && !hearing)
      throw fieldError('fields.statement', '事先告知未告知听证权利，不能选择“已举行听证”');
    const kind = n.penaltyKindCode as PenaltyKind;
    const noticed = typeof n.amountFen === 'number' ? n.amountFen : null;
    const amountFen = typeof fields.amountFen === 'number' ? fields.amountFen : noticed;
    const problem = penaltyProblem({
      violation: n.violationKind as ViolationKind,
      kind,
      basis: String(n.basisCode),
      amountFen,
    });
    if (problem) throw fieldError('fields.amountFen', problem.message);
    // 行政处罚法 第四十五条: a statement or defence never makes the penalty heavier.
    if (noticed !== null && amountFen !== null && amountFen > noticed)
      throw fieldError('fields.amountFen', `罚款金额不能高于告知金额（${fenToYuan(noticed)} 元）`);
    if (await repo.decisionNoTaken(tx, c.countyCode, String(fields.decisionNo)))
      throw conflict(`行政处罚决定书文号 ${String(fields.decisionNo)} 已使用`, 'DUPLICATE_DECISION_NO');
    const id = await repo.insertPenalty(tx, {
      countyCode: c.countyCode,
      caseId: c.id,
      employerId: employer.id,
      employerName: employer.name ?? (typeof c.data.employerName === 'string' ? c.data.employerName : c.title),
      violationKind: String(n.violationKind),
      penaltyKind: kind,
      basisCode: String(n.basisCode),
      amountFen,
      decisionNo: String(fields.decisionNo),
      noticeNo: n.noticeNo,
      noticedOn,
      hearingNotified: hearing,
      decidedOn,
      regionCode: c.regionCode,
      ownerId: c.ownerId,
      departmentId: c.departmentId,
      at: this.now(),
    });
    if (!id) throw conflict(`告知书 ${n.noticeNo} 已作出处罚决定，如需另行处罚请重新告知`, 'PENALTY_DECIDED');
    await this.audit.append(tx, actorOf(p, p.ip), {
      action: 'penalty.decide',
      outcome: 'success',
      objectType: 'penalty',
      objectId: id,
      detail: { caseId: c.id, kind, basis: String(n.basisCode), amountFen },
    });
    await this.emit(tx, p, c, employer.id, {
      on: decidedOn,
      kind: n.violationKind as ViolationKind,
      penaltyKind: kind,
      ref: id,
      text: `${PENALTY_KIND_LABELS[kind]}${amountFen ? ` ${fenToYuan(amountFen)} 元` : ''}`,
    });
    return { penaltyId: id, penaltyKindCode: kind, basisCode: String(n.basisCode), amountFen: amountFen ?? 0 };
  }

  /** 结案 with a violation confirmed and no penalty for it on the case: the wage module still counts it. */
  private async confirmAtClosure(tx: Executor, p: Principal, c: CaseRow, fields: Fields, today: string) {
    if (fields.violation === undefined) return;
    const kind = codeOf(VIOLATION_KIND_LABELS, fields.violation)!;
    const employer = c.parties.find((x) => x.kind === 'employer');
    if (!employer) throw fieldError('fields.violation', '案件未关联实名制登记的用人单位，不能认定其违法行为');
    const decided = await repo.penaltiesOfCase(tx, c.countyCode, c.id);
    if (!decided.some((d) => d.violationKind === kind))
      await this.emit(tx, p, c, employer.id, {
        on: today,
        kind,
        penaltyKind: null,
        ref: `close:${c.id}`,
        text: '结案认定',
      });
    return { violationKind: kind };
  }

  private async emit(
    tx: Executor,
    p: Principal,
    c: CaseRow,
    employerId: string,
    v: { on: string; kind: ViolationKind; penaltyKind: PenaltyKind | null; ref: string; text: string },
  ) {
    const data: ViolationRecordedData = {
      employerId,
      countyCode: c.countyCode,
      regionCode: c.regionCode,
      on: v.on,
      kind: v.kind,
      penaltyKind: v.penaltyKind,
      caseId: c.id,
      ref: v.ref,
      ownerId: c.ownerId,
      departmentId: c.departmentId,
    };
    await this.events.emit(tx, p, [
      {
        type: VIOLATION_RECORDED_EVENT,
        subjectType: 'employer',
        subjectId: employerId,
        regionCode: c.regionCode,
        summary: `劳动保障监察：${VIOLATION_KIND_LABELS[v.kind]}（${v.text}）`,
        data: { ...data },
      },
    ]);
  }

  private filter(p: Principal, q: PenaltyListQuery) {
    if (q.regionCode && !inScope(p, { regionCode: q.regionCode })) throw notFound('区划不在您的管辖范围内');
    return {
      regionCode: q.regionCode,
      caseId: q.caseId,
      employerId: q.employerId,
      violationKind: q.violationKind,
      penaltyKind: q.penaltyKind,
      basisCode: q.basisCode,
      from: q.from,
      to: q.to,
      q: q.q || undefined,
      owned: scopeFilter(p),
    };
  }

  async list(p: Principal, q: PenaltyListQuery) {
    access(p, 'rights:read');
    if (q.from && q.to && q.from > q.to) throw fieldError('to', '结束日期不能早于开始日期');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const f = this.filter(p, q);
    const { rows, total, finesFen } = await this.db.scoped(dbScopeOf(p), (tx) =>
      repo.listPenalties(tx, { ...f, page, pageSize }),
    );
    return { items: rows.map(view), total, page, pageSize, finesFen };
  }

  /**
   * The printable 行政处罚决定书 (or its 事先告知书) of one decision: read in the caller's scope (404 outside it), the
   * facts from the case's notice, the party the employer (no worker's personal data), audited before the HTML.
   */
  async document(p: Principal, id: string, kind: PenaltyDocumentKind): Promise<string> {
    access(p, 'rights:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const r = await repo.penaltyById(tx, id, scopeFilter(p));
      if (!r || !inScope(p, { regionCode: r.regionCode })) throw notFound('行政处罚决定不存在');
      const c = await this.cases.find(tx, r.countyCode, r.caseId);
      const notice = (c?.data.penalty_notice ?? {}) as Record<string, unknown>;
      const decided = (c?.data.penalize ?? {}) as Record<string, unknown>;
      const sameNotice = notice.noticeNo === r.noticeNo;
      const v = view(r);
      const county = (r.countyName ?? r.countyCode).replace(/^.+?(省|自治区)/, '');
      const input: PenaltyDocumentInput = {
        authority: `${county}人力资源和社会保障局`,
        decisionNo: r.decisionNo,
        noticeNo: r.noticeNo,
        noticedOn: r.noticedOn,
        decidedOn: r.decidedOn,
        hearingNotified: r.hearingNotified,
        employer: { name: r.employerName, creditCode: null, legalRep: null },
        caseNo: c ? c.id.slice(0, 8).toUpperCase() : null,
        violationName: v.violationName,
        facts: sameNotice && typeof notice.facts === 'string' && notice.facts ? notice.facts : v.violationName,
        basis: penaltyBasisOf(r.basisCode) ?? null,
        basisName: v.basisName,
        penaltyKind: r.penaltyKind,
        penaltyName: v.penaltyName,
        amountFen: r.penaltyKind === 'fine' ? r.amountFen : null,
        statement:
          decided.decisionNo === r.decisionNo && typeof decided.statement === 'string' ? decided.statement : null,
      };
      const employer = r.employerId ? await this.employer(tx, r.employerId) : undefined;
      if (employer)
        input.employer = { ...input.employer, creditCode: employer.creditCode, legalRep: employer.legalRep };
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: kind === 'decision' ? 'penalty.document' : 'penalty.notice_document',
        outcome: 'success',
        objectType: 'penalty',
        objectId: r.id,
        detail: { caseId: r.caseId, decisionNo: r.decisionNo },
      });
      return kind === 'decision' ? renderPenaltyDecision(input) : renderPenaltyNotice(input);
    });
  }

  /** The register as a watermarked workbook (the list's filters), audited before a byte is returned. */
  async export(p: Principal, q: PenaltyListQuery): Promise<{ buffer: Buffer; filename: string }> {
    access(p, 'rights:read');
    const f = this.filter(p, q);
    const { rows, total } = await this.db.scoped(dbScopeOf(p), (tx) =>
      repo.listPenalties(tx, { ...f, page: 1, pageSize: PENALTY_EXPORT_CAP + 1 }),
    );
    if (total > PENALTY_EXPORT_CAP) throw badRequest(`导出结果超过 ${PENALTY_EXPORT_CAP} 行，请缩小查询范围后再导出`);
    const header = ['决定书文号', '决定日期', '用人单位', '违法行为', '处罚种类', '罚款金额（元）', '法律依据'];
    const more = ['告知书文号', '告知日期', '听证告知', '区划'];
    const buffer = await watermarkedSheet(
      p,
      this.now(),
      '行政处罚决定',
      [...header, ...more],
      rows
        .map(view)
        .map((r) => [
          r.decisionNo,
          r.decidedOn,
          r.employerName,
          r.violationName,
          r.penaltyName,
          r.amountFen === null ? null : fenToYuan(r.amountFen),
          r.basisName,
          r.noticeNo,
          r.noticedOn,
          r.hearingNotified ? '是' : '否',
          r.regionName ?? r.regionCode,
        ]),
    );
    await this.audit.record(actorOf(p, p.ip), {
      action: 'penalty.export',
      outcome: 'success',
      detail: { rows: rows.length, filters: JSON.stringify(q) },
    });
    return { buffer, filename: '行政处罚决定.xlsx' };
  }
}
