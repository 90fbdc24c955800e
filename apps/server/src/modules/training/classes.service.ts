import {
  countyCodeOf,
  isWithinRegion,
  OCCUPATION_BY_CODE,
  shanghaiDate,
  TRAINING_MODE_LABELS,
  TRAINING_TYPE_LABELS,
  type TrainingClassCreateInput,
  type TrainingInstitutionCreateInput,
  type TrainingInstitutionUpdateInput,
  type TrainingTargetInput,
} from '@mwsp/domain';
import type { Database, DbScope, Executor } from '../../db/client.js';
import { access, requireInScope, scopeFilter } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import { conflict, fieldError } from '../../platform/http/errors.js';
import type { RegistryPort } from '../registry/index.js';
import * as repo from './training.repo.js';

const NO_INSTITUTION = '培训机构不存在';
const NO_CLASS = '培训班不存在';

/** The name of an occupation code (a 细类 or its 中类) from the 职业分类大典 code table. */
export function occupationName(code: string): string {
  return OCCUPATION_BY_CODE.get(code)?.name ?? OCCUPATION_BY_CODE.get(code.slice(0, 4))?.name ?? code;
}

/** Whether an institution may train an occupation: its list holds the code or a prefix of it. */
export function mayTrain(occupations: string[], code: string): boolean {
  return occupations.some((o) => code === o || code.startsWith(o + '-'));
}

export function toClass(c: repo.ClassRow) {
  return {
    id: c.id,
    name: c.name,
    institutionId: c.institutionId,
    institutionName: c.institutionName,
    occupationCode: c.occupationCode,
    occupationName: occupationName(c.occupationCode),
    trainingType: c.trainingType as keyof typeof TRAINING_TYPE_LABELS,
    mode: c.mode as keyof typeof TRAINING_MODE_LABELS,
    employerId: c.employerId,
    employerName: c.employerName,
    startDate: c.startDate,
    endDate: c.endDate,
    sessions: c.sessions,
    capacity: c.capacity,
    enrolled: c.enrolled,
    teacher: c.teacher,
    subsidised: c.subsidised,
    payee: c.payee,
    status: c.status,
    regionCode: c.regionCode,
    createdAt: c.createdAt,
  };
}

function toInstitution(i: repo.InstitutionRow) {
  const { countyCode: _c, ownerId: _o, departmentId: _d, ...rest } = i;
  return rest;
}

/**
 * 培训机构、培训班、培训目标: the register of training institutions (approved by the training office, with a
 * validity and the occupations they may train), the classes opened at them, and the yearly targets with their
 * progress. The institution register is public information (定点培训机构名录): it is read under the city's scope,
 * so a township officer can open a class at the county's institution; changing an institution needs its scope.
 */
