import { addDays, countyCodeOf, OCCUPATIONS, shanghaiDate } from '@mwsp/domain';
import { SYSTEM_SCOPE, type Database } from '../../db/client.js';
import type { Principal } from '../../platform/access/principal.js';
import type { JobsService } from './jobs.service.js';
import type { ReferralsService } from './referrals.service.js';
import * as seed from './seed.repo.js';
import type { SeekersService } from './seekers.service.js';

const OCC = OCCUPATIONS.filter((o) => ['4', '5', '6'].includes(o.major));
const DAY = 86_400_000;

/**
 * Demo data of the employment module: postings across the city's townships (published through the moderation),
 * seekers from the registry's workers, and a year of referrals with their outcomes and follow-ups (written through
 * the services, then moved to their dates). System use only (demo.ts); no route reaches it.
 */
export class EmploymentSeedService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobsService,
    private readonly seekers: SeekersService,
    private readonly referrals: ReferralsService,
  ) {}

  async seedDemo(
    actor: Principal,
    opts: { townships: string[]; employerIds: string[]; workerIds: string[]; postings: number; seed?: number },
  ): Promise<{ postings: number; seekers: number; referrals: number; hires: number }> {
    let x = opts.seed ?? 20261206;
    const rand = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const today = shanghaiDate();
    const jobIds: string[] = [];
    if (!opts.townships.length || !opts.employerIds.length) return { postings: 0, seekers: 0, referrals: 0, hires: 0 };
    for (let i = 0; i < opts.postings; i++) {
      const o = pick(OCC);
      const min = (3000 + Math.floor(rand() * 30) * 100) * 100;
      const j = await this.jobs.create(actor, {
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
      jobIds.push(j.id);
    }
    const seekerIds: string[] = [];
    for (const workerId of opts.workerIds) {
      try {
        const s = await this.seekers.create(actor, {
          workerId,
          occupations: [pick(OCC).code],
          places: [],
          preference: pick(['local', 'local', 'outbound', 'any'] as const),
          minWageFen: (2800 + Math.floor(rand() * 20) * 100) * 100,
        });
        seekerIds.push(s.id);
      } catch {
        // a worker registered already (a second run): skip it
      }
    }
    let referrals = 0;
    let hires = 0;
    for (const seekerId of seekerIds) {
      if (rand() < 0.4) continue;
      const r = await this.referrals.create(actor, { seekerId, jobId: pick(jobIds) }).catch(() => null);
      if (!r) continue;
      referrals++;
      const createdAt = new Date(Date.now() - Math.floor(rand() * 365) * DAY);
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
      const outcomeOn = outcome === 'pending' ? null : shanghaiDate(new Date(createdAt.getTime() + 7 * DAY));
      await this.db.scoped(SYSTEM_SCOPE, (tx) =>
        seed.backdateReferral(tx, countyCodeOf(r.regionCode), r.id, {
          createdAt,
          outcome,
          outcomeOn: outcomeOn && outcomeOn > today ? today : outcomeOn,
          followUpsDone: createdAt.getTime() < Date.now() - 100 * DAY,
        }),
      );
    }
    return { postings: jobIds.length, seekers: seekerIds.length, referrals, hires };
  }
}
