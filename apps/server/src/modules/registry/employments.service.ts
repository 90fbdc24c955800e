import { shanghaiDate } from '@mwsp/domain';
import type { Database, Executor } from '../../db/client.js';
import { access, inScope, scopeFilter } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { EventLog } from '../../platform/events/events.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import * as employersRepo from './employers.repo.js';
import * as employmentsRepo from './employments.repo.js';
import type { EmploymentRow } from './employments.repo.js';
import * as insuranceRepo from './insurance.repo.js';
import {
  CTX,
  invalid,
  isDate,
  stripUndefined,
  workerResource,
  type CodeSets,
  type EmploymentInput,
} from './registry.common.js';
import * as repo from './registry.repo.js';
import { scopeOfWorker } from './workerCounts.repo.js';
import type { FieldErrors } from './worker.rules.js';
import type { WorkersService } from './workers.service.js';

/**
 * Employments (用工记录) and the labour-contract figures: who works where since when, under which contract;
 * every change writes an event on the worker's timeline.
 */
export class EmploymentsService {
  constructor(
    private readonly db: Database,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditLog,
    private readonly events: EventLog,
    private readonly codes: CodeSets,
    private readonly now: () => Date,
    private readonly workers: WorkersService,
  ) {}

  async checkEmployment(
    tx: Executor,
    p: Principal,
    input: EmploymentInput,
  ): Promise<employmentsRepo.EmploymentColumns> {
    const errors: FieldErrors = {};
    const worker = await repo.findWorker(tx, input.workerId);
    if (!worker || !inScope(p, workerResource(worker))) errors.workerId = '务工人员不存在';
    else if (worker.status !== 'active') errors.workerId = '该档案已被合并';
    if (!(await employersRepo.findEmployer(tx, input.employerId))) errors.employerId = '用工单位不存在';
    const today = shanghaiDate(this.now());
    if (!isDate(input.startDate)) errors.startDate = '请填写正确的入职日期';
    else if (input.startDate > today) errors.startDate = '入职日期不能晚于今天';
    if (input.endDate && (!isDate(input.endDate) || input.endDate < input.startDate))
      errors.endDate = '离职日期应不早于入职日期';
    if (input.occupationCode && !this.codes.occupations.has(input.occupationCode))
      errors.occupationCode = '职业工种代码不在《职业分类大典》目录中';
    if (
      input.wageFen !== null &&
      input.wageFen !== undefined &&
      (!Number.isInteger(input.wageFen) || input.wageFen < 0 || input.wageFen > 100_000_000)
    )
      errors.wageFen = '工资金额不合理（以分为单位的非负整数，最多 100 万元）';
    if (input.contractSigned && input.contractType === 'none') errors.contractType = '已签订合同时请选择合同类型';
    if (input.contractType === 'fixed' && !input.contractTermMonths)
      errors.contractTermMonths = '固定期限合同请填写期限（月）';
    if (Object.keys(errors).length) throw invalid(errors);
    return {
      workerId: input.workerId,
      employerId: input.employerId,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      position: input.position?.trim() || null,
      occupationCode: input.occupationCode ?? null,
      wageFen: input.wageFen ?? null,
      wageType: input.wageType ?? 'monthly',
      contractType: input.contractType ?? 'none',
      contractSigned: input.contractSigned ?? false,
      contractTermMonths: input.contractTermMonths ?? null,
      filingStatus: input.filingStatus ?? 'none',
      dispatch: input.dispatch ?? false,
      status: input.endDate ? 'ended' : 'active',
    };
  }

  /** Writes an employment (create or change by natural key) with its event; shared by the API and the importer. */
  async saveEmployment(
    tx: Executor,
    p: Principal,
    cols: employmentsRepo.EmploymentColumns,
  ): Promise<{ id: string; created: boolean; changed: boolean }> {
    const worker = await repo.findWorker(tx, cols.workerId);
    if (!worker) throw notFound('务工人员不存在');
    const result = await employmentsRepo.upsertEmployment(tx, cols, scopeOfWorker(worker));
    if (result.changed) {
      const employer = (await employersRepo.findEmployer(tx, cols.employerId))!;
      const summary = result.created
        ? `入职 ${employer.name}${cols.position ? '，岗位：' + cols.position : ''}；劳动合同${cols.contractSigned ? '已签订' : '未签订'}`
        : cols.status === 'ended'
          ? `离职 ${employer.name}（${cols.endDate}）`
          : `用工信息变更：${employer.name}`;
      await this.events.emit(tx, p, [
        {
          type: result.created
            ? 'employment.started'
            : cols.status === 'ended'
              ? 'employment.ended'
              : 'employment.updated',
          subjectType: 'worker',
          subjectId: cols.workerId,
          regionCode: worker.residenceRegionCode,
          summary,
          data: { employmentId: result.id, employerId: cols.employerId },
        },
      ]);
    }
    return result;
  }

