import {
  addDays,
  DEFAULT_WAGE_PARAMS,
  depositDecision,
  maskName,
  minimumWageFor,
  normalizeName,
  INTEGRITY_GRADE_NAMES,
  integrityGrade,
  isIsoDate,
  maskBankCard,
  maskPhone,
  monthStart,
  parseIdNumber,
  parseMobile,
  PROJECT_CATEGORY_NAMES,
  PROJECT_STATUS_NAMES,
  SITE_INSTITUTION_NAMES,
  shanghaiDate,
  type SiteInstitution,
  type WageParams,
} from '@mwsp/domain';
import { SYSTEM_SCOPE, type Database, type Executor } from '../../db/client.js';
import { renderNoticeBoard } from './documents/noticeBoard.js';
import { access, inScope, requireInScope, scopeFilter, type Resource } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { WorkCalendar } from '../../platform/calendar/workdays.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { EventLog } from '../../platform/events/events.js';
import { badRequest, conflict, fieldError, HttpError, notFound } from '../../platform/http/errors.js';
import type { RegistryPort } from '../registry/index.js';
import * as ledger from './ledger.repo.js';
import * as repo from './projects.repo.js';
import * as violationsRepo from './violations.repo.js';
import type { AccountRow, DepositRow, ProjectRecord, ProjectRow } from './projects.repo.js';

export const CTX = {
  account: 'wage_accounts.account_no',
  officerPhone: 'projects.labour_officer_phone',
};

/** The names live in @mwsp/domain (shared with the console); string-keyed here for the stored values. */
export const CATEGORY_NAMES: Record<string, string> = PROJECT_CATEGORY_NAMES;
export const STATUS_NAMES: Record<string, string> = PROJECT_STATUS_NAMES;

export interface ProjectInput {
  code?: string | null;
  name: string;
  regionCode: string;
  category: string;
  clientId: string;
  contractorId: string;
  permitNo?: string | null;
  fundingInPlace: boolean;
  paymentGuarantee: boolean;
  contractAmountFen: number;
  labourShareBp: number;
  allocationDay: number;
  payDay: number;
  contractSignedOn: string;
  startDate: string;
  plannedEndDate: string;
  labourOfficerName?: string | null;
  labourOfficerPhone?: string | null;
}

function invalid(errors: Record<string, string>): HttpError {
  const list = Object.entries(errors).map(([path, message]) => ({ path, message }));
  return badRequest(list.map((e) => e.message).join('；'), list);
}

function institutions(p: ProjectRow) {
  return {
    realName: p.hasWorkers,
    account: p.hasAccount,
    contractorPays: p.hasBankPayments,
    deposit: p.hasDeposit,
    noticeBoard: !!p.noticeBoardPostedOn,
    ledger: p.hasLedger,
  };
}

/** Worker names leave the service masked (张*), like every personal field. */
export function masked<T extends { name: string }>(row: T): T {
  return { ...row, name: maskName(row.name) };
}

/** What the data scopes look at on a project (and on every record that follows its project). */
export function projectResource(p: Pick<ProjectRow, 'regionCode' | 'ownerId' | 'departmentId'>): Resource {
  return { regionCode: p.regionCode, ownerId: p.ownerId, departmentId: p.departmentId };
}

/** The projects with their clients' and contractors' names, in one look-up of the registry. */
export async function namedProjects<T extends ProjectRecord>(
  registry: RegistryPort,
  tx: Executor,
  rows: T[],
): Promise<(T & ProjectRow)[]> {
  const employers = await registry.employers(
    tx,
    rows.flatMap((r) => [r.clientId, r.contractorId]),
  );
  return rows.map((r) => ({
    ...r,
    clientName: employers.get(r.clientId)?.name ?? '',
    contractorName: employers.get(r.contractorId)?.name ?? '',
  }));
}

export function projectListItem(p: ProjectRow) {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    regionCode: p.regionCode,
    regionName: p.regionName,
    category: p.category,
    status: p.status,
    clientName: p.clientName,
    contractorName: p.contractorName,
    contractAmountFen: p.contractAmountFen,
    workersOnSite: p.workersOnSite,
    warningLevel: p.warningLevel,
    openWarnings: p.openWarnings,
    institutions: institutions(p),
    startDate: p.startDate,
    plannedEndDate: p.plannedEndDate,
  };
}

/**
 * Use cases of projects (工程建设项目) and their site institutions: the real-name workforce, attendance,
 * the dedicated wage account (专用账户) and the wage deposit (保证金). Every change is audited, appears on
 * the project's timeline and queues the project for the next incremental warning scan.
 */
export class ProjectsService {
  constructor(
    private readonly db: Database,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditLog,
    private readonly events: EventLog,
    private readonly params: () => Promise<WageParams>,
    private readonly calendar: () => Promise<WorkCalendar>,
    private readonly now: () => Date,
    private readonly registry: RegistryPort,
  ) {}

  today(): string {
    return shanghaiDate(this.now());
  }

  /** The registry's blind index of an ID number: how the roster, wage sheets and bank files match a worker. */
  idNumberIndex(idNumber: string): string {
    return this.registry.idNumberIndex(idNumber);
  }

