/**
 * The mediation (调解) and arbitration (仲裁) case types as data: valid, registered in order, and every transition
 * (grouped by event: one event may be declared from several states) allowed from its states only, for the roles
 * holding its permission only, with its fields required; the small-claims rule (第四十七条) as a pure function.
 */
import { smallClaimsRule } from '@mwsp/domain';
import { describe, expect, it } from 'vitest';
import { caseTypeProblems, CaseTypeRegistry, clockBudget, type CaseTypeDef } from '../../platform/cases/caseTypes.js';
import { decide, type Actor } from '../../platform/cases/transition.js';
import { ARBITRATION_CASE_TYPE, GREEN_CHANNEL, GREEN_CHANNEL_ACCEPT_DAYS } from './arbitration.rules.js';
import { COMPLAINT_CASE_TYPE } from './complaints.rules.js';
import { INSPECTION_CASE_TYPE } from './inspection.rules.js';
import { LEGAL_AID_CASE_TYPE } from './legalaid.rules.js';
import { MEDIATION_CASE_TYPE } from './mediation.rules.js';
import { POLICE_TRANSFER_CASE_TYPE } from './police.rules.js';

const today = '2026-03-02';
/** The built-in roles (rights.permissions.ts) and the chair's custom role (rights:approve). */
const ROLES: Record<string, Actor> = {
  officer: { permissions: new Set(['cases:read', 'rights:read', 'rights:handle']), roles: ['officer'] },
  leader: { permissions: new Set(['cases:read', 'rights:read']), roles: ['leader'] },
  chair: { permissions: new Set(['cases:read', 'rights:read', 'rights:handle', 'rights:approve']), roles: ['chair'] },
  none: { permissions: new Set(), roles: [] },
};

const sample = (type: CaseTypeDef, event: string): Record<string, unknown> => {
  const fields: Record<string, unknown> = {};
  for (const tr of type.transitions.filter((x) => x.event === event))
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
};

