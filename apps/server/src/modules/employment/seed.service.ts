import { randomUUID } from 'node:crypto';
import { addDays, OCCUPATIONS, shanghaiDate, type jobBodySchema, type seekerBodySchema } from '@mwsp/domain';
import type { z } from 'zod';
import { SYSTEM_SCOPE, type Database } from '../../db/client.js';
import type { Principal } from '../../platform/access/principal.js';
import type { JobsService } from './jobs.service.js';
import * as referralsRepo from './referrals.repo.js';
import * as seed from './seed.repo.js';
import type { SeekersService } from './seekers.service.js';

const OCC = OCCUPATIONS.filter((o) => ['4', '5', '6'].includes(o.major));
const DAY = 86_400_000;
/** Records per transaction. */
const CHUNK = 100;

/**
 * Demo data of the employment module: postings across the city's townships (checked by the moderation), seekers
 * from the registry's workers, and a year of referrals with their outcomes and follow-ups on their dates. Set-based
 * (seed.repo.ts): the postings and seekers checked by their services as one created by a person (`prepareMany`,
 * `seedRows`), written in multi-row statements, one transaction per 100 records; no audit entry per record (the
 * caller, demo.ts, audits the load). The random draws and the rows are those of the former per-record path (one
 * `create` per posting, seeker and referral, then the referral moved to its dates). System use only (demo.ts).
 */
