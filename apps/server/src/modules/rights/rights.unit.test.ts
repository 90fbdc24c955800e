import { describe, expect, it } from 'vitest';
import { caseTypeProblems, CaseTypeRegistry } from '../../platform/cases/caseTypes.js';
import { decide, type Actor } from '../../platform/cases/transition.js';
import { ARBITRATION_CASE_TYPE } from './arbitration.rules.js';
import { COMPLAINT_CASE_TYPE } from './complaints.rules.js';
import { INSPECTION_CASE_TYPE } from './inspection.rules.js';
import { LEGAL_AID_CASE_TYPE } from './legalaid.rules.js';
import { POLICE_TRANSFER_CASE_TYPE } from './police.rules.js';

const officer: Actor = { permissions: new Set(['rights:read', 'rights:handle']), roles: ['officer'] };
const head: Actor = { permissions: new Set(['rights:read', 'rights:handle', 'rights:approve']), roles: ['custom'] };
const today = '2026-03-02';

describe('the rights case types', () => {
  it('the inspection record step requires the signed 检查笔录 as an attachment', () => {
    const record = INSPECTION_CASE_TYPE.transitions.find((x) => x.event === 'record')!;
    expect(record.documents).toEqual([{ kind: 'inspection_record', label: '检查笔录' }]);
  });

  it('are valid and register in order (the types a complaint opens before the complaint)', () => {
    expect(caseTypeProblems(COMPLAINT_CASE_TYPE)).toEqual([]);
    expect(caseTypeProblems(INSPECTION_CASE_TYPE)).toEqual([]);
    const reg = new CaseTypeRegistry();
    reg.register(POLICE_TRANSFER_CASE_TYPE);
    reg.register(INSPECTION_CASE_TYPE);
    reg.register(LEGAL_AID_CASE_TYPE);
    reg.register(ARBITRATION_CASE_TYPE); // the complaint's 申请仲裁 opens an arbitration case
    reg.register(COMPLAINT_CASE_TYPE);
  });

  // Every transition of both types: allowed from its states, refused (409) from every other non-final one,
  // refused (403) without its permission.
  for (const type of [COMPLAINT_CASE_TYPE, INSPECTION_CASE_TYPE])
    for (const tr of type.transitions)
      it(`${type.name}「${tr.name}」: from ${tr.from.join('/')} only, needs ${tr.permission} and its fields`, () => {
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
        const documents = (tr.documents ?? []).map((d) => d.kind);
        // An event may be declared once per state (转法律援助 keeps each state): its siblings answer from theirs.
        const siblings = type.transitions.filter((x) => x.event === tr.event && x !== tr);
        for (const s of type.states) {
          const d = decide(type, s.code, head, { event: tr.event, fields, today, documents });
          const sibling = siblings.find((x) => x.from.includes(s.code));
          if (tr.from.includes(s.code)) expect(d).toMatchObject({ ok: true, to: tr.to });
          else if (sibling) expect(d).toMatchObject({ ok: true, to: sibling.to });
          else expect(d).toMatchObject({ ok: false, status: 409 });
        }
        const without: Actor = { permissions: new Set(['rights:read']), roles: [] };
        expect(decide(type, tr.from[0], without, { event: tr.event, fields, today, documents })).toMatchObject({
          ok: false,
          status: 403,
          message: `没有执行「${tr.name}」的权限`,
        });
        if (tr.permission === 'rights:handle')
          expect(decide(type, tr.from[0], officer, { event: tr.event, fields, today, documents }).ok).toBe(true);
        for (const f of (tr.fields ?? []).filter((x) => !x.optional)) {
          const missing = { ...fields, [f.field]: undefined };
          expect(decide(type, tr.from[0], head, { event: tr.event, fields: missing, today, documents })).toMatchObject({
            ok: false,
            status: 400,
            message: `缺少必填项：${f.label}`,
          });
        }
        // Each required document (e.g. 检查笔录) must be among the case's attachments.
        for (const doc of tr.documents ?? []) {
          const others = documents.filter((k) => k !== doc.kind);
          expect(decide(type, tr.from[0], head, { event: tr.event, fields, today, documents: others })).toMatchObject({
            ok: false,
            status: 400,
            message: `缺少材料：${doc.label}（请先上传附件）`,
            fieldErrors: [{ path: `documents.${doc.kind}`, message: `缺少材料：${doc.label}（请先上传附件）` }],
          });
        }
      });
});