  async createEmployment(p: Principal, input: EmploymentInput): Promise<EmploymentRow> {
    access(p, 'registry:write');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const cols = await this.checkEmployment(tx, p, input);
      const r = await this.saveEmployment(tx, p, cols);
      if (!r.created) throw conflict('该人员在该单位同一入职日期的用工记录已存在');
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'employment.create',
        outcome: 'success',
        objectType: 'employment',
        objectId: r.id,
        detail: { workerId: input.workerId, employerId: input.employerId },
      });
      return (await employmentsRepo.findEmployment(tx, r.id))!;
    });
  }

  async updateEmployment(p: Principal, id: string, patch: Partial<EmploymentInput>): Promise<EmploymentRow> {
    access(p, 'registry:write');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const current = await employmentsRepo.findEmployment(tx, id);
      if (!current) throw notFound('用工记录不存在');
      await this.workers.visibleWorker(tx, p, current.workerId).catch(() => {
        throw notFound('用工记录不存在');
      });
      const cols = await this.checkEmployment(tx, p, {
        ...current,
        ...stripUndefined(patch),
        workerId: current.workerId,
        employerId: current.employerId,
        startDate: current.startDate,
      } as EmploymentInput);
      await this.saveEmployment(tx, p, cols);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'employment.update',
        outcome: 'success',
        objectType: 'employment',
        objectId: id,
        detail: { fields: Object.keys(stripUndefined(patch)) },
      });
      return (await employmentsRepo.findEmployment(tx, id))!;
    });
  }

  /**
   * Bulk path for new employments with insurance (the demo city): one statement each, one event per
   * employment. Each item is checked like a single one, minus the per-row look-ups the caller vouches for.
   */
  async addEmploymentsBulk(
    tx: Executor,
    p: Principal,
    items: {
      employment: employmentsRepo.EmploymentColumns;
      employerName: string;
      regionCode: string;
      insurance: insuranceRepo.InsuranceRow[];
    }[],
  ): Promise<void> {
    access(p, 'registry:write');
    // Each worker's scope columns, as the caller's scope sees the worker (its rows carry them).
    const scopes = await repo.workerScopes(
      tx,
      items.map((i) => i.employment.workerId),
    );
    const workerOf = (id: string) => {
      const w = scopes.get(id);
      if (!w) throw notFound('务工人员不存在');
      return w;
    };
    const ids = await employmentsRepo.insertEmployments(
      tx,
      items.map((i) => ({ ...i.employment, worker: workerOf(i.employment.workerId) })),
    );
    await insuranceRepo.insertInsurance(
      tx,
      items.flatMap((i) =>
        i.insurance.map((x) => ({
          ...x,
          workerId: i.employment.workerId,
          worker: workerOf(i.employment.workerId),
        })),
      ),
    );
    await this.events.emit(
      tx,
      p,
      items.map((i, k) => ({
        type: 'employment.started',
        subjectType: 'worker',
        subjectId: i.employment.workerId,
        regionCode: i.regionCode,
        summary:
          `入职 ${i.employerName}${i.employment.position ? '，岗位：' + i.employment.position : ''}；` +
          `劳动合同${i.employment.contractSigned ? '已签订' : '未签订'}`,
        data: { employmentId: ids[k], employerId: i.employment.employerId },
      })),
    );
  }

  /** Import path: an employment row names the worker by ID number and the employer by credit code. */
  async importEmployment(
    tx: Executor,
    p: Principal,
    v: Omit<EmploymentInput, 'workerId' | 'employerId'> & { idNumber: string; creditCode: string },
  ): Promise<'created' | 'updated' | 'unchanged'> {
    access(p, 'registry:write');
    const [worker] = await repo.findWorkersByIdBidx(tx, [this.cipher.blindIndex(v.idNumber, CTX.id)]);
    if (!worker)
      throw badRequest('该身份证号尚未在本辖区实名登记，请先导入务工人员', [
        { path: 'workerId', message: '该身份证号尚未在本辖区实名登记，请先导入务工人员' },
      ]);
    const employerId = await employersRepo.findEmployerIdByCreditCode(tx, v.creditCode);
    if (!employerId)
      throw badRequest('该统一社会信用代码的单位尚未登记，请先导入用工单位', [
        { path: 'employerId', message: '该统一社会信用代码的单位尚未登记，请先导入用工单位' },
      ]);
    const { idNumber: _i, creditCode: _c, ...rest } = v;
    const cols = await this.checkEmployment(tx, p, { ...rest, workerId: worker.id, employerId });
    const r = await this.saveEmployment(tx, p, cols);
    return r.created ? 'created' : r.changed ? 'updated' : 'unchanged';
  }

  /** Labour-contract signing rate (劳动合同签订率) per child region of `parent`, within the caller's scope. */
  async contractRates(p: Principal, parent: string) {
    access(p, 'registry:read');
    const childLength = ({ 2: 4, 4: 6, 6: 9, 9: 12 } as Record<number, number>)[parent.length];
    if (!childLength)
      throw badRequest('请选择省、市、县或乡镇一级的区划', [
        { path: 'parent', message: '请选择省、市、县或乡镇一级的区划' },
      ]);
    const rows = await this.db.scoped(dbScopeOf(p), (tx) =>
      employmentsRepo.contractRatesByRegion(tx, parent, childLength, scopeFilter(p)),
    );
    return rows.map((r) => ({ ...r, rate: r.employed > 0 ? r.signed / r.employed : null }));
  }

  async listEmployments(p: Principal, f: Parameters<typeof employmentsRepo.listEmployments>[1]) {
    access(p, 'registry:read');
    return this.db.scoped(dbScopeOf(p), (tx) => employmentsRepo.listEmployments(tx, { ...f, ...scopeFilter(p) }));
  }
}
