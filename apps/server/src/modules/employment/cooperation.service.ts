import {
  MODEL_SITE_KIND_LABELS,
  OCCUPATION_BY_CODE,
  type AgreementCreateInput,
  type BrandCreateInput,
  type GroupCreateInput,
  type ModelSiteCreateInput,
  type ModelSiteKind,
  type ProgramListQuery,
  type StationCreateInput,
} from '@mwsp/domain';
import type { Database, Executor } from '../../db/client.js';
import { access } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import { badRequest, conflict } from '../../platform/http/errors.js';
import type { RegistryPort } from '../registry/index.js';
import { checkRegion, checkWorkers, HANDLE, listFilter, ownedBy, publicRow, READ } from './programs.common.js';
import * as repo from './cooperation.repo.js';
import { checkGroupDate, checkModelSiteLevel } from './cooperation.rules.js';

const page = <T extends object>(q: ProgramListQuery, r: { rows: T[]; total: number }) => ({
  items: r.rows.map(publicRow),
  total: r.total,
  page: q.page,
  pageSize: q.pageSize,
});
const one = { scopeRegion: '', page: 1, pageSize: 1 };

/**
 * 劳务对接 (labour cooperation between the places workers come from and go to): agreements with the destinations,
 * service stations at the destinations (their staff and the registry workers they serve), organised outbound
 * groups (the people sent and where they work), labour brands with their members, model townships and villages.
 */
