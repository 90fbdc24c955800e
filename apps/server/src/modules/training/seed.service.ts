import { randomUUID } from 'node:crypto';
import {
  addDays,
  CERTIFICATE_KIND_LABELS,
  CLAIM_STEP,
  computeSubsidy,
  countyCodeOf,
  maskName,
  OCCUPATIONS,
  SKILL_LEVEL_LABELS,
  subsidyPeriodKey,
  type TrainingType,
} from '@mwsp/domain';
import { SYSTEM_SCOPE, type Database } from '../../db/client.js';
import type { Principal } from '../../platform/access/principal.js';
import type { DomainEvent, EventLog } from '../../platform/events/events.js';
import { isRefusal } from '../../platform/http/errors.js';
import { occupationName, type ClassesService } from './classes.service.js';
import {
  CERTIFICATE_ISSUED,
  enrolmentRefusal,
  personPeriodOf,
  type CertificateIssuedData,
  type EnrolmentsService,
} from './enrolments.service.js';
import type { CertificateRow } from './enrolments.repo.js';
import * as seedRepo from './seed.repo.js';
import { listRules, type ClaimRow } from './subsidies.repo.js';
import { claimKeyOf, newClaimOf, type SubsidiesService } from './subsidies.service.js';

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

/** The demo trainees' bank card (a valid test number). */
const DEMO_ACCOUNT = '6222021234567890128';

/**
 * A year of training for the demo city: subsidy standards, one approved institution per county and two classes a month
 * at townships through the module's own use cases (their checks apply); each class's trainees from the registry,
 * attendance, results, certificates and subsidy claims approved level by level in one transaction per class
 * (`writeClass`: set-based, the enrolment's checks kept, the timeline events published, the load audited once by
 * the caller); then a payment batch per county and the targets through the use cases again.
 */
