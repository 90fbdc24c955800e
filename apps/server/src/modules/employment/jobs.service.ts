import {
  countyCodeOf,
  isBlocked,
  isWithinRegion,
  JOB_STATUS_LABELS,
  minimumWageFor,
  MODERATION_KIND_LABELS,
  moderatePosting,
  OCCUPATION_BY_CODE,
  occupationMiddle,
  queryGrams,
  queryTerms,
  searchText,
  shanghaiDate,
  textGrams,
  type Job,
  type jobBodySchema,
  type jobListQuerySchema,
  type ModerationFinding,
  type WageParams,
} from '@mwsp/domain';
import { z } from 'zod';
import { SYSTEM_SCOPE, type Database, type Executor } from '../../db/client.js';
import { access, requireInScope, scopeFilter } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import type { RegistryPort } from '../registry/index.js';
import type { WagesPort } from '../wages/index.js';
import * as regions from './regions.repo.js';
import * as repo from './jobs.repo.js';

type JobInput = z.output<typeof jobBodySchema>;
const NOT_FOUND = '岗位不存在或不在您的管辖范围内';

export function occupationName(code: string): string {
  return OCCUPATION_BY_CODE.get(code)?.name ?? code;
}

export function findingsOut(f: ModerationFinding[]) {
  return f.map((x) => ({ ...x, kindName: MODERATION_KIND_LABELS[x.kind] }));
}

export function jobOut(r: repo.JobRow): Job {
  return {
    id: r.id,
    employerId: r.employerId,
    employerName: r.employerName,
    title: r.title,
    occupationCode: r.occupationCode,
    occupationName: occupationName(r.occupationCode),
    headcount: r.headcount,
    wageMinFen: r.wageMinFen,
    wageMaxFen: r.wageMaxFen,
    regionCode: r.regionCode,
    regionName: r.regionName,
    address: r.address,
    requirements: {
      skills: r.requirements.skills ?? [],
      certificates: r.requirements.certificates ?? [],
      ageMin: r.requirements.ageMin ?? null,
      ageMax: r.requirements.ageMax ?? null,
      education: r.requirements.education ?? null,
      sex: r.requirements.sex ?? 'any',
      other: r.requirements.other ?? null,
    },
    benefits: { housing: r.housing, meals: r.meals, insurance: r.insurance },
    contractTermMonths: r.contractTermMonths,
    validUntil: r.validOn,
    householdService: r.householdService,
    description: r.description,
    status: r.status,
    statusName: JOB_STATUS_LABELS[r.status],
    withdrawReason: r.withdrawReason,
    warnings: findingsOut(r.warnings as ModerationFinding[]),
    createdAt: r.createdAt as unknown as string,
    updatedAt: r.updatedAt as unknown as string,
    version: r.version,
  };
}

/**
 * 岗位信息: a posting is checked by the moderation rules (packages/domain jobModeration.ts) before every
 * publication — a blocking finding refuses it with the reasons, field by field — and its wage range against the
 * local minimum wage (the wage module's parameters, through its port).
 */
