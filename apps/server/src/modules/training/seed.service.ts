import { addDays, countyCodeOf, OCCUPATIONS, type TrainingType } from '@mwsp/domain';
import type { Principal } from '../../platform/access/principal.js';
import type { HttpError } from '../../platform/http/errors.js';
import type { ClassesService } from './classes.service.js';
import type { EnrolmentsService } from './enrolments.service.js';
import type { SubsidiesService } from './subsidies.service.js';

/** Occupations the demo classes train (焊工, 电工, 家政服务员, 中式烹调师, 网约配送员 …: all in the code table). */
const DEMO_OCCUPATIONS = ['6-18-02-04', '6-31-01-03', '4-10-01-06', '4-03-02-01', '4-02-07-10'].filter((c) =>
  OCCUPATIONS.some((o) => o.code === c),
);
const TYPES: TrainingType[] = ['employment_skill', 'job_upgrade', 'employment_skill', 'work_safety', 'new_citizen'];

/** The demo generator acting at one level (the approval level is the length of its region). */
function actorAt(base: Principal, regionCode: string, dataScope: Principal['dataScope'] = 'region'): Principal {
  return {
    ...base,
    regionCode,
    dataScope,
    permissions: new Set(['training:read', 'training:handle', 'training:approve', 'training:rules']),
  };
}

const refused = (err: unknown) => (err as HttpError).status >= 400 && (err as HttpError).status < 500;

/**
 * A year of training for the demo city, through the module's own use cases (their checks apply): subsidy
 * standards, one approved institution per county, two classes a month at townships, trainees from the registry,
 * attendance, results, certificates, claims approved level by level and paid in a batch per county, and targets.
 */
export class TrainingSeedService {
  constructor(
    private readonly classes: ClassesService,
    private readonly enrolments: EnrolmentsService,
    private readonly subsidies: SubsidiesService,
  ) {}

  async seedDemo(
    base: Principal,
    opts: {
      cityCode: string;
      today: string;
      townships: string[];
      workersOf: (township: string) => Promise<string[]>;
      classes: number;
      seed?: number;
    },
  ): Promise<{ classes: number; enrolments: number; certificates: number; claims: number }> {
    const out = { classes: 0, enrolments: 0, certificates: 0, claims: 0 };
    if (opts.townships.length === 0 || DEMO_OCCUPATIONS.length === 0) return out;
    let x = opts.seed ?? 20261206;
    const rand = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const city = actorAt(base, opts.cityCode, 'all');
    const year = Number(opts.today.slice(0, 4));
    await this.rules(city, `${year - 1}-01-01`);
    const counties = [...new Set(opts.townships.map((t) => countyCodeOf(t)))];
    const institutions = new Map<string, string>();
    for (const county of counties) {
      const i = await this.classes.createInstitution(city, {
        name: `${county}职业技能培训学校（演示）`,
        kind: rand() < 0.7 ? 'designated' : 'technical_school',
        regionCode: county,
        occupations: DEMO_OCCUPATIONS,
      });
      await this.classes.updateInstitution(city, i.id, {
        status: 'approved',
        validFrom: `${year - 1}-01-01`,
        validTo: `${year + 2}-12-31`,
      });
      institutions.set(county, i.id);
    }
    const start0 = addDays(opts.today, -330);
    for (let n = 0; n < opts.classes; n++) {
      const township = opts.townships[Math.floor(rand() * opts.townships.length)];
      const occupation = DEMO_OCCUPATIONS[n % DEMO_OCCUPATIONS.length];
      const startDate = addDays(start0, Math.floor((n * 330) / opts.classes));
      const endDate = addDays(startDate, 13);
      const sessions = 10;
      const clerk = actorAt(base, township);
      const c = await this.classes.createClass(clerk, {
        name: `${OCCUPATIONS.find((o) => o.code === occupation)!.name}培训班（第 ${n + 1} 期）`,
        institutionId: institutions.get(countyCodeOf(township))!,
        occupationCode: occupation,
        trainingType: TYPES[n % TYPES.length],
        startDate,
        endDate,
        sessions,
        capacity: 30,
        regionCode: township,
        teacher: `${['赵', '钱', '孙', '李'][n % 4]}老师`,
      });
      out.classes++;
      const ids: string[] = [];
      for (const workerId of (await opts.workersOf(township)).slice(0, 12)) {
        try {
          ids.push((await this.enrolments.enrol(clerk, c.id, { workerId })).id);
        } catch (err) {
          if (!refused(err)) throw err; // overlap or one-a-year: the rules at work, skip the person
        }
      }
      out.enrolments += ids.length;
      if (endDate >= opts.today) continue; // still running
      for (let s = 1; s <= sessions; s++)
        await this.enrolments.recordAttendance(clerk, c.id, { session: s, present: ids.filter(() => rand() < 0.92) });
      for (const id of ids) {
        const pass = rand() < 0.85;
        await this.enrolments.setResult(clerk, c.id, id, {
          examResult: pass ? 'pass' : 'fail',
          examScore: pass ? 60 + Math.floor(rand() * 40) : 40 + Math.floor(rand() * 19),
          status: pass ? 'completed' : 'failed',
          employedOn: pass && rand() < 0.7 ? addDays(endDate, 10 + Math.floor(rand() * 60)) : null,
        });
        if (!pass) continue;
        const kind = occupation.startsWith('6-') ? 'skill_level' : rand() < 0.5 ? 'special_ability' : 'training';
        await this.enrolments.issueCertificate(clerk, c.id, id, {
          kind,
          level: kind === 'skill_level' ? '5' : null,
          number: `Z${c.id.slice(0, 6).toUpperCase()}${id.slice(0, 6).toUpperCase()}`,
          issuedOn: addDays(endDate, 7),
        });
        out.certificates++;
        try {
          await this.subsidies.createClaim(clerk, {
            enrolmentId: id,
            payeeName: '学员本人（演示）',
            account: '6222021234567890128',
            bankName: '中国工商银行',
          });
          out.claims++;
        } catch (err) {
          if (!refused(err)) throw err; // a condition not met (attendance): no claim
        }
      }
    }
    await this.approveAll(base, opts);
    for (const county of counties)
      await this.subsidies.createBatch(city, county).catch((err: unknown) => {
        if (!refused(err)) throw err; // nothing approved in the county
      });
    await this.classes.setTarget(city, { regionCode: opts.cityCode, year, personTimes: Math.max(100, out.enrolments) });
    for (const county of counties.slice(0, 3))
      await this.classes.setTarget(city, {
        regionCode: county,
        year,
        personTimes: 60,
        trainingType: 'employment_skill',
      });
    return out;
  }