export class ClassesService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly registry: RegistryPort,
    private readonly cityCode: string,
    private readonly now: () => Date,
  ) {}

  private get cityScope(): DbScope {
    return { region: this.cityCode };
  }

  private async checkRegion(tx: Executor, regionCode: string, p: Principal, permission: string): Promise<void> {
    const problem =
      regionCode.length < 6
        ? '所在地请选择到区（县）或更下级'
        : !isWithinRegion(regionCode, this.cityCode)
          ? '所在地须在本市范围内'
          : !(await repo.regionExists(tx, regionCode))
            ? '所在地不存在'
            : null;
    if (problem) throw fieldError('regionCode', problem);
    access(p, permission, { regionCode }); // outside the caller's region: 404, as a record that does not exist
  }

  // ---------------------------------------------------------------- institutions
  async createInstitution(p: Principal, input: TrainingInstitutionCreateInput) {
    access(p, 'training:approve');
    const created = await this.db.scoped(dbScopeOf(p), async (tx) => {
      await this.checkRegion(tx, input.regionCode, p, 'training:approve');
      if (input.validFrom && input.validTo && input.validTo < input.validFrom)
        throw fieldError('validTo', '认定有效期止不能早于有效期起');
      if (input.employerId && (await this.registry.employers(tx, [input.employerId])).size === 0)
        throw fieldError('employerId', '用工单位不存在');
      const id = await repo.insertInstitution(tx, {
        countyCode: countyCodeOf(input.regionCode),
        name: input.name,
        kind: input.kind,
        creditCode: input.creditCode ?? null,
        employerId: input.employerId ?? null,
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
        occupations: [...new Set(input.occupations)],
        contact: input.contact ?? null,
        regionCode: input.regionCode,
        ownerId: p.userId,
        departmentId: p.departmentId,
      });
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'training.institution_create',
        outcome: 'success',
        objectType: 'training_institution',
        objectId: id,
        detail: { kind: input.kind, regionCode: input.regionCode },
      });
      return (await repo.findInstitution(tx, id))!;
    });
    return toInstitution(created);
  }

  async updateInstitution(p: Principal, id: string, input: TrainingInstitutionUpdateInput) {
    access(p, 'training:approve');
    const row = await this.db.scoped(dbScopeOf(p), async (tx) => {
      const i = requireInScope(p, await repo.findInstitution(tx, id), NO_INSTITUTION);
      const next = {
        status: input.status ?? i.status,
        validFrom: input.validFrom !== undefined ? input.validFrom : i.validFrom,
        validTo: input.validTo !== undefined ? input.validTo : i.validTo,
        occupations: input.occupations ? [...new Set(input.occupations)] : i.occupations,
        contact: input.contact !== undefined ? input.contact : i.contact,
      };
      if (next.validFrom && next.validTo && next.validTo < next.validFrom)
        throw fieldError('validTo', '认定有效期止不能早于有效期起');
      if (next.status === 'approved' && !next.validTo) throw fieldError('validTo', '认定培训机构须填写有效期止');
      await repo.updateInstitution(tx, i.countyCode, i.id, next);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'training.institution_update',
        outcome: 'success',
        objectType: 'training_institution',
        objectId: id,
        detail: { from: i.status, to: next.status, validTo: next.validTo },
      });
      return (await repo.findInstitution(tx, id))!;
    });
    return toInstitution(row);
  }

  async listInstitutions(p: Principal, q: { page: number; pageSize: number; q?: string; status?: string }) {
    access(p, 'training:read');
    const { items, total } = await this.db.scoped(this.cityScope, (tx) =>
      repo.listInstitutions(tx, {
        q: q.q,
        status: q.status,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      }),
    );
    return { items: items.map(toInstitution), total, page: q.page, pageSize: q.pageSize };
  }

  // ---------------------------------------------------------------- classes
  async createClass(p: Principal, input: TrainingClassCreateInput) {
    access(p, 'training:handle');
    const mode = input.mode ?? 'open';
    if (input.endDate < input.startDate) throw fieldError('endDate', '结束日期不能早于开始日期');
    if (mode !== 'open' && !input.employerId)
      throw fieldError('employerId', `${TRAINING_MODE_LABELS[mode]}须选择用人单位`);
    if (!OCCUPATION_BY_CODE.get(input.occupationCode) && !OCCUPATION_BY_CODE.get(input.occupationCode.slice(0, 4)))
      throw fieldError('occupationCode', '职业（工种）不在职业分类代码表中');
    const inst = await this.db.scoped(this.cityScope, (tx) => repo.findInstitution(tx, input.institutionId));
    if (!inst) throw fieldError('institutionId', NO_INSTITUTION);
    const today = this.today();
    if (inst.status !== 'approved')
      throw conflict(
        `培训机构“${inst.name}”未通过认定（${inst.status === 'revoked' ? '已撤销' : '待认定'}），不能开班`,
      );
    if (inst.validTo && inst.validTo < input.endDate)
      throw conflict(
        inst.validTo < today
          ? `培训机构“${inst.name}”的认定已于 ${inst.validTo} 过期，不能开班`
          : `培训机构“${inst.name}”的认定有效期至 ${inst.validTo}，早于培训结束日期`,
      );
    if (inst.validFrom && inst.validFrom > input.startDate)
      throw conflict(`培训机构“${inst.name}”的认定自 ${inst.validFrom} 起有效，晚于培训开始日期`);
    if (!mayTrain(inst.occupations, input.occupationCode))
      throw fieldError('occupationCode', `培训机构“${inst.name}”未获准培训该职业（工种）`);
    const row = await this.db.scoped(dbScopeOf(p), async (tx) => {
      await this.checkRegion(tx, input.regionCode, p, 'training:handle');
      let employerName: string | null = null;
      if (input.employerId) {
        const e = (await this.registry.employers(tx, [input.employerId])).get(input.employerId);
        if (!e) throw fieldError('employerId', '用人单位不存在');
        employerName = e.name;
      }
      const id = await repo.insertClass(tx, {
        countyCode: countyCodeOf(input.regionCode),
        name: input.name,
        institutionId: inst.id,
        institutionCountyCode: inst.countyCode,
        institutionName: inst.name,
        occupationCode: input.occupationCode,
        trainingType: input.trainingType,
        mode,
        employerId: input.employerId ?? null,
        employerName,
        startDate: input.startDate,
        endDate: input.endDate,
        sessions: input.sessions,
        capacity: input.capacity,
        teacher: input.teacher ?? null,
        subsidised: input.subsidised ?? true,
        payee: input.payee ?? 'person',
        regionCode: input.regionCode,
        ownerId: p.userId,
        departmentId: p.departmentId,
      });
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'training.class_create',
        outcome: 'success',
        objectType: 'training_class',
        objectId: id,
        detail: { trainingType: input.trainingType, occupationCode: input.occupationCode, capacity: input.capacity },
      });
      return (await repo.findClass(tx, id))!;
    });
    return toClass(row);
  }

  async getClass(p: Principal, id: string) {
    access(p, 'training:read');
    const c = await this.db.scoped(dbScopeOf(p), async (tx) => repo.findClass(tx, id));
    return toClass(requireInScope(p, c, NO_CLASS));
  }

  async listClasses(
    p: Principal,
    q: { page: number; pageSize: number; q?: string; year?: number; trainingType?: string; regionCode?: string },
  ) {
    access(p, 'training:read');
    const { items, total } = await this.db.scoped(dbScopeOf(p), (tx) =>
      repo.listClasses(tx, { ...q, ...scopeFilter(p), limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    );
    return { items: items.map(toClass), total, page: q.page, pageSize: q.pageSize };
  }

  // ---------------------------------------------------------------- targets
  async setTarget(p: Principal, input: TrainingTargetInput) {
    access(p, 'training:approve');
    await this.db.scoped(dbScopeOf(p), async (tx) => {
      if (!isWithinRegion(input.regionCode, this.cityCode)) throw fieldError('regionCode', '地区须在本市范围内');
      if (!(await repo.regionExists(tx, input.regionCode))) throw fieldError('regionCode', '地区不存在');
      access(p, 'training:approve', { regionCode: input.regionCode });
      const id = await repo.upsertTarget(tx, {
        countyCode: countyCodeOf(input.regionCode),
        regionCode: input.regionCode,
        year: input.year,
        trainingType: input.trainingType ?? null,
        personTimes: input.personTimes,
        createdBy: p.userId,
      });
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'training.target_set',
        outcome: 'success',
        objectType: 'training_target',
        objectId: id,
        detail: { regionCode: input.regionCode, year: input.year, personTimes: input.personTimes },
      });
    });
    return this.targets(p, input.year);
  }

  /** The targets the caller's scope sees, each with its progress: completions under its region in its year. */
  async targets(p: Principal, year?: number) {
    access(p, 'training:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const targets = await repo.listTargets(tx, year);
      const names = await repo.regionNames(tx, [...new Set(targets.map((t) => t.regionCode))]);
      const items = [];
      for (const t of targets) {
        const byMonth = await repo.completionsByMonth(tx, t);
        const completed = byMonth.reduce((s, m) => s + m.completed, 0);
        items.push({
          ...t,
          trainingType: t.trainingType as keyof typeof TRAINING_TYPE_LABELS | null,
          regionName: names.get(t.regionCode) ?? t.regionCode,
          completed,
          progressPct: Math.round((completed * 1000) / t.personTimes) / 10,
          byMonth,
        });
      }
      return { items };
    });
  }

  today(): string {
    return shanghaiDate(this.now());
  }
}