export class JobsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly registry: RegistryPort,
    private readonly wages: WagesPort,
    private readonly cityCode: string,
    private readonly now: () => Date,
  ) {}

  /** The findings of a posting (the form's inline messages), without saving it. */
  async moderate(p: Principal, input: JobInput) {
    access(p, 'employment:read');
    const findings = this.findings(input, await this.wages.params());
    return { blocked: isBlocked(findings), findings: findingsOut(findings) };
  }

  /** `params`: the wage module's parameters, read before the transaction (the port opens its own). */
  private findings(input: JobInput, params: WageParams): ModerationFinding[] {
    const min = minimumWageFor(params, input.regionCode as string);
    return moderatePosting(
      {
        title: input.title,
        description: input.description ?? null,
        occupationCode: input.occupationCode,
        wageMinFen: input.wageMinFen,
        wageMaxFen: input.wageMaxFen,
        requirements: input.requirements,
      },
      min?.monthlyFen ?? null,
    );
  }

  /**
   * Checks everything that refuses a posting; answers what is stored. `known`: regions and employers looked up
   * already (`prepareMany`), the rest looked up here.
   */
  private async prepare(
    tx: Executor,
    input: JobInput,
    params: WageParams,
    known?: { regions: Map<string, boolean>; employers: Map<string, { name: string }> },
  ): Promise<repo.JobWrite> {
    const regionCode = input.regionCode as string;
    const exists = async (code: string) => {
      const hit = known?.regions.get(code);
      if (hit !== undefined) return hit;
      const found = await regions.regionExists(tx, code);
      known?.regions.set(code, found);
      return found;
    };
    const problem =
      regionCode.length < 9
        ? '工作地点请选择到乡镇（街道）'
        : !isWithinRegion(regionCode, this.cityCode)
          ? '工作地点须在本市范围内'
          : !(await exists(regionCode))
            ? '工作地点不存在'
            : null;
    if (problem) throw badRequest(problem, [{ path: 'regionCode', message: problem }]);
    if (!OCCUPATION_BY_CODE.has(input.occupationCode))
      throw badRequest('职业（工种）不在职业分类代码表中', [{ path: 'occupationCode', message: '职业代码无效' }]);
    if (input.validUntil < shanghaiDate(this.now()))
      throw badRequest('有效期不能早于今天', [{ path: 'validUntil', message: '有效期不能早于今天' }]);
    const findings = this.findings(input, params);
    if (isBlocked(findings)) {
      const blocking = findings.filter((f) => f.severity === 'block');
      throw badRequest(
        `岗位信息未通过审核：${blocking.map((f) => f.message).join('；')}`,
        blocking.map((f) => ({ path: f.field, message: f.message })),
      );
    }
    const employer = (known?.employers ?? (await this.registry.employers(tx, [input.employerId]))).get(
      input.employerId,
    );
    if (!employer) throw badRequest('用工单位不存在', [{ path: 'employerId', message: '用工单位不存在' }]);
    const occName = occupationName(input.occupationCode);
    const r = input.requirements;
    return {
      countyCode: countyCodeOf(regionCode),
      employerId: input.employerId,
      employerName: employer.name,
      title: input.title,
      occupationCode: input.occupationCode,
      occMiddle: occupationMiddle(input.occupationCode),
      headcount: input.headcount,
      wageMinFen: input.wageMinFen,
      wageMaxFen: input.wageMaxFen,
      regionCode,
      address: input.address,
      requirements: {
        skills: r.skills,
        certificates: r.certificates,
        ageMin: r.ageMin ?? null,
        ageMax: r.ageMax ?? null,
        education: r.education ?? null,
        sex: r.sex,
        other: r.other ?? null,
      },
      housing: input.benefits.housing,
      meals: input.benefits.meals,
      insurance: input.benefits.insurance,
      contractTermMonths: input.contractTermMonths ?? null,
      validUntil: input.validUntil,
      householdService: input.householdService,
      description: input.description ?? null,
      warnings: findings,
      grams: textGrams(input.title, occName, employer.name, ...r.skills, ...r.certificates, input.description),
      searchText: searchText(input.title, occName, employer.name, ...r.skills, ...r.certificates, input.description),
    };
  }

  async create(p: Principal, input: JobInput): Promise<Job> {
    access(p, 'employment:handle', { regionCode: input.regionCode as string });
    const params = await this.wages.params();
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const { id, countyCode } = await this.createIn(tx, p, input, params);
      return jobOut((await repo.findJob(tx, id, countyCode))!);
    });
  }

  /**
   * Several postings checked as `createIn` checks one (a refused one throws the same 400), their employers read in
   * one statement and each township once; answers what is stored, in order. Nothing is written: the demo seed
   * (seed.service.ts) inserts them set-based and audits its load once.
   */
  async prepareMany(tx: Executor, p: Principal, inputs: JobInput[], params: WageParams): Promise<repo.JobWrite[]> {
    for (const input of inputs) access(p, 'employment:handle', { regionCode: input.regionCode as string });
    const known = {
      regions: new Map<string, boolean>(),
      employers: await this.registry.employers(tx, [...new Set(inputs.map((i) => i.employerId))]),
    };
    const out: repo.JobWrite[] = [];
    for (const input of inputs) out.push(await this.prepare(tx, input, params, known));
    return out;
  }

  /** The wage module's parameters (minimum wages), read once by an import before its batches. */
  wageParams(): Promise<WageParams> {
    return this.wages.params();
  }

  /**
   * Publishes one posting in the caller's transaction (the console's form and the 岗位导入 rows alike): the same
   * checks, audited. `duplicate`: an open posting with the same employer, title, township and validity exists.
   */
  async createIn(
    tx: Executor,
    p: Principal,
    input: JobInput,
    params: WageParams,
    opts: { skipDuplicate?: boolean } = {},
  ): Promise<{ id: string; countyCode: string; duplicate: boolean }> {
    access(p, 'employment:handle', { regionCode: input.regionCode as string });
    const w = await this.prepare(tx, input, params);
    if (opts.skipDuplicate) {
      const existing = await repo.findOpenDuplicate(tx, w);
      if (existing) return { id: existing, countyCode: w.countyCode, duplicate: true };
    }
    const id = await repo.insertJob(tx, w, { ownerId: p.userId, departmentId: p.departmentId }, this.now());
    await this.audit.append(tx, actorOf(p, p.ip), {
      action: 'job.created',
      outcome: 'success',
      objectType: 'job_posting',
      objectId: id,
      ...(opts.skipDuplicate ? { detail: { via: 'import' } } : {}),
    });
    return { id, countyCode: w.countyCode, duplicate: false };
  }

  /**
   * 岗位有效期到期: marks the open postings whose validity ended before today (Asia/Shanghai) as expired, in every
   * county (system scope; idempotent — a second run the same day marks nothing). Answers the number marked.
   */
  async expireDue(): Promise<number> {
    const today = shanghaiDate(this.now());
    return this.db.scoped(SYSTEM_SCOPE, (tx) => repo.expireJobs(tx, today, this.now()));
  }

  /** The employer a 岗位导入 row names: a credit code (exact) or a full name (exact, unique). */
  async employerByNameOrCode(tx: Executor, text: string): Promise<{ id: string } | { message: string }> {
    const code = text.toUpperCase();
    const isCode = /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code);
    const ids = await this.registry.employerIdsMatching(tx, {
      nameContains: text,
      ...(isCode ? { creditCode: code } : {}),
    });
    const facts = [...(await this.registry.employers(tx, ids)).values()];
    const hits = isCode ? facts.filter((e) => e.creditCode === code) : facts.filter((e) => e.name === text);
    if (hits.length === 1) return { id: hits[0].id };
    if (hits.length > 1) return { message: `用工单位“${text}”有 ${hits.length} 家同名单位，请填写统一社会信用代码` };
    return { message: `用工单位“${text}”未在实名制系统登记（请先登记用工单位，或填写统一社会信用代码）` };
  }

  async update(p: Principal, id: string, input: JobInput & { version: number }): Promise<Job> {
    access(p, 'employment:handle');
    const params = await this.wages.params();
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const row = requireInScope(p, await repo.findJob(tx, id), NOT_FOUND, (r) => ({
        regionCode: r.regionCode,
        ownerId: r.ownerId,
        departmentId: r.departmentId,
      }));
      if (row.status === 'withdrawn' || row.status === 'filled')
        throw conflict(`岗位${JOB_STATUS_LABELS[row.status]}，不能修改`);
      const w = await this.prepare(tx, input, params);
      if (w.countyCode !== row.countyCode)
        throw badRequest('工作地点不能改到其他区（县）：请撤回后重新发布', [
          { path: 'regionCode', message: '不能改到其他区（县）' },
        ]);
      if (!(await repo.updateJob(tx, id, input.version, w, this.now())))
        throw conflict('岗位已被他人修改，请刷新后重试', 'VERSION_CONFLICT');
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'job.updated',
        outcome: 'success',
        objectType: 'job_posting',
        objectId: id,
      });
      return jobOut((await repo.findJob(tx, id, row.countyCode))!);
    });
  }

  async withdraw(p: Principal, id: string, reason: string): Promise<Job> {
    access(p, 'employment:handle');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const row = requireInScope(p, await repo.findJob(tx, id), NOT_FOUND, (r) => ({
        regionCode: r.regionCode,
        ownerId: r.ownerId,
        departmentId: r.departmentId,
      }));
      if (row.status === 'withdrawn') throw conflict('岗位已撤回');
      await repo.setStatus(tx, row.countyCode, id, 'withdrawn', reason, this.now());
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'job.withdrawn',
        outcome: 'success',
        objectType: 'job_posting',
        objectId: id,
        detail: { reason },
      });
      return jobOut((await repo.findJob(tx, id, row.countyCode))!);
    });
  }

  /** Any posting of the city (postings are public information within the platform). */
  async get(p: Principal, id: string): Promise<Job> {
    access(p, 'employment:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const row = await repo.findJob(tx, id);
      if (!row) throw notFound('岗位不存在');
      return jobOut(row);
    });
  }

  /**
   * Postings of the city, newest first. `regionCode` narrows to a place; the caller's own region is not forced
   * (postings are public), but a 本人/本部门 data scope lists only its own postings.
   */
  async list(p: Principal, q: z.output<typeof jobListQuerySchema>) {
    access(p, 'employment:read');
    const text = q.q ?? '';
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const { rows, total } = await repo.listJobs(
        tx,
        {
          grams: queryGrams(text),
          terms: queryTerms(text),
          status: q.status,
          occupationCode: q.occupationCode,
          regionCode: q.regionCode,
          employerId: q.employerId,
          householdService: q.householdService === undefined ? undefined : q.householdService === 'true',
          wageAtLeastFen: q.wageAtLeastFen,
          ...scopeFilter(p),
        },
        { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
      );
      return { items: rows.map(jobOut), total, page: q.page, pageSize: q.pageSize };
    });
  }
}
