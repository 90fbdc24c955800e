import {
  ageOn,
  normalizeName as normalizeNameDomain,
  parseBankCard,
  parseIdNumber,
  parseMobile,
  shanghaiDate,
} from '@mwsp/domain';
import type {
  AccompanyingChild,
  LeftBehindMember,
  LeftBehindRelation,
  Worker,
  WorkerInput,
  WorkerPatch,
  WorkerSkill,
} from '../../../../api/types';

export const MIN_WORKER_AGE = 16;
export const UNDER_AGE_MESSAGE = '未满16周岁不能登记为务工人员';

export interface SkillValues {
  occupationCode?: string;
  certificate?: string;
  level?: string;
}

export interface ChildValues {
  name?: string;
  birthYear?: number;
  schoolStage?: string;
}

export interface LeftBehindValues {
  relation?: LeftBehindRelation;
  name?: string;
  birthYear?: number;
}

export interface ContactValues {
  name?: string;
  relation?: string;
  phone?: string;
}

export interface WorkerFormValues {
  name?: string;
  idNumber?: string;
  ethnicity?: string;
  education?: string;
  phone?: string;
  hukouRegionCode?: string;
  residenceRegionCode?: string;
  skills?: SkillValues[];
  bankCard?: string;
  bankName?: string;
  emergencyContact?: ContactValues;
  accompanyingChildren?: ChildValues[];
  leftBehind?: LeftBehindValues[];
}

export const currentYear = () => Number(shanghaiDate().slice(0, 4));

/**
 * Variants of the middle dot typed in minority names (买买提•吐尔逊) become the standard '·' (U+00B7): the domain's
 * one normal form.
 */
export const normalizeName = normalizeNameDomain;

/** Length in characters as people count them (a rare character outside the BMP is one). */
export const charCount = (s: string) => [...s].length;

/** Validation of a typed ID number, including the minimum age. Returns the message or null. */
export function idNumberProblem(value: string | undefined): string | null {
  const r = parseIdNumber(value ?? '');
  if (!r.ok) return r.message;
  if (ageOn(r.birthDate, shanghaiDate()) < MIN_WORKER_AGE) return UNDER_AGE_MESSAGE;
  return null;
}

export function mobileProblem(value: string | undefined): string | null {
  if (!value || !value.trim()) return null;
  const r = parseMobile(value);
  return r.ok ? null : r.message;
}

/** Blocking problems of a bank card number (a failed Luhn check is only a warning). */
export function bankCardProblem(value: string | undefined): string | null {
  if (!value || !value.trim()) return null;
  const r = parseBankCard(value);
  return r.ok ? null : r.message;
}

export function bankCardWarning(value: string | undefined): string | null {
  if (!value || !value.trim()) return null;
  const r = parseBankCard(value);
  return r.ok && !r.luhnValid ? (r.message ?? '银行卡号校验未通过，请核对卡号') : null;
}

const blank = (v: string | undefined | null) => !v || !v.trim();
const textOrNull = (v: string | undefined | null) => (v && v.trim() ? v.trim() : null);

export function contactFilled(c: ContactValues | undefined): boolean {
  return !!c && (!blank(c.name) || !blank(c.relation) || !blank(c.phone));
}

export function toSkills(list: SkillValues[] | undefined): WorkerSkill[] {
  return (list ?? [])
    .filter((s) => s && s.occupationCode)
    .map((s) => ({
      occupationCode: s.occupationCode as string,
      certificate: textOrNull(s.certificate),
      level: textOrNull(s.level),
    }));
}

export function toChildren(list: ChildValues[] | undefined): AccompanyingChild[] {
  return (list ?? []).map((c) => ({
    name: normalizeName(c.name ?? ''),
    birthYear: Number(c.birthYear),
    schoolStage: c.schoolStage ?? '',
  }));
}

export function toLeftBehind(list: LeftBehindValues[] | undefined): LeftBehindMember[] {
  return (list ?? []).map((m) => ({
    relation: m.relation as LeftBehindRelation,
    name: normalizeName(m.name ?? ''),
    birthYear: Number(m.birthYear),
  }));
}

/** Form values of an existing worker (masked values that cannot be edited in place start empty). */
export function valuesOf(worker: Worker): WorkerFormValues {
  return {
    name: worker.name,
    ethnicity: worker.ethnicity || undefined,
    education: worker.education || undefined,
    hukouRegionCode: worker.hukouRegionCode || undefined,
    residenceRegionCode: worker.residenceRegionCode || undefined,
    skills: worker.skills.map((s) => ({
      occupationCode: s.occupationCode,
      certificate: s.certificate ?? undefined,
      level: s.level ?? undefined,
    })),
    bankName: worker.bankName ?? undefined,
    emergencyContact: {},
    accompanyingChildren: worker.accompanyingChildren.map((c) => ({ ...c })),
    leftBehind: worker.leftBehind.map((m) => ({ ...m })),
  };
}

