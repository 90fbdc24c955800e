/**
 * The case engine's vocabulary (案件引擎): a case type is DATA — its states, its transitions (the event, who
 * may perform it, the fields it requires, its effects) and its statutory clocks. Modules declare their case
 * types (rights: 投诉举报, 劳动保障监察 …) and register them with the platform, which validates each one once,
 * at registration, and refuses a malformed type with every problem listed. The platform knows no domain:
 * nothing here names a module, a state or a role.
 */
import type { DeadlineUnit } from '../calendar/workdays.js';

/** The permission of the generic case list and detail; each type adds its own read permission. */
export const CASES_READ = 'cases:read';

/** A state of a case type. `initial`: where a new case starts (exactly one); `final`: no way out. */
export interface StateDef {
  code: string;
  /** Chinese name shown in the console and in messages. */
  name: string;
  initial?: boolean;
  final?: boolean;
}

/**
 * A field a transition requires, checked by the pure transition function before anything is written.
 *  - text:  a non-empty string (trimmed), at most 2,000 characters
 *  - date:  'YYYY-MM-DD'; `notPast` refuses a date before today (a deadline in the past)
 *  - fen:   an amount in 分, a non-negative safe integer
 *  - days:  a positive integer count of days (an extension)
 *  - count: a positive integer count of something else (workers, months)
 *  - users: distinct user ids, at least `min` of them (e.g. two inspectors on the record)
 *  - choice: one of `options`
 */
export type FieldKind = 'text' | 'date' | 'fen' | 'days' | 'count' | 'users' | 'choice';

export interface FieldDef {
  field: string;
  /** Chinese label used in messages: "缺少必填项：处理意见". */
  label: string;
  kind: FieldKind;
  /** users: the smallest number of distinct users. */
  min?: number;
  /** date: refuse a date before today. */
  notPast?: boolean;
  /** choice: the allowed values. */
  options?: readonly string[];
  /** Optional fields are checked only when present. Default: required. */
  optional?: boolean;
}

/**
 * What a transition does besides changing the state, applied by the service in the same transaction:
 *  - startClock / stopClock: a statutory clock of the type starts (today) or stops (met)
 *  - suspendClock / resumeClock: an entry in the clock's ledger (中止/恢复)
 *  - extendClock: an approved extension of `daysField` days (refused beyond the clock's statutory maximum)
 *  - assign: the case is assigned to the user named in `userField`
 *  - escalate: the case is raised to the supervisor at once (e.g. a group complaint)
 *  - openCase: a case of another registered type is opened from this one (same region, parties, owner) and the
 *    two are linked (`link`: e.g. 'derived'), e.g. a complaint → a labour-inspection case
 */
export type EffectDef =
  | { kind: 'startClock'; clock: string }
  | { kind: 'stopClock'; clock: string }
  | { kind: 'suspendClock'; clock: string }
  | { kind: 'resumeClock'; clock: string }
  | { kind: 'extendClock'; clock: string; daysField: string }
  | { kind: 'assign'; userField: string }
  | { kind: 'escalate' }
  | { kind: 'openCase'; type: string; link: string };

/**
 * A document a transition requires among the case's attachments (e.g. the inspection record, 检查笔录, before the
 * record step): an attachment uploaded with this `kind` must exist. Checked by the pure transition function.
 */
export interface DocumentDef {
  kind: string;
  /** Chinese name used in messages and in the upload form: "检查笔录". */
  label: string;
}

/** The kind of an attachment that answers no requirement (其他材料): always accepted. */
export const OTHER_DOCUMENT: DocumentDef = { kind: 'other', label: '其他材料' };

export interface TransitionDef {
  /** The event that triggers it, unique among the transitions leaving one state. */
  event: string;
  /** Chinese name of the action (the console's button): "受理". */
  name: string;
  from: readonly string[];
  to: string;
  /** The permission the actor needs (module:action). */
  permission: string;
  /** When set: only actors holding one of these role codes may perform it (on top of the permission). */
  roles?: readonly string[];
  fields?: readonly FieldDef[];
  /** Attachments that must be on the case before this transition (by document kind). */
  documents?: readonly DocumentDef[];
  effects?: readonly EffectDef[];
  /** Whether the console asks for confirmation first. */
  confirm?: boolean;
}

/**
 * A statutory clock (法定时限): a budget of days plus a ledger of suspensions and approved extensions. Its due
 * date is never stored as truth: it is derived from the working-day calendar (platform/calendar).
 */
export interface ClockDef {
  code: string;
  name: string;
  unit: DeadlineUnit;
  /** The statutory budget in `unit` days (e.g. 5 working days to decide on a complaint). */
  budget: number;
  /** The statutory maximum of approved extensions in total (0: none allowed). */
  maxExtension: number;
  /** Amber rung at this share of the budget used, in percent (default 80). */
  amberPercent?: number;
  /** Whether this clock starts with the case (on filing). */
  startsOnCreate?: boolean;
  /**
   * A different budget for cases carrying a flag of the type (e.g. a fast track decided in fewer days), keyed by
   * the flag's code; the first flag of the case found here wins. Fixed when the clock starts.
   */
  flagBudgets?: Readonly<Record<string, number>>;
}