export class TrainingSeedService {
  constructor(
    private readonly classes: ClassesService,
    private readonly enrolments: EnrolmentsService,
    private readonly subsidies: SubsidiesService,
    private readonly db: Database,
    private readonly events: EventLog,
    private readonly now: () => Date,
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
      const r = await this.writeClass(clerk, c.id, await opts.workersOf(township), {
        today: opts.today,
        rand,
        pendingAfter: opts.classes - n <= 1 ? 8 : 0,
      });
      out.enrolments += r.enrolments;
      out.certificates += r.certificates;
      out.claims += r.claims;
    }
    for (const county of counties)
      await this.subsidies.createBatch(city, county).catch((err: unknown) => {
        if (!isRefusal(err)) throw err; // nothing approved in the county
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

  /**
   * One class's year in one transaction (system scope): its trainees (the registry's workers, resolved first: on Citus
   * a definer may not read shards the transaction already wrote), the same checks as an enrolment (already in the
   * class, an overlapping class, the one-subsidy-a-year rule, the capacity), then — for a class that has ended —
   * attendance of every session, results, certificates and the subsidy claims with the amount the rules give,
   * approved township → county → city (the last `pendingAfter` claims of the demo stay in their first queue).
   * Each table is one multi-row statement (seed.repo.ts; the people are locked one by one); the 一人一档 timeline
   * events the per-record use cases publish (报名, 结业, 取得证书) are published in one batch; no audit row per
   * record (the caller audits the load).
   * The random draws are those of the per-record path, in the same order.
   */
  private async writeClass(
    clerk: Principal,
    classId: string,
    workerIds: string[],
    o: { today: string; rand: () => number; pendingAfter: number },
  ): Promise<{ enrolments: number; certificates: number; claims: number }> {
    const { rand } = o;
    return this.db.scoped(SYSTEM_SCOPE, async (tx) => {
      const c = await this.enrolments.classForImport(tx, clerk, classId);
      const resolved: Awaited<ReturnType<EnrolmentsService['resolveWorker']>>[] = [];
      for (const workerId of workerIds.slice(0, 12)) {
        try {
          resolved.push(await this.enrolments.resolveWorker(tx, { workerId }));
        } catch (err) {
          if (!isRefusal(err)) throw err;
        }
      }
      const rules = await this.enrolments.rules(tx);
      const periodKey = subsidyPeriodKey(c.endDate, rules.subsidyPeriod);
      const people = await seedRepo.lockPeople(
        tx,
        resolved.map((w) => w.idBidx),
      );
      const owned = { regionCode: c.regionCode, ownerId: c.ownerId, departmentId: c.departmentId };
      // the enrolment's checks (enrolmentRefusal, as enrolIn applies them): a refused person is skipped
      const admitted: typeof resolved = [];
      for (const w of resolved) {
        const periods = people.get(w.idBidx) ?? [];
        if (admitted.some((x) => x.idBidx === w.idBidx) || enrolmentRefusal(periods, c, rules, periodKey)) continue;
        if (c.enrolled + admitted.length >= c.capacity) continue;
        admitted.push(w);
      }
      const ended = c.endDate < o.today;
      // the outcome of each trainee, drawn as the per-record path draws it: attendance session by session, then
      // per trainee the result, score, employment and certificate kind
      const present = admitted.map(() => 0);
      const marks: boolean[][] = admitted.map(() => []);
      if (ended)
        for (let s = 1; s <= c.sessions; s++)
          admitted.forEach((_, k) => {
            const here = rand() < 0.92;
            marks[k].push(here);
            if (here) present[k]++;
          });
      const results = admitted.map(() => {
        if (!ended) return null;
        const pass = rand() < 0.85;
        const score = pass ? 60 + Math.floor(rand() * 40) : 40 + Math.floor(rand() * 19);
        if (!pass) return { pass, score, employedOn: null, kind: null };
        const employedOn = rand() < 0.7 ? addDays(c.endDate, 10 + Math.floor(rand() * 60)) : null;
        const kind: CertificateRow['kind'] = c.occupationCode.startsWith('6-')
          ? 'skill_level'
          : rand() < 0.5
            ? 'special_ability'
            : 'training';
        return { pass, score, employedOn, kind };
      });
      const ids = await seedRepo.insertEnrolments(
        tx,
        admitted.map((w, k) => {
          const r = results[k];
          return {
            countyCode: c.countyCode,
            classId: c.id,
            workerId: w.id,
            idBidx: w.idBidx,
            workerName: maskName(w.name) ?? '',
            idMasked: w.idMasked,
            originProvince: w.origin,
            status: !r ? 'enrolled' : r.pass ? 'completed' : 'failed',
            examResult: !r ? null : r.pass ? 'pass' : 'fail',
            examScore: r?.score ?? null,
            completedOn: r?.pass ? c.endDate : null,
            employedOn: r?.employedOn ?? null,
            contractMonths: null,
            attended: present[k],
            ...owned,
          };
        }),
      );
      const rows = admitted
        .map((w, k) => ({ w, k, id: ids.get(w.idBidx) }))
        .filter((x): x is { w: (typeof admitted)[number]; k: number; id: string } => !!x.id);
      await seedRepo.takeSeats(tx, c.countyCode, c.id, rows.length);
      await seedRepo.writePeople(
        tx,
        rows.map(({ w, id }) => ({
          idBidx: w.idBidx,
          countyCode: c.countyCode,
          regionCode: c.regionCode,
          periods: [...(people.get(w.idBidx) ?? []), personPeriodOf(c, id, periodKey)],
        })),
      );
      const occupation = occupationName(c.occupationCode);
      const events: DomainEvent[] = rows.map(({ w, id }) => ({
        type: 'training.enrolled',
        subjectType: 'worker',
        subjectId: w.id,
        regionCode: w.residence ?? c.regionCode,
        summary: `报名参加${occupation}培训（${c.name}，${c.startDate} 至 ${c.endDate}）`,
        data: { classId: c.id, enrolmentId: id },
      }));
      const out = { enrolments: rows.length, certificates: 0, claims: 0 };
      if (!ended) {
        await this.events.emit(tx, clerk, events);
        return out;
      }
      await seedRepo.insertAttendance(
        tx,
        rows.flatMap(({ k, id }) =>
          marks[k].map((here, s) => ({
            countyCode: c.countyCode,
            enrolmentId: id,
            session: s + 1,
            present: here,
            ...owned,
          })),
        ),
      );
      const passed = rows.filter(({ k }) => results[k]?.pass);
      for (const { w, id } of passed)
        events.push({
          type: 'training.completed',
          subjectType: 'worker',
          subjectId: w.id,
          regionCode: c.regionCode,
          summary: `${occupation}培训结业（${c.name}）`,
          data: { classId: c.id, enrolmentId: id },
        });
      const issuedOn = addDays(c.endDate, 7);
      const certificates = passed.map(({ w, k, id }) => {
        const kind = results[k]!.kind!;
        return {
          countyCode: c.countyCode,
          enrolmentId: id,
          workerId: w.id,
          kind,
          level: kind === 'skill_level' ? ('5' as const) : null,
          number: `Z${c.id.slice(0, 6).toUpperCase()}${id.slice(0, 6).toUpperCase()}`,
          issuedOn,
          occupationCode: c.occupationCode,
          ...owned,
        };
      });
      const certIds = await seedRepo.insertCertificates(tx, certificates);
      for (const cert of certificates) {
        const certificateId = certIds.get(cert.enrolmentId);
        if (!certificateId) continue;
        out.certificates++;
        const data: CertificateIssuedData = {
          certificateId,
          kind: cert.kind,
          level: cert.level,
          occupationCode: c.occupationCode,
          issuedOn,
        };
        events.push({
          type: CERTIFICATE_ISSUED,
          subjectType: 'worker',
          subjectId: cert.workerId,
          regionCode: c.regionCode,
          summary:
            `取得${occupation}${CERTIFICATE_KIND_LABELS[cert.kind]}` +
            `${cert.level ? `（${SKILL_LEVEL_LABELS[cert.level]}）` : ''}`,
          data: { ...data },
        });
      }
      await this.events.emit(tx, clerk, events);
      if (!c.subsidised) return out;
      // the claims (subsidies.service.ts createClaim): the amount the rules give; unmet conditions: no claim
      const subsidyRules = await listRules(tx, true);
      const at = this.now().toISOString();
      const claims: Omit<ClaimRow, 'createdAt' | 'batchId'>[] = [];
      for (const { w, k, id } of passed) {
        if (!certIds.has(id)) continue;
        const r = computeSubsidy(subsidyRules, {
          occupationCode: c.occupationCode,
          trainingType: c.trainingType as TrainingType,
          classEndDate: c.endDate,
          sessions: c.sessions,
          attendedSessions: present[k],
          completed: true,
          certificates: [{ kind: results[k]!.kind!, issuedOn }],
          employedOn: results[k]!.employedOn,
          payee: c.payee,
          originProvince: w.origin,
          contractMonths: null,
        });
        if (!r.ok) continue;
        claims.push(
          newClaimOf(c, { enrolmentId: id, idBidx: w.idBidx, workerName: maskName(w.name) ?? '' }, r, {
            id: randomUUID(),
            periodKey,
            payeeName: '学员本人（演示）',
            account: this.subsidies.sealAccount(DEMO_ACCOUNT),
            bankName: '中国工商银行',
            at,
            by: clerk.displayName,
          }),
        );
      }
      const free = await seedRepo.takeClaimKeys(
        tx,
        claims.map((x) => ({
          key: claimKeyOf(x.idBidx, x.occupationCode, x.periodKey),
          countyCode: x.countyCode,
          claimId: x.id,
          regionCode: x.regionCode,
        })),
      );
      const filed = claims.filter((x) => free.has(x.id));
      // approved level by level (乡镇 → 区县 → 市), as the reviewers of each level decide them
      filed.slice(0, Math.max(0, filed.length - o.pendingAfter)).forEach((x) => {
        for (let step = CLAIM_STEP[x.status as keyof typeof CLAIM_STEP]; step;) {
          x.steps.push({ at, level: step.level, action: 'approve', by: clerk.displayName, note: '演示审核' });
          x.status = step.next as ClaimRow['status'];
          step = CLAIM_STEP[x.status as keyof typeof CLAIM_STEP];
        }
      });
      await seedRepo.insertClaims(tx, filed);
      out.claims = filed.length;
      return out;
    });
  }
}
