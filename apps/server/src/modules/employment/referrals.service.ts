import {
  addDays,
  JOB_STATUS_LABELS,
  REFERRAL_OUTCOME_LABELS,
  referralCreateSchema,
  referralFollowUpSchema,
  referralListQuerySchema,
  referralOutcomeSchema,
  referralStatsQuerySchema,
  shanghaiDate,
  type Referral,
} from '@mwsp/domain';
import type { z } from 'zod';
import { SYSTEM_SCOPE, underScope, type Database } from '../../db/client.js';
import { access, requireInScope, scopeFilter } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import { badRequest, conflict } from '../../platform/http/errors.js';
import * as jobs from './jobs.repo.js';
import * as regions from './regions.repo.js';
import * as repo from './referrals.repo.js';
import * as seekers from './seekers.repo.js';
import type { SeekersService } from './seekers.service.js';

const NOT_FOUND = '推荐记录不存在或不在您的管辖范围内';
const FINAL = new Set(['hired', 'refused', 'no_show']);

function referralOut(r: repo.ReferralRow): Referral {
  const fu = (day: 30 | 90, due: string | null, done: Date | null, still: boolean | null, note: string | null) =>
    due ? [{ day, dueOn: due, doneAt: done as unknown as string | null, stillEmployed: still, note }] : [];
  return {
    id: r.id,
    seekerId: r.seekerId,
    seekerName: r.seekerName,
    workerId: r.workerId,
    jobId: r.jobId,
    jobTitle: r.jobTitle,
    employerName: r.employerName,
    jobRegionCode: r.jobRegionCode,
    regionCode: r.regionCode,
    campaignId: r.campaignId,
    outcome: r.outcome,
    outcomeName: REFERRAL_OUTCOME_LABELS[r.outcome],
    outcomeSource: r.outcomeSource,
    outcomeOn: r.outcomeOn,
    hiredOn: r.hiredOn,
    doublePlacement: r.doublePlacement,
    followUps: [
      ...fu(30, r.fu30Due, r.fu30DoneAt, r.fu30StillEmployed, r.fu30Note),
      ...fu(90, r.fu90Due, r.fu90DoneAt, r.fu90StillEmployed, r.fu90Note),
    ],
    note: r.note,
    createdBy: r.createdByName,
    createdAt: r.createdAt as unknown as string,
  };
}

/**
 * 职业介绍: a seeker referred to an open posting; the outcome (interviewed, hired, refused, no-show) from the staff
 * member or the employer; a hire schedules the follow-ups at 30 and 90 days, counts on the posting (filled at its
 * headcount) and is flagged when the worker holds another current placement (一人两岗).
 */