/**
 * A flag a case may carry, set when it is opened (by the opener or the type's open hook): shown as a tag in lists
 * and on the case; `priority` flags sort their cases first in every list and queue.
 */
export interface FlagDef {
  code: string;
  /** Chinese label of the tag. */
  label: string;
  priority?: boolean;
}

export interface CaseTypeDef {
  code: string;
  name: string;
  /** The permission to read cases of this type. */
  readPermission: string;
  states: readonly StateDef[];
  transitions: readonly TransitionDef[];
  clocks: readonly ClockDef[];
  /** The flags a case of this type may carry (none by default). */
  flags?: readonly FlagDef[];
}

const CODE = /^[a-z][a-z0-9_]{0,39}$/;
const PERMISSION = /^[a-z][a-z0-9_]*:[a-z][a-z0-9_]*$/;

/** Every problem of a case type definition, as sentences (empty: the type is valid). */
export function caseTypeProblems(t: CaseTypeDef): string[] {
  const out: string[] = [];
  const where = `案件类型 ${t.code}`;
  if (!CODE.test(t.code)) out.push(`${where}：编码须为小写字母开头的字母、数字或下划线`);
  if (!t.name.trim()) out.push(`${where}：缺少名称`);
  if (!PERMISSION.test(t.readPermission)) out.push(`${where}：查看权限 ${t.readPermission} 格式无效`);

  const states = new Map<string, StateDef>();
  for (const s of t.states) {
    if (!CODE.test(s.code)) out.push(`${where}：状态编码 ${s.code} 无效`);
    if (states.has(s.code)) out.push(`${where}：状态 ${s.code} 重复`);
    if (!s.name.trim()) out.push(`${where}：状态 ${s.code} 缺少名称`);
    if (s.initial && s.final) out.push(`${where}：状态 ${s.code} 不能既是初始状态又是终结状态`);
    states.set(s.code, s);
  }
  const initial = t.states.filter((s) => s.initial);
  if (initial.length !== 1) out.push(`${where}：须有且只有一个初始状态（现有 ${initial.length} 个）`);
  if (!t.states.some((s) => s.final)) out.push(`${where}：须至少有一个终结状态`);

  const clocks = new Map<string, ClockDef>();
  for (const c of t.clocks) {
    if (!CODE.test(c.code)) out.push(`${where}：时限编码 ${c.code} 无效`);
    if (clocks.has(c.code)) out.push(`${where}：时限 ${c.code} 重复`);
    if (!Number.isSafeInteger(c.budget) || c.budget <= 0) out.push(`${where}：时限 ${c.code} 的天数须为正整数`);
    if (!Number.isSafeInteger(c.maxExtension) || c.maxExtension < 0)
      out.push(`${where}：时限 ${c.code} 的最长延长天数须为非负整数`);
    const amber = c.amberPercent ?? 80;
    if (!Number.isInteger(amber) || amber <= 0 || amber >= 100)
      out.push(`${where}：时限 ${c.code} 的黄色提示比例须在 1–99 之间`);
    clocks.set(c.code, c);
  }

  const flags = new Set<string>();
  for (const f of t.flags ?? []) {
    if (!CODE.test(f.code)) out.push(`${where}：标记编码 ${f.code} 无效`);
    if (flags.has(f.code)) out.push(`${where}：标记 ${f.code} 重复`);
    if (!f.label.trim()) out.push(`${where}：标记 ${f.code} 缺少名称`);
    flags.add(f.code);
  }
  for (const c of t.clocks)
    for (const [flag, budget] of Object.entries(c.flagBudgets ?? {})) {
      if (!flags.has(flag)) out.push(`${where}：时限 ${c.code} 引用了未声明的标记 ${flag}`);
      if (!Number.isSafeInteger(budget) || budget <= 0)
        out.push(`${where}：时限 ${c.code} 在标记 ${flag} 下的天数须为正整数`);
    }

  const seen = new Set<string>();
  const documentLabels = new Map<string, string>();
  for (const tr of t.transitions) {
    const at = `${where} 的操作 ${tr.event}`;
    if (!CODE.test(tr.event)) out.push(`${at}：事件编码无效`);
    if (!tr.name.trim()) out.push(`${at}：缺少名称`);
    if (!PERMISSION.test(tr.permission)) out.push(`${at}：权限 ${tr.permission} 格式无效`);
    if (tr.roles && tr.roles.length === 0) out.push(`${at}：角色列表为空（不限角色时省略）`);
    if (tr.from.length === 0) out.push(`${at}：缺少起始状态`);
    for (const f of tr.from) {
      const s = states.get(f);
      if (!s) out.push(`${at}：起始状态 ${f} 未声明`);
      else if (s.final) out.push(`${at}：不能从终结状态 ${f} 出发`);
      if (seen.has(`${f}/${tr.event}`)) out.push(`${at}：从状态 ${f} 出发的同名操作重复`);
      seen.add(`${f}/${tr.event}`);
    }
    if (!states.has(tr.to)) out.push(`${at}：目标状态 ${tr.to} 未声明`);
    const fields = new Set<string>();
    for (const f of tr.fields ?? []) {
      if (fields.has(f.field)) out.push(`${at}：字段 ${f.field} 重复`);
      fields.add(f.field);
      if (!f.label.trim()) out.push(`${at}：字段 ${f.field} 缺少名称`);
      if (f.kind === 'users' && (!Number.isInteger(f.min ?? 1) || (f.min ?? 1) < 1))
        out.push(`${at}：字段 ${f.field} 的最少人数须为正整数`);
      if (f.kind === 'choice' && !(f.options && f.options.length > 0)) out.push(`${at}：选择字段 ${f.field} 缺少选项`);
    }
    const docs = new Set<string>();
    for (const d of tr.documents ?? []) {
      if (!CODE.test(d.kind)) out.push(`${at}：材料类别 ${d.kind} 无效`);
      if (d.kind === OTHER_DOCUMENT.kind) out.push(`${at}：材料类别 ${d.kind} 为保留类别`);
      if (docs.has(d.kind)) out.push(`${at}：材料类别 ${d.kind} 重复`);
      docs.add(d.kind);
      if (!d.label.trim()) out.push(`${at}：材料类别 ${d.kind} 缺少名称`);
      const other = documentLabels.get(d.kind);
      if (other !== undefined && other !== d.label)
        out.push(`${at}：材料类别 ${d.kind} 的名称与其他操作不一致（${other}）`);
      documentLabels.set(d.kind, d.label);
    }
    for (const e of tr.effects ?? []) {
      if ('clock' in e && !clocks.has(e.clock)) out.push(`${at}：效果 ${e.kind} 引用了未声明的时限 ${e.clock}`);
      if (e.kind === 'extendClock') {
        const f = (tr.fields ?? []).find((x) => x.field === e.daysField);
        if (!f || f.kind !== 'days') out.push(`${at}：延长时限须有天数字段 ${e.daysField}`);
      }
      if (e.kind === 'assign') {
        const f = (tr.fields ?? []).find((x) => x.field === e.userField);
        if (!f || f.kind !== 'users') out.push(`${at}：指派须有人员字段 ${e.userField}`);
      }
    }
  }

  // Every state is reachable from the initial one, and every non-final state has a way out.
  const start = initial[0];
  if (start) {
    const reach = new Set([start.code]);
    for (let grew = true; grew;) {
      grew = false;
      for (const tr of t.transitions)
        if (tr.from.some((f) => reach.has(f)) && !reach.has(tr.to)) {
          reach.add(tr.to);
          grew = true;
        }
    }
    for (const s of t.states) if (!reach.has(s.code)) out.push(`${where}：状态 ${s.code} 无法从初始状态到达`);
  }
  for (const s of t.states)
    if (!s.final && !t.transitions.some((tr) => tr.from.includes(s.code)))
      out.push(`${where}：非终结状态 ${s.code} 没有任何后续操作`);
  return out;
}

