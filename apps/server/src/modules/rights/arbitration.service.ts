import {
  addDays,
  CLAIM_KIND_LABELS,
  isWithinRegion,
  minimumWageFor,
  smallClaimsRule,
  type ArbitrationApplyInput,
  type WageParams,
} from '@mwsp/domain';
import { type Database, type Executor } from '../../db/client.js';
import { access } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { CaseService, OpenCaseInput, Party, TypeHooks } from '../../platform/cases/cases.service.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { badRequest, conflict, fieldError } from '../../platform/http/errors.js';
import type { FieldValue } from '../../platform/cases/transition.js';
import type { RegistryPort } from '../registry/index.js';
import type { WagesPort } from '../wages/index.js';
import { ARBITRATION_TYPE, GREEN_CHANNEL, HEARING_NOTICE_DAYS } from './arbitration.rules.js';
import * as repo from './mediation.repo.js';

export type Claim = { kind: keyof typeof CLAIM_KIND_LABELS; amountFen: number | null; description: string };

/** The small-claims rule as shown on the case and stored on the award (第四十七条). */
export interface SmallClaims {
  minimumWageFen: number;
  tier: string;
  thresholdFen: number;
  final: boolean;
}

/** The applicant and dispute of a direct application (mediation or arbitration). */
export type DisputeApplication = Omit<ArbitrationApplyInput, 'regionCode'>;

const claimsOf = (v: unknown): Claim[] => (Array.isArray(v) ? (v as Claim[]) : []);

/**
 * 劳动人事争议仲裁: applications filed at the committee (or opened from a complaint or a failed mediation), with
 * the green channel (绿色通道: a migrant worker's wage claim — the applicant a registry worker or declared 农民工 —
 * flagged at filing, sorted first, accepted within the shorter clock of the type) and the small-claims final-award
 * rule (第四十七条) computed from the wage module's minimum wage for the case's region: shown on the case from
 * filing, recomputed and stored on the award.
 */
export class ArbitrationService {
  constructor(
    private readonly db: Database,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditLog,
    private readonly cases: CaseService,
    private readonly registry: RegistryPort,
    private readonly wages: WagesPort,
    private readonly cityCode: string,
    private readonly now: () => Date,
  ) {}

  /** The hooks of the arbitration case type (registered by the module). */
  hooks(): TypeHooks<WageParams> {
    return {
      prepare: () => this.wages.params(),
      onOpen: async (_tx, input, params) => this.onOpen(input, params),
      onTransition: async (_tx, _p, c, decided, params) => {
        if (decided.event === 'hearing') return this.hearingNotice(decided.fields, decided.today);
        if (decided.event === 'legal_aid' && c.data.legal_aid !== undefined)
          throw conflict('本仲裁案件已转法律援助，不能重复转办（请在关联案件中查看）', 'LEGAL_AID_OPENED');
        if (decided.event !== 'award') return;
        const rule = this.smallClaims(params, c.regionCode, claimsOf(c.data.claims));
        return {
          finalAward: rule?.final ?? false,
          smallClaimsThresholdFen: rule?.thresholdFen ?? null,
          minimumWageFen: rule?.minimumWageFen ?? null,
        };
      },
    };
  }

  /**
   * 第三十五条: the hearing is notified in writing 5 days before it. The notice's day (today unless given) is recorded;
   * a hearing closer than that is refused.
   */
  private hearingNotice(fields: Readonly<Record<string, FieldValue>>, today: string) {
    const noticeOn = typeof fields.noticeOn === 'string' ? fields.noticeOn : today;
    const hearingOn = String(fields.hearingOn);
    if (noticeOn > today) throw fieldError('fields.noticeOn', `书面通知送达日期不能晚于今天（${today}）`);
    const earliest = addDays(noticeOn, HEARING_NOTICE_DAYS);
    if (hearingOn < earliest)
      throw fieldError(
        'fields.hearingOn',
        `开庭日期须在书面通知送达 ${HEARING_NOTICE_DAYS} 日后（劳动争议调解仲裁法第三十五条）：` +
          `通知于 ${noticeOn} 送达，开庭日期最早为 ${earliest}`,
      );
    return { noticeOn };
  }

  /** 第四十七条 for the region's minimum wage; null when the parameters have none for the region. */
  smallClaims(params: WageParams | undefined, regionCode: string, claims: Claim[]): SmallClaims | null {
    const mw = params ? minimumWageFor(params, regionCode) : null;
    if (!mw) return null;
    return { minimumWageFen: mw.monthlyFen, tier: mw.tier, ...smallClaimsRule(claims, mw.monthlyFen) };
  }

