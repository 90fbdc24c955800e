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
import type { CaseService, Party, TypeHooks } from '../../platform/cases/cases.service.js';
import type { FieldValue } from '../../platform/cases/transition.js';
import { badRequest, conflict, fieldError } from '../../platform/http/errors.js';
import type { RegistryPort } from '../registry/index.js';
import { regionExists } from './complaints.repo.js';
import { LEGAL_AID_GROUNDS, LEGAL_AID_TYPE } from './legalaid.rules.js';
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
   * The hooks of the legal_aid type: its 「指派承办」 (in the transition's transaction) needs a provider that exists in
   * the caller's scope and is active; its name, kind and practice number are recorded with the assignment.
   */
  hooks(): TypeHooks {
    return {
      onTransition: async (tx, _p, _c, decided) =>
        decided.event === 'assign' ? this.provider(tx, decided.fields) : undefined,
    };
  }

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

  /**
   * Opens the application's case in the caller's transaction (also the demo seed's way in, whose generated
   * applicants are not in the registry: `workerId` null).
   */
  async open(
    tx: Executor,
    p: Principal,
    input: Omit<LegalAidCreateInput, 'workerId'> & { regionCode: string; workerId: string | null },
    when?: Date,
  ) {
    const parties: Party[] = input.workerId ? [{ kind: 'worker', id: input.workerId }] : [];
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

  /**
   * Generated demo data: a legal-aid centre and two lawyers per county, and `count` applications spread over the
   * past months (a fixed seed): some waiting for review (a few past their 7 working days), most granted, assigned
   * and many closed with an outcome. `actor` carries the rights permissions (a generator, never able to sign in).
   */
  async seedDemo(
    actor: Principal,
    opts: { count: number; today: string; townships: string[]; seed?: number },
  ): Promise<{ providers: number; cases: number }> {
    if (opts.townships.length === 0) return { providers: 0, cases: 0 };
    let x = opts.seed ?? 20261206;
    const rand = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const counties = [...new Set(opts.townships.map((t) => t.slice(0, 6)))];
    const byCounty = new Map<string, string[]>();
    let providers = 0;
    await this.db.scoped(dbScopeOf(actor), async (tx) => {
      for (const [i, county] of counties.entries()) {
        const at = this.now();
        const ids: string[] = [];
        const center = await repo.insertProvider(tx, {
          kind: 'organisation',
          name: `${county}法律援助中心（演示）`,
          organisation: null,
          practiceNo: null,
          phone: '12348',
          regionCode: county,
          active: true,
          countyCode: county,
          ownerId: null,
          departmentId: null,
          at,
        });
        if (center) ids.push(center);
        for (const [j, surname] of ['周', '吴'].entries()) {
          const id = await repo.insertProvider(tx, {
            kind: 'lawyer',
            name: `${surname}律师（演示）`,
            organisation: `云南${pick(['明理', '正衡', '滇池', '春城'])}律师事务所`,
            practiceNo: `1530${String(i).padStart(2, '0')}2020${String(j + 1).padStart(7, '0')}`,
            phone: null,
            regionCode: county,
            active: true,
            countyCode: county,
            ownerId: null,
            departmentId: null,
            at,
          });
          if (id) ids.push(id);
        }
        providers += ids.length;
        byCounty.set(county, ids);
      }
    });
    const end = new Date(`${opts.today}T10:00:00+08:00`).getTime();
    const day = 86_400_000;
    const firms = ['建筑劳务', '建设工程', '装饰工程', '物业服务', '餐饮管理'];
    for (let i = 0; i < opts.count; i++) {
      const age = Math.floor(rand() * 200);
      const filed = new Date(end - age * day);
      const region = pick(opts.townships);
      const providerId = pick(byCounty.get(region.slice(0, 6)) ?? []);
      const claimedFen = (30 + Math.floor(rand() * 300)) * 10_000;
      const channel = pick(['hotline', 'window', 'transfer', 'remote'] as const);
      await this.db.scoped(dbScopeOf(actor), async (tx) => {
        const c = await this.open(
          tx,
          actor,
          {
            channel,
            regionCode: region,
            workerId: null,
            employerName: `昆明${pick(['盛', '华', '鑫', '宏'])}${pick(firms)}有限公司`,
            matter: '申请法律援助追索劳动报酬。（演示数据）',
            claimedFen,
            originCity: channel === 'remote' ? pick(['贵州省毕节市', '四川省凉山州', '云南省昭通市']) : null,
            originRef: channel === 'remote' ? `法援协〔${opts.today.slice(0, 4)}〕${i + 1}号` : null,
            transferFrom: channel === 'transfer' ? '区人社局劳动保障监察大队' : null,
          },
          filed,
        );
        const step = (event: string, fields: Record<string, unknown>, after: number) =>
          this.cases.stepAt(tx, actor, c.id, { event, fields }, new Date(filed.getTime() + after * day));
        if (age < 6 || rand() < 0.1 || !providerId) return; // waiting for review (the older ones overdue)
        if (rand() < 0.08) return void (await step('refuse', { reason: '不属于法律援助事项范围' }, 3));
        await step(
          'grant',
          { ground: LEGAL_AID_GROUNDS[1], decisionNo: `法援决〔${opts.today.slice(0, 4)}〕${i + 1}号` },
          3,
        );
        await step('assign', { providerId }, 4);
        if (age < 60 || rand() < 0.2) return;
        const outcome = pick(['胜诉', '调解结案', '和解', '部分胜诉', '撤回'] as const);
        const recoveredFen = outcome === '撤回' ? 0 : Math.round(claimedFen * (outcome === '部分胜诉' ? 0.6 : 1));
        await step('close', { outcome, recoveredFen }, 40 + Math.floor(rand() * 20));
      });
    }
    return { providers, cases: opts.count };
  }
}