/** The validated case types, keyed by code. Registration refuses a malformed or duplicate type. */
export class CaseTypeRegistry {
  private readonly types = new Map<string, CaseTypeDef>();

  register(t: CaseTypeDef): void {
    const problems = caseTypeProblems(t);
    if (this.types.has(t.code)) problems.push(`案件类型 ${t.code} 已注册`);
    for (const tr of t.transitions)
      for (const e of tr.effects ?? [])
        if (e.kind === 'openCase' && !this.types.has(e.type))
          problems.push(`案件类型 ${t.code} 的操作 ${tr.event}：引用了未注册的案件类型 ${e.type}（须先注册）`);
    if (problems.length) throw new Error(`案件类型定义无效：\n- ${problems.join('\n- ')}`);
    this.types.set(t.code, t);
  }

  get(code: string): CaseTypeDef | undefined {
    return this.types.get(code);
  }

  all(): CaseTypeDef[] {
    return [...this.types.values()];
  }
}

export function initialState(t: CaseTypeDef): StateDef {
  return t.states.find((s) => s.initial)!;
}

/** The document kinds a case of this type may carry: those its transitions require, then 其他材料. */
export function documentKindsOf(t: CaseTypeDef): DocumentDef[] {
  const out = new Map<string, DocumentDef>();
  for (const tr of t.transitions) for (const d of tr.documents ?? []) if (!out.has(d.kind)) out.set(d.kind, d);
  return [...out.values(), OTHER_DOCUMENT];
}

/** The budget of a clock for a case carrying `flags`: the first flag with its own budget, else the statutory one. */
export function clockBudget(k: ClockDef, flags: readonly string[]): number {
  for (const f of flags) {
    const b = k.flagBudgets?.[f];
    if (b !== undefined) return b;
  }
  return k.budget;
}

export function stateOf(t: CaseTypeDef, code: string): StateDef | undefined {
  return t.states.find((s) => s.code === code);
}
