import { ageOn, checkPersonName, luhnValid, parseIdNumber, parseMobile, shanghaiDate } from '@mwsp/domain';

/** What a clerk (or an import row) submits for one worker. */
export interface WorkerInput {
  name: string;
  idNumber: string;
  ethnicity: string;
  education: string;
  phone?: string | null;
  hukouRegionCode: string;
  residenceRegionCode: string;
  skills?: { occupationCode: string; certificate?: string | null; level?: string | null }[];
  bankCard?: string | null;
  bankName?: string | null;
  emergencyContact?: { name: string; relation: string; phone: string } | null;
  accompanyingChildren?: { name: string; birthYear: number; schoolStage: string }[];
  leftBehind?: { relation: 'child' | 'spouse' | 'parent'; name: string; birthYear: number }[];
}

/** The checked and derived form stored by the repository (personal fields still in clear here). */
export interface WorkerRecord {
  name: string;
  idNumber: string; // normalised 18 characters
  sex: 'male' | 'female';
  birthDate: string;
  ethnicity: string;
  education: string;
  phone: string | null;
  hukouRegionCode: string;
  residenceRegionCode: string;
  migrantType: 'local' | 'out';
  crossProvince: boolean;
  skills: { occupationCode: string; certificate: string | null; level: string | null }[];
  bankCard: string | null;
  bankName: string | null;
  bankCardLuhnOk: boolean | null;
  emergencyContact: { name: string; relation: string; phone: string } | null;
  accompanyingChildren: { name: string; birthYear: number; schoolStage: string }[];
  leftBehind: { relation: 'child' | 'spouse' | 'parent'; name: string; birthYear: number }[];
}

export const MIN_WORKING_AGE = 16;

export type FieldErrors = Record<string, string>;

/**
 * Names: any script (including 𠈌 outside the BMP and the middle dot of 维吾尔/哈萨克 names), no digits
 * or control characters; normalised by the domain's one name form (every middle-dot variant → U+00B7).
 */
export function normalizeName(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  return checkPersonName(raw);
}

/**
 * 本地 vs 外出 and 跨省: NBS counts a worker as local when employed inside the township of household
 * registration. The registry knows the household registration to county level, so "same county as the
 * current residence" is the test here; cross-province compares the province codes.
 */
export function deriveMigration(
  hukouRegionCode: string,
  residenceRegionCode: string,
): { migrantType: 'local' | 'out'; crossProvince: boolean } {
  return {
    migrantType:
      hukouRegionCode.slice(0, 6) === residenceRegionCode.slice(0, 6) && hukouRegionCode.length >= 6 ? 'local' : 'out',
    crossProvince: hukouRegionCode.slice(0, 2) !== residenceRegionCode.slice(0, 2),
  };
}

/**
 * Checks one worker and derives what follows from the ID number. Code-table membership and region
 * existence are checked by the caller (they need data); everything else is here.
 */
export function checkWorker(
  input: WorkerInput,
  today: Date,
): { ok: true; record: WorkerRecord; warnings: string[] } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const warnings: string[] = [];
  const name = normalizeName(input.name ?? '');
  if (!name.ok) errors.name = name.message;

  const id = parseIdNumber(input.idNumber ?? '', { today: shanghaiDate(today) });
  let sex: 'male' | 'female' = 'male';
  let birthDate = '';
  if (!id.ok) errors.idNumber = id.message;
  else {
    sex = id.sex;
    birthDate = id.birthDate;
    if (ageOn(id.birthDate, shanghaiDate(today)) < MIN_WORKING_AGE)
      errors.idNumber = `未满${MIN_WORKING_AGE}周岁不能登记为务工人员`;
    if (id.converted15) warnings.push('15 位旧身份证号已按国家标准升位为 18 位');
  }

  let phone: string | null = null;
  if (input.phone) {
    const m = parseMobile(input.phone);
    if (!m.ok) errors.phone = m.message;
    else phone = m.normalized;
  }

  let bankCard: string | null = null;
  let bankCardLuhnOk: boolean | null = null;
  if (input.bankCard) {
    const digits = input.bankCard
      .replace(/[\s-]/g, '')
      .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
    if (!/^\d{12,19}$/.test(digits)) errors.bankCard = '银行卡号应为 12–19 位数字';
    else {
      bankCard = digits;
      bankCardLuhnOk = luhnValid(digits);
      if (!bankCardLuhnOk) warnings.push('银行卡号未通过校验位（Luhn）检查，请核对；已按原样保存');
    }
  }

  let emergencyContact: WorkerRecord['emergencyContact'] = null;
  if (input.emergencyContact) {
    const n = normalizeName(input.emergencyContact.name ?? '');
    const m = parseMobile(input.emergencyContact.phone ?? '');
    if (!n.ok) errors['emergencyContact.name'] = n.message;
    if (!m.ok) errors['emergencyContact.phone'] = m.message;
    if (!input.emergencyContact.relation) errors['emergencyContact.relation'] = '请选择与本人关系';
    if (n.ok && m.ok)
      emergencyContact = { name: n.value, relation: input.emergencyContact.relation, phone: m.normalized };
  }

  const thisYear = Number(shanghaiDate(today).slice(0, 4));
  const accompanyingChildren = (input.accompanyingChildren ?? []).map((c, i) => {
    const n = normalizeName(c.name ?? '');
    if (!n.ok) errors[`accompanyingChildren.${i}.name`] = n.message;
    if (!Number.isInteger(c.birthYear) || c.birthYear < thisYear - 25 || c.birthYear > thisYear)
      errors[`accompanyingChildren.${i}.birthYear`] = '出生年份不合理';
    return { name: n.ok ? n.value : '', birthYear: c.birthYear, schoolStage: c.schoolStage };
  });
  const leftBehind = (input.leftBehind ?? []).map((f, i) => {
    const n = normalizeName(f.name ?? '');
    if (!n.ok) errors[`leftBehind.${i}.name`] = n.message;
    if (!Number.isInteger(f.birthYear) || f.birthYear < thisYear - 110 || f.birthYear > thisYear)
      errors[`leftBehind.${i}.birthYear`] = '出生年份不合理';
    return { relation: f.relation, name: n.ok ? n.value : '', birthYear: f.birthYear };
  });

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    warnings,
    record: {
      name: (name as { value: string }).value,
      idNumber: (id as { value: string }).value,
      sex,
      birthDate,
      ethnicity: input.ethnicity,
      education: input.education,
      phone,
      hukouRegionCode: input.hukouRegionCode,
      residenceRegionCode: input.residenceRegionCode,
      ...deriveMigration(input.hukouRegionCode, input.residenceRegionCode),
      skills: (input.skills ?? []).map((s) => ({
        occupationCode: s.occupationCode,
        certificate: s.certificate ?? null,
        level: s.level ?? null,
      })),
      bankCard,
      bankName: input.bankName?.trim() || null,
      bankCardLuhnOk,
      emergencyContact,
      accompanyingChildren,
      leftBehind,
    },
  };
}
