import ExcelJS from 'exceljs';
import {
  CERTIFICATE_KIND_LABELS,
  CLAIM_STATUS_LABELS,
  ENROLMENT_STATUS_LABELS,
  EXAM_RESULT_LABELS,
  maskName,
  parseIdNumber,
  periodsOverlap,
  SKILL_LEVEL_LABELS,
  subsidyPeriodKey,
  type TrainingAttendanceInput,
  type TrainingCertificateInput,
  type TrainingEnrolInput,
  type TrainingResultInput,
  type TrainingType,
} from '@mwsp/domain';
import type { Database, Executor } from '../../db/client.js';
import { access, requireInScope } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { EventLog } from '../../platform/events/events.js';
import { badRequest, conflict, fieldError, notFound, type HttpError } from '../../platform/http/errors.js';
import type { SettingsService } from '../../platform/settings/settings.service.js';
import type { RegistryPort } from '../registry/index.js';
import { occupationName } from './classes.service.js';
import { renderCompletionDocument } from './completion.document.js';
import * as erepo from './enrolments.repo.js';
import * as srepo from './subsidies.repo.js';
import * as repo from './training.repo.js';

/** The domain event a certificate publishes: the 一人一档 timeline shows it, the employment module may read it. */
export const CERTIFICATE_ISSUED = 'training.certificate_issued';
export interface CertificateIssuedData {
  certificateId: string;
  kind: string;
  level: string | null;
  occupationCode: string;
  issuedOn: string;
}

/** The configurable rule "one subsidised training per person per occupation per year" (settings key). */
export const TRAINING_RULES_KEY = 'training.rules';
export interface TrainingRules {
  /** 'year': once per calendar year of the class's end; 'once': once ever. */
  subsidyPeriod: 'year' | 'once';
  /** How many subsidised trainings per person and occupation within the period (0: no limit). */
  subsidisedPerOccupation: number;
}
export const DEFAULT_TRAINING_RULES: TrainingRules = { subsidyPeriod: 'year', subsidisedPerOccupation: 1 };

const NO_CLASS = '培训班不存在';
const NO_ENROLMENT = '学员不存在';

/**
 * Why a person with these class periods may not join class `c` (already in it, dates overlapping another class,
 * the subsidised-trainings limit for the occupation in the period), or null. The capacity is checked apart: the
 * demo seed admits several people into one class at once. Used by the enrolment and by the demo seed alike.
 */
export function enrolmentRefusal(
  periods: readonly erepo.PersonPeriod[],
  c: Pick<repo.ClassRow, 'id' | 'startDate' | 'endDate' | 'subsidised' | 'occupationCode'>,
  rules: TrainingRules,
  periodKey: number,
): HttpError | null {
  if (periods.some((x) => x.classId === c.id)) return conflict('该人员已报名本培训班，不能重复报名', 'DUPLICATE');
  const overlap = periods.find((x) => periodsOverlap(x.start, x.end, c.startDate, c.endDate));
  if (overlap)
    return conflict(
      `该人员已报名“${overlap.className}”（${overlap.start} 至 ${overlap.end}），与本班培训时间重叠，不能同时参加`,
      'OVERLAP',
    );
  if (c.subsidised && rules.subsidisedPerOccupation > 0) {
    const taken = periods.filter((x) => x.subsidised && x.occupation === c.occupationCode && x.periodKey === periodKey);
    if (taken.length >= rules.subsidisedPerOccupation)
      return conflict(
        `该人员${rules.subsidyPeriod === 'year' ? ` ${periodKey} 年` : ''}已参加过“${occupationName(
          c.occupationCode,
        )}”的补贴性培训（“${taken[0].className}”），` +
          `每人${rules.subsidyPeriod === 'year' ? '每年' : ''}同一职业（工种）限 ${rules.subsidisedPerOccupation} 次`,
        'SUBSIDY_LIMIT',
      );
  }
  return null;
}

/** The class period an enrolment adds to the person's row (the overlap and subsidy checks read them). */
export function personPeriodOf(
  c: Pick<repo.ClassRow, 'id' | 'countyCode' | 'name' | 'startDate' | 'endDate' | 'occupationCode' | 'subsidised'>,
  enrolmentId: string,
  periodKey: number,
): erepo.PersonPeriod {
  return {
    enrolmentId,
    classId: c.id,
    countyCode: c.countyCode,
    className: c.name,
    start: c.startDate,
    end: c.endDate,
    occupation: c.occupationCode,
    periodKey,
    subsidised: c.subsidised,
  };
}

