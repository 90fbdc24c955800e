import {
  countyCodeOf,
  isWithinRegion,
  LEGAL_AID_CHANNEL_LABELS,
  type LegalAidCreateInput,
  type LegalAidProviderInput,
} from '@mwsp/domain';
import type { Database, Executor } from '../../db/client.js';
import { access, requireInScope, scopeFilter } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { CaseService, Party, TransitionGuard } from '../../platform/cases/cases.service.js';
import type { FieldValue } from '../../platform/cases/transition.js';
import { badRequest, conflict, fieldError } from '../../platform/http/errors.js';
import type { RegistryPort } from '../registry/index.js';
import { regionExists } from './complaints.repo.js';
import { LEGAL_AID_TYPE } from './legalaid.rules.js';
import * as repo from './legalaid.repo.js';

const NOT_FOUND = '法律援助机构或律师不存在';

const view = (r: repo.ProviderRow) => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  organisation: r.organisation,
  practiceNo: r.practiceNo,
  phone: r.phone,
  regionCode: r.regionCode,
  regionName: r.regionName,
  active: r.active,
  createdAt: new Date(r.createdAt).toISOString(),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

const clean = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/**
 * 法律援助: the providers legal-aid cases are assigned to (律师、法律援助机构; CRUD), applications registered
 * directly (12348, window, transfer, 异地协作) as cases of the legal_aid type (legalaid.rules.ts), and the guard of
 * its 「指派承办」: the provider must be an active one the caller can see; its name and practice number are recorded.
 */