  /** Subsidy standards (补贴标准): general, skill-level certificates, and the enterprise rule (Altay 二). */
  private async rules(city: Principal, validFrom: string): Promise<void> {
    const common = { requireCertificate: true, minAttendancePct: 80, validFrom };
    await this.subsidies.createRule(city, {
      ...common,
      name: '就业技能培训补贴',
      trainingType: 'employment_skill',
      amountFen: 80_000,
    });
    await this.subsidies.createRule(city, {
      ...common,
      name: '岗位技能提升培训补贴（职业技能等级证书）',
      trainingType: 'job_upgrade',
      certificateKind: 'skill_level',
      amountFen: 150_000,
    });
    await this.subsidies.createRule(city, { ...common, name: '安全生产和新市民培训补贴', amountFen: 30_000 });
    await this.subsidies.createRule(city, {
      ...common,
      name: '企业新招用新疆籍劳动者培训补贴（不超过标准 50%）',
      payee: 'enterprise',
      sharePct: 50,
      amountFen: 80_000,
      minContractMonths: 12,
      originProvince: '65',
    });
  }

  /** Most claims go through township → county → city; the newest stay in the queues. */
  private async approveAll(base: Principal, opts: { cityCode: string }): Promise<void> {
    const city = actorAt(base, opts.cityCode, 'all');
    const pending = await this.subsidies.listClaims(city, { page: 1, pageSize: 200, status: undefined });
    const claims = pending.items.filter((c) => c.status.startsWith('pending_')).slice(0, -8);
    for (const c of claims) {
      const at = (region: string) => actorAt(base, region);
      const steps: Principal[] = [];
      if (c.status === 'pending_township') steps.push(at(c.regionCode.slice(0, 9)));
      if (c.status !== 'pending_city') steps.push(at(c.regionCode.slice(0, 6)));
      steps.push(city);
      for (const p of steps) await this.subsidies.decide(p, c.id, 'approve', '演示审核');
    }
  }
}