export class ReferralsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly seekerService: SeekersService,
    private readonly now: () => Date,
  ) {}

  private resource = (r: repo.ReferralRow) => ({
    regionCode: r.regionCode,
    ownerId: r.ownerId,
    departmentId: r.departmentId,
  });

  async create(p: Principal, input: z.output<typeof referralCreateSchema>): Promise<Referral> {
    access(p, 'employment:handle');
    const today = shanghaiDate(this.now());
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const s = await this.seekerService.load(tx, p, input.seekerId);
      const j = await jobs.findJob(tx, input.jobId);
      if (!j) throw badRequest('岗位不存在', [{ path: 'jobId', message: '岗位不存在' }]);
      if (j.status !== 'open')
        throw conflict(`岗位${JOB_STATUS_LABELS[j.status]}，不能推荐：请为求职者选择其他在招岗位`, 'JOB_NOT_OPEN');
      if (j.validOn < today) throw conflict('岗位已过有效期，不能推荐', 'JOB_NOT_OPEN');
      if (s.status === 'employed') throw conflict('该求职者已就业，不能再推荐（如需再次求职，请先修改求职状态）');
      if (await repo.openReferral(tx, s.countyCode, s.id, j.id)) throw conflict('已向该岗位推荐过此求职者');
      const id = await repo.insertReferral(tx, {
        countyCode: s.countyCode,
        seekerId: s.id,
        workerId: s.workerId,
        seekerName: s.name,
        jobCountyCode: j.countyCode,
        jobId: j.id,
        jobTitle: j.title,
        employerId: j.employerId,
        employerName: j.employerName,
        jobRegionCode: j.regionCode,
        regionCode: s.regionCode,
        campaignId: input.campaignId ?? null,
        impressionId: input.impressionId ?? null,
        note: input.note ?? null,
        createdByName: p.displayName,
        ownerId: p.userId, // the staff member who referred (placement counts per staff member)
        departmentId: p.departmentId,
        at: this.now(),
      });
      if (s.status === 'seeking') await seekers.setSeekerStatus(tx, s.countyCode, s.id, 'referred', this.now());
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'referral.created',
        outcome: 'success',
        objectType: 'referral',
        objectId: id,
      });
      return referralOut((await repo.findReferral(tx, id, s.countyCode))!);
    });
  }

  async outcome(p: Principal, id: string, input: z.output<typeof referralOutcomeSchema>): Promise<Referral> {
    access(p, 'employment:handle');
    const today = shanghaiDate(this.now());
    const on = input.date ?? today;
    if (on > today) throw badRequest('结果日期不能晚于今天', [{ path: 'date', message: '结果日期不能晚于今天' }]);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const r = requireInScope(p, await repo.findReferral(tx, id), NOT_FOUND, this.resource);
      if (FINAL.has(r.outcome)) throw conflict(`推荐结果已登记为“${REFERRAL_OUTCOME_LABELS[r.outcome]}”，不能再更改`);
      if (on < shanghaiDate(new Date(r.createdAt)))
        throw badRequest('结果日期不能早于推荐日期', [{ path: 'date', message: '结果日期不能早于推荐日期' }]);
      let double = false;
      if (input.outcome === 'hired') {
        const others = await repo.otherPlacements(tx, r.countyCode, r.workerId, r.id);
        double = others.length > 0;
        if (double)
          await repo.flagDoublePlacement(
            tx,
            r.countyCode,
            others.map((o) => o.id),
          );
        // The posting may be in another county, outside the caller's scope: its hire count is the system's write.
        await underScope(tx, SYSTEM_SCOPE, () => jobs.recordHire(tx, r.jobCountyCode, r.jobId, this.now()));
        await seekers.setSeekerStatus(tx, r.countyCode, r.seekerId, 'employed', this.now());
      }
      await repo.setOutcome(tx, r.countyCode, id, { ...input, on, doublePlacement: double }, this.now());
      await repo.insertOutcome(tx, {
        countyCode: r.countyCode,
        referralId: id,
        outcome: input.outcome,
        source: input.source,
        on,
        note: input.note ?? null,
        regionCode: r.regionCode,
        ownerId: r.ownerId,
        departmentId: r.departmentId,
        at: this.now(),
      });
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'referral.outcome',
        outcome: 'success',
        objectType: 'referral',
        objectId: id,
        detail: { outcome: input.outcome, source: input.source },
      });
      return referralOut((await repo.findReferral(tx, id, r.countyCode))!);
    });
  }

  async followUp(p: Principal, id: string, input: z.output<typeof referralFollowUpSchema>): Promise<Referral> {
    access(p, 'employment:handle');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const r = requireInScope(p, await repo.findReferral(tx, id), NOT_FOUND, this.resource);
      if (r.outcome !== 'hired') throw conflict('只有已录用的推荐才需要就业回访');
      const done = input.day === 30 ? r.fu30DoneAt : r.fu90DoneAt;
      if (done) throw conflict(`${input.day} 天回访已登记`);
      const due = input.day === 30 ? r.fu30Due! : r.fu90Due!;
      if (addDays(due, -7) > shanghaiDate(this.now()))
        throw conflict(`${input.day} 天回访应在 ${due} 前后进行（最早提前 7 天）`);
      await repo.setFollowUp(
        tx,
        r.countyCode,
        id,
        input.day,
        { stillEmployed: input.stillEmployed, note: input.note ?? null },
        this.now(),
      );
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'referral.follow_up',
        outcome: 'success',
        objectType: 'referral',
        objectId: id,
        detail: { day: input.day },
      });
      return referralOut((await repo.findReferral(tx, id, r.countyCode))!);
    });
  }

  async list(p: Principal, q: z.output<typeof referralListQuerySchema>) {
    access(p, 'employment:read');
    const today = shanghaiDate(this.now());
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const { rows, total } = await repo.listReferrals(
        tx,
        {
          outcome: q.outcome,
          seekerId: q.seekerId,
          jobId: q.jobId,
          followUpDue: q.followUpDue ? { day: Number(q.followUpDue) as 30 | 90, today } : undefined,
          doublePlacement: q.doublePlacement === undefined ? undefined : q.doublePlacement === 'true',
          ...scopeFilter(p),
        },
        { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
      );
      return { items: rows.map(referralOut), total, page: q.page, pageSize: q.pageSize };
    });
  }

  /** Placement counts per county and per staff member (参照 the caller's scope). */
  async stats(p: Principal, q: z.output<typeof referralStatsQuerySchema>) {
    access(p, 'employment:read');
    const to = q.to ?? shanghaiDate(this.now());
    const from = q.from ?? addDays(to, -365);
    if (from > to)
      throw badRequest('开始日期不能晚于结束日期', [{ path: 'from', message: '开始日期不能晚于结束日期' }]);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const s = await repo.stats(tx, from, to);
      const names = await regions.regionNames(
        tx,
        s.byRegion.map((r) => r.regionCode),
      );
      return {
        byRegion: s.byRegion.map((r) => ({ ...r, regionName: names.get(r.regionCode) ?? null })),
        byStaff: s.byStaff.map((r) => ({ ...r, name: r.name ?? '（未知）' })),
      };
    });
  }
}