export function createBody(v: WorkerFormValues): WorkerInput {
  const id = parseIdNumber(v.idNumber ?? '');
  const body: WorkerInput = {
    name: normalizeName(v.name ?? ''),
    idNumber: id.ok ? id.value : (v.idNumber ?? '').trim(),
    ethnicity: v.ethnicity ?? '',
    education: v.education ?? '',
    hukouRegionCode: v.hukouRegionCode ?? '',
    residenceRegionCode: v.residenceRegionCode ?? '',
    skills: toSkills(v.skills),
    accompanyingChildren: toChildren(v.accompanyingChildren),
    leftBehind: toLeftBehind(v.leftBehind),
  };
  const phone = blank(v.phone) ? null : parseMobile(v.phone as string);
  if (phone && phone.ok) body.phone = phone.normalized;
  const card = blank(v.bankCard) ? null : parseBankCard(v.bankCard as string);
  if (card && card.ok) body.bankCard = card.normalized;
  if (!blank(v.bankName)) body.bankName = (v.bankName as string).trim();
  if (contactFilled(v.emergencyContact)) body.emergencyContact = contactBody(v.emergencyContact as ContactValues);
  return body;
}

function contactBody(c: ContactValues) {
  const phone = parseMobile(c.phone ?? '');
  return {
    name: normalizeName(c.name ?? ''),
    relation: c.relation ?? '',
    phone: phone.ok ? phone.normalized : (c.phone ?? '').trim(),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface PatchResult {
  patch: WorkerPatch;
  changed: boolean;
  /** Items of a changed family list whose name is still the masked one (must be re-entered). */
  maskedNames: (string | number)[][];
}

/** Only what changed, plus the version the edit started from. */
export function patchBody(worker: Worker, v: WorkerFormValues, changeId: boolean): PatchResult {
  const patch: WorkerPatch = { version: worker.version };
  const name = normalizeName(v.name ?? '');
  if (name !== worker.name) patch.name = name;
  if (changeId) {
    const id = parseIdNumber(v.idNumber ?? '');
    if (id.ok) patch.idNumber = id.value;
  }
  if (v.ethnicity && v.ethnicity !== worker.ethnicity) patch.ethnicity = v.ethnicity;
  if (v.education && v.education !== worker.education) patch.education = v.education;
  if (v.hukouRegionCode && v.hukouRegionCode !== worker.hukouRegionCode) patch.hukouRegionCode = v.hukouRegionCode;
  if (v.residenceRegionCode && v.residenceRegionCode !== worker.residenceRegionCode) {
    patch.residenceRegionCode = v.residenceRegionCode;
  }
  if (!blank(v.phone)) {
    const phone = parseMobile(v.phone as string);
    if (phone.ok) patch.phone = phone.normalized;
  }
  const skills = toSkills(v.skills);
  if (
    !same(
      skills,
      worker.skills.map((s) => ({ occupationCode: s.occupationCode, certificate: s.certificate, level: s.level })),
    )
  ) {
    patch.skills = skills;
  }
  if (!blank(v.bankCard)) {
    const card = parseBankCard(v.bankCard as string);
    if (card.ok) patch.bankCard = card.normalized;
  }
  if (!blank(v.bankName) && (v.bankName as string).trim() !== (worker.bankName ?? ''))
    patch.bankName = (v.bankName as string).trim();
  if (contactFilled(v.emergencyContact)) patch.emergencyContact = contactBody(v.emergencyContact as ContactValues);

  const maskedNames: (string | number)[][] = [];
  const children = toChildren(v.accompanyingChildren);
  const originalChildren = worker.accompanyingChildren.map((c) => ({
    name: c.name,
    birthYear: c.birthYear,
    schoolStage: c.schoolStage,
  }));
  if (!same(children, originalChildren)) {
    patch.accompanyingChildren = children;
    const masked = new Set(worker.accompanyingChildren.map((c) => c.name));
    children.forEach((c, i) => {
      if (c.name.includes('*') && masked.has(c.name)) maskedNames.push(['accompanyingChildren', i, 'name']);
    });
  }
  const left = toLeftBehind(v.leftBehind);
  const originalLeft = worker.leftBehind.map((m) => ({ relation: m.relation, name: m.name, birthYear: m.birthYear }));
  if (!same(left, originalLeft)) {
    patch.leftBehind = left;
    const masked = new Set(worker.leftBehind.map((m) => m.name));
    left.forEach((m, i) => {
      if (m.name.includes('*') && masked.has(m.name)) maskedNames.push(['leftBehind', i, 'name']);
    });
  }
  return { patch, changed: Object.keys(patch).length > 1, maskedNames };
}