export class LegalAidService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly cases: CaseService,
    private readonly registry: RegistryPort,
    private readonly cityCode: string,
    private readonly now: () => Date,
  ) {}

  private async checkRegion(tx: Executor, regionCode: string): Promise<void> {
    const problem =
      regionCode.length < 6
        ? '所在地请选择到区（县）或更下级'
        : !isWithinRegion(regionCode, this.cityCode)
          ? '所在地须在本市范围内'
          : !(await regionExists(tx, regionCode))
            ? '所在地不存在'
            : null;
    if (problem) throw fieldError('regionCode', problem);
  }

  private write(input: LegalAidProviderInput): repo.ProviderWrite {
    return {
      kind: input.kind,
      name: input.name,
      organisation: clean(input.organisation),
      practiceNo: clean(input.practiceNo),
      phone: clean(input.phone),
      regionCode: input.regionCode as string,
      active: input.active ?? true,
    };
  }

  async listProviders(
    p: Principal,
    f: { q?: string; kind?: string; active?: 'true' | 'false'; regionCode?: string; page: number; pageSize: number },
  ) {
    access(p, 'rights:read');
    const { rows, total } = await this.db.scoped(dbScopeOf(p), (tx) =>
      repo.listProviders(tx, {
        q: f.q || undefined,
        kind: f.kind,
        active: f.active === undefined ? undefined : f.active === 'true',
        regionCode: f.regionCode,
        owned: scopeFilter(p),
        page: f.page,
        pageSize: f.pageSize,
      }),
    );
    return { items: rows.map(view), total, page: f.page, pageSize: f.pageSize };
  }

  async getProvider(p: Principal, id: string) {
    access(p, 'rights:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => view(this.inScope(p, await repo.findProvider(tx, id))));
  }

  private inScope(p: Principal, row: repo.ProviderRow | undefined): repo.ProviderRow {
    return requireInScope(p, row, NOT_FOUND, (r) => ({
      regionCode: r.regionCode,
      ownerId: r.ownerId,
      departmentId: r.departmentId,
    }));
  }

  async createProvider(p: Principal, input: LegalAidProviderInput) {
    const v = this.write(input);
    access(p, 'rights:handle', { regionCode: v.regionCode });
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      await this.checkRegion(tx, v.regionCode);
      const countyCode = countyCodeOf(v.regionCode);
      const id = await repo.insertProvider(tx, {
        ...v,
        countyCode,
        ownerId: p.userId,
        departmentId: p.departmentId,
        at: this.now(),
      });
      if (!id) throw conflict(`执业证号 ${v.practiceNo} 已登记`, 'DUPLICATE_PRACTICE_NO');
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'legal_aid_provider.create',
        outcome: 'success',
        objectType: 'legal_aid_provider',
        objectId: id,
        detail: { kind: v.kind },
      });
      return view((await repo.findProvider(tx, id, countyCode))!);
    });
  }

  async updateProvider(p: Principal, id: string, input: LegalAidProviderInput) {
    const v = this.write(input);
    access(p, 'rights:handle', { regionCode: v.regionCode });
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const row = this.inScope(p, await repo.findProvider(tx, id));
      await this.checkRegion(tx, v.regionCode);
      // A row never changes its county (docs/CONVENTIONS.md): a provider moving county is registered anew there.
      if (countyCodeOf(v.regionCode) !== row.countyCode)
        throw fieldError('regionCode', '不能改到其他区（县）：请在新的区（县）重新登记，并将本条设为停用');
      if (!(await repo.updateProvider(tx, row.countyCode, id, { ...v, at: this.now() })))
        throw conflict(`执业证号 ${v.practiceNo} 已登记`, 'DUPLICATE_PRACTICE_NO');
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'legal_aid_provider.update',
        outcome: 'success',
        objectType: 'legal_aid_provider',
        objectId: id,
        detail: { kind: v.kind, active: v.active },
      });
      return view((await repo.findProvider(tx, id, row.countyCode))!);
    });
  }

  /**
   * The guard of the legal_aid 「指派承办」 (in the transition's transaction): the provider must exist in the
   * caller's scope and be active; its name, kind and practice number are recorded with the assignment.
   */
  readonly assignGuard: TransitionGuard = { check: (tx, _p, _c, fields) => this.provider(tx, fields) };

  private async provider(tx: Executor, fields: Readonly<Record<string, FieldValue>>) {
    const id = String(fields.providerId);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const row = uuid.test(id) ? await repo.findProvider(tx, id) : undefined;
    if (!row) throw badRequest(NOT_FOUND, [{ path: 'fields.providerId', message: NOT_FOUND }]);
    if (!row.active) {
      const message = `${row.name}已停用，不能指派`;
      throw badRequest(message, [{ path: 'fields.providerId', message }]);
    }
    return {
      providerName: row.organisation ? `${row.name}（${row.organisation}）` : row.name,
      providerKind: row.kind,
      ...(row.practiceNo ? { practiceNo: row.practiceNo } : {}),
    };
  }

  /** A legal-aid application registered directly; the applicant is a worker of the real-name registry. */
  async apply(p: Principal, input: LegalAidCreateInput) {
    const regionCode = input.regionCode as string;
    access(p, 'rights:handle', { regionCode });
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      await this.checkRegion(tx, regionCode);
      if (!(await this.registry.workerRef(tx, input.workerId)))
        throw fieldError('workerId', '务工人员不存在或不在您的管辖范围内');
      let employerName = input.employerName;
      if (input.employerId) {
        const e = (await this.registry.employers(tx, [input.employerId])).get(input.employerId);
        if (!e) throw fieldError('employerId', '用工单位不存在');
        employerName = e.name;
      }
      const c = await this.open(tx, p, { ...input, employerName, regionCode });
      return this.cases.detail(tx, p, (await this.cases.find(tx, c.countyCode, c.id))!);
    });
  }

  /** Opens the application's case in the caller's transaction (also the demo seed's way in). */
  async open(tx: Executor, p: Principal, input: LegalAidCreateInput & { regionCode: string }, when?: Date) {
    const parties: Party[] = [{ kind: 'worker', id: input.workerId }];
    if (input.employerId) parties.push({ kind: 'employer', id: input.employerId, name: input.employerName });
    const c = await this.cases.open(
      tx,
      p,
      {
        type: LEGAL_AID_TYPE,
        title: `${input.employerName}（法律援助·${LEGAL_AID_CHANNEL_LABELS[input.channel]}）`,
        regionCode: input.regionCode,
        parties,
        data: {
          channel: input.channel,
          employerName: input.employerName,
          matter: input.matter,
          claimedFen: input.claimedFen ?? null,
          originCity: clean(input.originCity),
          originRef: clean(input.originRef),
          transferFrom: clean(input.transferFrom),
        },
        ownerId: p.userId,
        departmentId: p.departmentId,
      },
      p.ip,
      when,
    );
    await this.audit.append(tx, actorOf(p, p.ip), {
      action: 'legal_aid.apply',
      outcome: 'success',
      objectType: 'case',
      objectId: c.id,
      detail: { channel: input.channel },
    });
    return c;
  }
}