/**
 * 报名、考勤、结业、证书: enrolment of registry workers (by id, or by ID number through the registry's port) with
 * the capacity, overlap and one-subsidy-a-year checks; attendance per session; results; certificates, each
 * published as a domain event on the worker (一人一档 timeline).
 */
export class EnrolmentsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly events: EventLog,
    private readonly settings: SettingsService,
    private readonly registry: RegistryPort,
  ) {}

  async rules(tx: Executor): Promise<TrainingRules> {
    return {
      ...DEFAULT_TRAINING_RULES,
      ...((await this.settings.readIn<TrainingRules>(tx, TRAINING_RULES_KEY)) ?? {}),
    };
  }

  /**
   * The registry's worker for an enrolment (a SECURITY DEFINER look-up through the port). On Citus a definer may
   * not read shards its transaction already wrote as the application: a batch resolves all its rows first.
   */
  async resolveWorker(tx: Executor, input: TrainingEnrolInput) {
    let idBidx: string;
    let origin: string | null = null;
    let residence: string | null = null;
    if (input.idNumber) {
      const id = parseIdNumber(input.idNumber);
      if (!id.ok) throw fieldError('idNumber', id.message);
      idBidx = this.registry.idNumberIndex(id.value);
      origin = id.value.slice(0, 2);
    } else {
      const ref = await this.registry.workerRef(tx, input.workerId!);
      if (!ref) throw notFound('务工人员不存在');
      idBidx = ref.idBidx;
      residence = ref.regionCode;
      origin = ref.regionCode.slice(0, 2);
    }
    const w = await this.registry.workerForProject(tx, idBidx, []);
    if (!w) throw fieldError('idNumber', '该身份证号尚未实名制登记，请先登记务工人员');
    if (input.workerId && w.id !== input.workerId) throw notFound('务工人员不存在');
    return { ...w, idBidx, origin, residence };
  }

  async enrol(p: Principal, classId: string, input: TrainingEnrolInput) {
    access(p, 'training:handle');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const c = requireInScope(p, await repo.findClass(tx, classId), NO_CLASS);
      const id = await this.enrolIn(tx, p, c, input);
      return this.view(tx, (await erepo.findEnrolment(tx, id))!);
    });
  }

  /** The class of an import job, in the uploader's scope (404 otherwise). */
  async classForImport(tx: Executor, p: Principal, classId: string): Promise<repo.ClassRow> {
    access(p, 'training:handle');
    return requireInScope(p, await repo.findClass(tx, classId), NO_CLASS);
  }

  /**
   * Enrols one person in the caller's transaction (the API and the import). Every check runs before the first
   * write, so a refusal (an HttpError) leaves the transaction as it was: an import goes on with its next row.
   */
  async enrolIn(
    tx: Executor,
    p: Principal,
    cls: repo.ClassRow,
    input: TrainingEnrolInput,
    resolved?: Awaited<ReturnType<EnrolmentsService['resolveWorker']>>,
  ): Promise<string> {
    const w = resolved ?? (await this.resolveWorker(tx, input));
    const c = (await repo.lockClass(tx, cls.countyCode, cls.id))!;
    if (c.status === 'closed') throw conflict('培训班已结班，不能再报名');
    const rules = await this.rules(tx);
    const periodKey = subsidyPeriodKey(c.endDate, rules.subsidyPeriod);
    const periods = await erepo.lockPerson(tx, w.idBidx);
    const refusal = enrolmentRefusal(periods, c, rules, periodKey);
    if (refusal) throw refusal;
    if (c.enrolled >= c.capacity) throw conflict(`培训班已满（计划 ${c.capacity} 人），不能再报名`, 'FULL');
    // the writes: the class row and the person's row are locked, so none of them can be refused now
    await repo.takeSeat(tx, c.countyCode, c.id);
    const id = (await erepo.insertEnrolment(tx, {
      countyCode: c.countyCode,
      classId: c.id,
      workerId: w.id,
      idBidx: w.idBidx,
      workerName: maskName(w.name) ?? '',
      idMasked: w.idMasked,
      originProvince: w.origin,
      contractMonths: input.contractMonths ?? null,
      regionCode: c.regionCode,
      ownerId: c.ownerId,
      departmentId: c.departmentId,
    }))!;
    periods.push(personPeriodOf(c, id, periodKey));
    await erepo.writePerson(tx, w.idBidx, { countyCode: c.countyCode, regionCode: c.regionCode }, periods);
    await this.audit.append(tx, actorOf(p, p.ip), {
      action: 'training.enrol',
      outcome: 'success',
      objectType: 'training_class',
      objectId: c.id,
      detail: { enrolmentId: id },
    });
    await this.events.emit(tx, p, [
      {
        type: 'training.enrolled',
        subjectType: 'worker',
        subjectId: w.id,
        regionCode: w.residence ?? c.regionCode,
        summary: `报名参加${occupationName(c.occupationCode)}培训（${c.name}，${c.startDate} 至 ${c.endDate}）`,
        data: { classId: c.id, enrolmentId: id },
      },
    ]);
    return id;
  }

  private async view(tx: Executor, e: erepo.EnrolmentRow) {
    return (await this.views(tx, e.countyCode, [e]))[0];
  }

  private async views(tx: Executor, countyCode: string, rows: erepo.EnrolmentRow[]) {
    const ids = rows.map((e) => e.id);
    const certs = await erepo.certificatesOfEnrolments(tx, countyCode, ids);
    const claims = await srepo.claimStatusOfEnrolments(tx, countyCode, ids);
    return rows.map((e) => ({
      id: e.id,
      classId: e.classId,
      workerId: e.workerId,
      workerName: e.workerName,
      idMasked: e.idMasked,
      status: e.status,
      examResult: e.examResult,
      examScore: e.examScore,
      completedOn: e.completedOn,
      employedOn: e.employedOn,
      contractMonths: e.contractMonths,
      attended: e.attended,
      certificates: certs.filter((c) => c.enrolmentId === e.id),
      claimStatus: claims.get(e.id) ?? null,
    }));
  }

  async list(p: Principal, classId: string) {
    access(p, 'training:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const c = requireInScope(p, await repo.findClass(tx, classId), NO_CLASS);
      return { items: await this.views(tx, c.countyCode, await erepo.enrolmentsOfClass(tx, c.countyCode, c.id)) };
    });
  }

  /** The enrolment of a class in scope: 404 for either missing, or for an enrolment of another class. */
  private async load(tx: Executor, p: Principal, classId: string, enrolmentId: string) {
    const c = requireInScope(p, await repo.findClass(tx, classId), NO_CLASS);
    const e = await erepo.findEnrolment(tx, enrolmentId);
    if (!e || e.classId !== c.id) throw notFound(NO_ENROLMENT);
    return { c, e };
  }

  async setResult(p: Principal, classId: string, enrolmentId: string, input: TrainingResultInput) {
    access(p, 'training:handle');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const { c, e } = await this.load(tx, p, classId, enrolmentId);
      const next = {
        countyCode: e.countyCode,
        id: e.id,
        status: input.status ?? e.status,
        examResult: input.examResult !== undefined ? input.examResult : e.examResult,
        examScore: input.examScore !== undefined ? input.examScore : e.examScore,
        completedOn: input.completedOn !== undefined ? input.completedOn : e.completedOn,
        employedOn: input.employedOn !== undefined ? input.employedOn : e.employedOn,
        contractMonths: input.contractMonths !== undefined ? input.contractMonths : e.contractMonths,
      };
      if (next.status === 'completed') {
        if (next.examResult !== 'pass') throw fieldError('examResult', '考核结果为合格方可结业');
        next.completedOn ??= c.endDate;
        if (next.completedOn < c.startDate) throw fieldError('completedOn', '结业日期不能早于开班日期');
      }
      if (next.employedOn && next.employedOn < c.startDate) throw fieldError('employedOn', '就业日期不能早于开班日期');
      if (e.status === 'withdrawn' && next.status !== 'withdrawn') throw conflict('学员已退出，不能再登记结果');
      if (next.status === 'withdrawn' && e.status !== 'withdrawn') {
        if (e.status === 'completed') throw conflict('学员已结业，不能退出');
        await repo.releaseSeat(tx, c.countyCode, c.id);
        const periods = await erepo.lockPerson(tx, e.idBidx);
        await erepo.writePerson(
          tx,
          e.idBidx,
          { countyCode: c.countyCode, regionCode: c.regionCode },
          periods.filter((x) => x.enrolmentId !== e.id),
        );
      }
      await erepo.updateResult(tx, next);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'training.result',
        outcome: 'success',
        objectType: 'training_enrolment',
        objectId: e.id,
        detail: { from: e.status, to: next.status, examResult: next.examResult },
      });
      if (next.status === 'completed' && e.status !== 'completed')
        await this.events.emit(tx, p, [
          {
            type: 'training.completed',
            subjectType: 'worker',
            subjectId: e.workerId,
            regionCode: c.regionCode,
            summary: `${occupationName(c.occupationCode)}培训结业（${c.name}）`,
            data: { classId: c.id, enrolmentId: e.id },
          },
        ]);
      return this.view(tx, (await erepo.findEnrolment(tx, e.id))!);
    });
  }

  async attendanceSheet(p: Principal, classId: string) {
    access(p, 'training:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const c = requireInScope(p, await repo.findClass(tx, classId), NO_CLASS);
      const enrolments = await erepo.enrolmentsOfClass(tx, c.countyCode, c.id);
      const marks = await erepo.attendanceOfClass(tx, c.countyCode, c.id);
      return {
        sessions: c.sessions,
        rows: enrolments
          .filter((e) => e.status !== 'withdrawn')
          .map((e) => ({
            enrolmentId: e.id,
            workerName: e.workerName,
            present: marks.filter((m) => m.enrolmentId === e.id).map((m) => m.sessionNo),
          })),
      };
    });
  }

  async recordAttendance(p: Principal, classId: string, input: TrainingAttendanceInput) {
    access(p, 'training:handle');
    await this.db.scoped(dbScopeOf(p), async (tx) => {
      const c = requireInScope(p, await repo.findClass(tx, classId), NO_CLASS);
      if (input.session > c.sessions) throw fieldError('session', `课次超出本班课时数（共 ${c.sessions} 次）`);
      const enrolments = (await erepo.enrolmentsOfClass(tx, c.countyCode, c.id)).filter(
        (e) => e.status !== 'withdrawn',
      );
      const known = new Set(enrolments.map((e) => e.id));
      const stranger = input.present.find((id) => !known.has(id));
      if (stranger) throw badRequest('出勤名单中有不属于本班的学员', [{ path: 'present', message: stranger }]);
      const present = new Set(input.present);
      await erepo.recordAttendance(
        tx,
        enrolments.map((e) => ({ ...e, present: present.has(e.id) })),
        input.session,
      );
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'training.attendance',
        outcome: 'success',
        objectType: 'training_class',
        objectId: c.id,
        detail: { session: input.session, present: present.size, absent: enrolments.length - present.size },
      });
    });
    return this.attendanceSheet(p, classId);
  }

  async issueCertificate(p: Principal, classId: string, enrolmentId: string, input: TrainingCertificateInput) {
    access(p, 'training:handle');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const { c, e } = await this.load(tx, p, classId, enrolmentId);
      if (e.status !== 'completed') throw conflict('学员尚未结业（考核合格），不能登记证书');
      if (input.issuedOn < c.startDate) throw fieldError('issuedOn', '发证日期不能早于开班日期');
      const level = input.kind === 'skill_level' || input.kind === 'qualification' ? (input.level ?? null) : null;
      const id = await erepo.insertCertificate(tx, {
        countyCode: e.countyCode,
        enrolmentId: e.id,
        workerId: e.workerId,
        kind: input.kind,
        level,
        number: input.number,
        issuedOn: input.issuedOn,
        occupationCode: c.occupationCode,
        regionCode: e.regionCode,
        ownerId: e.ownerId,
        departmentId: e.departmentId,
      });
      if (!id) throw conflict(`${CERTIFICATE_KIND_LABELS[input.kind]}编号 ${input.number} 已登记`, 'DUPLICATE');
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'training.certificate',
        outcome: 'success',
        objectType: 'training_enrolment',
        objectId: e.id,
        detail: { certificateId: id, kind: input.kind, level },
      });
      const data: CertificateIssuedData = {
        certificateId: id,
        kind: input.kind,
        level,
        occupationCode: c.occupationCode,
        issuedOn: input.issuedOn,
      };
      await this.events.emit(tx, p, [
        {
          type: CERTIFICATE_ISSUED,
          subjectType: 'worker',
          subjectId: e.workerId,
          regionCode: c.regionCode,
          summary:
            `取得${occupationName(c.occupationCode)}${CERTIFICATE_KIND_LABELS[input.kind]}` +
            `${level ? `（${SKILL_LEVEL_LABELS[level]}）` : ''}`,
          data: { ...data },
        },
      ]);
      return this.view(tx, (await erepo.findEnrolment(tx, e.id))!);
    });
  }

  /** 学员名单 as xlsx (masked ID numbers), watermarked with the user; audited before the bytes. */
  async exportEnrolments(p: Principal, classId: string): Promise<{ buffer: Buffer; filename: string }> {
    access(p, 'training:read');
    const { c, rows } = await this.db.scoped(dbScopeOf(p), async (tx) => {
      const c = requireInScope(p, await repo.findClass(tx, classId), NO_CLASS);
      return { c, rows: await this.views(tx, c.countyCode, await erepo.enrolmentsOfClass(tx, c.countyCode, c.id)) };
    });
    const wb = new ExcelJS.Workbook();
    wb.creator = `${p.displayName}（${p.username}）`;
    const ws = wb.addWorksheet('学员名单');
    ws.columns = [
      { header: '序号', key: 'n', width: 8 },
      { header: '姓名', key: 'name', width: 12 },
      { header: '身份证号', key: 'id', width: 22 },
      { header: '状态', key: 'status', width: 10 },
      { header: '出勤（次）', key: 'attended', width: 12 },
      { header: '考核结果', key: 'exam', width: 10 },
      { header: '成绩', key: 'score', width: 8 },
      { header: '证书', key: 'certs', width: 40 },
      { header: '补贴', key: 'claim', width: 18 },
    ];
    rows.forEach((e, i) =>
      ws.addRow({
        n: i + 1,
        name: e.workerName,
        id: e.idMasked,
        status: ENROLMENT_STATUS_LABELS[e.status],
        attended: `${e.attended}/${c.sessions}`,
        exam: e.examResult ? EXAM_RESULT_LABELS[e.examResult] : '',
        score: e.examScore ?? '',
        certs: e.certificates.map((x) => `${CERTIFICATE_KIND_LABELS[x.kind]} ${x.number}`).join('；'),
        claim: e.claimStatus ? CLAIM_STATUS_LABELS[e.claimStatus] : '',
      }),
    );
    ws.headerFooter.oddHeader = `&L${c.name}&R导出人：${p.displayName} 仅限工作使用，严禁外传`;
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await this.audit.record(actorOf(p, p.ip), {
      action: 'training.export',
      outcome: 'success',
      objectType: 'training_class',
      objectId: c.id,
      detail: { rows: rows.length },
    });
    return { buffer, filename: `培训班学员_${c.name}.xlsx` };
  }

  /**
   * 培训结业名册 and 培训合格证书 of a class (printable A4 HTML; ID numbers masked), audited: the paper the institution
   * stamps and files with the subsidy claims, and the certificates handed to those who completed.
   */
  async completionDocument(p: Principal, classId: string): Promise<string> {
    access(p, 'training:read');
    const { c, rows, regionName } = await this.db.scoped(dbScopeOf(p), async (tx) => {
      const c = requireInScope(p, await repo.findClass(tx, classId), NO_CLASS);
      const rows = await this.views(tx, c.countyCode, await erepo.enrolmentsOfClass(tx, c.countyCode, c.id));
      const regionName = (await repo.regionNames(tx, [c.regionCode])).get(c.regionCode) ?? c.regionCode;
      return { c, rows, regionName };
    });
    const html = renderCompletionDocument({
      generatedAt: new Date(),
      generatedBy: p.displayName,
      cls: {
        name: c.name,
        institutionName: c.institutionName,
        occupationCode: c.occupationCode,
        occupationName: occupationName(c.occupationCode),
        trainingType: c.trainingType as TrainingType,
        startDate: c.startDate,
        endDate: c.endDate,
        sessions: c.sessions,
        teacher: c.teacher,
        regionName,
      },
      trainees: rows.filter((e) => e.status !== 'withdrawn'),
    });
    await this.audit.record(actorOf(p, p.ip), {
      action: 'training.completion_print',
      outcome: 'success',
      objectType: 'training_class',
      objectId: c.id,
      detail: { rows: rows.length },
    });
    return html;
  }

  /** TrainingPort: the certificates of workers the caller's transaction sees (employment matching). */
  certificatesOf(tx: Executor, workerIds: string[]) {
    return erepo.certificatesOfWorkers(tx, workerIds);
  }
}
