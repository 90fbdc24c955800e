/**
 * The legal-aid case type (法律援助), declared as data for the case engine. 法律援助法 (2022-01-01):
 *  - 第三十一条第六项: 请求支付劳动报酬 is a civil matter for which legal aid is given to the economically needy;
 *  - 第三十二条: cases where economic status is not a condition (英雄烈士近亲属, 见义勇为, 再审改判无罪请求国家赔偿,
 *    遭受虐待、遗弃或者家庭暴力的受害人 …);
 *  - 第四十二条第四项: 申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员 are exempt from the review of
 *    economic hardship (免予核查经济困难状况) — the common ground for migrant workers' wage claims;
 *  - 第四十三条: the aid body decides within 七日 of receiving the application and, when it grants aid, assigns a
 *    lawyer within 三日 of the decision. 《办理法律援助案件程序规定》 第十三条 counts the review in 工作日 (7 个工作日)
 *    and does not count the time the applicant takes to complete the materials (补充材料): the review clock is
 *    7 working days, suspended while materials are awaited; the assignment clock 3 working days.
 */
import type { CaseTypeDef } from '../../platform/cases/caseTypes.js';

export const LEGAL_AID_TYPE = 'legal_aid';

/** Grounds of eligibility (受援条件), the choice recorded by the review (审查). */
export const LEGAL_AID_GROUNDS = [
  '经济困难（经核查）',
  '进城务工人员申请支付劳动报酬，免予核查经济困难状况（第四十二条第四项）',
  '进城务工人员请求工伤事故人身损害赔偿，免予核查经济困难状况（第四十二条第四项）',
  '不受经济困难条件限制（第三十二条）',
] as const;

/** Outcomes of a closed aid case (结案). */
export const LEGAL_AID_OUTCOMES = ['胜诉', '部分胜诉', '调解结案', '和解', '败诉', '撤回', '终止'] as const;

export const LEGAL_AID_CASE_TYPE: CaseTypeDef = {
  code: LEGAL_AID_TYPE,
  name: '法律援助',
  readPermission: 'rights:read',
  states: [
    { code: 'applied', name: '待审查', initial: true },
    { code: 'granted', name: '已决定援助' },
    { code: 'assigned', name: '已指派' },
    { code: 'refused', name: '不予援助', final: true },
    { code: 'terminated', name: '已终止援助', final: true },
    { code: 'closed', name: '已结案', final: true },
  ],
  clocks: [
    { code: 'review', name: '审查决定期限', unit: 'working', budget: 7, maxExtension: 0, startsOnCreate: true },
    { code: 'assign', name: '指派期限', unit: 'working', budget: 3, maxExtension: 0 },
  ],
  transitions: [
    {
      event: 'request_materials',
      name: '通知补充材料',
      from: ['applied'],
      to: 'applied',
      permission: 'rights:handle',
      fields: [{ field: 'reason', label: '需补充的材料', kind: 'text' }],
      effects: [{ kind: 'suspendClock', clock: 'review' }],
    },
    {
      event: 'materials_received',
      name: '材料已补齐',
      from: ['applied'],
      to: 'applied',
      permission: 'rights:handle',
      fields: [{ field: 'reason', label: '补齐情况', kind: 'text' }],
      effects: [{ kind: 'resumeClock', clock: 'review' }],
    },
    {
      event: 'grant',
      name: '决定给予法律援助',
      from: ['applied'],
      to: 'granted',
      permission: 'rights:handle',
      fields: [
        { field: 'ground', label: '受援条件', kind: 'choice', options: LEGAL_AID_GROUNDS },
        { field: 'decisionNo', label: '给予法律援助决定书文号', kind: 'text' },
      ],
      effects: [
        { kind: 'stopClock', clock: 'review' },
        { kind: 'startClock', clock: 'assign' },
      ],
    },
    {
      event: 'refuse',
      name: '决定不予法律援助',
      from: ['applied'],
      to: 'refused',
      permission: 'rights:handle',
      fields: [{ field: 'reason', label: '不予援助理由', kind: 'text' }],
      effects: [{ kind: 'stopClock', clock: 'review' }],
      confirm: true,
    },
    {
      // The provider (律师或法律援助机构) is checked by the rights module's guard (legalaid.service.ts), which records
      // its name and practice number beside the id.
      event: 'assign',
      name: '指派承办',
      from: ['granted', 'assigned'],
      to: 'assigned',
      permission: 'rights:handle',
      fields: [{ field: 'providerId', label: '承办律师或机构', kind: 'text' }],
      effects: [{ kind: 'stopClock', clock: 'assign' }],
    },
    {
      event: 'terminate',
      name: '终止法律援助',
      from: ['granted', 'assigned'],
      to: 'terminated',
      permission: 'rights:handle',
      fields: [{ field: 'reason', label: '终止理由（法律援助法第四十八条）', kind: 'text' }],
      confirm: true,
    },
    {
      event: 'close',
      name: '结案',
      from: ['assigned'],
      to: 'closed',
      permission: 'rights:handle',
      fields: [
        { field: 'outcome', label: '结案方式', kind: 'choice', options: LEGAL_AID_OUTCOMES },
        { field: 'recoveredFen', label: '为受援人挽回金额（分）', kind: 'fen', optional: true },
        { field: 'note', label: '结案说明', kind: 'text', optional: true },
      ],
      confirm: true,
    },
  ],
};