export class EmploymentSeedService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobsService,
    private readonly seekers: SeekersService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async seedDemo(
    actor: Principal,
    opts: { townships: string[]; employerIds: string[]; workerIds: string[]; postings: number; seed?: number },
  ): Promise<{ postings: number; seekers: number; referrals: number; hires: number }> {
    let x = opts.seed ?? 20261206;
    const rand = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const today = shanghaiDate(this.now());
    if (!opts.townships.length || !opts.employerIds.length) return { postings: 0, seekers: 0, referrals: 0, hires: 0 };
    const jobInputs: z.output<typeof jobBodySchema>[] = [];
    for (let i = 0; i < opts.postings; i++) {
      const o = pick(OCC);
      const min = (3000 + Math.floor(rand() * 30) * 100) * 100;
      jobInputs.push({
        employerId: pick(opts.employerIds),
        title: rand() < 0.3 ? `招聘${o.name}` : o.name,
        occupationCode: o.code,
        headcount: 1 + Math.floor(rand() * 20),
        wageMinFen: min,
        wageMaxFen: min + Math.floor(rand() * 20) * 10_000,
        regionCode: pick(opts.townships),
        address: '详见单位地址',
        requirements: { skills: [], certificates: o.licence && rand() < 0.6 ? [o.licence] : [], sex: 'any' },
        benefits: { housing: rand() < 0.5, meals: rand() < 0.5, insurance: rand() < 0.7 },
        validUntil: addDays(today, 30 + Math.floor(rand() * 150)),
        householdService: o.code.startsWith('4-10'),
        description: null,
      });
    }
    const seekerInputs: z.output<typeof seekerBodySchema>[] = opts.workerIds.map((workerId) => ({
      workerId,
      occupations: [pick(OCC).code],
      places: [],
      preference: pick(['local', 'local', 'outbound', 'any'] as const),
      minWageFen: (2800 + Math.floor(rand() * 20) * 100) * 100,
    }));

    // 岗位: published one chunk per transaction, a millisecond apart (the list's order of publication)
    const params = await this.jobs.wageParams();
    const jobs: { id: string; write: Awaited<ReturnType<JobsService['prepareMany']>>[number] }[] = [];
    const t0 = this.now().getTime() - jobInputs.length - opts.workerIds.length;
    for (let k = 0; k < jobInputs.length; k += CHUNK)
      await this.db.scoped(SYSTEM_SCOPE, async (tx) => {
        const writes = await this.jobs.prepareMany(tx, actor, jobInputs.slice(k, k + CHUNK), params);
        const rows = writes.map((w, i) => ({
          ...w,
          id: randomUUID(),
          ownerId: actor.userId,
          departmentId: actor.departmentId,
          at: new Date(t0 + k + i),
        }));
        await seed.insertJobs(tx, rows);
        jobs.push(...rows.map((r) => ({ id: r.id, write: r })));
      });

    // 求职登记: a worker not found or registered already is skipped
    const seekers: seed.SeekerInsert[] = [];
    const seekerIds: string[] = [];
    for (let k = 0; k < seekerInputs.length; k += CHUNK)
      await this.db.scoped(SYSTEM_SCOPE, async (tx) => {
        const rows = (await this.seekers.seedRows(tx, actor, seekerInputs.slice(k, k + CHUNK))).map((r, i) => ({
          ...r,
          at: new Date(t0 + jobInputs.length + k + i),
        }));
        const ids = await seed.insertSeekers(tx, rows);
        for (const r of rows) {
          const id = ids.get(r.workerId);
          if (!id) continue;
          seekers.push(r);
          seekerIds.push(id);
        }
      });

    // 职业介绍: a year of referrals on their dates, with their outcomes and a hire's follow-ups
    const referrals: (referralsRepo.ReferralInsert & { id: string; state: referralsRepo.ReferralState })[] = [];
    let hires = 0;
    seekerIds.forEach((seekerId, i) => {
      if (rand() < 0.4) return;
      const j = jobs[Math.floor(rand() * jobs.length)];
      const s = seekers[i];
      const createdAt = new Date(this.now().getTime() - Math.floor(rand() * 365) * DAY);
      const roll = rand();
      const outcome =
        roll < 0.35
          ? 'hired'
          : roll < 0.55
            ? 'refused'
            : roll < 0.65
              ? 'no_show'
              : roll < 0.8
                ? 'interviewed'
                : 'pending';
      if (outcome === 'hired') hires++;
      const on = outcome === 'pending' ? null : shanghaiDate(new Date(createdAt.getTime() + 7 * DAY));
      const outcomeOn = on && on > today ? today : on;
      // a hire's follow-ups done at 35 and 95 days, for a referral older than 100 days
      const done = outcome === 'hired' && createdAt.getTime() < this.now().getTime() - 100 * DAY;
      const doneAt = (days: number) => (done ? new Date(createdAt.getTime() + days * DAY) : null);
      referrals.push({
        id: randomUUID(),
        countyCode: s.countyCode,
        seekerId,
        workerId: s.workerId,
        seekerName: s.name,
        jobCountyCode: j.write.countyCode,
        jobId: j.id,
        jobTitle: j.write.title,
        employerId: j.write.employerId,
        employerName: j.write.employerName,
        jobRegionCode: j.write.regionCode,
        regionCode: s.regionCode,
        campaignId: null,
        impressionId: null,
        note: null,
        createdByName: actor.displayName,
        ownerId: actor.userId,
        departmentId: actor.departmentId,
        at: createdAt,
        state: {
          outcome,
          outcomeSource: outcome === 'pending' ? null : 'staff',
          outcomeOn,
          hiredOn: outcome === 'hired' ? outcomeOn : null,
          fu30DoneAt: doneAt(35),
          fu30StillEmployed: done ? true : null,
          fu90DoneAt: doneAt(95),
          fu90StillEmployed: done ? true : null,
        },
      });
    });
    for (let k = 0; k < referrals.length; k += CHUNK)
      await this.db.scoped(SYSTEM_SCOPE, async (tx) => {
        const chunk = referrals.slice(k, k + CHUNK);
        await referralsRepo.insertReferrals(tx, chunk);
        // a referred seeker leaves 'seeking' (as the referral's use case moves it)
        const byCounty = new Map<string, string[]>();
        for (const r of chunk) byCounty.set(r.countyCode, [...(byCounty.get(r.countyCode) ?? []), r.seekerId]);
        for (const [county, ids] of byCounty) await seed.markReferred(tx, county, ids, this.now());
      });
    return { postings: jobs.length, seekers: seekerIds.length, referrals: referrals.length, hires };
  }
}
