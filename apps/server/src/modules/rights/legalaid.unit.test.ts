/**
 * Legal aid (法律援助) and the transfer to the police (行刑衔接) as case types: every transition allowed from its
 * states only and for the roles holding its permission (officer, leader, inspection_head: the grants of
 * rights.permissions.ts); the 数额较大 workers; the printable package (escaped, masked input shown as given, a
 * section per page).
 */
import { criminalThreshold, DEFAULT_WAGE_PARAMS } from '@mwsp/domain';
import { describe, expect, it } from 'vitest';
import { caseTypeProblems, CaseTypeRegistry, type CaseTypeDef } from '../../platform/cases/caseTypes.js';
import { decide, type Actor } from '../../platform/cases/transition.js';
import { ARBITRATION_CASE_TYPE } from './arbitration.rules.js';
import { COMPLAINT_CASE_TYPE } from './complaints.rules.js';
import { INSPECTION_CASE_TYPE } from './inspection.rules.js';
import { LEGAL_AID_CASE_TYPE } from './legalaid.rules.js';
import { renderPoliceTransferPackage, type PoliceDocumentInput } from './police.document.js';
import { POLICE_TRANSFER_CASE_TYPE, thresholdWorkers } from './police.rules.js';
import { RIGHTS_ROLE_GRANTS } from './rights.permissions.js';

const today = '2026-03-02';
const ROLES = ['officer', 'leader', 'inspection_head'] as const;
const actorOf = (role: string): Actor => ({ permissions: new Set(RIGHTS_ROLE_GRANTS[role]), roles: [role] });

function sample(tr: CaseTypeDef['transitions'][number]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const f of tr.fields ?? [])
    fields[f.field] =
      f.kind === 'users'
        ? ['u1', 'u2']
        : f.kind === 'date'
          ? today
          : f.kind === 'fen' || f.kind === 'days' || f.kind === 'count'
            ? 10
            : f.kind === 'choice'
              ? f.options![0]
              : '说明';
  return fields;
}

describe('legal aid and police transfer case types', () => {
  it('are valid and register after the types they open, before the types that open them', () => {
    expect(caseTypeProblems(LEGAL_AID_CASE_TYPE)).toEqual([]);
    expect(caseTypeProblems(POLICE_TRANSFER_CASE_TYPE)).toEqual([]);
    const reg = new CaseTypeRegistry();
    expect(() => reg.register(INSPECTION_CASE_TYPE)).toThrow(/未注册的案件类型 police_transfer/);
    reg.register(POLICE_TRANSFER_CASE_TYPE);
    reg.register(INSPECTION_CASE_TYPE);
    expect(() => reg.register(COMPLAINT_CASE_TYPE)).toThrow(/未注册的案件类型 legal_aid/);
    reg.register(LEGAL_AID_CASE_TYPE);
    reg.register(ARBITRATION_CASE_TYPE); // the complaint's 申请仲裁 opens one too
    reg.register(COMPLAINT_CASE_TYPE);
  });

  it('legal aid: 7 working days to decide (suspended for materials), 3 to assign', () => {
    expect(LEGAL_AID_CASE_TYPE.clocks).toEqual([
      expect.objectContaining({ code: 'review', unit: 'working', budget: 7, startsOnCreate: true }),
      expect.objectContaining({ code: 'assign', unit: 'working', budget: 3 }),
    ]);
  });

  it('only the head of the inspection body transfers to the police or withdraws', () => {
    for (const type of [POLICE_TRANSFER_CASE_TYPE, INSPECTION_CASE_TYPE])
      for (const event of type === INSPECTION_CASE_TYPE ? ['police', 'extend'] : ['transfer', 'withdraw']) {
        const tr = type.transitions.find((x) => x.event === event)!;
        expect(tr.permission).toBe('rights:approve');
        expect(decide(type, tr.from[0], actorOf('officer'), { event, fields: sample(tr), today })).toMatchObject({
          ok: false,
          status: 403,
        });
        expect(decide(type, tr.from[0], actorOf('inspection_head'), { event, fields: sample(tr), today }).ok).toBe(
          true,
        );
      }
  });

  // Every transition of both types, for every role and from every state.
  for (const type of [LEGAL_AID_CASE_TYPE, POLICE_TRANSFER_CASE_TYPE])
    for (const tr of type.transitions)
      it(`${type.name}「${tr.name}」: from ${tr.from.join('/')} only, for holders of ${tr.permission}`, () => {
        const fields = sample(tr);
        for (const role of ROLES) {
          const actor = actorOf(role);
          const allowed = actor.permissions.has(tr.permission);
          for (const s of type.states) {
            const d = decide(type, s.code, actor, { event: tr.event, fields, today });
            if (!tr.from.includes(s.code)) expect(d, `${role} ${s.code}`).toMatchObject({ ok: false, status: 409 });
            else if (!allowed)
              expect(d, `${role} ${s.code}`).toMatchObject({
                ok: false,
                status: 403,
                message: `没有执行「${tr.name}」的权限`,
              });
            else expect(d, `${role} ${s.code}`).toMatchObject({ ok: true, to: tr.to });
          }
        }
        const head = actorOf('inspection_head');
        for (const f of (tr.fields ?? []).filter((x) => !x.optional))
          expect(
            decide(type, tr.from[0], head, { event: tr.event, fields: { ...fields, [f.field]: undefined }, today }),
          ).toMatchObject({ ok: false, status: 400, message: `缺少必填项：${f.label}` });
      });

  it('refuses a choice outside its options and counts that are not positive integers', () => {
    const head = actorOf('inspection_head');
    expect(
      decide(LEGAL_AID_CASE_TYPE, 'applied', head, {
        event: 'grant',
        fields: { ground: '有钱', decisionNo: '援决〔2026〕1号' },
        today,
      }),
    ).toMatchObject({ ok: false, status: 400, message: '受援条件的取值无效：有钱' });
    const police = INSPECTION_CASE_TYPE.transitions.find((t) => t.event === 'police')!;
    expect(
      decide(INSPECTION_CASE_TYPE, 'ordered', head, {
        event: 'police',
        fields: { ...sample(police), workerCount: 0 },
        today,
      }),
    ).toMatchObject({ ok: false, status: 400, message: '被拖欠劳动者人数须为正整数' });
  });
});