  /** Runs fn on a project the caller may see (else 404), in the caller's scope. */
  async withProject<T>(
    p: Principal,
    perm: string,
    id: string,
    fn: (tx: Executor, project: ProjectRecord) => Promise<T>,
  ): Promise<T> {
    access(p, perm);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const project = requireInScope(
        p,
        await repo.findProject(tx, id),
        '项目不存在或不在您的管辖范围内',
        projectResource,
      );
      return fn(tx, project);
    });
  }

  /** Audit + timeline + scan queue for one change of a project, in its transaction. */
  async changed(
    tx: Executor,
    p: Principal,
    project: { id: string } & repo.RowScope,
    action: string,
    summary: string,
    detail: Record<string, string | number | boolean | null> = {},
  ): Promise<void> {
    await this.audit.append(tx, actorOf(p, p.ip), {
      action,
      outcome: 'success',
      objectType: 'project',
      objectId: project.id,
      detail,
    });
    await this.events.emit(tx, p, [
      { type: action, subjectType: 'project', subjectId: project.id, regionCode: project.regionCode, summary },
    ]);
    await repo.queueScan(tx, project.id, project);
  }

  // ---------------------------------------------------------------- projects
  async list(p: Principal, f: repo.ProjectFilter) {
    access(p, 'wages:read');
    const res = await this.db.scoped(dbScopeOf(p), async (tx) => {
      const page = await repo.listProjects(tx, { ...f, owned: scopeFilter(p) });
      return { items: await namedProjects(this.registry, tx, page.items), total: page.total };
    });
    return { items: res.items.map(projectListItem), total: res.total };
  }

  async get(p: Principal, id: string) {
    return this.withProject(p, 'wages:read', id, (tx, project) => this.dto(tx, project));
  }

  private async dto(tx: Executor, record: ProjectRecord) {
    const [unitRows, teams, account, deposit] = await Promise.all([
      repo.listUnits(tx, record),
      repo.listTeams(tx, record),
      repo.findAccount(tx, record),
      repo.findDeposit(tx, record),
    ]);
    const employers = await this.registry.employers(tx, [
      record.clientId,
      record.contractorId,
      ...unitRows.map((u) => u.employerId),
    ]);
    const nameOf = (id: string) => employers.get(id)?.name ?? '';
    const project: ProjectRow = {
      ...record,
      clientName: nameOf(record.clientId),
      contractorName: nameOf(record.contractorId),
    };
    const units = unitRows.map((u) => ({
      id: u.id,
      employerId: u.employerId,
      employerName: nameOf(u.employerId),
      role: u.role,
    }));
    const inst = institutions(project);
    const notes: Record<SiteInstitution, string> = {
      realName: inst.realName ? `在场 ${project.workersOnSite} 人` : '尚未登记实名用工',
      account: account ? `${account.bankName} ${account.accountMasked}` : '尚未开设农民工工资专用账户',
      contractorPays: inst.contractorPays ? '已有银行代发记录' : '尚无银行代发记录',
      deposit: deposit
        ? deposit.form === 'exempt'
          ? '依规免缴'
          : `应存 ${(deposit.requiredFen / 100).toFixed(2)} 元，余额 ${(deposit.balanceFen / 100).toFixed(2)} 元`
        : '尚未存储工资保证金或提交保函',
      noticeBoard: project.noticeBoardPostedOn ? `${project.noticeBoardPostedOn} 已设置` : '尚未设置维权信息告示牌',
      ledger: inst.ledger ? '已上报工资台账' : '尚未上报工资台账',
    };
    return {
      ...projectListItem(project),
      clientId: project.clientId,
      contractorId: project.contractorId,
      permitNo: project.permitNo,
      fundingInPlace: project.fundingInPlace,
      paymentGuarantee: project.paymentGuarantee,
      labourShareBp: project.labourShareBp,
      allocationDay: project.allocationDay,
      payDay: project.payDay,
      contractSignedOn: project.contractSignedOn,
      completedOn: project.completedOn,
      labourOfficerName: project.labourOfficerName,
      labourOfficerPhone: project.labourOfficerPhoneMasked,
      noticeBoardPostedOn: project.noticeBoardPostedOn,
      version: project.version,
      units,
      teams,
      account: account ? this.accountDto(account, project) : null,
      deposit: deposit ? { ...deposit, movements: await repo.depositMovements(tx, deposit.id) } : null,
      institutionsDetail: (Object.keys(SITE_INSTITUTION_NAMES) as SiteInstitution[]).map((key) => ({
        key,
        name: SITE_INSTITUTION_NAMES[key],
        ok: inst[key],
        note: notes[key],
      })),
    };
  }

  private accountDto(a: AccountRow, project: ProjectRecord) {
    const { accountBidx: _b, ...rest } = a;
    return { ...rest, openedLate: a.openedOn > addDays(project.contractSignedOn, 30) };
  }

  private async checkProject(tx: Executor, p: Principal, input: ProjectInput): Promise<Record<string, string>> {
    const errors: Record<string, string> = {};
    if (!input.name.trim()) errors.name = '请填写项目名称';
    const region = await repo.regionLevel(tx, input.regionCode);
    if (!region || region.level < 4) errors.regionCode = '项目所在地应选择到乡镇（街道）或村（社区）';
    else if (!inScope(p, { regionCode: input.regionCode })) errors.regionCode = '项目所在地不在您的管辖范围内';
    if (!(input.category in CATEGORY_NAMES)) errors.category = '请选择工程类别';
    const employers = await this.registry.employers(tx, [input.clientId, input.contractorId]);
    for (const [k, label] of [
      ['clientId', '建设单位'],
      ['contractorId', '施工总承包单位'],
    ] as const) {
      if (!employers.get(input[k])?.name) errors[k] = `${label}不存在，请先在“用工单位”中登记`;
    }
    if (input.clientId === input.contractorId) errors.contractorId = '施工总承包单位不能与建设单位相同';
    for (const k of ['contractSignedOn', 'startDate', 'plannedEndDate'] as const)
      if (!isIsoDate(input[k])) errors[k] = '日期格式应为 YYYY-MM-DD';
    if (!errors.startDate && !errors.plannedEndDate && input.plannedEndDate < input.startDate)
      errors.plannedEndDate = '计划竣工日期不能早于开工日期';
    if (!Number.isSafeInteger(input.contractAmountFen) || input.contractAmountFen <= 0)
      errors.contractAmountFen = '合同金额应大于 0（以分为单位的整数）';
    else if (input.contractAmountFen > 100_000_000_000_00) errors.contractAmountFen = '合同金额超过 1000 亿元，请核实';
    if (!Number.isInteger(input.labourShareBp) || input.labourShareBp < 1 || input.labourShareBp > 10000)
      errors.labourShareBp = '人工费用占比应在 0.01%–100% 之间';
    for (const k of ['allocationDay', 'payDay'] as const)
      if (!Number.isInteger(input[k]) || input[k] < 1 || input[k] > 28) errors[k] = '日期应为每月 1–28 日';
    if (input.labourOfficerPhone && !parseMobile(input.labourOfficerPhone).ok)
      errors.labourOfficerPhone = '劳资专管员手机号格式不正确';
    if (input.code && !/^[A-Za-z0-9-]{4,40}$/.test(input.code))
      errors.code = '项目编号只能由字母、数字和短横线组成（4–40 位）';
    return errors;
  }

  async create(p: Principal, input: ProjectInput) {
    access(p, 'wages:write');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const errors = await this.checkProject(tx, p, input);
      if (Object.keys(errors).length) throw invalid(errors);
      const given = input.code?.trim() || '';
      if (given && (await repo.projectCodeTaken(tx, given))) throw fieldError('code', '项目编号已被使用');
      const phone = input.labourOfficerPhone ? parseMobile(input.labourOfficerPhone) : null;
      const phoneValue = phone && phone.ok ? phone.normalized : null;
      const columns = {
        name: input.name.trim(),
        regionCode: input.regionCode,
        category: input.category,
        clientId: input.clientId,
        contractorId: input.contractorId,
        permitNo: input.permitNo?.trim() || null,
        fundingInPlace: input.fundingInPlace,
        paymentGuarantee: input.paymentGuarantee,
        contractAmountFen: input.contractAmountFen,
        labourShareBp: input.labourShareBp,
        allocationDay: input.allocationDay,
        payDay: input.payDay,
        contractSignedOn: input.contractSignedOn,
        startDate: input.startDate,
        plannedEndDate: input.plannedEndDate,
        labourOfficerName: input.labourOfficerName?.trim() || null,
        labourOfficerPhoneEnc: phoneValue ? this.cipher.encrypt(phoneValue, CTX.officerPhone) : null,
        labourOfficerPhoneMasked: phoneValue ? maskPhone(phoneValue) : null,
      };
      // Owner: the registering user; department: that user's (README, "Data scopes"). A code can be
      // taken by a project outside the caller's scope (invisible to the look-ups): the insert says so.
      let code = given;
      let id: string | undefined;
      if (given) {
        id = await repo.insertProject(tx, { ...columns, code }, p.userId, p.departmentId ?? null);
        if (!id) throw fieldError('code', '项目编号已被使用');
      } else {
        const prefix = `XM${input.regionCode.slice(0, 6)}${input.startDate.slice(0, 4)}`;
        for (let n = await repo.nextProjectSerial(tx, prefix); !id; n++) {
          code = `${prefix}${String(n).padStart(4, '0')}`;
          if (!(await repo.projectCodeTaken(tx, code)))
            id = await repo.insertProject(tx, { ...columns, code }, p.userId, p.departmentId ?? null);
        }
      }
      // the project's region, owner and department as just stored
      await this.changed(
        tx,
        p,
        { id: id!, ...(await repo.projectScope(tx, id!))! },
        'project.registered',
        `登记工程项目“${input.name.trim()}”（${code}）`,
        { code },
      );
      return this.dto(tx, (await repo.findProject(tx, id!))!);
    });
  }

  async update(p: Principal, id: string, patch: Record<string, unknown> & { version: number }) {
    return this.withProject(p, 'wages:write', id, async (tx, project) => {
      const changes: Record<string, unknown> = {};
      const errors: Record<string, string> = {};
      for (const [k, v] of Object.entries(patch))
        if (k !== 'version' && k !== 'labourOfficerPhone' && v !== undefined) changes[k] = v;
      if (typeof changes.name === 'string' && !changes.name.trim()) errors.name = '请填写项目名称';
      for (const k of ['plannedEndDate', 'completedOn', 'noticeBoardPostedOn'])
        if (changes[k] != null && !isIsoDate(String(changes[k]))) errors[k] = '日期格式应为 YYYY-MM-DD';
      if (changes.status === 'completed' && !(changes.completedOn ?? project.completedOn))
        errors.completedOn = '竣工时请填写竣工日期';
      if (changes.status === 'closed') {
        const account = await repo.findAccount(tx, project);
        if (account && account.status !== 'closed') errors.status = '专用账户尚未销户，项目不能销项';
      }
      if (patch.labourOfficerPhone !== undefined) {
        const ph = patch.labourOfficerPhone ? parseMobile(String(patch.labourOfficerPhone)) : null;
        if (ph && !ph.ok) errors.labourOfficerPhone = '劳资专管员手机号格式不正确';
        else {
          changes.labourOfficerPhoneEnc = ph?.ok ? this.cipher.encrypt(ph.normalized, CTX.officerPhone) : null;
          changes.labourOfficerPhoneMasked = ph?.ok ? maskPhone(ph.normalized) : null;
        }
      }
      for (const k of ['payDay', 'allocationDay'])
        if (
          changes[k] !== undefined &&
          (!Number.isInteger(changes[k]) || (changes[k] as number) < 1 || (changes[k] as number) > 28)
        )
          errors[k] = '日期应为每月 1–28 日';
      if (Object.keys(errors).length) throw invalid(errors);
      if (!(await repo.updateProject(tx, id, patch.version, changes)))
        throw conflict('项目已被他人修改，请刷新后重试', 'VERSION_CONFLICT');
      const what = Object.keys(changes)
        .filter((k) => !k.startsWith('labourOfficerPhone'))
        .concat(patch.labourOfficerPhone !== undefined ? ['labourOfficerPhone'] : []);
      const statusNote = changes.status ? `，状态：${STATUS_NAMES[String(changes.status)]}` : '';
      await this.changed(tx, p, project, 'project.updated', `修改项目信息${statusNote}`, { fields: what.join(',') });
      return this.dto(tx, (await repo.findProject(tx, id))!);
    });
  }

  async addUnit(p: Principal, id: string, input: { employerId: string; role: string }) {
    return this.withProject(p, 'wages:write', id, async (tx, project) => {
      const employer = (await this.registry.employers(tx, [input.employerId])).get(input.employerId)?.name;
      if (!employer) throw fieldError('employerId', '分包单位不存在，请先在“用工单位”中登记');
      if (input.employerId === project.contractorId) throw fieldError('employerId', '总承包单位无需作为分包单位添加');
      const unitId = await repo.insertUnit(tx, id, input.employerId, input.role, project);
      if (!unitId) throw conflict('该单位已是本项目的参建单位');
      await this.changed(tx, p, project, 'project.unit_added', `增加分包单位“${employer}”`);
      return { id: unitId };
    });
  }

  async addTeam(p: Principal, id: string, input: { name: string; unitId?: string | null; leaderName?: string | null }) {
    return this.withProject(p, 'wages:write', id, async (tx, project) => {
      if (!input.name.trim()) throw fieldError('name', '请填写班组名称');
      if (input.unitId && !(await repo.listUnits(tx, project)).some((u) => u.id === input.unitId))
        throw fieldError('unitId', '所属分包单位不是本项目的参建单位');
      const teamId = await repo.insertTeam(
        tx,
        id,
        { name: input.name.trim(), unitId: input.unitId ?? null, leaderName: input.leaderName?.trim() || null },
        project,
      );
      if (!teamId) throw conflict('本项目已有同名班组');
      await this.changed(tx, p, project, 'project.team_added', `增加班组“${input.name.trim()}”`);
      return { id: teamId };
    });
  }

  // ---------------------------------------------------------------- workforce
  async listWorkers(
    p: Principal,
    id: string,
    f: { q?: string; onSite?: boolean; teamId?: string; page: number; pageSize: number },
  ) {
    return this.withProject(p, 'wages:read', id, async (tx, project) => {
      const res = await repo.listProjectWorkers(tx, project, f.q ? { ...f, q: normalizeName(f.q) } : f);
      return {
        items: res.items.map(({ idBidx: _b, total: _t, ...r }: repo.ProjectWorkerRow & { total?: number }) =>
          masked(r),
        ),
        total: res.total,
      };
    });
  }

  /**
   * Enrols a registered worker (实名制): no registry record, no enrolment; no contract is recorded and flagged (不签合同不得进场).
   */
  async enrolWorker(
    p: Principal,
    id: string,
    input: { idNumber?: string; workerId?: string; teamId?: string | null; entryDate: string },
  ) {
    return this.withProject(p, 'wages:write', id, async (tx, project) => {
      if (!isIsoDate(input.entryDate)) throw fieldError('entryDate', '进场日期格式应为 YYYY-MM-DD');
      if (input.entryDate > this.today()) throw fieldError('entryDate', '进场日期不能晚于今天');
      if (input.teamId && !(await repo.teamBelongs(tx, project, input.teamId)))
        throw fieldError('teamId', '班组不属于本项目');
      let bidx: string;
      if (input.idNumber) {
        const parsed = parseIdNumber(input.idNumber);
        if (!parsed.ok) throw fieldError('idNumber', parsed.message);
        bidx = this.registry.idNumberIndex(parsed.value);
      } else if (input.workerId) {
        const found = (await this.registry.workerRef(tx, input.workerId))?.idBidx;
        if (!found) throw fieldError('workerId', '务工人员不存在或不在您的管辖范围内');
        bidx = found;
      } else throw fieldError('idNumber', '请填写身份证号');
      const employerIds = [project.contractorId, ...(await repo.listUnits(tx, project)).map((u) => u.employerId)];
      const worker = await this.registry.workerForProject(tx, bidx, employerIds);
      if (!worker) throw fieldError('idNumber', '该人员尚未实名登记，请先在“务工人员”中登记后再进场');
      const pwId = await repo.insertProjectWorker(tx, {
        projectId: id,
        workerId: worker.id,
        teamId: input.teamId ?? null,
        name: worker.name,
        idBidx: bidx,
        idMasked: worker.idMasked,
        entryDate: input.entryDate,
        contractPresent: worker.contractSigned,
        scope: project,
      });
      if (!pwId) throw conflict('该人员已在本项目的实名用工名册中');
      await this.changed(
        tx,
        p,
        project,
        'project.worker_entered',
        `人员进场（${worker.idMasked}）${worker.contractSigned ? '' : '，未签劳动合同'}`,
      );
      await this.events.emit(tx, p, [
        {
          type: 'project.worker_entered',
          subjectType: 'worker',
          subjectId: worker.id,
          regionCode: project.regionCode,
          summary: `进场：${project.name}${worker.contractSigned ? '' : '（未签劳动合同，不得进场，已预警）'}`,
        },
      ]);
      return {
        ...masked((await repo.findProjectWorker(tx, project, pwId))!),
        idBidx: undefined,
        warning: worker.contractSigned ? null : '未签劳动合同，不得进场：已记录并将产生预警',
      };
    });
  }

  async updateWorker(
    p: Principal,
    id: string,
    pwId: string,
    input: { teamId?: string | null; exitDate?: string | null; settledOn?: string | null },
  ) {
    return this.withProject(p, 'wages:write', id, async (tx, project) => {
      const pw = await repo.findProjectWorker(tx, project, pwId);
      if (!pw) throw notFound('该人员不在本项目的实名用工名册中');
      if (input.teamId && !(await repo.teamBelongs(tx, project, input.teamId)))
        throw fieldError('teamId', '班组不属于本项目');
      for (const k of ['exitDate', 'settledOn'] as const)
        if (input[k] && !isIsoDate(input[k]!)) throw fieldError(k, '日期格式应为 YYYY-MM-DD');
      const exit = input.exitDate !== undefined ? input.exitDate : pw.exitDate;
      if (exit && exit < pw.entryDate) throw fieldError('exitDate', '离场日期不能早于进场日期');
      if (input.settledOn && !exit) throw fieldError('settledOn', '尚未离场，不能登记离场结算');
      if (input.settledOn && exit && input.settledOn < exit) throw fieldError('settledOn', '结算日期不能早于离场日期');
      await repo.updateProjectWorker(tx, pwId, input);
      const what = input.settledOn
        ? `离场结算（${pw.idMasked}）`
        : input.exitDate
          ? `人员离场（${pw.idMasked}）`
          : `调整班组（${pw.idMasked}）`;
      await this.changed(tx, p, project, 'project.worker_updated', what);
      await this.events.emit(tx, p, [
        {
          type: 'project.worker_updated',
          subjectType: 'worker',
          subjectId: pw.workerId,
          regionCode: project.regionCode,
          summary: `${project.name}：${what.replace(/（.*）/, '')}`,
        },
      ]);
      return { ...masked((await repo.findProjectWorker(tx, project, pwId))!), idBidx: undefined };
    });
  }

  // ---------------------------------------------------------------- attendance
  async attendance(p: Principal, id: string, month: string) {
    const m = monthStart(month);
    if (!m) throw fieldError('month', '月份格式应为 YYYY-MM');
    return this.withProject(p, 'wages:read', id, async (tx, project) => ({
      month: m,
      items: (await repo.attendanceOf(tx, project, m)).map(({ entryDate: _e, exitDate: _x, ...r }) => masked(r)),
    }));
  }

  async saveAttendance(
    p: Principal,
    id: string,
    input: { month: string; entries: { projectWorkerId: string; days: number }[] },
  ) {
    const m = monthStart(input.month);
    if (!m) throw fieldError('month', '月份格式应为 YYYY-MM');
    if (m > `${this.today().slice(0, 7)}-01`) throw fieldError('month', '不能登记未来月份的考勤');
    return this.withProject(p, 'wages:write', id, async (tx, project) => {
      const roster = new Map((await repo.attendanceOf(tx, project, m)).map((r) => [r.projectWorkerId, r]));
      const errors: { path: string; message: string }[] = [];
      const dim = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).getUTCDate();
      input.entries.forEach((e, i) => {
        if (!roster.has(e.projectWorkerId))
          errors.push({ path: `entries.${i}.projectWorkerId`, message: '该人员当月不在本项目的实名用工名册中' });
        if (!Number.isInteger(e.days) || e.days < 0 || e.days > dim)
          errors.push({ path: `entries.${i}.days`, message: `出勤天数应为 0–${dim} 的整数` });
      });
      if (errors.length) throw badRequest(errors[0].message, errors);
      await repo.upsertAttendance(tx, id, m, project, input.entries);
      await this.changed(tx, p, project, 'project.attendance', `登记 ${m.slice(0, 7)} 考勤 ${input.entries.length} 人`);
      return { month: m, saved: input.entries.length };
    });
  }

  // ---------------------------------------------------------------- dedicated wage account
  async account(p: Principal, id: string, page: number, pageSize: number) {
    return this.withProject(p, 'wages:read', id, async (tx, project) => {
      const a = await repo.findAccount(tx, project);
      return {
        account: a ? this.accountDto(a, project) : null,
        txns: a ? await repo.listTxns(tx, project, page, pageSize) : { items: [], total: 0 },
      };
    });
  }

  async openAccount(p: Principal, id: string, input: { bankName: string; accountNo: string; openedOn: string }) {
    await this.withProject(p, 'wages:write', id, async (tx, project) => {
      const errors: Record<string, string> = {};
      const accountNo = input.accountNo.replace(/[\s-]/g, '');
      if (!/^\d{8,30}$/.test(accountNo)) errors.accountNo = '账号应为 8–30 位数字';
      if (!input.bankName.trim()) errors.bankName = '请填写开户银行';
      if (!isIsoDate(input.openedOn)) errors.openedOn = '开户日期格式应为 YYYY-MM-DD';
      else if (input.openedOn > this.today()) errors.openedOn = '开户日期不能晚于今天';
      if (Object.keys(errors).length) throw invalid(errors);
      if (await repo.findAccount(tx, project)) throw conflict('本项目已开设农民工工资专用账户');
      const contractor = (await this.registry.employers(tx, [project.contractorId])).get(project.contractorId);
      const accountName = `${contractor?.name ?? ''}${project.name}农民工工资专用账户`;
      await repo.insertAccount(tx, {
        projectId: id,
        bankName: input.bankName.trim(),
        accountName,
        accountEnc: this.cipher.encrypt(accountNo, CTX.account),
        accountBidx: this.cipher.blindIndex(accountNo, CTX.account),
        accountMasked: maskBankCard(accountNo),
        openedOn: input.openedOn,
        scope: project,
      });
      const late = input.openedOn > addDays(project.contractSignedOn, 30);
      await this.changed(
        tx,
        p,
        project,
        'account.opened',
        `开设农民工工资专用账户（${input.bankName.trim()}）${late ? '，超过合同签订后 30 日' : ''}`,
        { late },
      );
    });
    return this.account(p, id, 1, 20);
  }

  async addTxn(
    p: Principal,
    id: string,
    input: {
      kind: 'allocation' | 'refund' | 'other_in';
      month?: string | null;
      amountFen: number;
      txnDate: string;
      ref?: string | null;
    },
  ) {
    await this.withProject(p, 'wages:write', id, async (tx, project) => {
      const a = await repo.findAccount(tx, project);
      if (!a) throw conflict('本项目尚未开设农民工工资专用账户');
      if (a.status === 'closed') throw conflict('专用账户已销户');
      const errors: Record<string, string> = {};
      const month = input.month ? monthStart(input.month) : null;
      if (input.kind === 'allocation' && !month) errors.month = '人工费用拨付须注明所属月份（YYYY-MM）';
      if (input.month && !month) errors.month = '月份格式应为 YYYY-MM';
      if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
        errors.amountFen = '金额应大于 0（以分为单位的整数）';
      if (!isIsoDate(input.txnDate)) errors.txnDate = '日期格式应为 YYYY-MM-DD';
      else if (input.txnDate > this.today()) errors.txnDate = '入账日期不能晚于今天';
      if (input.kind === 'refund' && input.amountFen > a.balanceFen) errors.amountFen = '退回金额超过账户余额';
      if (Object.keys(errors).length) throw invalid(errors);
      await repo.insertTxns(tx, a.id, id, project, [
        { kind: input.kind, month, amountFen: input.amountFen, txnDate: input.txnDate, ref: input.ref?.trim() || null },
      ]);
      const label =
        input.kind === 'allocation'
          ? `人工费用拨付（${month!.slice(0, 7)}）`
          : input.kind === 'refund'
            ? '退回'
            : '其他入账';
      await this.changed(tx, p, project, 'account.txn', `专用账户${label} ${(input.amountFen / 100).toFixed(2)} 元`, {
        kind: input.kind,
        amountFen: input.amountFen,
      });
    });
    return this.account(p, id, 1, 20);
  }

  /** Closure (Art. 27): 30-day public notice once every wage is paid, then closure. */
  async closeAccount(p: Principal, id: string, action: 'notice' | 'close') {
    await this.withProject(p, 'wages:write', id, async (tx, project) => {
      const a = await repo.findAccount(tx, project);
      if (!a) throw conflict('本项目尚未开设农民工工资专用账户');
      const today = this.today();
      if (action === 'notice') {
        if (a.status !== 'open') throw conflict('账户不在可公示状态');
        if (!['completed', 'closed'].includes(project.status)) throw conflict('项目竣工后方可公示销户');
        const unpaid = await ledger.unpaidLineCount(tx, project);
        const open = await repo.openArrearsCount(tx, project);
        if (unpaid > 0 || open > 0)
          throw conflict(`尚有 ${unpaid} 笔工资未足额发放或 ${open} 件欠薪案件未结，不能公示销户`);
        await repo.setAccountStatus(tx, a.id, 'closing', { closureNoticeFrom: today });
        await this.changed(tx, p, project, 'account.closure_notice', '专用账户销户前公示（30 日）');
      } else {
        if (a.status !== 'closing' || !a.closureNoticeFrom) throw conflict('须先公示 30 日后方可销户');
        const end = addDays(a.closureNoticeFrom, 30);
        if (today < end) throw conflict(`公示期至 ${end} 届满，届满后方可销户`);
        await repo.setAccountStatus(tx, a.id, 'closed', { closedOn: today });
        await this.changed(tx, p, project, 'account.closed', '专用账户销户');
      }
    });
    return this.account(p, id, 1, 20);
  }

  // ---------------------------------------------------------------- deposit
  async depositQuote(p: Principal, id: string) {
    const params = await this.params();
    return this.withProject(p, 'wages:read', id, async (tx, project) => this.quote(tx, project, params));
  }

  /** `params` is read before the transaction: PGlite has one connection, so no nested transaction may wait on it. */
  private async quote(tx: Executor, project: ProjectRecord, params: WageParams) {
    const h = (await repo.employerHistory(tx, project.contractorId))!;
    const contractor = (await this.registry.employers(tx, [project.contractorId])).get(project.contractorId);
    const today = this.today();
    // A project's contractor is on the register (a foreign key); its registration day starts its record.
    const since = contractor?.registeredOn ?? today;
    const violations = await violationsRepo.employerViolations(tx, project.contractorId);
    const grade = integrityGrade({ today, arrearsDates: h.arrearsDates, listed: h.listed, since, violations });
    const arrearsLastYear = h.arrearsDates.some((d) => d >= addDays(today, -365));
    const d = depositDecision({
      contractFen: project.contractAmountFen,
      grade,
      arrearsLastYear,
      otherLiveProjects: Math.max(0, h.liveProjects - 1),
      params,
    });
    return { grade, gradeName: INTEGRITY_GRADE_NAMES[grade], ...d };
  }

  async saveDeposit(
    p: Principal,
    id: string,
    input: {
      form: 'cash' | 'bank_guarantee' | 'insurance' | 'exempt';
      amountFen?: number | null;
      bankName?: string | null;
      letterNo?: string | null;
      validUntil?: string | null;
      depositedOn: string;
    },
  ) {
    const params = await this.params();
    return this.withProject(p, 'wages:write', id, async (tx, project) => {
      if (await repo.findDeposit(tx, project)) throw conflict('本项目已存储工资保证金，如需补足或退还请登记变动');
      const q = await this.quote(tx, project, params);
      const errors: Record<string, string> = {};
      if (!isIsoDate(input.depositedOn)) errors.depositedOn = '日期格式应为 YYYY-MM-DD';
      if (input.form === 'exempt' && !q.exempt) errors.form = `不符合免缴条件：${q.basis}`;
      const amount = input.form === 'exempt' ? 0 : (input.amountFen ?? q.requiredFen);
      if (input.form !== 'exempt' && (!Number.isSafeInteger(amount) || amount < q.requiredFen))
        errors.amountFen = `存储金额不得低于应存金额 ${(q.requiredFen / 100).toFixed(2)} 元`;
      if (input.form === 'bank_guarantee' || input.form === 'insurance') {
        if (!input.letterNo?.trim()) errors.letterNo = '请填写保函（保单）编号';
        if (!input.validUntil || !isIsoDate(input.validUntil)) errors.validUntil = '请填写保函有效期（YYYY-MM-DD）';
        else if (input.validUntil < project.plannedEndDate) errors.validUntil = '保函有效期不得早于计划竣工日期';
      }
      if (Object.keys(errors).length) throw invalid(errors);
      const depositId = await repo.insertDeposit(tx, {
        projectId: id,
        form: input.form,
        rateBp: q.rateBp,
        requiredFen: q.requiredFen,
        balanceFen: amount,
        basis: q.basis,
        bankName: input.bankName?.trim() || null,
        letterNo: input.letterNo?.trim() || null,
        validUntil: input.validUntil ?? null,
        depositedOn: input.depositedOn,
        status: input.form === 'exempt' ? 'exempt' : 'held',
        scope: project,
      });
      if (amount > 0)
        await repo.insertDepositMovement(tx, {
          depositId,
          kind: 'deposit',
          amountFen: amount,
          onDate: input.depositedOn,
          note: null,
          scope: project,
        });
      await this.changed(
        tx,
        p,
        project,
        'deposit.saved',
        input.form === 'exempt'
          ? `工资保证金依规免缴（${q.basis}）`
          : `存储工资保证金 ${(amount / 100).toFixed(2)} 元（比例 ${q.rateBp / 100}%）`,
      );
      return this.dto(tx, (await repo.findProject(tx, id))!).then((d) => d.deposit!); // just saved
    });
  }

  /** Drawdown (pays arrears; top-up due in 10 working days), top-up, return at completion. */
  async depositMovement(
    p: Principal,
    id: string,
    input: { kind: 'drawdown' | 'topup' | 'return'; amountFen: number; onDate: string; note?: string | null },
  ) {
    const calendar = await this.calendar();
    return this.withProject(p, 'wages:write', id, async (tx, project) => {
      const d = await repo.findDeposit(tx, project);
      if (!d) throw conflict('本项目尚未存储工资保证金');
      if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
        throw fieldError('amountFen', '金额应大于 0（以分为单位的整数）');
      if (!isIsoDate(input.onDate)) throw fieldError('onDate', '日期格式应为 YYYY-MM-DD');
      let balance = d.balanceFen;
      let status = d.status;
      let topupDueOn = d.topupDueOn;
      if (d.status === 'returned') throw conflict('保证金已退还');
      if (input.kind === 'drawdown') {
        if (input.amountFen > balance)
          throw fieldError('amountFen', `动用金额超过保证金余额 ${(balance / 100).toFixed(2)} 元`);
        balance -= input.amountFen;
        status = 'topup_due';
        topupDueOn = calendar.addWorkingDays(input.onDate, 10);
      } else if (input.kind === 'topup') {
        balance += input.amountFen;
        if (balance >= d.requiredFen) {
          status = 'held';
          topupDueOn = null;
        }
      } else {
        if (!['completed', 'closed'].includes(project.status)) throw conflict('项目竣工后方可退还保证金');
        if ((await repo.openArrearsCount(tx, project)) > 0) throw conflict('尚有欠薪案件未结，不能退还保证金');
        if (input.amountFen !== balance)
          throw fieldError('amountFen', `退还金额应为全部余额 ${(balance / 100).toFixed(2)} 元`);
        balance = 0;
        status = 'returned';
      }
      await repo.updateDeposit(tx, d.id, {
        balanceFen: balance,
        status,
        topupDueOn,
        returnedOn: input.kind === 'return' ? input.onDate : null,
      });
      await repo.insertDepositMovement(tx, {
        depositId: d.id,
        kind: input.kind,
        amountFen: input.amountFen,
        onDate: input.onDate,
        note: input.note?.trim() || null,
        scope: project,
      });
      const label = {
        drawdown: `动用工资保证金，须于 ${topupDueOn} 前补足`,
        topup: '补足工资保证金',
        return: '退还工资保证金',
      }[input.kind];
      await this.changed(tx, p, project, `deposit.${input.kind}`, `${label} ${(input.amountFen / 100).toFixed(2)} 元`);
      return {
        ...(await repo.findDeposit(tx, project))!,
        movements: await repo.depositMovements(tx, d.id),
      } satisfies DepositRow & { movements: unknown };
    });
  }

  // ---------------------------------------------------------------- reading
  async bankPayments(
    p: Principal,
    id: string,
    f: { month?: string; succeeded?: boolean; page: number; pageSize: number },
  ) {
    const month = f.month ? monthStart(f.month) : undefined;
    if (f.month && !month) throw fieldError('month', '月份格式应为 YYYY-MM');
    return this.withProject(p, 'wages:read', id, async (tx, project) => {
      const res = await ledger.listBankPayments(tx, project, { ...f, month: month ?? undefined });
      return { items: res.items.map(masked), total: res.total };
    });
  }

  async timeline(p: Principal, id: string) {
    await this.withProject(p, 'wages:read', id, async () => null); // 404 outside the caller's scope
    return this.events.timeline(p, 'project', id);
  }

  /**
   * The rights notice board (维权信息告示牌, 条例 Art. 34) of a project, print-ready HTML with a QR code
   * to the worker-facing wage lookup at `baseUrl`.
   */
  async noticeBoard(p: Principal, id: string, size: 'A4' | 'A3', baseUrl: string): Promise<string> {
    const dto = await this.get(p, id);
    const officerPhone = await this.noticeBoardPhone(p, id);
    const mw = minimumWageFor(await this.params(), dto.regionCode);
    const regulator =
      dto.category === 'transport'
        ? '交通运输主管部门'
        : dto.category === 'water'
          ? '水行政主管部门'
          : '住房和城乡建设主管部门';
    return renderNoticeBoard(
      {
        project: { code: dto.code, name: dto.name, address: dto.regionName },
        client: { name: dto.clientName },
        contractor: { name: dto.contractorName, projectOffice: `${dto.name}项目部` },
        subcontractors: dto.units.map((u) => ({
          name: u.employerName,
          role: u.role as 'subcontractor' | 'labour_subcontractor',
        })),
        regulator: {
          name: `${(dto.regionName ?? '').split(/\s+/).slice(0, 3).join('')}${regulator}`,
          complaintPhone: '12345',
        },
        labourOfficer: { name: dto.labourOfficerName, phone: officerPhone },
        minimumWage: mw ?? { tier: '未配置', monthlyFen: DEFAULT_WAGE_PARAMS.minimumWage[0].monthlyFen },
        payDay: dto.payDay,
        mediationArbitration: { name: '所在县（市、区）劳动人事争议仲裁院', phone: '12333' },
        lookupUrl: `${baseUrl}/wage-lookup?project=${encodeURIComponent(dto.code)}`,
        issuedOn: dto.noticeBoardPostedOn,
      },
      { size },
    );
  }

  /** What the notice board's QR code page shows before the worker identifies: name, contractor, pay day. */
  async publicProject(code: string) {
    const project = await this.db.scoped(SYSTEM_SCOPE, async (tx) => {
      const found = await repo.findProjectByCode(tx, code);
      return found ? (await namedProjects(this.registry, tx, [found]))[0] : undefined;
    });
    if (!project) throw notFound('项目不存在');
    return { code: project.code, name: project.name, contractorName: project.contractorName, payDay: project.payDay };
  }

  /**
   * The labour-wage officer's phone in clear, for the notice board only: it is the work contact the
   * board must show to workers (条例 Art. 34). Audited.
   */
  async noticeBoardPhone(p: Principal, id: string): Promise<string | null> {
    return this.withProject(p, 'wages:read', id, async (tx, project) => {
      const enc = await repo.officerPhoneEnc(tx, id);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'project.notice_board',
        outcome: 'success',
        objectType: 'project',
        objectId: project.id,
      });
      return enc ? this.cipher.decrypt(enc, CTX.officerPhone) : null;
    });
  }

  async workerWages(p: Principal, workerId: string) {
    access(p, 'wages:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      // Like every worker route: an unknown worker, or one outside the caller's scope, is 404.
      requireInScope(p, await this.registry.workerRef(tx, workerId), '务工人员不存在或不在您的管辖范围内', (w) => ({
        regionCode: w.regionCode,
        ownerId: w.ownerId,
        departmentId: w.departmentId,
      }));
      return ledger.workerWages(tx, workerId, scopeFilter(p));
    });
  }
}
