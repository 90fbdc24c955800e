import {
  countyCodeOf,
  INSPECTION_KIND_LABELS,
  isWithinRegion,
  type GridBody,
  type GridReportInput,
  type InspectionCreateInput,
  type InspectionKind,
} from '@mwsp/domain';
import type { Database, Executor } from '../../db/client.js';
import { access, requireInScope, scopeFilter } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import type { AccountsService } from '../../platform/accounts/accounts.service.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import { badRequest, conflict } from '../../platform/http/errors.js';
import type { ComplaintsService } from './complaints.service.js';
import * as repo from './grids.repo.js';

/** Managing grids needs this; reading them rights:read; patrols, campaigns and reviews rights:handle. */
export const GRIDS_MANAGE = 'rights:grids';

const iso = (d: Date | string) => new Date(d).toISOString();
const resourceOf = (r: { regionCode: string; ownerId: string | null; departmentId: string | null }) => ({
  regionCode: r.regionCode,
  ownerId: r.ownerId,
  departmentId: r.departmentId,
});

type Owned = { ownerId: string | null; departmentId: string | null };

/**
 * Labour inspection on a grid (劳动保障监察 两网化): grids — a township or village subtree with its assigned
 * inspectors —, grid reports (网格员上报线索) filed as complaints through channel 'grid', and the inspection work
 * that is not a case: routine patrols (日常巡查), special campaigns (专项检查) and written reviews (书面审查).
 */
