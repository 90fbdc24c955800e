import { describe, expect, it } from 'vitest';
import { CaseTypeRegistry, caseTypeProblems, clockBudget, documentKindsOf, type CaseTypeDef } from './caseTypes.js';
import { availableTransitions, decide, type Actor } from './transition.js';

/** A small inspection-like type: every feature of the engine once. */
const TYPE: CaseTypeDef = {
  code: 'sample',
  name: '示例案件',
  readPermission: 'sample:read',
  states: [
    { code: 'filed', name: '待受理', initial: true },
    { code: 'open', name: '办理中' },
    { code: 'refused', name: '不予受理', final: true },
    { code: 'closed', name: '已结案', final: true },
  ],
  clocks: [
    { code: 'decide', name: '受理时限', unit: 'working', budget: 5, maxExtension: 0, startsOnCreate: true },
    { code: 'handle', name: '办理时限', unit: 'working', budget: 60, maxExtension: 30 },
  ],
  transitions: [
    {
      event: 'accept',
      name: '受理',
      from: ['filed'],
      to: 'open',
      permission: 'sample:handle',
      fields: [{ field: 'inspectors', label: '承办监察员', kind: 'users', min: 2 }],
      effects: [
        { kind: 'stopClock', clock: 'decide' },
        { kind: 'startClock', clock: 'handle' },
      ],
    },
    {
      event: 'refuse',
      name: '不予受理',
      from: ['filed'],
      to: 'refused',
      permission: 'sample:handle',
      fields: [{ field: 'reason', label: '不予受理理由', kind: 'text' }],
      effects: [{ kind: 'stopClock', clock: 'decide' }],
      confirm: true,
    },
    {
      event: 'extend',
      name: '延长办理期限',
      from: ['open'],
      to: 'open',
      permission: 'sample:approve',
      roles: ['supervisor'],
      fields: [
        { field: 'days', label: '延长天数', kind: 'days' },
        { field: 'reason', label: '延长理由', kind: 'text' },
      ],
      effects: [{ kind: 'extendClock', clock: 'handle', daysField: 'days' }],
    },
    {
      event: 'order',
      name: '责令支付',
      from: ['open'],
      to: 'open',
      permission: 'sample:handle',
      fields: [
        { field: 'amountFen', label: '责令支付金额', kind: 'fen' },
        { field: 'dueOn', label: '履行期限', kind: 'date', notPast: true },
        { field: 'kind', label: '文书类型', kind: 'choice', options: ['order', 'notice'] },
        { field: 'note', label: '备注', kind: 'text', optional: true },
      ],
    },
    {
      event: 'close',
      name: '结案',
      from: ['open'],
      to: 'closed',
      permission: 'sample:handle',
      effects: [{ kind: 'stopClock', clock: 'handle' }],
    },
  ],
};

const officer: Actor = { permissions: new Set(['sample:read', 'sample:handle']), roles: ['officer'] };
const supervisor: Actor = {
  permissions: new Set(['sample:read', 'sample:handle', 'sample:approve']),
  roles: ['supervisor'],
};
const today = '2026-03-10';

