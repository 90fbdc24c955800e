import { CLAIM_KIND_LABELS, countyCodeOf, criminalThreshold, maskName, maskPhone, type WageParams } from '@mwsp/domain';
import type { Database, Executor } from '../../db/client.js';
import { access } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { CaseService, TypeHooks } from '../../platform/cases/cases.service.js';
import type { FieldValue } from '../../platform/cases/transition.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import type { RegistryPort } from '../registry/index.js';
import type { WagesPort } from '../wages/index.js';
import { COMPLAINT_TYPE } from './complaints.rules.js';
import * as complaints from './complaints.repo.js';
import { INSPECTION_TYPE } from './inspection.rules.js';
import { renderPoliceTransferPackage, type PoliceDocumentInput } from './police.document.js';
import { POLICE_TRANSFER_TYPE, thresholdWorkers } from './police.rules.js';

type CaseDetail = Awaited<ReturnType<CaseService['detail']>>;
const OVERRIDE = '未达数额标准仍移送的理由';

/**
 * 行刑衔接: the transfer of an inspection case to the police. The guard of the inspection's 「移送公安机关」 checks the
 * stated amounts against the province's 数额较大 figures (the wage module's parameters, WagesPort) and refuses below
 * them unless the approver gives a reason; the police_transfer case it opens then records 移送, the police's 受理回执
 * and their 立案/不立案 feedback (police.rules.ts). The evidence package prints the case's materials, masked.
 */
export class PoliceTransferService {
  constructor(
    private readonly db: Database,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditLog,
    private readonly cases: CaseService,
    private readonly registry: RegistryPort,
    private readonly wages: WagesPort,
    private readonly now: () => Date,
  ) {}

  /**
   * The rights module's hooks on the inspection and complaint types: their 「移送公安机关」 (fields
   * POLICE_THRESHOLD_FIELDS) passes the 数额较大 test, or carries the head's override. The wage parameters are
   * settings, read in their own transaction: `prepare`, before the transition's.
   */
  thresholdHooks(): TypeHooks<WageParams> {
    return {
      prepare: () => this.wages.params(),
      onTransition: async (_tx, _p, c, decided, params) =>
        decided.event === 'police' ? this.threshold(c.regionCode, decided.fields, params) : undefined,
    };
  }

  private threshold(
    regionCode: string,
    fields: Readonly<Record<string, FieldValue>>,
    params: WageParams | undefined,
  ): Record<string, FieldValue> {
    if (!params) throw new Error('the wage parameters were not prepared before the transition');
    const f = {
      unpaidFen: fields.unpaidFen as number,
      workerCount: fields.workerCount as number,
      unpaidMonths: fields.unpaidMonths as number,
      maxWorkerFen: (fields.maxWorkerFen as number | undefined) ?? null,
    };
    if (f.maxWorkerFen !== null && f.maxWorkerFen > f.unpaidFen) {
      const message = '单人最高被拖欠金额不能大于未支付金额合计';
      throw badRequest(message, [{ path: 'fields.maxWorkerFen', message }]);
    }
    const check = criminalThreshold(params, regionCode, thresholdWorkers(f));
    if (!check.met && !fields.overrideReason) {
      const message = `${check.explanation}，不予移送公安机关；如经负责人研究确需移送，请填写“${OVERRIDE}”`;
      throw badRequest(message, [{ path: 'fields.overrideReason', message }]);
    }
    return { thresholdMet: check.met ? 'yes' : 'no', thresholdExplanation: check.explanation };
  }

