import { randomInt } from 'node:crypto';
import {
  CLAIM_KIND_LABELS,
  COMPLAINT_CHANNEL_LABELS,
  countyCodeOf,
  countyOfReceipt,
  isWithinRegion,
  shanghaiDate,
  type ComplaintCreateInput,
  type PublicComplaintInput,
} from '@mwsp/domain';
import { SYSTEM_SCOPE, type Database, type Executor } from '../../db/client.js';
import { access } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { CaseService, Party } from '../../platform/cases/cases.service.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import type { RegistryPort } from '../registry/index.js';
import { COMPLAINT_TYPE } from './complaints.rules.js';
import * as repo from './complaints.repo.js';

const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no I, no O: read over the phone
const NOT_FOUND = '未查到该投诉，请核对回执号和手机号';

type Claim = { kind: keyof typeof CLAIM_KIND_LABELS; amountFen?: number | null; description?: string };

/**
 * 投诉举报: a complaint is registered in a minute — by staff for any channel, or by the worker on the public web
 * form — as a case of the complaint type (complaints.rules.ts) with its filing facts beside it, and a receipt
 * number the complainant follows it with (together with the phone given at filing).
 */
export class ComplaintsService {
  constructor(
    private readonly db: Database,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditLog,
    private readonly cases: CaseService,
    private readonly registry: RegistryPort,
    private readonly cityCode: string,
    private readonly now: () => Date,
  ) {}

  private receipt(county: string, at: Date): string {
    let tail = '';
    for (let i = 0; i < 6; i++) tail += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
    return `${county}-${shanghaiDate(at).replaceAll('-', '')}-${tail}`;
  }

  private phoneIndex(phone: string): string {
    return this.cipher.blindIndex(phone, 'complaint.phone');
  }