describe('caseTypeProblems (validation at registration)', () => {
  it('accepts a well-formed type', () => {
    expect(caseTypeProblems(TYPE)).toEqual([]);
    const reg = new CaseTypeRegistry();
    reg.register(TYPE);
    expect(reg.get('sample')).toBe(TYPE);
    expect(() => reg.register(TYPE)).toThrow('案件类型 sample 已注册');
  });

  it('lists every problem of a malformed type', () => {
    const bad: CaseTypeDef = {
      ...TYPE,
      states: [
        { code: 'filed', name: '待受理', initial: true },
        { code: 'filed', name: '重复' },
        { code: 'orphan', name: '孤立' },
        { code: 'closed', name: '已结案', final: true },
      ],
      clocks: [{ code: 'c', name: '时限', unit: 'working', budget: 0, maxExtension: -1 }],
      transitions: [
        { event: 'go', name: '去', from: ['filed'], to: 'nowhere', permission: 'bad' },
        { event: 'go', name: '去', from: ['filed'], to: 'closed', permission: 'sample:handle' },
        { event: 'undo', name: '撤回', from: ['closed'], to: 'filed', permission: 'sample:handle' },
        {
          event: 'ext',
          name: '延长',
          from: ['filed'],
          to: 'filed',
          permission: 'sample:handle',
          effects: [
            { kind: 'extendClock', clock: 'c', daysField: 'days' },
            { kind: 'stopClock', clock: 'zzz' },
          ],
        },
      ],
    };
    const problems = caseTypeProblems(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        '案件类型 sample：状态 filed 重复',
        '案件类型 sample：时限 c 的天数须为正整数',
        '案件类型 sample：时限 c 的最长延长天数须为非负整数',
        '案件类型 sample 的操作 go：权限 bad 格式无效',
        '案件类型 sample 的操作 go：目标状态 nowhere 未声明',
        '案件类型 sample 的操作 go：从状态 filed 出发的同名操作重复',
        '案件类型 sample 的操作 undo：不能从终结状态 closed 出发',
        '案件类型 sample 的操作 ext：延长时限须有天数字段 days',
        '案件类型 sample 的操作 ext：效果 stopClock 引用了未声明的时限 zzz',
        '案件类型 sample：状态 orphan 无法从初始状态到达',
        '案件类型 sample：非终结状态 orphan 没有任何后续操作',
      ]),
    );
    expect(() => new CaseTypeRegistry().register(bad)).toThrow(/案件类型定义无效/);
  });

  it('refuses a type that opens a case of a type not registered first', () => {
    const opener: CaseTypeDef = {
      ...TYPE,
      code: 'opener',
      transitions: TYPE.transitions.map((t) =>
        t.event === 'close' ? { ...t, effects: [{ kind: 'openCase', type: 'later', link: 'derived' }] } : t,
      ),
    };
    expect(caseTypeProblems(opener)).toEqual([]);
    const reg = new CaseTypeRegistry();
    expect(() => reg.register(opener)).toThrow('引用了未注册的案件类型 later（须先注册）');
    reg.register({ ...TYPE, code: 'later' });
    reg.register(opener);
    expect(reg.get('opener')).toBe(opener);
  });

  it('requires exactly one initial state and a final state', () => {
    const none = caseTypeProblems({ ...TYPE, states: TYPE.states.map((s) => ({ ...s, initial: false })) });
    expect(none).toContain('案件类型 sample：须有且只有一个初始状态（现有 0 个）');
    const noFinal = caseTypeProblems({ ...TYPE, states: TYPE.states.map((s) => ({ ...s, final: false })) });
    expect(noFinal).toContain('案件类型 sample：须至少有一个终结状态');
  });
});

