import {
  countyCodeOf,
  MEDIATION_ORG_KIND_LABELS,
  type MediationApplyInput,
  type MediationOrgCreateInput,
  type MediationOrgKind,
  type MediationOrgListQuery,
  type MediationOrgUpdateInput,
} from '@mwsp/domain';
import { type Database } from '../../db/client.js';
import { access, requireInScope, scopeFilter } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { CaseService } from '../../platform/cases/cases.service.js';
import { badRequest, conflict } from '../../platform/http/errors.js';
import type { ArbitrationService } from './arbitration.service.js';
import { MEDIATION_TYPE } from './mediation.rules.js';
import * as repo from './mediation.repo.js';

const iso = (d: Date | string): string => new Date(d).toISOString();

const view = (o: repo.MediationOrgRow) => ({
  id: o.id,
  kind: o.kind as MediationOrgKind,
  kindName: MEDIATION_ORG_KIND_LABELS[o.kind as MediationOrgKind] ?? o.kind,
  name: o.name,
  regionCode: o.regionCode,
  regionName: o.regionName,
  contact: o.contact,
  mediators: o.mediators,
  active: o.active,
  createdAt: iso(o.createdAt),
  updatedAt: iso(o.updatedAt),
});

const scopeOfOrg = (o: repo.MediationOrgRow) => ({
  regionCode: o.regionCode,
  ownerId: o.createdBy,
  departmentId: o.departmentId,
});

/**
 * 劳动争议调解: the mediation organisations (调解组织: enterprise committees, township and street organisations,
 * trade unions, chambers of commerce) and the mediation applications filed at one of them, each a case of the
 * mediation type (mediation.rules.ts) in the organisation's region.
 */
export class MediationService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly cases: CaseService,
    private readonly arbitration: ArbitrationService,
    private readonly now: () => Date,
  ) {}

  async list(p: Principal, q: MediationOrgListQuery) {
    access(p, 'rights:read');
    const page = Number(q.page ?? 1);
    const pageSize = Number(q.pageSize ?? 20);
    const { rows, total } = await this.db.scoped(dbScopeOf(p), (tx) =>
      repo.listOrgs(tx, {
        q: q.q || undefined,
        kind: q.kind,
        regionCode: q.regionCode as string | undefined,
        active: q.active === undefined ? undefined : q.active === 'true',
        owned: scopeFilter(p),
        page,
        pageSize,
      }),
    );
    return { items: rows.map(view), total, page, pageSize };
  }

  async create(p: Principal, input: MediationOrgCreateInput) {
    const regionCode = input.regionCode as string;
    access(p, 'rights:handle', { regionCode });
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      await this.arbitration.checkRegion(tx, regionCode);
      const countyCode = countyCodeOf(regionCode);
      const id = await repo.insertOrg(tx, {
        countyCode,
        kind: input.kind,
        name: input.name,
        regionCode,
        contact: input.contact ?? null,
        mediators: [...new Set(input.mediators ?? [])],
        createdBy: p.userId,
        departmentId: p.departmentId,
      });
      if (!id) throw conflict(`本区（县）已有名为「${input.name}」的调解组织`, 'MEDIATION_ORG_NAME');
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'mediation_org.create',
        outcome: 'success',
        objectType: 'mediation_org',
        objectId: id,
        detail: { kind: input.kind, regionCode },
      });
      return view((await repo.findOrg(tx, id, countyCode))!);
    });
  }

  /** Edits an organisation; `active: false` deactivates it (停用: no new applications), `true` restores it. */
  async update(p: Principal, id: string, input: MediationOrgUpdateInput & { active?: boolean }) {
    access(p, 'rights:handle');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const o = requireInScope(p, await repo.findOrg(tx, id), '调解组织不存在', scopeOfOrg);
      access(p, 'rights:handle', scopeOfOrg(o));
      const name = input.name ?? o.name;
      if (name !== o.name && (await repo.nameTaken(tx, o.countyCode, name, o.id)))
        throw conflict(`本区（县）已有名为「${name}」的调解组织`, 'MEDIATION_ORG_NAME');
      const next = {
        kind: input.kind ?? o.kind,
        name,
        contact: input.contact === undefined ? o.contact : input.contact,
        mediators: input.mediators ? [...new Set(input.mediators)] : o.mediators,
        active: input.active ?? o.active,
        at: this.now(),
      };
      await repo.updateOrg(tx, o, next);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: input.active === false ? 'mediation_org.deactivate' : 'mediation_org.update',
        outcome: 'success',
        objectType: 'mediation_org',
        objectId: o.id,
        detail: { changed: Object.keys(input) },
      });
      return view((await repo.findOrg(tx, o.id, o.countyCode))!);
    });
  }

  /** 调解申请 at an active organisation in scope: a mediation case in the organisation's region. */
  async apply(p: Principal, input: MediationApplyInput) {
    access(p, 'rights:handle');
    await this.cases.prepare();
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const o = await repo.findOrg(tx, input.orgId);
      if (!o) throw badRequest('调解组织不存在', [{ path: 'orgId', message: '调解组织不存在' }]);
      access(p, 'rights:handle', scopeOfOrg(o));
      if (!o.active) throw badRequest(`调解组织「${o.name}」已停用`, [{ path: 'orgId', message: '调解组织已停用' }]);
      const c = await this.arbitration.file(tx, p, MEDIATION_TYPE, o.regionCode, input, {
        title: `{employer}（${o.name}调解）`,
        orgId: o.id,
        data: { orgId: o.id, orgName: o.name, orgKind: o.kind },
      });
      const fresh = (await this.cases.find(tx, c.countyCode, c.id))!;
      return this.cases.detail(tx, p, fresh);
    });
  }
}