  /**
   * On opening (directly or from a complaint or mediation): the claims come from the application or the parent
   * case; the green channel when wages are claimed by a registry worker or a declared migrant worker.
   */
  private onOpen(input: OpenCaseInput, params: WageParams | undefined) {
    const src = { ...(input.parent?.data ?? {}), ...input.data };
    const claims = claimsOf(src.claims);
    const migrantWorker = src.migrantWorker === true;
    const registryWorker = input.parties.some((x) => x.kind === 'worker');
    const green = claims.some((c) => c.kind === 'wages') && (migrantWorker || registryWorker);
    return {
      data: {
        claims,
        claimedFen: claims.reduce((s, c) => s + (c.amountFen ?? 0), 0),
        migrantWorker,
        smallClaims: this.smallClaims(params, input.regionCode, claims),
        ...(input.parent ? { openedFromType: input.parent.type } : {}),
      },
      flags: green ? [GREEN_CHANNEL] : [],
    };
  }

  async checkRegion(tx: Executor, regionCode: string): Promise<void> {
    const problem =
      regionCode.length < 6
        ? '所在地请选择到区（县）或更下级'
        : !isWithinRegion(regionCode, this.cityCode)
          ? '所在地须在本市范围内'
          : !(await repo.regionExists(tx, regionCode))
            ? '所在地不存在'
            : null;
    if (problem) throw badRequest(problem, [{ path: 'regionCode', message: problem }]);
  }

  /**
   * Opens a mediation or arbitration case of a direct application and writes its applicant, in the caller's
   * transaction (the caller ran `cases.prepare()` before it).
   */
  async file(
    tx: Executor,
    p: Principal,
    type: string,
    regionCode: string,
    input: DisputeApplication,
    /** `demo`: generated demo data, without an owner or a department (README "Data scopes"). */
    extra: { title: string; orgId?: string | null; data?: Record<string, unknown>; demo?: boolean },
    when?: Date,
  ) {
    if (input.workerId && !(await this.registry.workerRef(tx, input.workerId)))
      throw badRequest('务工人员不存在或不在您的管辖范围内', [{ path: 'workerId', message: '务工人员不存在' }]);
    let employerName = input.employerName;
    if (input.employerId) {
      const e = (await this.registry.employers(tx, [input.employerId])).get(input.employerId);
      if (!e) throw badRequest('用工单位不存在', [{ path: 'employerId', message: '用工单位不存在' }]);
      employerName = e.name;
    }
    const claims: Claim[] = input.claims.map((c) => ({
      kind: c.kind,
      amountFen: c.amountFen ?? null,
      description: c.description ?? '',
    }));
    const parties: Party[] = [];
    if (input.workerId) parties.push({ kind: 'worker', id: input.workerId });
    if (input.employerId) parties.push({ kind: 'employer', id: input.employerId, name: employerName });
    const c = await this.cases.open(
      tx,
      p,
      {
        type,
        title: extra.title.replace('{employer}', employerName),
        regionCode,
        parties,
        data: {
          claims,
          migrantWorker: input.migrantWorker ?? false,
          employerName,
          summary: input.summary,
          ...extra.data,
        },
        ownerId: extra.demo ? null : p.userId,
        departmentId: extra.demo ? null : p.departmentId,
      },
      p.ip,
      when,
    );
    await repo.insertApplicant(tx, {
      countyCode: c.countyCode,
      caseId: c.id,
      kind: type === ARBITRATION_TYPE ? 'arbitration' : 'mediation',
      applicantNameEnc: this.cipher.encrypt(input.applicantName, 'dispute.name'),
      phoneEnc: input.phone ? this.cipher.encrypt(input.phone, 'dispute.phone') : null,
      workerId: input.workerId ?? null,
      migrantWorker: input.migrantWorker ?? false,
      employerId: input.employerId ?? null,
      employerName,
      orgId: extra.orgId ?? null,
      claims,
      claimedFen: claims.reduce((s, x) => s + (x.amountFen ?? 0), 0),
      at: when ?? this.now(),
      regionCode,
      ownerId: extra.demo ? null : p.userId,
      departmentId: extra.demo ? null : p.departmentId,
    });
    await this.audit.append(tx, actorOf(p, p.ip), {
      action: type === ARBITRATION_TYPE ? 'arbitration.filed' : 'mediation.filed',
      outcome: 'success',
      objectType: 'case',
      objectId: c.id,
      detail: { greenChannel: Array.isArray(c.data.flags) && c.data.flags.includes(GREEN_CHANNEL) },
    });
    return c;
  }

  /** 仲裁申请, registered by staff of the committee. */
  async apply(p: Principal, input: ArbitrationApplyInput) {
    const regionCode = input.regionCode as string;
    access(p, 'rights:handle', { regionCode });
    await this.cases.prepare(); // the wage parameters, read before the transaction
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      await this.checkRegion(tx, regionCode);
      const c = await this.file(tx, p, ARBITRATION_TYPE, regionCode, input, { title: '{employer}（劳动争议仲裁）' });
      const fresh = (await this.cases.find(tx, c.countyCode, c.id))!;
      return this.cases.detail(tx, p, fresh);
    });
  }
}
