import {
  CAMPAIGN_KIND_LABELS,
  type CampaignCreateInput,
  type FairCreateInput,
  type FairResultsInput,
  type ProgramListQuery,
  type RegionResults,
} from '@mwsp/domain';
import type { Database, Executor } from '../../db/client.js';
import { access, requireInScope, scopeFilter } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import { badRequest, forbidden } from '../../platform/http/errors.js';
import type { RegistryPort } from '../registry/index.js';
import * as repo from './campaigns.repo.js';
import { checkFairResults, checkFairWithinCampaign, isAncestorCampaign } from './campaigns.rules.js';
import { checkRegion, HANDLE, listFilter, ownedBy, READ } from './programs.common.js';
import * as common from './programs.repo.js';

const CAMPAIGN_NOT_FOUND = '招聘活动不存在';
const FAIR_NOT_FOUND = '招聘会不存在';
const ANCESTOR_READ_ONLY = '上级组织的招聘活动只能查看，由组织单位维护';

/**
 * A campaign the caller may read (else 404): its own (region and data scope) or an ancestor region's, read-only
 * (campaigns.rules isAncestorCampaign). Also the match weights' check (match-weights.service).
 */
export async function findVisibleCampaign(tx: Executor, p: Principal, id: string) {
  const c = await repo.findCampaign(tx, id);
  if (c && isAncestorCampaign(p, c)) return c;
  return requireInScope(p, c, CAMPAIGN_NOT_FOUND);
}

/**
 * 招聘活动与招聘会: a campaign (春风行动, 民营企业招聘周 …) groups postings (by id: the posting table is the job
 * module's) and job fairs; each fair records its employers and booths, and later its attendees, referrals and
 * hires; the results are summed by county.
 */