describe('decide (the one transition function)', () => {
  it('allows a transition from its state, with its effects and normalised fields', () => {
    const d = decide(TYPE, 'filed', officer, { event: 'accept', fields: { inspectors: ['a', 'b', 'a'] }, today });
    expect(d).toEqual({
      ok: true,
      transition: TYPE.transitions[0],
      from: 'filed',
      to: 'open',
      effects: TYPE.transitions[0].effects,
      fields: { inspectors: ['a', 'b'] },
    });
  });

  it('drops undeclared fields and trims text', () => {
    const d = decide(TYPE, 'filed', officer, { event: 'refuse', fields: { reason: '  不属于受理范围 ', x: 1 }, today });
    expect(d.ok && d.fields).toEqual({ reason: '不属于受理范围' });
  });

  it('refuses an unknown event with 400', () => {
    expect(decide(TYPE, 'filed', officer, { event: 'fly', fields: {}, today })).toEqual({
      ok: false,
      status: 400,
      message: '示例案件没有操作「fly」',
    });
  });

  it('refuses a transition not allowed from the current state with 409', () => {
    expect(decide(TYPE, 'open', officer, { event: 'accept', fields: {}, today })).toEqual({
      ok: false,
      status: 409,
      message: '当前状态「办理中」不能执行「受理」',
    });
    expect(decide(TYPE, 'closed', officer, { event: 'close', fields: {}, today })).toEqual({
      ok: false,
      status: 409,
      message: '案件已处于终结状态「已结案」，不能再执行「结案」',
    });
  });

  it('refuses without the permission, and for a role not named, with 403', () => {
    const reader: Actor = { permissions: new Set(['sample:read']), roles: ['leader'] };
    expect(decide(TYPE, 'filed', reader, { event: 'accept', fields: {}, today })).toMatchObject({
      ok: false,
      status: 403,
      message: '没有执行「受理」的权限',
    });
    const approverNoRole: Actor = { permissions: supervisor.permissions, roles: ['officer'] };
    expect(
      decide(TYPE, 'open', approverNoRole, { event: 'extend', fields: { days: 10, reason: '案情复杂' }, today }),
    ).toEqual({ ok: false, status: 403, message: '您的角色不能执行「延长办理期限」' });
    expect(
      decide(TYPE, 'open', supervisor, { event: 'extend', fields: { days: 10, reason: '案情复杂' }, today }).ok,
    ).toBe(true);
  });

  it('checks the state before the actor (a closed case answers 409 to anyone)', () => {
    const reader: Actor = { permissions: new Set(), roles: [] };
    expect(decide(TYPE, 'filed', reader, { event: 'close', fields: {}, today })).toMatchObject({ status: 409 });
  });

  it('refuses missing and invalid fields with 400, each named', () => {
    expect(decide(TYPE, 'filed', officer, { event: 'accept', fields: {}, today })).toEqual({
      ok: false,
      status: 400,
      message: '缺少必填项：承办监察员',
      fieldErrors: [{ path: 'fields.inspectors', message: '缺少必填项：承办监察员' }],
    });
    expect(
      decide(TYPE, 'filed', officer, { event: 'accept', fields: { inspectors: ['a', 'a'] }, today }),
    ).toMatchObject({
      status: 400,
      message: '承办监察员至少需要 2 人（现有 1 人）',
    });
    expect(decide(TYPE, 'filed', officer, { event: 'refuse', fields: { reason: '   ' }, today })).toMatchObject({
      status: 400,
      message: '缺少必填项：不予受理理由',
    });
    const d = decide(TYPE, 'open', officer, {
      event: 'order',
      fields: { amountFen: 12.5, dueOn: '2026-03-09', kind: 'x' },
      today,
    });
    expect(d).toMatchObject({ ok: false, status: 400 });
    expect(!d.ok && d.fieldErrors).toEqual([
      { path: 'fields.amountFen', message: '责令支付金额须为非负整数（单位：分）' },
      { path: 'fields.dueOn', message: '履行期限不能早于今天（2026-03-10）' },
      { path: 'fields.kind', message: '文书类型的取值无效：x' },
    ]);
    expect(
      decide(TYPE, 'open', officer, {
        event: 'order',
        fields: { amountFen: 1, dueOn: '2026-02-30', kind: 'order' },
        today,
      }),
    ).toMatchObject({ message: '履行期限不是有效日期（应为 YYYY-MM-DD）' });
    expect(
      decide(TYPE, 'open', supervisor, { event: 'extend', fields: { days: 0, reason: 'x' }, today }),
    ).toMatchObject({ message: '延长天数须为正整数天数' });
  });

  it('accepts a valid order, optional fields absent or present', () => {
    const base = { amountFen: 0, dueOn: today, kind: 'order' };
    expect(decide(TYPE, 'open', officer, { event: 'order', fields: base, today }).ok).toBe(true);
    const d = decide(TYPE, 'open', officer, { event: 'order', fields: { ...base, note: ' 附件三份 ' }, today });
    expect(d.ok && d.fields.note).toBe('附件三份');
  });

  it('offers only the transitions the actor may perform from the state', () => {
    expect(availableTransitions(TYPE, 'filed', officer).map((t) => t.event)).toEqual(['accept', 'refuse']);
    expect(availableTransitions(TYPE, 'open', officer).map((t) => t.event)).toEqual(['order', 'close']);
    expect(availableTransitions(TYPE, 'open', supervisor).map((t) => t.event)).toEqual(['extend', 'order', 'close']);
    expect(availableTransitions(TYPE, 'closed', supervisor)).toEqual([]);
  });
});