describe('the mediation and arbitration case types', () => {
  it('are valid and register after the types they open', () => {
    expect(caseTypeProblems(ARBITRATION_CASE_TYPE)).toEqual([]);
    expect(caseTypeProblems(MEDIATION_CASE_TYPE)).toEqual([]);
    const reg = new CaseTypeRegistry();
    expect(() => reg.register(MEDIATION_CASE_TYPE)).toThrow('引用了未注册的案件类型 arbitration');
    // the order of module.ts: police transfers, inspection, legal aid, arbitration, mediation, complaints
    reg.register(POLICE_TRANSFER_CASE_TYPE);
    reg.register(INSPECTION_CASE_TYPE);
    reg.register(LEGAL_AID_CASE_TYPE);
    expect(() => reg.register(COMPLAINT_CASE_TYPE)).toThrow('引用了未注册的案件类型 arbitration');
    reg.register(ARBITRATION_CASE_TYPE);
    reg.register(MEDIATION_CASE_TYPE);
    reg.register(COMPLAINT_CASE_TYPE);
  });

  it('declare the statutory clocks and the green channel', () => {
    const accept = ARBITRATION_CASE_TYPE.clocks.find((k) => k.code === 'accept')!;
    expect(accept).toMatchObject({ unit: 'working', budget: 5, maxExtension: 0, startsOnCreate: true });
    expect(clockBudget(accept, [])).toBe(5);
    expect(clockBudget(accept, [GREEN_CHANNEL])).toBe(GREEN_CHANNEL_ACCEPT_DAYS);
    expect(ARBITRATION_CASE_TYPE.clocks.find((k) => k.code === 'award')).toMatchObject({
      unit: 'calendar',
      budget: 45,
      maxExtension: 15,
    });
    expect(ARBITRATION_CASE_TYPE.flags).toEqual([{ code: GREEN_CHANNEL, label: '绿色通道', priority: true }]);
    expect(MEDIATION_CASE_TYPE.clocks).toEqual([
      expect.objectContaining({ code: 'mediate', unit: 'calendar', budget: 15 }),
    ]);
  });

  for (const type of [MEDIATION_CASE_TYPE, ARBITRATION_CASE_TYPE, COMPLAINT_CASE_TYPE])
    for (const event of [...new Set(type.transitions.map((x) => x.event))]) {
      const decl = type.transitions.filter((x) => x.event === event);
      const name = decl[0].name;
      it(`${type.name}「${name}」: from ${decl.flatMap((x) => x.from).join('/')} only, for its roles only`, () => {
        const fields = sample(type, event);
        for (const s of type.states) {
          const tr = decl.find((x) => x.from.includes(s.code));
          for (const [role, actor] of Object.entries(ROLES)) {
            const d = decide(type, s.code, actor, { event, fields, today });
            if (!tr) expect(d, `${s.code} ${role}`).toMatchObject({ ok: false, status: 409 });
            else if (actor.permissions.has(tr.permission))
              expect(d, `${s.code} ${role}`).toMatchObject({ ok: true, to: tr.to });
            else
              expect(d, `${s.code} ${role}`).toMatchObject({
                ok: false,
                status: 403,
                message: `没有执行「${tr.name}」的权限`,
              });
          }
          if (!tr) continue;
          for (const f of (tr.fields ?? []).filter((x) => !x.optional)) {
            const missing = { ...fields, [f.field]: undefined };
            expect(decide(type, s.code, ROLES.chair, { event, fields: missing, today })).toMatchObject({
              ok: false,
              status: 400,
              message: `缺少必填项：${f.label}`,
            });
          }
        }
      });
    }

  it('refuses a hearing or a mediation session in the past, and keeps the extension for the chair', () => {
    const past = decide(ARBITRATION_CASE_TYPE, 'accepted', ROLES.officer, {
      event: 'hearing',
      fields: { hearingOn: '2026-03-01', place: '第一仲裁庭', notice: '书面通知双方当事人' },
      today,
    });
    expect(past).toMatchObject({ ok: false, status: 400, message: '开庭日期不能早于今天（2026-03-02）' });
    expect(
      decide(MEDIATION_CASE_TYPE, 'accepted', ROLES.officer, {
        event: 'mediate',
        fields: { sessionOn: '2026-01-01' },
        today,
      }),
    ).toMatchObject({ ok: false, status: 400, message: '调解日期不能早于今天（2026-03-02）' });
    // An extension keeps the state it is made in.
    for (const s of ['accepted', 'hearing'])
      expect(
        decide(ARBITRATION_CASE_TYPE, s, ROLES.chair, {
          event: 'extend',
          fields: { days: 15, reason: '案情复杂' },
          today,
        }),
      ).toMatchObject({ ok: true, to: s });
    // An award needs a hearing first.
    expect(
      decide(ARBITRATION_CASE_TYPE, 'accepted', ROLES.chair, {
        event: 'award',
        fields: { awardNo: '1', amountFen: 1, terms: '支付' },
        today,
      }),
    ).toMatchObject({ ok: false, status: 409, message: '当前状态「已受理」不能执行「裁决」' });
  });
});

describe('the small-claims final-award rule (第四十七条)', () => {
  it('is final when every claim is a wage claim within 12 months of the minimum wage', () => {
    const mw = 217_000; // 昆明一类
    expect(smallClaimsRule([{ kind: 'wages', amountFen: 2_604_000 }], mw)).toEqual({
      thresholdFen: 2_604_000,
      final: true,
    });
    expect(smallClaimsRule([{ kind: 'wages', amountFen: 2_604_001 }], mw).final).toBe(false);
    expect(
      smallClaimsRule(
        [
          { kind: 'wages', amountFen: 100 },
          { kind: 'contract', amountFen: 0 },
        ],
        mw,
      ).final,
    ).toBe(false);
    expect(smallClaimsRule([{ kind: 'wages', amountFen: null }], mw).final).toBe(false);
    expect(smallClaimsRule([], mw).final).toBe(false);
  });
});