describe('the 数额较大 workers', () => {
  it('spreads the total, or puts the largest amount on one worker', () => {
    expect(thresholdWorkers({ unpaidFen: 900_000, workerCount: 3, unpaidMonths: 4 })).toEqual([
      { months: 4, unpaidFen: 300_000 },
      { months: 4, unpaidFen: 300_000 },
      { months: 4, unpaidFen: 300_000 },
    ]);
    const w = thresholdWorkers({ unpaidFen: 1_000_001, workerCount: 4, unpaidMonths: 3, maxWorkerFen: 700_000 });
    expect(w.map((x) => x.unpaidFen)).toEqual([700_000, 100_001, 100_000, 100_000]);
    expect(w.reduce((s, x) => s + x.unpaidFen, 0)).toBe(1_000_001);
  });

  it('meets the Yunnan floor with one worker owed 5,000 元 for 3 months, not with 2 months', () => {
    const p = DEFAULT_WAGE_PARAMS;
    expect(
      criminalThreshold(p, '530102', thresholdWorkers({ unpaidFen: 500_000, workerCount: 1, unpaidMonths: 3 })).met,
    ).toBe(true);
    expect(
      criminalThreshold(p, '530102', thresholdWorkers({ unpaidFen: 500_000, workerCount: 1, unpaidMonths: 2 })).met,
    ).toBe(false);
    // 10 workers, 30,000 元 in total: the group figure.
    expect(
      criminalThreshold(p, '530102', thresholdWorkers({ unpaidFen: 3_000_000, workerCount: 10, unpaidMonths: 1 })).met,
    ).toBe(true);
  });
});

describe('the transfer package', () => {
  const input: PoliceDocumentInput = {
    caseNo: 'AB12CD34',
    generatedAt: new Date('2026-03-02T02:00:00Z'),
    generatedBy: '监察大队负责人',
    handlingUnit: '五华区劳动保障监察大队',
    region: { code: '530102', name: '云南省昆明市五华区' },
    policeOrgan: '昆明市公安局五华分局',
    transferNo: '五人社移〔2026〕1号',
    employer: { name: '昆明<某>建筑劳务有限公司', creditCode: '91530102MA6K000000', legalRep: '李*' },
    complainants: [{ name: '张*', phone: '139****5678', groupSize: 12, receiptNo: '530102-20260302-K7M3Q9' }],
    claims: [{ kind: '拖欠工资', amountFen: 3_600_000, description: '<script>alert(1)</script>' }],
    facts: '经责令支付后仍拒不支付。',
    amounts: { unpaidFen: 3_600_000, workerCount: 12, unpaidMonths: 4, maxWorkerFen: null },
    threshold: { met: true, explanation: '达到“数额较大”标准', overrideReason: null },
    records: [{ at: '2026-02-01T02:00:00.000Z', findings: '现场检查', inspectors: 2, actor: '监察员甲' }],
    orders: [
      { at: '2026-02-05T02:00:00.000Z', orderNo: '人社监令〔2026〕7号', amountFen: 3_600_000, dueOn: '2026-02-20' },
    ],
    steps: [{ at: '2026-02-01T02:00:00.000Z', text: '劳动保障监察：开展调查', actor: '监察员甲' }],
  };

  it('is a complete A4 document: the list of materials, a section per page, every value escaped', () => {
    const html = renderPoliceTransferPackage(input);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('@page{size:A4 portrait');
    expect(html).toContain('移送案件材料清单');
    for (const s of ['cover', 'materials', 'facts', 'parties', 'claims', 'records', 'steps'])
      expect(html).toContain(`data-section="${s}"`);
    expect(html).toContain('section.page{break-before:page');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('昆明&lt;某&gt;建筑劳务有限公司');
    expect(html).toContain('张*');
    expect(html).toContain('139****5678');
    expect(html).toContain('36,000.00 元');
    expect(html).toContain('人社监令〔2026〕7号');
  });
});