export class CooperationService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly registry: RegistryPort,
    private readonly cityCode: string,
    private readonly now: () => Date,
  ) {}

  private recorded(
    tx: Executor,
    p: Principal,
    objectType: string,
    id: string,
    detail: Record<string, string | number>,
  ) {
    return this.audit.append(tx, actorOf(p, p.ip), {
      action: 'cooperation.recorded',
      outcome: 'success',
      objectType,
      objectId: id,
      detail,
    });
  }

  /** An agreement the caller can see, when one is named (else null). */
  private async agreement(tx: Executor, id: string | null | undefined) {
    if (!id) return null;
    const a = await repo.findAgreement(tx, id);
    if (!a) throw badRequest('劳务协作协议不存在', [{ path: 'agreementId', message: '协议不存在' }]);
    return a;
  }

  // ---------------------------------------------------------------- agreements

  async createAgreement(p: Principal, input: AgreementCreateInput) {
    access(p, HANDLE);
    const regionCode = input.regionCode as string;
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      await checkRegion(tx, p, this.cityCode, regionCode, { minLevel: 2, label: '输出地' });
      const id = await repo.insertAgreement(tx, {
        ...ownedBy(p, regionCode),
        destination: input.destination,
        destinationRegionCode: (input.destinationRegionCode as string | null | undefined) ?? null,
        originParty: input.originParty,
        destinationParty: input.destinationParty,
        startDate: input.startDate,
        endDate: input.endDate,
        terms: input.terms ?? '',
        targetCount: input.targetCount,
      });
      await this.recorded(tx, p, 'coop_agreement', id, { destination: input.destination });
      const a = (await repo.findAgreement(tx, id))!;
      return { ...publicRow(a), sent: 0 };
    });
  }

  async agreements(p: Principal, q: ProgramListQuery) {
    access(p, READ);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const r = await repo.listAgreements(tx, listFilter(p, q));
      const sent = await repo.sentUnder(
        tx,
        r.rows.map((a) => a.id),
      );
      return page(q, { rows: r.rows.map((a) => ({ ...a, sent: sent.get(a.id) ?? 0 })), total: r.total });
    });
  }

  // ---------------------------------------------------------------- service stations

  async createStation(p: Principal, input: StationCreateInput) {
    access(p, HANDLE);
    const regionCode = input.regionCode as string;
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      await checkRegion(tx, p, this.cityCode, regionCode, { minLevel: 3, label: '设站的输出地' });
      await this.agreement(tx, input.agreementId);
      const workerIds = input.workerIds ?? [];
      await checkWorkers(tx, this.registry, workerIds, (i) => `workerIds.${i}`);
      const id = await repo.insertStation(tx, {
        ...ownedBy(p, regionCode),
        name: input.name,
        agreementId: input.agreementId ?? null,
        destination: input.destination,
        address: input.address ?? '',
        establishedOn: input.establishedOn,
        staff: (input.staff ?? []).map((s) => ({ name: s.name, phone: s.phone ?? '', duty: s.duty ?? '' })),
        workerIds,
      });
      await this.recorded(tx, p, 'coop_station', id, { name: input.name, workers: workerIds.length });
      const [row] = await this.namedStations(tx, (await repo.listStations(tx, { ...one, id })).rows);
      return publicRow(row!);
    });
  }

  async stations(p: Principal, q: ProgramListQuery) {
    access(p, READ);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const r = await repo.listStations(tx, listFilter(p, q));
      return page(q, { rows: await this.namedStations(tx, r.rows), total: r.total });
    });
  }

  /** Each station's served workers with their masked names and ID numbers (the registry's port, one query). */
  private async namedStations(tx: Executor, rows: repo.StationRow[]) {
    const labels = await this.registry.workerLabels(
      tx,
      rows.flatMap((s) => s.workerIds),
    );
    return rows.map(({ workerIds, ...s }) => ({
      ...s,
      workers: workerIds.map((workerId) => ({
        workerId,
        name: labels.get(workerId)?.name ?? null,
        idMasked: labels.get(workerId)?.idMasked ?? null,
      })),
    }));
  }

  /** Each group's people with their masked names and ID numbers (the registry's port, one query). */
  private async namedGroups(tx: Executor, rows: repo.GroupRow[]) {
    const labels = await this.registry.workerLabels(
      tx,
      rows.flatMap((g) => g.members.map((m) => m.workerId)),
    );
    return rows.map((g) => ({
      ...g,
      members: g.members.map((m) => ({
        ...m,
        name: labels.get(m.workerId)?.name ?? null,
        idMasked: labels.get(m.workerId)?.idMasked ?? null,
      })),
    }));
  }

  // ---------------------------------------------------------------- organised outbound groups

  async createGroup(p: Principal, input: GroupCreateInput) {
    access(p, HANDLE);
    const regionCode = input.regionCode as string;
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      await checkRegion(tx, p, this.cityCode, regionCode, { minLevel: 3, label: '组织输出的区划' });
      const a = await this.agreement(tx, input.agreementId);
      const bad = checkGroupDate(input.departedOn, a, this.now());
      if (bad) throw badRequest(bad.message, [bad]);
      const members = input.members.map((m) => ({ workerId: m.workerId, workplace: m.workplace }));
      await checkWorkers(
        tx,
        this.registry,
        members.map((m) => m.workerId),
        (i) => `members.${i}.workerId`,
      );
      const id = await repo.insertGroup(tx, {
        ...ownedBy(p, regionCode),
        departedOn: input.departedOn,
        destination: input.destination,
        agreementId: input.agreementId ?? null,
        members,
        people: members.length,
      });
      await this.recorded(tx, p, 'coop_group', id, { destination: input.destination, people: members.length });
      const [row] = await this.namedGroups(tx, (await repo.listGroups(tx, { ...one, id })).rows);
      return publicRow(row!);
    });
  }

  async groups(p: Principal, q: ProgramListQuery) {
    access(p, READ);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const r = await repo.listGroups(tx, listFilter(p, q));
      return page(q, { rows: await this.namedGroups(tx, r.rows), total: r.total });
    });
  }

  // ---------------------------------------------------------------- labour brands

  async createBrand(p: Principal, input: BrandCreateInput) {
    access(p, HANDLE);
    const regionCode = input.regionCode as string;
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      await checkRegion(tx, p, this.cityCode, regionCode, { minLevel: 3, label: '品牌所属区划' });
      const workerIds = input.workerIds ?? [];
      await checkWorkers(tx, this.registry, workerIds, (i) => `workerIds.${i}`);
      const id = await repo.insertBrand(tx, {
        ...ownedBy(p, regionCode),
        name: input.name,
        occupation: input.occupation ?? null,
        description: input.description ?? '',
        workerIds,
      });
      if (!id) throw conflict(`本区县已有名为“${input.name}”的劳务品牌`, 'DUPLICATE');
      await this.recorded(tx, p, 'labour_brand', id, { name: input.name });
      return brandDto((await repo.listBrands(tx, { ...one, id })).rows[0]);
    });
  }

  async brands(p: Principal, q: ProgramListQuery) {
    access(p, READ);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const r = await repo.listBrands(tx, listFilter(p, q));
      return page(q, { rows: r.rows.map(brandDto), total: r.total });
    });
  }

  // ---------------------------------------------------------------- model townships and villages

  async createModelSite(p: Principal, input: ModelSiteCreateInput) {
    access(p, HANDLE);
    const regionCode = input.regionCode as string;
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const r = await checkRegion(tx, p, this.cityCode, regionCode, { minLevel: 4, label: '示范乡镇（村）' });
      const bad = checkModelSiteLevel(input.kind, r.level);
      if (bad) throw badRequest(bad.message, [bad]);
      const id = await repo.insertModelSite(tx, {
        ...ownedBy(p, regionCode),
        kind: input.kind,
        name: r.name,
        year: input.year,
        transferred: input.transferred,
        notes: input.notes ?? '',
      });
      if (!id) throw conflict(`${r.name}已是 ${input.year} 年的示范乡镇（村）`, 'DUPLICATE');
      await this.recorded(tx, p, 'model_site', id, { kind: input.kind, year: input.year });
      return modelSiteDto((await repo.listModelSites(tx, { ...one, id })).rows[0]);
    });
  }

  async modelSites(p: Principal, q: ProgramListQuery) {
    access(p, READ);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const r = await repo.listModelSites(tx, listFilter(p, q));
      return page(q, { rows: r.rows.map(modelSiteDto), total: r.total });
    });
  }
}

function brandDto(b: repo.BrandRow) {
  return {
    ...publicRow(b),
    occupationName: b.occupation ? (OCCUPATION_BY_CODE.get(b.occupation)?.name ?? b.occupation) : null,
  };
}

function modelSiteDto(m: repo.ModelSiteRow) {
  return {
    ...publicRow(m),
    kind: m.kind as ModelSiteKind,
    kindName: MODEL_SITE_KIND_LABELS[m.kind as ModelSiteKind],
  };
}