export class CampaignsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly registry: RegistryPort,
    private readonly cityCode: string,
    private readonly now: () => Date,
  ) {}

  async create(p: Principal, input: CampaignCreateInput) {
    access(p, HANDLE);
    const regionCode = input.regionCode as string;
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      await checkRegion(tx, p, this.cityCode, regionCode, { minLevel: 2, label: '组织单位所在区划' });
      const regions = [...new Set((input.regions ?? []) as string[])];
      for (const [i, code] of regions.entries())
        await checkRegion(tx, p, this.cityCode, code, { minLevel: 2, path: `regions.${i}`, label: '覆盖区域' });
      const id = await repo.insertCampaign(tx, {
        ...ownedBy(p, regionCode),
        kind: input.kind,
        name: input.name,
        startDate: input.startDate,
        endDate: input.endDate,
        regions,
        organiser: input.organiser,
        postingIds: [...new Set(input.postingIds ?? [])],
        summary: input.summary ?? '',
      });
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'campaign.created',
        outcome: 'success',
        objectType: 'campaign',
        objectId: id,
        detail: { kind: input.kind, name: input.name },
      });
      return this.detailIn(tx, p, id);
    });
  }

  async list(p: Principal, q: ProgramListQuery) {
    access(p, READ);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const { rows, total } = await repo.listCampaigns(tx, listFilter(p, q));
      return { items: await this.dtos(tx, p, rows), total, page: q.page, pageSize: q.pageSize };
    });
  }

  async detail(p: Principal, id: string) {
    access(p, READ);
    return this.db.scoped(dbScopeOf(p), (tx) => this.detailIn(tx, p, id));
  }

  /** A campaign the caller may read: its own (region and data scope) or an ancestor region's (read-only). */
  private async loadVisible(tx: Executor, p: Principal, id: string) {
    return findVisibleCampaign(tx, p, id);
  }

  /** A campaign the caller may change (add fairs to): its own; an ancestor region's is read-only (403). */
  private async load(tx: Executor, p: Principal, id: string) {
    const c = await this.loadVisible(tx, p, id);
    if (isAncestorCampaign(p, c)) throw forbidden(ANCESTOR_READ_ONLY);
    return c;
  }

  private async detailIn(tx: Executor, p: Principal, id: string) {
    const c = await this.loadVisible(tx, p, id);
    const [dto] = await this.dtos(tx, p, [c]);
    const fairs = await repo.fairsOf(tx, id);
    return { ...dto, fairList: fairs.map(fairDto) };
  }

  private async dtos(tx: Executor, p: Principal, rows: repo.CampaignRow[]) {
    const totals = await repo.fairTotals(
      tx,
      rows.map((r) => r.id),
    );
    const names = await common.regionNames(tx, [...new Set(rows.flatMap((r) => r.regions))]);
    return rows.map((r) => {
      const t = totals.get(r.id);
      return {
        id: r.id,
        regionCode: r.regionCode,
        regionName: r.regionName,
        createdAt: r.createdAt,
        kind: r.kind as keyof typeof CAMPAIGN_KIND_LABELS,
        kindName: CAMPAIGN_KIND_LABELS[r.kind as keyof typeof CAMPAIGN_KIND_LABELS],
        name: r.name,
        startDate: r.startDate,
        endDate: r.endDate,
        regions: r.regions.map((code) => ({ code, name: names.get(code) ?? code })),
        organiser: r.organiser,
        postingIds: r.postingIds,
        summary: r.summary,
        fairs: t?.fairs ?? 0,
        attendees: t?.attendees ?? 0,
        referrals: t?.referrals ?? 0,
        hires: t?.hires ?? 0,
        readOnly: isAncestorCampaign(p, r),
      };
    });
  }

  /** A job fair of a campaign: held within the campaign's dates, in a county of its region. */
  async addFair(p: Principal, campaignId: string, input: FairCreateInput) {
    access(p, HANDLE);
    const regionCode = input.regionCode as string;
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const c = await this.load(tx, p, campaignId);
      await checkRegion(tx, p, this.cityCode, regionCode, { minLevel: 3, label: '举办地' });
      const problem = checkFairWithinCampaign(c, { heldOn: input.heldOn, regionCode });
      if (problem) throw badRequest(problem.message, [problem]);
      const employers = (input.employers ?? []).map((e) => ({
        employerId: e.employerId ?? null,
        name: e.name,
        booths: e.booths ?? 1,
        positions: e.positions ?? 0,
      }));
      const ids = employers.flatMap((e) => (e.employerId ? [e.employerId] : []));
      const known = await this.registry.employers(tx, ids);
      for (const [i, e] of employers.entries()) {
        if (!e.employerId) continue;
        const f = known.get(e.employerId);
        if (!f)
          throw badRequest('参会单位不存在于用工单位库', [
            { path: `employers.${i}.employerId`, message: '用工单位不存在' },
          ]);
        e.name = f.name;
      }
      const id = await repo.insertFair(tx, {
        ...ownedBy(p, regionCode),
        campaignId,
        heldOn: input.heldOn,
        venue: input.venue,
        employers,
        booths: employers.reduce((s, e) => s + e.booths, 0),
        positions: employers.reduce((s, e) => s + e.positions, 0),
      });
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'fair.created',
        outcome: 'success',
        objectType: 'job_fair',
        objectId: id,
        detail: { campaignId, employers: employers.length },
      });
      return fairDto((await repo.findFair(tx, campaignId, id))!);
    });
  }

  /** The fair's attendees, referrals and hires (recorded after the fair; corrected by recording again). */
  async recordResults(p: Principal, campaignId: string, fairId: string, input: FairResultsInput) {
    access(p, HANDLE);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const f = requireInScope(p, await repo.findFair(tx, campaignId, fairId), FAIR_NOT_FOUND);
      const problem = checkFairResults(f, input, this.now());
      if (problem) throw badRequest(problem.message, [problem]);
      await repo.setFairResults(tx, f.countyCode, f.id, input, this.now());
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'fair.results',
        outcome: 'success',
        objectType: 'job_fair',
        objectId: f.id,
        detail: { ...input },
      });
      return fairDto((await repo.findFair(tx, campaignId, fairId))!);
    });
  }

  /** Fair results by county (all campaigns, or one), for the table and the chart. */
  async results(p: Principal, campaignId?: string): Promise<RegionResults> {
    access(p, READ);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      if (campaignId) await this.loadVisible(tx, p, campaignId);
      const rows = await repo.fairResultsByCounty(tx, {
        scopeRegion: p.dataScope === 'all' ? '' : p.regionCode,
        ...scopeFilter(p),
        campaignId,
      });
      const names = await common.regionNames(
        tx,
        rows.map((r) => r.county),
      );
      return {
        columns: [
          { key: 'fairs', label: '招聘会场次' },
          { key: 'booths', label: '展位' },
          { key: 'positions', label: '提供岗位' },
          { key: 'attendees', label: '入场人数' },
          { key: 'referrals', label: '推荐人数' },
          { key: 'hires', label: '达成意向' },
        ],
        rows: rows.map(({ county, ...values }) => ({
          regionCode: county,
          regionName: names.get(county) ?? county,
          values,
        })),
      };
    });
  }
}

function fairDto(f: repo.FairRow) {
  return {
    id: f.id,
    regionCode: f.regionCode,
    regionName: f.regionName,
    createdAt: f.createdAt,
    campaignId: f.campaignId,
    heldOn: f.heldOn,
    venue: f.venue,
    employers: f.employers.map((e) => ({ ...e, employerId: e.employerId ?? null })),
    booths: f.booths,
    positions: f.positions,
    attendees: f.attendees,
    referrals: f.referrals,
    hires: f.hires,
    resultsAt: f.resultsAt,
  };
}
