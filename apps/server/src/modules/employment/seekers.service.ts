import {
  countyCodeOf,
  OCCUPATION_BY_CODE,
  occupationMiddle,
  PLACE_PREFERENCE_LABELS,
  SEEKER_STALE_DAYS,
  SEEKER_STATUS_LABELS,
  seekerBodySchema,
  seekerListQuerySchema,
  seekerUpdateSchema,
  type Seeker,
} from '@mwsp/domain';
import type { SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Executor } from '../../db/client.js';
import { access, requireInScope, scopeFilter } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import { badRequest, conflict, isRefusal } from '../../platform/http/errors.js';
import type { RegistryPort } from '../registry/index.js';
import { occupationName } from './jobs.service.js';
import * as regions from './regions.repo.js';
import type { SeekerInsert } from './seed.repo.js';
import * as moves from './seekerMoves.repo.js';
import * as repo from './seekers.repo.js';

/** The worker's fields whose change a seeker follows (the registry's worker.updated `data.fields`). */
const FOLLOWED_FIELDS = ['residenceRegionCode', 'name', 'idNumber'];

type SeekerBody = z.output<typeof seekerBodySchema>;
type SeekerUpdate = z.output<typeof seekerUpdateSchema>;
const NOT_FOUND = '求职登记不存在或不在您的管辖范围内';
const DAY_MS = 86_400_000;
/** A registry worker as the registry's port answers it (found and in scope). */
type WorkerProfile = NonNullable<Awaited<ReturnType<RegistryPort['workerProfile']>>>;