export class GridsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly accounts: AccountsService,
    private readonly complaints: ComplaintsService,
    private readonly cityCode: string,
    private readonly now: () => Date,
  ) {}

  // ---------------------------------------------------------------- helpers

  private async checkRegion(tx: Executor, regionCode: string, levels: 'grid' | 'area', path = 'regionCode') {
    const problem =
      levels === 'grid' && regionCode.length !== 9 && regionCode.length !== 12
        ? '网格范围须为乡镇（街道）或村（社区）'
        : levels === 'area' && regionCode.length < 6
          ? '检查范围请选择到区（县）或更下级'
          : !isWithinRegion(regionCode, this.cityCode)
            ? '范围须在本市内'
            : !(await repo.regionExists(tx, regionCode))
              ? '行政区划不存在'
              : null;
    if (problem) throw badRequest(problem, [{ path, message: problem }]);
  }

  /** The inspectors must be active, assignable users the caller can see (the user picker's answer). */
  private async checkInspectors(p: Principal, ids: readonly string[], path = 'inspectorIds'): Promise<string[]> {
    const distinct = [...new Set(ids.map((x) => x.toLowerCase()))];
    if (distinct.length === 0) return [];
    const found = await this.accounts.pickableUsers(p, { ids: distinct, limit: distinct.length });
    const known = new Set(found.map((u) => u.id));
    const missing = distinct.filter((id) => !known.has(id));
    if (missing.length)
      throw badRequest(`人员不存在、已停用或不在您的管辖范围内（${missing.length} 人）`, [
        { path, message: '人员不存在、已停用或不在您的管辖范围内' },
      ]);
    return distinct;
  }

  private async people(ids: readonly string[]) {
    const names = await this.accounts.displayNames(ids);
    return (list: readonly string[]) => list.map((id) => ({ id, displayName: names.get(id) ?? '（未知人员）' }));
  }

  private gridDto(g: repo.GridRow, people: (ids: readonly string[]) => { id: string; displayName: string }[]) {
    return {
      id: g.id,
      name: g.name,
      regionCode: g.regionCode,
      regionName: g.regionName,
      inspectors: people(g.inspectorIds),
      note: g.note,
      createdAt: iso(g.createdAt),
      updatedAt: iso(g.updatedAt),
    };
  }

  private async loadGrid(tx: Executor, p: Principal, id: string): Promise<repo.GridRow> {
    return requireInScope(p, await repo.findGrid(tx, id), '网格不存在', resourceOf);
  }

  // ---------------------------------------------------------------- grids

  async list(p: Principal, f: { q?: string; regionCode?: string; page: number; pageSize: number }) {
    access(p, 'rights:read');
    const { rows, total } = await this.db.scoped(dbScopeOf(p), (tx) =>
      repo.listGrids(tx, { ...f, owned: scopeFilter(p) }),
    );
    const people = await this.people(rows.flatMap((g) => g.inspectorIds));
    return { items: rows.map((g) => this.gridDto(g, people)), total, page: f.page, pageSize: f.pageSize };
  }

  async get(p: Principal, id: string) {
    access(p, 'rights:read');
    const g = await this.db.scoped(dbScopeOf(p), (tx) => this.loadGrid(tx, p, id));
    return this.gridDto(g, await this.people(g.inspectorIds));
  }

  async create(p: Principal, input: GridBody) {
    const regionCode = input.regionCode as string;
    // Out of the caller's region: 404, like a record that does not exist (a county officer, another county).
    access(p, GRIDS_MANAGE, { regionCode });
    const inspectors = await this.checkInspectors(p, input.inspectorIds ?? []);
    const g = await this.db.scoped(dbScopeOf(p), async (tx) => {
      await this.checkRegion(tx, regionCode, 'grid');
      const id = await repo.insertGrid(tx, {
        countyCode: countyCodeOf(regionCode),
        name: input.name,
        regionCode,
        inspectorIds: inspectors,
        note: input.note ?? null,
        ownerId: p.userId,
        departmentId: p.departmentId,
        at: this.now(),
      });
      if (!id) throw conflict(`本区（县）已有名为「${input.name}」的网格`, 'GRID_NAME');
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'grid.create',
        outcome: 'success',
        objectType: 'grid',
        objectId: id,
        detail: { regionCode, inspectors: inspectors.length },
      });
      return (await repo.findGrid(tx, id, countyCodeOf(regionCode)))!;
    });
    return this.gridDto(g, await this.people(g.inspectorIds));
  }

  /** Renames a grid, reassigns its inspectors, edits its note. Its area (and county) never changes. */
  async update(p: Principal, id: string, input: GridBody) {
    access(p, GRIDS_MANAGE);
    const inspectors = await this.checkInspectors(p, input.inspectorIds ?? []);
    const g = await this.db.scoped(dbScopeOf(p), async (tx) => {
      const g = await this.loadGrid(tx, p, id);
      access(p, GRIDS_MANAGE, resourceOf(g));
      if (input.regionCode !== g.regionCode)
        throw badRequest('网格范围不能修改（请删除后重新划分）', [{ path: 'regionCode', message: '网格范围不能修改' }]);
      const ok = await repo.updateGrid(tx, {
        countyCode: g.countyCode,
        id: g.id,
        name: input.name,
        inspectorIds: inspectors,
        note: input.note ?? null,
        at: this.now(),
      });
      if (!ok) throw conflict(`本区（县）已有名为「${input.name}」的网格`, 'GRID_NAME');
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'grid.update',
        outcome: 'success',
        objectType: 'grid',
        objectId: g.id,
        detail: { inspectors: inspectors.length },
      });
      return (await repo.findGrid(tx, g.id, g.countyCode))!;
    });
    return this.gridDto(g, await this.people(g.inspectorIds));
  }

  async remove(p: Principal, id: string): Promise<void> {
    access(p, GRIDS_MANAGE);
    await this.db.scoped(dbScopeOf(p), async (tx) => {
      const g = await this.loadGrid(tx, p, id);
      access(p, GRIDS_MANAGE, resourceOf(g));
      const n = await repo.activitiesOfGrid(tx, g.countyCode, g.id);
      if (n > 0) throw conflict(`该网格已有 ${n} 条巡查记录，不能删除`, 'GRID_IN_USE');
      await repo.deleteGrid(tx, g.countyCode, g.id);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'grid.delete',
        outcome: 'success',
        objectType: 'grid',
        objectId: g.id,
        detail: { name: g.name, regionCode: g.regionCode },
      });
    });
  }

  /** 网格员上报线索: a complaint through channel 'grid', in the grid's area. */
  async report(p: Principal, id: string, input: GridReportInput) {
    access(p, 'rights:handle');
    const g = await this.db.scoped(dbScopeOf(p), (tx) => this.loadGrid(tx, p, id));
    const regionCode = input.regionCode as string;
    if (!isWithinRegion(regionCode, g.regionCode))
      throw badRequest(`线索所在地须在网格「${g.name}」的范围内`, [{ path: 'regionCode', message: '不在网格范围内' }]);
    return this.complaints.create(p, { ...input, channel: 'grid' });
  }

  // ---------------------------------------------------------------- patrols, campaigns, written reviews

  private activityDto(a: repo.ActivityRow, people: (ids: readonly string[]) => { id: string; displayName: string }[]) {
    return {
      id: a.id,
      kind: a.kind,
      kindName: INSPECTION_KIND_LABELS[a.kind],
      title: a.title,
      gridId: a.gridId,
      gridName: a.gridName,
      regionCode: a.regionCode,
      regionName: a.regionName,
      startsOn: a.startsOn,
      endsOn: a.endsOn,
      inspectors: people(a.inspectorIds),
      employers: a.employers.map((e) => ({
        employerId: e.employerId ?? null,
        name: e.name,
        submitted: e.submitted,
        findings: e.findings ?? null,
      })),
      submittedCount: a.employers.filter((e) => e.submitted).length,
      findings: a.findings,
      status: a.status,
      createdAt: iso(a.createdAt),
    };
  }

  async listActivities(p: Principal, f: { kind?: InspectionKind; gridId?: string; page: number; pageSize: number }) {
    access(p, 'rights:read');
    const { rows, total } = await this.db.scoped(dbScopeOf(p), (tx) =>
      repo.listActivities(tx, { ...f, owned: scopeFilter(p) }),
    );
    const people = await this.people(rows.flatMap((a) => a.inspectorIds));
    return { items: rows.map((a) => this.activityDto(a, people)), total, page: f.page, pageSize: f.pageSize };
  }

  async createActivity(p: Principal, input: InspectionCreateInput, owned?: Owned) {
    access(p, 'rights:handle');
    const inspectors = await this.checkInspectors(p, input.inspectorIds ?? []);
    const employers = (input.employers ?? []).map((e) => ({
      employerId: e.employerId ?? null,
      name: e.name,
      submitted: e.submitted,
      findings: e.findings ?? null,
    }));
    if (input.kind === 'review' && employers.length === 0)
      throw badRequest('书面审查须列出被审查的用工单位', [{ path: 'employers', message: '请添加用工单位' }]);
    const a = await this.db.scoped(dbScopeOf(p), async (tx) => {
      let regionCode = input.regionCode ?? null;
      let gridId: string | null = null;
      if (input.gridId) {
        const g = await this.loadGrid(tx, p, input.gridId);
        gridId = g.id;
        if (regionCode && !isWithinRegion(regionCode, g.regionCode))
          throw badRequest(`检查范围须在网格「${g.name}」内`, [{ path: 'regionCode', message: '不在网格范围内' }]);
        regionCode ??= g.regionCode;
      }
      if (!regionCode) throw badRequest('请选择网格或检查范围', [{ path: 'regionCode', message: '请选择检查范围' }]);
      access(p, 'rights:handle', { regionCode });
      await this.checkRegion(tx, regionCode, 'area');
      const countyCode = countyCodeOf(regionCode);
      const id = await repo.insertActivity(tx, {
        countyCode,
        kind: input.kind,
        title: input.title,
        gridId,
        regionCode,
        startsOn: input.startsOn as string,
        endsOn: input.endsOn ?? null,
        inspectorIds: inspectors,
        employers,
        findings: input.findings ?? null,
        ownerId: owned ? owned.ownerId : p.userId,
        departmentId: owned ? owned.departmentId : p.departmentId,
        at: this.now(),
      });
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'inspection.create',
        outcome: 'success',
        objectType: 'inspection',
        objectId: id,
        detail: { kind: input.kind, regionCode, employers: employers.length },
      });
      return (await repo.findActivity(tx, id, countyCode))!;
    });
    return this.activityDto(a, await this.people(a.inspectorIds));
  }

  async updateActivity(
    p: Principal,
    id: string,
    input: {
      employers?: { employerId?: string | null; name: string; submitted: boolean; findings?: string | null }[];
      findings?: string | null;
      status?: 'open' | 'done';
    },
  ) {
    access(p, 'rights:handle');
    const a = await this.db.scoped(dbScopeOf(p), async (tx) => {
      const a = requireInScope(p, await repo.findActivity(tx, id), '检查记录不存在', resourceOf);
      if (a.status === 'done' && input.status !== 'open')
        throw conflict('检查已完成，不能再修改（如需补充请先重新打开）', 'INSPECTION_DONE');
      if (a.kind === 'review' && input.employers && input.employers.length === 0)
        throw badRequest('书面审查须列出被审查的用工单位', [{ path: 'employers', message: '请添加用工单位' }]);
      await repo.updateActivity(tx, {
        countyCode: a.countyCode,
        id: a.id,
        employers: input.employers?.map((e) => ({
          employerId: e.employerId ?? null,
          name: e.name,
          submitted: e.submitted,
          findings: e.findings ?? null,
        })),
        findings: input.findings,
        status: input.status,
        at: this.now(),
      });
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'inspection.update',
        outcome: 'success',
        objectType: 'inspection',
        objectId: a.id,
        detail: { status: input.status ?? a.status },
      });
      return (await repo.findActivity(tx, a.id, a.countyCode))!;
    });
    return this.activityDto(a, await this.people(a.inspectorIds));
  }

  /**
   * Generated demo data: a grid per township given (its inspectors: the staff at or above the township), a patrol of
   * each grid in the past month, and per county the winter wage campaign (冬季根治欠薪专项行动) and a written review.
   */
  async seedDemo(
    p: Principal,
    opts: {
      today: string;
      counties: { code: string; name: string; townships: { code: string; name: string }[] }[];
    },
  ): Promise<{ grids: number; activities: number }> {
    const day = (offset: number) => {
      const d = new Date(`${opts.today}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + offset);
      return d.toISOString().slice(0, 10);
    };
    const staff = await this.accounts.pickableUsers(p, { limit: 50 });
    const staffOf = (code: string) =>
      staff
        .filter((u) => u.regionCode.length >= 6 && code.startsWith(u.regionCode))
        .map((u) => u.id)
        .slice(0, 3);
    const year = Number(opts.today.slice(0, 4));
    // The last winter campaign that has begun: from 15 November to 15 February (before the Spring Festival).
    const winter = opts.today.slice(5) >= '11-15' ? year : year - 1;
    let grids = 0;
    let activities = 0;
    for (const county of opts.counties) {
      for (const [i, t] of county.townships.entries()) {
        const inspectors = staffOf(t.code);
        const g = await this.create(p, { name: `${t.name}网格`, regionCode: t.code, inspectorIds: inspectors });
        grids++;
        const patrol = await this.createActivity(p, {
          kind: 'patrol',
          title: `${t.name}日常巡查`,
          gridId: g.id,
          startsOn: day(-7 - i * 3),
          inspectorIds: inspectors,
          findings: i % 2 === 0 ? '检查用工单位 6 家，工资按月足额支付，未发现欠薪线索' : null,
        });
        if (i % 2 === 0) await this.updateActivity(p, patrol.id, { status: 'done' });
        activities++;
      }
      const inspectors = staffOf(county.code);
      const campaign = await this.createActivity(p, {
        kind: 'campaign',
        title: `${winter}—${winter + 1} 年冬季根治欠薪专项行动`,
        regionCode: county.code,
        startsOn: `${winter}-11-15`,
        endsOn: `${winter + 1}-02-15`,
        inspectorIds: inspectors,
        findings: '排查在建工程项目和劳动密集型企业，督促按时足额支付工资',
      });
      if (`${winter + 1}-02-15` < opts.today) await this.updateActivity(p, campaign.id, { status: 'done' });
      await this.createActivity(p, {
        kind: 'review',
        title: `${year} 年度用人单位劳动保障书面审查（${county.name}）`,
        regionCode: county.code,
        startsOn: day(-30),
        endsOn: day(30),
        inspectorIds: inspectors,
        employers: [
          { name: `${county.name}某建筑劳务有限公司`, submitted: true, findings: '材料齐全，工资支付台账完整' },
          {
            name: `${county.name}某餐饮管理有限公司`,
            submitted: true,
            findings: '未签订书面劳动合同 2 人，已责令改正',
          },
          { name: `${county.name}某物流有限公司`, submitted: false },
        ],
      });
      activities += 2;
    }
    return { grids, activities };
  }
}