  private async checkRegion(tx: Executor, regionCode: string): Promise<void> {
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

  /** Opens the case and writes the filing facts, in the caller's transaction. */
  private async file(
    tx: Executor,
    p: Principal | null,
    input: {
      channel: keyof typeof COMPLAINT_CHANNEL_LABELS;
      regionCode: string;
      complainantName: string;
      phone: string;
      groupSize: number | null;
      workerId: string | null;
      employerId: string | null;
      employerName: string;
      projectName: string | null;
      claims: Claim[];
      summary: string;
    },
    ip: string,
    when?: Date,
  ) {
    const claims = input.claims.map((c) => ({
      kind: c.kind,
      amountFen: c.amountFen ?? null,
      description: c.description ?? '',
    }));
    const claimedFen = claims.reduce((s, c) => s + (c.amountFen ?? 0), 0);
    const parties: Party[] = [];
    if (input.workerId) parties.push({ kind: 'worker', id: input.workerId });
    if (input.employerId) parties.push({ kind: 'employer', id: input.employerId, name: input.employerName });
    const kinds = [...new Set(claims.map((c) => CLAIM_KIND_LABELS[c.kind]))].join('、');
    const c = await this.cases.open(
      tx,
      p,
      {
        type: COMPLAINT_TYPE,
        title: `${input.employerName}（${kinds}）`,
        regionCode: input.regionCode,
        parties,
        data: {
          channel: input.channel,
          claims,
          claimedFen,
          summary: input.summary,
          projectName: input.projectName,
        },
        groupSize: input.groupSize,
        ownerId: p?.userId ?? null,
        departmentId: p?.departmentId ?? null,
      },
      ip,
      when,
    );
    const county = countyCodeOf(input.regionCode);
    let receiptNo = '';
    for (let attempt = 0; ; attempt++) {
      receiptNo = this.receipt(county, when ?? this.now());
      const ok = await repo.insertComplaint(tx, {
        countyCode: county,
        caseId: c.id,
        receiptNo,
        channel: input.channel,
        complainantNameEnc: this.cipher.encrypt(input.complainantName, 'complaint.name'),
        phoneEnc: this.cipher.encrypt(input.phone, 'complaint.phone'),
        phoneBidx: this.phoneIndex(input.phone),
        workerId: input.workerId,
        employerId: input.employerId,
        employerName: input.employerName,
        projectName: input.projectName,
        groupSize: input.groupSize,
        claims,
        claimedFen,
        summary: input.summary,
        at: when ?? this.now(),
        regionCode: input.regionCode,
        ownerId: p?.userId ?? null,
        departmentId: p?.departmentId ?? null,
      });
      if (ok) break;
      if (attempt >= 5) throw new Error('receipt numbers exhausted');
    }
    await this.audit.append(tx, actorOf(p, p?.ip ?? ip), {
      action: 'complaint.filed',
      outcome: 'success',
      objectType: 'case',
      objectId: c.id,
      detail: { channel: input.channel, group: (input.groupSize ?? 0) > 1 },
    });
    return { c, receiptNo };
  }

  /** Registered by staff (any channel). */
  async create(p: Principal, input: ComplaintCreateInput) {
    const regionCode = input.regionCode as string;
    access(p, 'rights:handle', { regionCode });
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      await this.checkRegion(tx, regionCode);
      if (input.workerId && !(await this.registry.workerRef(tx, input.workerId)))
        throw badRequest('务工人员不存在或不在您的管辖范围内', [{ path: 'workerId', message: '务工人员不存在' }]);
      let employerName = input.employerName;
      if (input.employerId) {
        const e = (await this.registry.employers(tx, [input.employerId])).get(input.employerId);
        if (!e) throw badRequest('用工单位不存在', [{ path: 'employerId', message: '用工单位不存在' }]);
        employerName = e.name;
      }
      const { c, receiptNo } = await this.file(
        tx,
        p,
        {
          channel: input.channel,
          regionCode,
          complainantName: input.complainantName,
          phone: input.phone as string,
          groupSize: input.groupSize ?? null,
          workerId: input.workerId ?? null,
          employerId: input.employerId ?? null,
          employerName,
          projectName: input.projectName ?? null,
          claims: input.claims as Claim[],
          summary: input.summary,
        },
        p.ip,
      );
      const fresh = (await this.cases.find(tx, c.countyCode, c.id))!;
      return { ...(await this.cases.detail(tx, p, fresh)), receiptNo };
    });
  }

  /** Filed by the public on the web form (no account): the case has no owner, only region scopes see it. */
  async filePublic(input: PublicComplaintInput, ip: string) {
    if (input.website) throw badRequest('提交失败，请刷新页面后重试');
    const regionCode = input.regionCode as string;
    return this.db.scoped(SYSTEM_SCOPE, async (tx) => {
      await this.checkRegion(tx, regionCode);
      const { c, receiptNo } = await this.file(
        tx,
        null,
        {
          channel: 'web',
          regionCode,
          complainantName: input.complainantName,
          phone: input.phone as string,
          groupSize: input.groupSize ?? null,
          workerId: null,
          employerId: null,
          employerName: input.employerName,
          projectName: input.projectName ?? null,
          claims: input.claims as Claim[],
          summary: input.summary,
        },
        ip,
      );
      const progress = await this.cases.publicProgress(tx, c.countyCode, c.id);
      return { receiptNo, decideBy: progress?.firstDueOn ?? null };
    });
  }

  /**
   * Generated demo data: a year of complaints across the city's townships, filed on days spread over the past
   * 365 days (a fixed seed: the same every time), most accepted and closed in time, some still waiting past their
   * 5 working days, some investigations past their 60; then the sweep fires their rungs. `actor` carries the
   * rights permissions (a generator, never able to sign in).
   */
  async seedDemo(
    actor: Principal,
    opts: { count: number; today: string; townships: string[]; seed?: number },
  ): Promise<{ cases: number; open: number }> {
    if (opts.townships.length === 0 || opts.count <= 0) return { cases: 0, open: 0 };
    await this.cases.prepare(); // the wage parameters of the 移送公安 guard, read before the transactions
    let x = opts.seed ?? 20261205;
    const rand = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const end = new Date(`${opts.today}T10:00:00+08:00`).getTime();
    const day = 86_400_000;
    const names = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];
    const firms = ['建筑劳务', '建设工程', '市政工程', '装饰工程', '园林绿化', '物业服务', '餐饮管理'];
    const channels = ['hotline', 'window', 'web', 'letter', 'grid', 'national', 'transfer'] as const;
    const inspectors = [actor.userId, '00000000-0000-4000-8000-000000000001'];
    // The draws first, in the order they always had (the same demo every time), then the writes.
    type Step = { event: string; fields: Record<string, unknown>; after: number };
    type Filing = Parameters<ComplaintsService['file']>[2];
    const plan: { i: number; filed: Date; input: Filing; steps: Step[] }[] = [];
    let open = 0;
    for (let i = 0; i < opts.count; i++) {
      const age = Math.floor(rand() * 365);
      const filed = new Date(end - age * day - Math.floor(rand() * 8) * 3_600_000);
      const region = pick(opts.townships);
      const amountFen = (20 + Math.floor(rand() * 400)) * 10_000;
      const group = rand() < 0.06 ? 5 + Math.floor(rand() * 60) : null;
      const input: Filing = {
        channel: pick(channels),
        regionCode: region,
        complainantName: `${pick(names)}某某`,
        phone: `139${String(10_000_000 + Math.floor(rand() * 89_999_999)).slice(0, 8)}`,
        groupSize: group,
        workerId: null,
        employerId: null,
        employerName: `昆明${pick(['盛', '华', '鑫', '宏', '泰', '安'])}${pick(firms)}有限公司`,
        projectName: rand() < 0.6 ? `${pick(['安置房', '道路改造', '学校', '医院', '产业园'])}项目` : null,
        claims: [{ kind: rand() < 0.85 ? 'wages' : pick(['contract', 'insurance', 'hours'] as const), amountFen }],
        summary: '拖欠工资，多次讨要未果。（演示数据）',
      };
      const steps: Step[] = [];
      plan.push({ i, filed, input, steps });
      // Young complaints wait for a decision; older ones were decided (a few still late: overdue).
      if (age < 4 || (age < 30 && rand() < 0.3)) {
        open++;
        continue;
      }
      if (rand() < 0.1) {
        steps.push({
          event: 'refuse',
          fields: { reason: '不属于劳动保障监察管辖范围，已告知向人民法院起诉' },
          after: 3,
        });
        continue;
      }
      steps.push({ event: 'accept', fields: { inspectors }, after: 2 });
      if (age < 75 || rand() < 0.08) {
        open++; // under investigation (the older ones past their 60 working days)
        continue;
      }
      const ordered = rand() < 0.6;
      if (ordered) {
        const dueOn = shanghaiDate(new Date(filed.getTime() + 35 * day));
        steps.push({
          event: 'order',
          fields: { orderNo: `人社监令〔${dueOn.slice(0, 4)}〕${i + 1}号`, amountFen, dueOn },
          after: 20,
        });
        // A few refuse to pay: transferred to the police (行刑衔接; the statistics' annual report counts them).
        if (i % 25 === 7) {
          steps.push({
            event: 'police',
            fields: {
              reason: '责令支付后逾期仍不支付，涉嫌拒不支付劳动报酬罪',
              unpaidFen: amountFen,
              workerCount: group ?? 1,
              unpaidMonths: 3,
              // Generated amounts may fall below the 数额较大 figures: the head's override then (演示数据).
              overrideReason: '负责人批准：逃匿且社会影响恶劣（演示数据）',
            },
            after: 40,
          });
          continue;
        }
      }
      steps.push({
        event: 'close',
        fields: { outcome: '用人单位已足额支付', recoveredFen: amountFen },
        after: 40 + Math.floor(rand() * 30),
      });
    }
    // One transaction per county and up to 50 complaints (Citus: one shard group), the audit entries of its
    // filings and steps chained together at its end, their case history rows and timeline events written in
    // multi-row statements there too (cases.together): the same rows as one call per complaint, fewer statements.
    const byCounty = new Map<string, typeof plan>();
    for (const x of plan) {
      const county = countyCodeOf(x.input.regionCode);
      byCounty.set(county, [...(byCounty.get(county) ?? []), x]);
    }
    for (const list of byCounty.values())
      for (let k = 0; k < list.length; k += 50)
        await this.db.scoped(SYSTEM_SCOPE, (tx) =>
          this.audit.together(tx, () =>
            this.cases.together(tx, async () => {
              for (const x of list.slice(k, k + 50)) {
                const { c } = await this.file(tx, null, x.input, 'demo', x.filed);
                for (const st of x.steps)
                  await this.cases.stepAt(
                    tx,
                    actor,
                    c.id,
                    { event: st.event, fields: st.fields },
                    new Date(x.filed.getTime() + st.after * day),
                    c.countyCode,
                  );
              }
            }),
          ),
        );
    await this.cases.sweep(opts.today);
    return { cases: opts.count, open };
  }

  /** The city's counties for the public form (where the employer or the site is). */
  async publicCounties() {
    return this.db.scoped(SYSTEM_SCOPE, (tx) => repo.countiesOf(tx, this.cityCode));
  }

  /**
   * The complainant's status page: receipt number and the phone given at filing. An unknown receipt and a wrong
   * phone get the same answer (so a receipt number cannot be confirmed without the phone).
   */
  async lookup(receiptNo: string, phone: string) {
    const county = countyOfReceipt(receiptNo);
    if (!county) throw notFound(NOT_FOUND);
    const bidx = this.phoneIndex(phone);
    return this.db.scoped(SYSTEM_SCOPE, async (tx) => {
      const row = await repo.findByReceipt(tx, county, receiptNo);
      if (!row || row.phoneBidx !== bidx) throw notFound(NOT_FOUND);
      const progress = (await this.cases.publicProgress(tx, county, row.caseId))!;
      return {
        receiptNo,
        filedOn: shanghaiDate(new Date(row.filedAt)),
        stateName: progress.stateName,
        closed: progress.closed,
        decideBy: progress.firstDueOn,
        steps: progress.steps,
      };
    });
  }
}
