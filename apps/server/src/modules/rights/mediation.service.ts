import {
  countyCodeOf,
  MEDIATION_ORG_KIND_LABELS,
  type MediationApplyInput,
  type MediationOrgCreateInput,
  type MediationOrgKind,
  type MediationOrgListQuery,
  type MediationOrgUpdateInput,
} from '@mwsp/domain';
import { SYSTEM_SCOPE, type Database } from '../../db/client.js';
import { access, requireInScope, scopeFilter } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { CaseService } from '../../platform/cases/cases.service.js';
import { badRequest, conflict } from '../../platform/http/errors.js';
import type { ArbitrationService } from './arbitration.service.js';
import { ARBITRATION_TYPE } from './arbitration.rules.js';
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

  /**
   * Generated demo data: mediation organisations of every kind in a few counties of the city, and mediation and
   * arbitration cases filed over the past months (a fixed seed: the same every time) through the engine's own
   * transitions — agreements, failures turned to arbitration, hearings and awards, green-channel applications,
   * some still waiting past their clocks; then the sweep fires their rungs. No owner: region scopes see them.
   */
  async seedDemo(
    actor: Principal,
    opts: { today: string; townships: string[]; seed?: number; mediations?: number; arbitrations?: number },
  ): Promise<{ orgs: number; mediations: number; arbitrations: number }> {
    if (opts.townships.length === 0) return { orgs: 0, mediations: 0, arbitrations: 0 };
    let x = opts.seed ?? 20261206;
    const rand = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const end = new Date(`${opts.today}T10:00:00+08:00`).getTime();
    const day = 86_400_000;
    const dateOf = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    const names = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];
    const firms = ['建筑劳务', '建设工程', '市政工程', '装饰工程', '物业服务', '餐饮管理'];
    await this.cases.prepare();

    // Organisations: in up to four counties, one of each kind.
    const counties = [...new Set(opts.townships.map((t) => t.slice(0, 6)))].sort().slice(0, 4);
    const orgs: { id: string; name: string; regionCode: string }[] = [];
    await this.db.scoped(SYSTEM_SCOPE, async (tx) => {
      for (const county of counties) {
        const town = opts.townships.find((t) => t.startsWith(county))!;
        const defs: [MediationOrgKind, string, string][] = [
          ['township', `${town.slice(-3)}街道劳动争议调解委员会`, town],
          ['union', `${county}总工会劳动争议调解委员会`, county],
          ['chamber', `${county}建筑业商会劳动争议调解委员会`, county],
          ['enterprise', `${county}某建工集团劳动争议调解委员会`, county],
        ];
        for (const [kind, name, regionCode] of defs) {
          const id = await repo.insertOrg(tx, {
            countyCode: county,
            kind,
            name: `${name}（演示）`,
            regionCode,
            contact: `0871-${String(60_000_000 + Math.floor(rand() * 9_999_999))}`,
            mediators: [`${pick(names)}调解员`, `${pick(names)}调解员`],
            createdBy: null,
            departmentId: null,
          });
          if (id) orgs.push({ id, name: `${name}（演示）`, regionCode });
        }
      }
    });

    const application = (migrant: boolean) => ({
      applicantName: `${pick(names)}某某`,
      phone: null,
      migrantWorker: migrant,
      employerName: `昆明${pick(['盛', '华', '鑫', '宏', '泰', '安'])}${pick(firms)}有限公司`,
      claims: [{ kind: 'wages' as const, amountFen: (5 + Math.floor(rand() * 55)) * 100_000, description: '拖欠工资' }],
      summary: '请求支付拖欠的工资。（演示数据）',
    });
    const arbitrators = [actor.userId];

    let mediations = 0;
    for (let i = 0; i < (opts.mediations ?? 10) && orgs.length; i++) {
      const org = pick(orgs);
      const age = Math.floor(rand() * 60);
      const filed = new Date(end - age * day);
      await this.db.scoped(SYSTEM_SCOPE, async (tx) => {
        const c = await this.arbitration.file(
          tx,
          actor,
          MEDIATION_TYPE,
          org.regionCode,
          application(rand() < 0.7),
          {
            title: `{employer}（${org.name}调解）`,
            orgId: org.id,
            data: { orgId: org.id, orgName: org.name },
            demo: true,
          },
          filed,
        );
        mediations++;
        const at = (d: number) => new Date(filed.getTime() + d * day);
        const step = (event: string, fields: Record<string, unknown>, d: number) =>
          this.cases.stepAt(tx, actor, c.id, { event, fields }, at(d));
        if (age < 16 || (age < 40 && rand() < 0.3)) return; // waiting (older than 15 days: past the clock)
        await step('accept', { mediator: `${pick(names)}调解员` }, 1);
        await step('mediate', { sessionOn: dateOf(at(3).getTime()) }, 2);
        if (rand() < 0.6) {
          const amountFen = (c.data.claims as { amountFen: number }[])[0].amountFen;
          await step(
            'agree',
            { amountFen, terms: '用人单位分两期支付拖欠工资', signedOn: dateOf(at(10).getTime()) },
            10,
          );
          return;
        }
        await step('fail', { reason: '用人单位不同意调解方案' }, 14);
        if (rand() < 0.6) await step('apply_arbitration', {}, 15);
      });
    }

    let arbitrations = 0;
    for (let i = 0; i < (opts.arbitrations ?? 14); i++) {
      const town = pick(opts.townships);
      const age = Math.floor(rand() * 120);
      const filed = new Date(end - age * day);
      await this.db.scoped(SYSTEM_SCOPE, async (tx) => {
        const c = await this.arbitration.file(
          tx,
          actor,
          ARBITRATION_TYPE,
          town,
          application(rand() < 0.7),
          { title: '{employer}（劳动争议仲裁）', demo: true },
          filed,
        );
        arbitrations++;
        const at = (d: number) => new Date(filed.getTime() + d * day);
        const step = (event: string, fields: Record<string, unknown>, d: number) =>
          this.cases.stepAt(tx, actor, c.id, { event, fields }, at(d));
        if (age < 10 && rand() < 0.7) return; // waiting for acceptance (some past their 3 or 5 working days)
        await step('accept', { arbitrators }, Math.min(2, age));
        if (age < 12) return;
        await step(
          'hearing',
          { hearingOn: dateOf(at(20).getTime()), place: '劳动人事争议仲裁院第一仲裁庭', notice: '书面通知双方当事人' },
          10,
        );
        if (age < 41 || (age < 60 && rand() < 0.5)) return; // awaiting the award (past 45 days: overdue)
        const amountFen = (c.data.claims as { amountFen: number }[])[0].amountFen;
        if (rand() < 0.3)
          await step('mediate', { amountFen, terms: '双方达成调解', signedOn: dateOf(at(25).getTime()) }, 25);
        else
          await step(
            'award',
            {
              awardNo: `劳人仲案字〔${dateOf(at(40).getTime()).slice(0, 4)}〕${i + 1}号`,
              amountFen,
              terms: '支付拖欠工资',
            },
            40,
          );
      });
    }
    await this.cases.sweep(opts.today);
    return { orgs: orgs.length, mediations, arbitrations };
  }
}