  /**
   * The printable 移送材料 of a police_transfer case: read in the caller's scope, the parties masked, the
   * disclosure audited before the document is answered.
   */
  async evidence(p: Principal, id: string): Promise<string> {
    access(p, 'rights:read');
    const c = await this.cases.get(p, id);
    if (c.type !== POLICE_TRANSFER_TYPE) throw notFound('移送公安案件不存在');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const county = countyCodeOf(c.regionCode);
      const fromId = typeof c.data.openedFrom === 'string' ? c.data.openedFrom : null;
      const inspectionRow = fromId ? await this.cases.find(tx, county, fromId) : undefined;
      const inspection = inspectionRow?.type === INSPECTION_TYPE ? await this.cases.detail(tx, p, inspectionRow) : null;
      const filings = await this.filings(tx, inspection);
      const employerId = c.parties.find((x) => x.kind === 'employer')?.id ?? filings[0]?.employerId ?? null;
      const employer = employerId ? (await this.registry.employers(tx, [employerId])).get(employerId) : undefined;
      const input = this.documentInput(p, c, inspection, filings, {
        name: employer?.name ?? filings[0]?.employerName ?? c.title,
        creditCode: employer?.creditCode ?? null,
        legalRep: employer?.legalRep ? maskName(employer.legalRep) : null,
      });
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'police_transfer.evidence',
        outcome: 'success',
        objectType: 'case',
        objectId: c.id,
        detail: { inspection: inspection?.id ?? null, complaints: filings.length, records: input.records.length },
      });
      return renderPoliceTransferPackage(input);
    });
  }

  /** The complaints the inspection was opened from (its 'derived' links), their filing facts decrypted. */
  private async filings(tx: Executor, inspection: CaseDetail | null) {
    const out: (NonNullable<Awaited<ReturnType<typeof complaints.filingOf>>> & { name: string; phone: string })[] = [];
    for (const l of inspection?.links ?? []) {
      const linked = await this.cases.find(tx, l.countyCode, l.caseId);
      if (linked?.type !== COMPLAINT_TYPE) continue;
      const f = await complaints.filingOf(tx, l.countyCode, l.caseId);
      if (!f) continue;
      out.push({
        ...f,
        name: this.cipher.decrypt(f.complainantNameEnc, 'complaint.name'),
        phone: this.cipher.decrypt(f.phoneEnc, 'complaint.phone'),
      });
    }
    return out;
  }

  private documentInput(
    p: Principal,
    c: CaseDetail,
    inspection: CaseDetail | null,
    filings: Awaited<ReturnType<PoliceTransferService['filings']>>,
    employer: PoliceDocumentInput['employer'],
  ): PoliceDocumentInput {
    const police = (inspection?.data.police ?? {}) as Record<string, unknown>;
    const transfer = (c.data.transfer ?? {}) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
    const num = (v: unknown) => (typeof v === 'number' ? v : null);
    const hist = (d: CaseDetail | null) => d?.history ?? [];
    const typeOf = (d: CaseDetail) => this.cases.types.get(d.type);
    const stepText = (d: CaseDetail, h: CaseDetail['history'][number]) => {
      const t = typeOf(d);
      const action = t?.transitions.find((x) => x.event === h.event)?.name ?? h.event ?? '';
      if (h.kind === 'created') return `${t?.name ?? d.typeName}：登记`;
      return `${t?.name ?? d.typeName}：${action}`;
    };
    const steps = [inspection, c]
      .filter((d): d is CaseDetail => d !== null)
      .flatMap((d) =>
        hist(d)
          .filter((h) => h.kind === 'created' || h.kind === 'transition')
          .map((h) => ({ at: h.at, text: stepText(d, h), actor: h.actorName })),
      )
      .sort((a, b) => a.at.localeCompare(b.at));
    const transitions = hist(inspection).filter((h) => h.kind === 'transition');
    return {
      caseNo: c.id.slice(0, 8).toUpperCase(),
      generatedAt: this.now(),
      generatedBy: p.displayName,
      handlingUnit: p.departmentName ?? '人力资源和社会保障局劳动保障监察机构',
      region: { code: c.regionCode, name: c.regionName ?? c.regionCode },
      policeOrgan: str(transfer.policeOrgan),
      transferNo: str(transfer.transferNo),
      employer,
      complainants: filings.map((f) => ({
        name: maskName(f.name),
        phone: maskPhone(f.phone),
        groupSize: f.groupSize,
        receiptNo: f.receiptNo,
      })),
      claims: filings.flatMap((f) =>
        f.claims.map((x) => ({
          kind: CLAIM_KIND_LABELS[x.kind as keyof typeof CLAIM_KIND_LABELS] ?? x.kind,
          amountFen: x.amountFen,
          description: x.description,
        })),
      ),
      facts: str(police.reason) ?? c.title,
      amounts: {
        unpaidFen: num(police.unpaidFen) ?? 0,
        workerCount: num(police.workerCount) ?? 0,
        unpaidMonths: num(police.unpaidMonths) ?? 0,
        maxWorkerFen: num(police.maxWorkerFen),
      },
      threshold: {
        met: police.thresholdMet === 'yes',
        explanation: str(police.thresholdExplanation) ?? '未核查',
        overrideReason: str(police.overrideReason),
      },
      records: transitions
        .filter((h) => h.event === 'record' || h.event === 'investigate')
        .map((h) => ({
          at: h.at,
          findings: str(h.detail.findings) ?? '开展调查',
          inspectors: Array.isArray(h.detail.inspectors) ? h.detail.inspectors.length : 0,
          actor: h.actorName,
        })),
      orders: transitions
        .filter((h) => h.event === 'order')
        .map((h) => ({
          at: h.at,
          orderNo: str(h.detail.orderNo) ?? '',
          amountFen: num(h.detail.amountFen) ?? 0,
          dueOn: str(h.detail.dueOn) ?? '',
        })),
      steps,
    };
  }

  /**
   * Generated demo data: `count` inspection cases ordered to pay and transferred to the police (行刑衔接) over
   * the past months, at every stage: waiting to be sent, sent, received (the 3-day feedback clock running),
   * filed or not filed. Amounts above the Yunnan floor, one below it with the head's override.
   */
  async seedDemo(
    actor: Principal,
    opts: { count: number; today: string; townships: string[]; seed?: number },
  ): Promise<{ cases: number }> {
    if (opts.townships.length === 0) return { cases: 0 };
    let x = opts.seed ?? 20261207;
    const rand = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const end = new Date(`${opts.today}T10:00:00+08:00`).getTime();
    const day = 86_400_000;
    const inspectors = [actor.userId, '00000000-0000-4000-8000-000000000001'];
    await this.cases.prepare(); // the wage parameters, read before the transactions
    const year = opts.today.slice(0, 4);
    for (let i = 0; i < opts.count; i++) {
      const age = 20 + Math.floor(rand() * 150);
      const opened = new Date(end - age * day);
      const region = pick(opts.townships);
      const workers = 10 + Math.floor(rand() * 30);
      const unpaidFen = workers * (4_000 + Math.floor(rand() * 6_000)) * 100;
      const small = i === 0; // one below the figures, transferred on the head's override
      await this.db.scoped(dbScopeOf(actor), async (tx) => {
        const c = await this.cases.open(
          tx,
          actor,
          {
            type: INSPECTION_TYPE,
            title: `昆明${pick(['恒', '兴', '隆', '达'])}${pick(['建筑劳务', '市政工程', '建设工程'])}有限公司（拒不支付）`,
            regionCode: region,
            parties: [],
            data: { summary: '经责令支付后仍拒不支付劳动报酬。（演示数据）' },
            ownerId: null,
            departmentId: null,
          },
          'demo',
          opened,
        );
        const step = (event: string, fields: Record<string, unknown>, after: number) =>
          this.cases.transitionAt(tx, actor, c.id, { event, fields }, new Date(opened.getTime() + after * day));
        await step('investigate', { inspectors }, 1);
        // 检查笔录: the signed record is on the case before the step that records it (a transition's document).
        await this.cases.attachments.seedDemo(tx, actor, c, {
          docKind: 'inspection_record',
          filename: '检查笔录（演示）.pdf',
          mediaType: 'application/pdf',
          content: Buffer.from('%PDF-1.4\n% 检查笔录（演示数据）\n%%EOF\n'),
          at: new Date(opened.getTime() + 3 * day),
        });
        await step('record', { inspectors, findings: '调取工资台账和考勤记录，询问劳动者代表' }, 3);
        const orderNo = `人社监令〔${year}〕${100 + i}号`;
        await step(
          'order',
          { orderNo, amountFen: unpaidFen, dueOn: new Date(opened.getTime() + 20 * day).toISOString().slice(0, 10) },
          5,
        );
        const police = await step(
          'police',
          {
            reason: '经责令限期支付后，以转移财产、逃匿等方法逃避支付劳动者报酬。',
            unpaidFen: small ? 200_000 : unpaidFen,
            workerCount: small ? 1 : workers,
            unpaidMonths: small ? 2 : 3 + Math.floor(rand() * 4),
            ...(small ? { overrideReason: '负责人批准：逃匿且社会影响恶劣' } : {}),
          },
          18,
        );
        const policeId = police.links.find((l) => l.kind === 'transferred')!.caseId;
        const next = (event: string, fields: Record<string, unknown>, after: number) =>
          this.cases.stepAt(tx, actor, policeId, { event, fields }, new Date(opened.getTime() + after * day));
        if (age < 25) return; // waiting to be sent
        await next('transfer', { policeOrgan: '昆明市公安局', transferNo: `人社移〔${year}〕${i + 1}号` }, 19);
        if (age < 30) return;
        const receivedOn = new Date(opened.getTime() + 21 * day).toISOString().slice(0, 10);
        await next('receipt', { receiptNo: `公受〔${year}〕${i + 1}号`, receivedOn }, 21);
        if (age < 40) return;
        if (rand() < 0.75) await next('filed', { policeCaseNo: `公立〔${year}〕${i + 1}号`, filedOn: receivedOn }, 23);
        else
          await next(
            'not_filed',
            { decisionNo: `公不立〔${year}〕${i + 1}号`, reason: '证据不足', reconsider: '提请复议' },
            23,
          );
      });
    }
    return { cases: opts.count };
  }
}
