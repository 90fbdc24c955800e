/**
 * The ONE transition function of the case engine: pure, no database, no clock of its own. Given a case type,
 * the case's current state, who acts and what they submit, it answers either the new state with the effects to
 * apply and the cleaned fields, or a refusal with its HTTP status and a precise Chinese message. The service
 * applies the answer in one transaction (history, clocks, assignment, audit).
 */
import { isIsoDate } from '@mwsp/domain';
import type { CaseTypeDef, EffectDef, FieldDef, TransitionDef } from './caseTypes.js';
import { stateOf } from './caseTypes.js';

export interface Actor {
  permissions: ReadonlySet<string>;
  roles: readonly string[];
}

export interface TransitionRequest {
  event: string;
  fields: Readonly<Record<string, unknown>>;
  /** Today in Asia/Shanghai ('YYYY-MM-DD'), for `notPast` dates. */
  today: string;
  /** The document kinds of the attachments already on the case (for the transition's `documents`). */
  documents?: readonly string[];
}

export type FieldValue = string | number | string[];

export type Decision =
  | {
      ok: true;
      transition: TransitionDef;
      from: string;
      to: string;
      effects: readonly EffectDef[];
      /** The declared fields, validated and normalised (trimmed text, distinct users); undeclared ones dropped. */
      fields: Record<string, FieldValue>;
    }
  | {
      ok: false;
      /** 400 bad input, 403 not for this actor, 409 not from this state. */
      status: 400 | 403 | 409;
      message: string;
      fieldErrors?: { path: string; message: string }[];
    };

const MAX_TEXT = 2000;

/** Why a submitted value is not acceptable for its field, or null when it is. */
function fieldProblem(f: FieldDef, v: unknown, today: string): string | null {
  switch (f.kind) {
    case 'text':
      if (typeof v !== 'string' || !v.trim()) return `缺少必填项：${f.label}`;
      if (v.trim().length > MAX_TEXT) return `${f.label}不能超过 ${MAX_TEXT} 个字`;
      return null;
    case 'date':
      if (typeof v !== 'string' || !v) return `缺少必填项：${f.label}`;
      if (!isIsoDate(v)) return `${f.label}不是有效日期（应为 YYYY-MM-DD）`;
      if (f.notPast && v < today) return `${f.label}不能早于今天（${today}）`;
      return null;
    case 'fen':
      if (v === undefined || v === null || v === '') return `缺少必填项：${f.label}`;
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) return `${f.label}须为非负整数（单位：分）`;
      return null;
    case 'days':
      if (v === undefined || v === null || v === '') return `缺少必填项：${f.label}`;
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) return `${f.label}须为正整数天数`;
      return null;
    case 'count':
      if (v === undefined || v === null || v === '') return `缺少必填项：${f.label}`;
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) return `${f.label}须为正整数`;
      return null;
    case 'users': {
      const min = f.min ?? 1;
      if (!Array.isArray(v) || v.length === 0) return `缺少必填项：${f.label}`;
      if (!v.every((x) => typeof x === 'string' && x.length > 0)) return `${f.label}格式无效`;
      const distinct = new Set(v as string[]).size;
      if (distinct < min) return `${f.label}至少需要 ${min} 人（现有 ${distinct} 人）`;
      return null;
    }
    case 'choice':
      if (typeof v !== 'string' || !v) return `缺少必填项：${f.label}`;
      if (!f.options!.includes(v)) return `${f.label}的取值无效：${v}`;
      return null;
  }
}

function normalise(f: FieldDef, v: unknown): FieldValue {
  if (f.kind === 'text') return (v as string).trim();
  if (f.kind === 'users') return [...new Set(v as string[])];
  return v as string | number;
}

/**
 * Decides a transition. The checks run in a fixed order, so the answer is always the most fundamental
 * reason: unknown event (400) → not from the current state (409) → not for this actor (403) → fields and
 * required documents (400, every problem listed).
 */
export function decide(type: CaseTypeDef, state: string, actor: Actor, req: TransitionRequest): Decision {
  const current = stateOf(type, state);
  const named = type.transitions.filter((t) => t.event === req.event);
  if (named.length === 0) return { ok: false, status: 400, message: `${type.name}没有操作「${req.event}」` };
  const stateName = current?.name ?? state;
  const tr = named.find((t) => t.from.includes(state));
  if (!tr) {
    const name = named[0].name;
    if (current?.final)
      return { ok: false, status: 409, message: `案件已处于终结状态「${stateName}」，不能再执行「${name}」` };
    return { ok: false, status: 409, message: `当前状态「${stateName}」不能执行「${name}」` };
  }
  if (!actor.permissions.has(tr.permission)) return { ok: false, status: 403, message: `没有执行「${tr.name}」的权限` };
  if (tr.roles && !tr.roles.some((r) => actor.roles.includes(r)))
    return { ok: false, status: 403, message: `您的角色不能执行「${tr.name}」` };

  const fieldErrors: { path: string; message: string }[] = [];
  const fields: Record<string, FieldValue> = {};
  for (const f of tr.fields ?? []) {
    const v = req.fields[f.field];
    if (f.optional && (v === undefined || v === null || v === '')) continue;
    const problem = fieldProblem(f, v, req.today);
    if (problem) fieldErrors.push({ path: `fields.${f.field}`, message: problem });
    else fields[f.field] = normalise(f, v);
  }
  const present = new Set(req.documents ?? []);
  for (const doc of tr.documents ?? [])
    if (!present.has(doc.kind))
      fieldErrors.push({ path: `documents.${doc.kind}`, message: `缺少材料：${doc.label}（请先上传附件）` });
  if (fieldErrors.length)
    return { ok: false, status: 400, message: fieldErrors.map((e) => e.message).join('；'), fieldErrors };
  return { ok: true, transition: tr, from: state, to: tr.to, effects: tr.effects ?? [], fields };
}

/** The transitions an actor may offer from a state (the console's buttons): permission and role both held. */
export function availableTransitions(type: CaseTypeDef, state: string, actor: Actor): TransitionDef[] {
  return type.transitions.filter(
    (t) =>
      t.from.includes(state) &&
      actor.permissions.has(t.permission) &&
      (!t.roles || t.roles.some((r) => actor.roles.includes(r))),
  );
}