export function ageOn(birthDate: string, today: Date): number {
  const b = new Date(`${birthDate}T00:00:00Z`);
  let age = today.getUTCFullYear() - b.getUTCFullYear();
  const m = today.getUTCMonth() - b.getUTCMonth();
  if (m < 0 || (m === 0 && today.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

/** The seeker's wanted occupations and skills' 中类: what postings' occupation prefixes are matched against. */
export function middlesOf(occupations: string[], skills: { occupationCode: string }[]): string[] {
  return [...new Set([...occupations, ...skills.map((s) => s.occupationCode)].map(occupationMiddle))];
}

/** What a seeker wants (the body of `create` and `update`), as the seeker's row stores it. */
function wantedOf(input: SeekerBody | SeekerUpdate, places: string[], skills: { occupationCode: string }[]) {
  return {
    occupations: input.occupations,
    occMiddles: middlesOf(input.occupations, skills),
    places,
    preference: input.preference,
    minWageFen: input.minWageFen,
    availableFrom: input.availableFrom ?? null,
    note: input.note ?? null,
  };
}

/**
 * 求职登记: a registry worker (through the registry's port: name, residence, skills) with wanted occupations,
 * places, the 就地就近/外出 preference and a minimum wage, registered at any of the four levels. A seeker not
 * reconfirmed for 90 days is stale and out of the matching pool until reconfirmed.
 *
 * Training's seam: `addCertificate(tx, workerId, …)` — the training module, on a certificate obtained, adds it to
 * the worker's seeker record (it will call it from a listener of its own event; nothing else is needed here).
 */
export class SeekersService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly registry: RegistryPort,
    private readonly now: () => Date,
  ) {}

  isStale(r: { reconfirmedAt: Date }): boolean {
    return this.now().getTime() - new Date(r.reconfirmedAt).getTime() > SEEKER_STALE_DAYS * DAY_MS;
  }

  out(r: repo.SeekerRow): Seeker {
    return {
      id: r.id,
      workerId: r.workerId,
      name: r.name,
      sex: r.sex,
      age: ageOn(r.birthDate, this.now()),
      regionCode: r.regionCode,
      regionName: r.regionName,
      occupations: r.occupations.map((code) => ({ code, name: occupationName(code) })),
      places: r.places,
      preference: r.preference,
      preferenceName: PLACE_PREFERENCE_LABELS[r.preference],
      minWageFen: r.minWageFen,
      availableFrom: r.availableFrom,
      skills: r.skills.map((s) => ({ occupationCode: s.occupationCode, certificate: s.certificate ?? null })),
      note: r.note,
      status: r.status,
      statusName: SEEKER_STATUS_LABELS[r.status],
      stale: this.isStale(r),
      reconfirmedAt: r.reconfirmedAt as unknown as string,
      registeredBy: r.registeredRegion,
      createdAt: r.createdAt as unknown as string,
      version: r.version,
    };
  }

  private async checkWanted(tx: Executor, occupations: string[], places: string[]): Promise<void> {
    occupations.forEach((o, i) => {
      if (!OCCUPATION_BY_CODE.has(o))
        throw badRequest('意向工种不在职业分类代码表中', [{ path: `occupations.${i}`, message: '职业代码无效' }]);
    });
    for (const [i, place] of places.entries())
      if (!(await regions.regionExists(tx, place)))
        throw badRequest('意向工作地不存在', [{ path: `places.${i}`, message: '行政区划不存在' }]);
  }

  /** Loads a seeker in the caller's scope (404 otherwise); `extra`: more select-list items (repo.findSeeker). */
  async load<X extends object = object>(
    tx: Executor,
    p: Principal,
    id: string,
    extra?: SQL,
  ): Promise<repo.SeekerRow & X> {
    return requireInScope(p, await repo.findSeeker<X>(tx, id, undefined, extra), NOT_FOUND, (r) => ({
      regionCode: r.regionCode,
      ownerId: r.ownerId,
      departmentId: r.departmentId,
    }));
  }

  /** The row `create` inserts (and `seedRows` answers) for the worker registered by `p`. */
  private seekerRowOf(p: Principal, w: WorkerProfile, input: SeekerBody, places: string[]): SeekerInsert {
    const skills = (w.skills ?? []).map((s) => ({ occupationCode: s.occupationCode, certificate: s.certificate }));
    return {
      countyCode: countyCodeOf(w.regionCode),
      workerId: w.id,
      name: w.name,
      sex: w.sex,
      birthDate: w.birthDate,
      regionCode: w.regionCode,
      skills,
      ...wantedOf(input, places, skills),
      registeredRegion: p.regionCode,
      ownerId: p.userId,
      departmentId: p.departmentId,
      at: this.now(),
    };
  }

  async create(p: Principal, input: SeekerBody): Promise<Seeker> {
    access(p, 'employment:handle');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const w = await this.registry.workerProfile(tx, input.workerId);
      if (!w) throw badRequest('务工人员不存在或不在您的管辖范围内', [{ path: 'workerId', message: '务工人员不存在' }]);
      access(p, 'employment:handle', { regionCode: w.regionCode });
      const places = input.places as string[];
      await this.checkWanted(tx, input.occupations, places);
      const row = this.seekerRowOf(p, w, input, places);
      const { countyCode } = row;
      const id = await repo.insertSeeker(tx, row);
      if (!id) {
        const existing = await repo.findSeekerByWorker(tx, countyCode, w.id);
        throw conflict('该务工人员已有求职登记，请修改原登记', 'DUPLICATE', { existingId: existing?.id ?? null });
      }
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'seeker.registered',
        outcome: 'success',
        objectType: 'job_seeker',
        objectId: id,
      });
      return this.out((await repo.findSeeker(tx, id, countyCode))!);
    });
  }

  /**
   * The demo seed's registrations (seed.service.ts): each checked as `create` checks it (a worker not found, out of
   * scope or with a wanted occupation or place refused is skipped, as the seed skipped a refused `create`), answered
   * as the rows `create` inserts, in order. Nothing is written: the seed inserts them set-based and audits its load.
   */
  async seedRows(tx: Executor, p: Principal, inputs: SeekerBody[]): Promise<SeekerInsert[]> {
    access(p, 'employment:handle');
    const out: SeekerInsert[] = [];
    for (const input of inputs) {
      const w = await this.registry.workerProfile(tx, input.workerId);
      if (!w) continue;
      try {
        access(p, 'employment:handle', { regionCode: w.regionCode });
        await this.checkWanted(tx, input.occupations, input.places as string[]);
      } catch (err) {
        if (isRefusal(err)) continue;
        throw err;
      }
      out.push(this.seekerRowOf(p, w, input, input.places as string[]));
    }
    return out;
  }

  async update(p: Principal, id: string, input: SeekerUpdate): Promise<Seeker> {
    access(p, 'employment:handle');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const row = await this.load(tx, p, id);
      const places = input.places as string[];
      await this.checkWanted(tx, input.occupations, places);
      const ok = await repo.updateSeeker(
        tx,
        row.countyCode,
        id,
        input.version,
        { ...wantedOf(input, places, row.skills), status: input.status },
        this.now(),
      );
      if (!ok) throw conflict('求职登记已被他人修改，请刷新后重试', 'VERSION_CONFLICT');
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'seeker.updated',
        outcome: 'success',
        objectType: 'job_seeker',
        objectId: id,
      });
      return this.out((await repo.findSeeker(tx, id, row.countyCode))!);
    });
  }

  /** 确认求职意向: the seeker is still looking; back in the matching pool for another 90 days. */
  async reconfirm(p: Principal, id: string): Promise<Seeker> {
    access(p, 'employment:handle');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const row = await this.load(tx, p, id);
      if (row.status === 'employed') throw conflict('该人员已就业，无需确认求职意向');
      await repo.reconfirm(tx, row.countyCode, id, this.now());
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'seeker.reconfirmed',
        outcome: 'success',
        objectType: 'job_seeker',
        objectId: id,
      });
      return this.out((await repo.findSeeker(tx, id, row.countyCode))!);
    });
  }

  async get(p: Principal, id: string): Promise<Seeker> {
    access(p, 'employment:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => this.out(await this.load(tx, p, id)));
  }

  async list(p: Principal, q: z.output<typeof seekerListQuerySchema>) {
    access(p, 'employment:read');
    const cutoff = new Date(this.now().getTime() - SEEKER_STALE_DAYS * DAY_MS);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const { rows, total } = await repo.listSeekers(
        tx,
        {
          name: q.q,
          status: q.status,
          staleBefore: q.stale === 'true' ? cutoff : undefined,
          freshSince: q.stale === 'false' ? cutoff : undefined,
          occupationCode: q.occupationCode,
          regionCode: q.regionCode,
          ...scopeFilter(p),
        },
        { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
      );
      return { items: rows.map((r) => this.out(r)), total, page: q.page, pageSize: q.pageSize };
    });
  }

  /**
   * A certificate the worker obtained joins the skills of the worker's seeker record, in the caller's transaction.
   * `countyCode` is the county of the worker's residence.
   */
  async addCertificate(
    tx: Executor,
    countyCode: string,
    workerId: string,
    skill: { occupationCode: string; certificate: string },
  ): Promise<number> {
    return repo.addSkill(tx, countyCode, workerId, skill, occupationMiddle(skill.occupationCode), this.now());
  }

  /**
   * The registry's event (worker.updated, in its transaction): the worker's seeker follows the worker — to the
   * county of the new residence with its referrals, outcomes and impressions, and with the new name, sex and birth
   * date (the ID number's). Facts read through the registry's port as they are now: a replayed event finds nothing
   * to do. A change of other fields (phone, bank card …) is not looked at.
   */
  async workerChanged(tx: Executor, workerId: string, fields?: unknown): Promise<number> {
    if (Array.isArray(fields) && !fields.some((f) => FOLLOWED_FIELDS.includes(f as string))) return 0;
    const w = await this.registry.workerProfile(tx, workerId);
    if (!w) return 0;
    return moves.followWorker(tx, workerId, {
      regionCode: w.regionCode,
      name: w.name,
      sex: w.sex,
      birthDate: w.birthDate,
    });
  }

  /**
   * The registry's event (worker.merged, in its transaction): the duplicate's seeker passes to the survivor (or
   * joins the survivor's own), in the survivor's county. Replay-safe: the duplicate has no seeker left.
   */
  async workerMerged(tx: Executor, survivorId: string, duplicateId: string): Promise<number> {
    const w = await this.registry.workerProfile(tx, survivorId);
    if (!w) return 0;
    const facts = { regionCode: w.regionCode, name: w.name, sex: w.sex, birthDate: w.birthDate };
    return moves.mergeWorker(tx, duplicateId, survivorId, facts);
  }

  /**
   * The training module's event (training.certificate_issued, in its transaction): the certificate joins the
   * skills the worker is matched on, e.g. "职业技能等级证书（四级/中级工）" for 焊工. No seeker record: nothing to do.
   */
  certificateIssued(tx: Executor, workerId: string, c: { occupationCode: string; certificate: string }) {
    const skill = { occupationCode: c.occupationCode, certificate: c.certificate };
    return repo.addSkillOfWorker(tx, workerId, skill, occupationMiddle(c.occupationCode), this.now());
  }
}