describe('required documents (附件材料)', () => {
  const WITH_DOCS: CaseTypeDef = {
    ...TYPE,
    code: 'docs',
    transitions: TYPE.transitions.map((t) =>
      t.event === 'refuse'
        ? {
            ...t,
            documents: [
              { kind: 'notice', label: '不予受理通知书' },
              { kind: 'receipt', label: '送达回证' },
            ],
          }
        : t,
    ),
  };

  it('are valid declarations; their kinds are listed for uploads, then 其他材料', () => {
    expect(caseTypeProblems(WITH_DOCS)).toEqual([]);
    expect(documentKindsOf(WITH_DOCS)).toEqual([
      { kind: 'notice', label: '不予受理通知书' },
      { kind: 'receipt', label: '送达回证' },
      { kind: 'other', label: '其他材料' },
    ]);
    expect(documentKindsOf(TYPE)).toEqual([{ kind: 'other', label: '其他材料' }]);
  });

  it('refuses a transition until every required document is on the case, listing each missing one', () => {
    const fields = { reason: '不属于受理范围' };
    expect(decide(WITH_DOCS, 'filed', officer, { event: 'refuse', fields, today })).toEqual({
      ok: false,
      status: 400,
      message: '缺少材料：不予受理通知书（请先上传附件）；缺少材料：送达回证（请先上传附件）',
      fieldErrors: [
        { path: 'documents.notice', message: '缺少材料：不予受理通知书（请先上传附件）' },
        { path: 'documents.receipt', message: '缺少材料：送达回证（请先上传附件）' },
      ],
    });
    const one = decide(WITH_DOCS, 'filed', officer, { event: 'refuse', fields, today, documents: ['notice', 'other'] });
    expect(one).toMatchObject({ ok: false, status: 400, message: '缺少材料：送达回证（请先上传附件）' });
    const all = decide(WITH_DOCS, 'filed', officer, {
      event: 'refuse',
      fields,
      today,
      documents: ['receipt', 'notice', 'notice'],
    });
    expect(all).toMatchObject({ ok: true, to: 'refused' });
  });

  it('lists field and document problems together; state and permission come first', () => {
    const d = decide(WITH_DOCS, 'filed', officer, { event: 'refuse', fields: {}, today, documents: ['notice'] });
    expect(d).toMatchObject({
      ok: false,
      status: 400,
      message: '缺少必填项：不予受理理由；缺少材料：送达回证（请先上传附件）',
    });
    expect(decide(WITH_DOCS, 'open', officer, { event: 'refuse', fields: {}, today })).toMatchObject({ status: 409 });
    const reader: Actor = { permissions: new Set(['sample:read']), roles: [] };
    expect(decide(WITH_DOCS, 'filed', reader, { event: 'refuse', fields: {}, today })).toMatchObject({ status: 403 });
  });

  it('rejects malformed declarations', () => {
    const bad = (documents: { kind: string; label: string }[]) =>
      caseTypeProblems({
        ...TYPE,
        transitions: TYPE.transitions.map((t) => (t.event === 'refuse' ? { ...t, documents } : t)),
      });
    expect(bad([{ kind: 'Bad Kind', label: 'x' }])).toContain('案件类型 sample 的操作 refuse：材料类别 Bad Kind 无效');
    expect(bad([{ kind: 'other', label: '其他' }])).toContain(
      '案件类型 sample 的操作 refuse：材料类别 other 为保留类别',
    );
    expect(
      bad([
        { kind: 'notice', label: '通知书' },
        { kind: 'notice', label: '通知书' },
      ]),
    ).toContain('案件类型 sample 的操作 refuse：材料类别 notice 重复');
    expect(bad([{ kind: 'notice', label: ' ' }])).toContain('案件类型 sample 的操作 refuse：材料类别 notice 缺少名称');
    const clash = caseTypeProblems({
      ...TYPE,
      transitions: TYPE.transitions.map((t) =>
        t.event === 'refuse' || t.event === 'accept' ? { ...t, documents: [{ kind: 'notice', label: t.name }] } : t,
      ),
    });
    expect(clash.some((m) => m.includes('材料类别 notice 的名称与其他操作不一致'))).toBe(true);
  });
});

describe('case type flags and flag budgets', () => {
  const base: CaseTypeDef = {
    code: 'fast',
    name: '快速',
    readPermission: 'x:read',
    states: [
      { code: 'open', name: '待办', initial: true },
      { code: 'done', name: '办结', final: true },
    ],
    clocks: [{ code: 'k', name: '期限', unit: 'working', budget: 5, maxExtension: 0, flagBudgets: { quick: 2 } }],
    transitions: [{ event: 'finish', name: '办结', from: ['open'], to: 'done', permission: 'x:do' }],
    flags: [{ code: 'quick', label: '快速通道', priority: true }],
  };
  it('accepts declared flags and a positive budget per flag; the first flag with a budget wins', () => {
    expect(caseTypeProblems(base)).toEqual([]);
    expect(clockBudget(base.clocks[0], [])).toBe(5);
    expect(clockBudget(base.clocks[0], ['other', 'quick'])).toBe(2);
  });
  it('refuses undeclared, duplicate or malformed flags and bad flag budgets', () => {
    const bad: CaseTypeDef = {
      ...base,
      flags: [
        { code: 'quick', label: '快速通道' },
        { code: 'quick', label: '' },
        { code: 'Bad', label: '坏' },
      ],
      clocks: [{ ...base.clocks[0], flagBudgets: { slow: 3, quick: 0 } }],
    };
    expect(caseTypeProblems(bad)).toEqual([
      '案件类型 fast：标记 quick 重复',
      '案件类型 fast：标记 quick 缺少名称',
      '案件类型 fast：标记编码 Bad 无效',
      '案件类型 fast：时限 k 引用了未声明的标记 slow',
      '案件类型 fast：时限 k 在标记 quick 下的天数须为正整数',
    ]);
  });
});
