import {
  EDUCATIONS,
  EDUCATION_BY_NAME,
  isBlocked,
  jobBodySchema,
  minimumWageFor,
  moderatePosting,
  OCCUPATION_BY_CODE,
  OCCUPATION_BY_NAME,
  parseYuan,
  SEX_REQUIREMENT_LABELS,
  SEX_REQUIREMENTS,
  shanghaiDate,
  type WageParams,
} from '@mwsp/domain';
import type { z } from 'zod';
import { inScope } from '../../platform/access/access.js';
import type { Principal } from '../../platform/access/principal.js';
import { isRefusal } from '../../platform/http/errors.js';
import type { CommitResult, ImportColumn, ImportKind } from '../../platform/imports/kinds.js';
import { parseDateCell } from '../../platform/imports/kinds.js';
import type { OrgService } from '../../platform/org/org.service.js';
import { describeCandidates, type RegionNameIndex } from '../../platform/org/region-names.js';
import type { JobsService } from './jobs.service.js';

type JobInput = z.output<typeof jobBodySchema>;
/** A parsed row: the posting without its employer (resolved through the registry's port when saved). */
export interface JobImportRow {
  employer: string;
  input: Omit<JobInput, 'employerId'>;
}

const YES = new Set(['是', '有', '提供', '缴纳', 'Y', 'y', 'yes', 'true', '1', '√']);
const NO = new Set(['否', '无', '不提供', '不缴纳', 'N', 'n', 'no', 'false', '0', '']);
const YES_NO = ['是', '否'];

export const JOB_IMPORT_COLUMNS: ImportColumn[] = [
  {
    key: 'employer',
    header: '用工单位（名称或统一社会信用代码）',
    aliases: ['用工单位', '统一社会信用代码'],
    required: true,
    width: 30,
    maxLength: 100,
    text: true,
    example: '91530100MA6K000001',
    note: '须已在实名制系统登记；同名单位请填写统一社会信用代码',
  },
  { key: 'title', header: '岗位名称', required: true, width: 20, maxLength: 50, example: '普工' },
  {
    key: 'occupation',
    header: '职业（工种）（代码或名称）',
    aliases: ['职业工种代码', '职业（工种）'],
    required: true,
    width: 18,
    maxLength: 60,
    text: true,
    example: '6-18-02-04',
    note: '《职业分类大典》的细类代码或名称',
  },
  { key: 'headcount', header: '招聘人数', required: true, width: 10, example: '10' },
  { key: 'wageMin', header: '月工资下限（元）', required: true, width: 14, example: '3500' },
  { key: 'wageMax', header: '月工资上限（元）', required: true, width: 14, example: '6000' },
  {
    key: 'region',
    header: '工作地点（乡镇/街道）',
    aliases: ['工作地点'],
    required: true,
    width: 26,
    maxLength: 100,
    text: true,
    suggestOnly: true,
    example: '五华区华山街道',
    note: '本市乡镇（街道），可填名称（如“五华区华山街道”）或区划代码',
  },
  { key: 'address', header: '工作地址', required: true, width: 30, maxLength: 200 },
  { key: 'ageMin', header: '年龄下限', width: 10, note: '可空；不得低于 16 岁' },
  { key: 'ageMax', header: '年龄上限', width: 10, note: '可空；低于法定退休年龄会提示' },
  { key: 'education', header: '最低文化程度', width: 14, options: EDUCATIONS.map((e) => e.name) },
  {
    key: 'sex',
    header: '性别要求',
    width: 10,
    options: SEX_REQUIREMENTS.map((s) => SEX_REQUIREMENT_LABELS[s]),
    note: '除法定禁忌岗位外须为“不限”',
  },
  { key: 'skills', header: '技能要求', width: 24, maxLength: 600, note: '多项用“、”或“,”分隔，最多 10 项' },
  { key: 'certificates', header: '证书要求', width: 24, maxLength: 600, note: '多项用“、”或“,”分隔，最多 10 项' },
  { key: 'other', header: '其他要求', width: 24, maxLength: 500 },
  { key: 'housing', header: '提供住宿', width: 10, options: YES_NO },
  { key: 'meals', header: '提供餐食', width: 10, options: YES_NO },
  { key: 'insurance', header: '缴纳社会保险', width: 12, options: YES_NO },
  { key: 'contractTermMonths', header: '合同期限（月）', width: 12 },
  { key: 'validUntil', header: '有效期至', required: true, width: 14, example: '2026-12-31', note: '不能早于今天' },
  { key: 'householdService', header: '家庭服务业岗位', width: 14, options: YES_NO },
  { key: 'description', header: '岗位描述', width: 40, maxLength: 2000 },
];

/** The contract's field paths → the template's column keys. */
const FIELD_COLUMNS: Record<string, string> = {
  title: 'title',
  occupationCode: 'occupation',
  headcount: 'headcount',
  wageMinFen: 'wageMin',
  wageMaxFen: 'wageMax',
  regionCode: 'region',
  address: 'address',
  'requirements.skills': 'skills',
  'requirements.certificates': 'certificates',
  'requirements.ageMin': 'ageMin',
  'requirements.ageMax': 'ageMax',
  'requirements.education': 'education',
  'requirements.sex': 'sex',
  'requirements.other': 'other',
  contractTermMonths: 'contractTermMonths',
  validUntil: 'validUntil',
  description: 'description',
};

export function columnOfField(path: string): string {
  const exact = FIELD_COLUMNS[path];
  if (exact) return exact;
  const head = path.split('.').slice(0, 2).join('.');
  return FIELD_COLUMNS[head] ?? FIELD_COLUMNS[path.split('.')[0]] ?? '_row';
}

function list(v: string): string[] {
  return v
    .split(/[、,，;；\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
}

function intCell(v: string, label: string, min: number, max: number): { n: number | null } | { message: string } {
  if (!v) return { n: null };
  if (!/^-?\d+(\.0+)?$/.test(v)) return { message: `${label}须为整数` };
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min || n > max) return { message: `${label}应为 ${min}–${max} 的整数` };
  return { n };
}

/**
 * 岗位信息批量导入: one posting a row, through the same rules as the console's form — the contract (jobBodySchema),
 * the moderation rules (discriminatory requirements, reversed ranges), the local minimum wage, a validity not in
 * the past, a township of the city within the uploader's jurisdiction, a registered employer. Every problem of a
 * row is reported at once, in Chinese, per cell. A row identical to an open posting (same employer, title,
 * township and validity) is 'unchanged': importing the same file twice publishes nothing twice.
 */
export function jobsImportKind(
  jobs: JobsService,
  org?: Pick<OrgService, 'regionNames' | 'city'>,
  now: () => Date = () => new Date(),
): ImportKind<JobImportRow> {
  // Set by prepare() for the job being run (the engine runs one job at a time).
  let regions: RegionNameIndex | null = null;
  let principal: Principal | null = null;
  let params: WageParams | null = null;
  let today = shanghaiDate(now());
  return {
    kind: 'employment_jobs',
    title: '岗位信息',
    permission: 'employment:handle',
    columns: JOB_IMPORT_COLUMNS,
    maxRows: 50_000,
    async prepare(ctx) {
      regions = org ? await org.regionNames() : null;
      principal = ctx.principal;
      params = await jobs.wageParams();
      today = shanghaiDate(now());
    },
    async templateOptions(): Promise<Record<string, string[]>> {
      if (!org) return {};
      const index = await org.regionNames();
      const townships: string[] = [];
      for (const r of index.all()) {
        if (r.level === 4 && r.code.startsWith(org.city))
          townships.push(`${index.get(r.parentCode ?? '')?.name ?? ''}${r.name}`);
      }
      return { region: townships.sort() };
    },
    parseRow(raw) {
      const errors: Record<string, string> = {};
      const add = (key: string, message: string) => {
        if (!errors[key]?.includes(message)) errors[key] = errors[key] ? `${errors[key]}；${message}` : message;
      };
      if (!raw.employer) add('employer', '请填写用工单位名称或统一社会信用代码');

      const occupation = raw.occupation
        ? (OCCUPATION_BY_NAME.get(raw.occupation)?.code ??
          (OCCUPATION_BY_CODE.has(raw.occupation) ? raw.occupation : null))
        : null;
      if (!raw.occupation) add('occupation', '请填写职业（工种）');
      else if (!occupation) add('occupation', `职业（工种）“${raw.occupation}”不在《职业分类大典》中`);

      const headcount = intCell(raw.headcount, '招聘人数', 1, 10000);
      if ('message' in headcount) add('headcount', headcount.message);
      else if (headcount.n === null) add('headcount', '请填写招聘人数');

      const wage = (key: 'wageMin' | 'wageMax', label: string): number | null => {
        if (!raw[key]) {
          add(key, `请填写${label}`);
          return null;
        }
        const y = parseYuan(raw[key]);
        if (!y.ok) {
          add(key, `${label}：${y.message}`);
          return null;
        }
        return y.fen;
      };
      const wageMinFen = wage('wageMin', '月工资下限');
      const wageMaxFen = wage('wageMax', '月工资上限');

      let regionCode = raw.region;
      if (!raw.region) add('region', '请填写工作地点');
      else if (regions) {
        const r = regions.resolve(raw.region, { minLevel: 4, within: org?.city });
        if (r.ok)
          regionCode = r.code.slice(0, 9); // a village names its township
        else {
          const shown = r.candidates?.length ? describeCandidates(r.candidates) : '';
          add(
            'region',
            r.reason === 'ambiguous'
              ? `工作地点“${raw.region}”对应多个区划：${shown}。请写得更完整（如加上所属县区）或填写区划代码`
              : r.reason === 'too_coarse'
                ? `工作地点请选择到乡镇（街道）（“${raw.region}”是${shown}）`
                : r.reason === 'outside'
                  ? `工作地点“${raw.region}”不在本市范围内`
                  : `工作地点“${raw.region}”不是有效的区划名称或代码`,
          );
        }
      }
      if (!errors.region && principal && !inScope(principal, { regionCode }))
        add('region', '工作地点不在您的管辖范围内');

      const ageMin = intCell(raw.ageMin, '年龄下限', 0, 99);
      if ('message' in ageMin) add('ageMin', ageMin.message);
      const ageMax = intCell(raw.ageMax, '年龄上限', 0, 99);
      if ('message' in ageMax) add('ageMax', ageMax.message);
      const months = intCell(raw.contractTermMonths, '合同期限（月）', 0, 240);
      if ('message' in months) add('contractTermMonths', months.message);

      let education: string | null = null;
      if (raw.education) {
        const e = EDUCATIONS.find((x) => x.name === raw.education || x.code === raw.education);
        const alias = EDUCATION_BY_NAME.get(raw.education);
        if (e) education = e.code;
        else
          add(
            'education',
            alias
              ? `文化程度“${raw.education}”不在目录中，请从下拉列表中选择（如“${alias.name}”）`
              : `文化程度应为：${EDUCATIONS.map((x) => x.name).join('、')}`,
          );
      }
      const sex = raw.sex
        ? SEX_REQUIREMENTS.find((s) => SEX_REQUIREMENT_LABELS[s] === raw.sex || s === raw.sex)
        : 'any';
      if (!sex) add('sex', '性别要求应为：不限、男、女');

      const flag = (key: 'housing' | 'meals' | 'insurance' | 'householdService'): boolean => {
        if (YES.has(raw[key])) return true;
        if (!NO.has(raw[key])) add(key, '请填写“是”或“否”');
        return false;
      };
      const benefits = { housing: flag('housing'), meals: flag('meals'), insurance: flag('insurance') };
      const householdService = flag('householdService');

      const validUntil = raw.validUntil ? parseDateCell(raw.validUntil) : null;
      if (!raw.validUntil) add('validUntil', '请填写有效期');
      else if (!validUntil) add('validUntil', `有效期“${raw.validUntil}”不是有效日期（如 2026-12-31）`);
      else if (validUntil < today) add('validUntil', `有效期 ${validUntil} 已过，不能早于今天（${today}）`);

      const input = {
        title: raw.title,
        occupationCode: occupation ?? raw.occupation,
        headcount: 'n' in headcount ? (headcount.n ?? 0) : 0,
        wageMinFen: wageMinFen ?? 0,
        wageMaxFen: wageMaxFen ?? 0,
        regionCode,
        address: raw.address,
        requirements: {
          skills: list(raw.skills),
          certificates: list(raw.certificates),
          ageMin: 'n' in ageMin ? ageMin.n : null,
          ageMax: 'n' in ageMax ? ageMax.n : null,
          education,
          sex: sex ?? 'any',
          other: raw.other || null,
        },
        benefits,
        contractTermMonths: 'n' in months ? months.n : null,
        validUntil: validUntil ?? '1970-01-01',
        householdService,
        description: raw.description || null,
      };
      // The contract's own checks (lengths, list sizes, code formats), on the row as the form would send it.
      const checked = jobBodySchema.safeParse({ ...input, employerId: '00000000-0000-4000-8000-000000000000' });
      if (!checked.success) {
        for (const issue of checked.error.issues) {
          const key = columnOfField(issue.path.join('.'));
          if (!errors[key]) add(key, issue.message);
        }
      }
      // The moderation rules (discrimination, reversed ranges, sub-minimum wage), as on publication.
      if (wageMinFen !== null && wageMaxFen !== null) {
        const min = params && regionCode ? minimumWageFor(params, regionCode) : null;
        const findings = moderatePosting(
          {
            title: input.title,
            description: input.description,
            occupationCode: input.occupationCode,
            wageMinFen,
            wageMaxFen,
            requirements: input.requirements,
          },
          min?.monthlyFen ?? null,
        );
        if (isBlocked(findings))
          for (const f of findings.filter((x) => x.severity === 'block')) add(columnOfField(f.field), f.message);
      }
      if (Object.keys(errors).length) return { ok: false, errors };
      const value: JobImportRow = { employer: raw.employer, input: checked.data! as Omit<JobInput, 'employerId'> };
      return {
        ok: true,
        key: [raw.employer, input.title, regionCode, input.validUntil].join('\u0001'),
        value,
      };
    },
    async commitBatch(tx, rows, ctx): Promise<CommitResult[]> {
      const p = params ?? (await jobs.wageParams());
      const out: CommitResult[] = [];
      const employers = new Map<string, { id: string } | { message: string }>();
      for (const r of rows) {
        let employer = employers.get(r.value.employer);
        if (!employer) {
          employer = await jobs.employerByNameOrCode(tx, r.value.employer);
          employers.set(r.value.employer, employer);
        }
        if ('message' in employer) {
          out.push({ rowNo: r.rowNo, outcome: 'error', errors: { employer: employer.message } });
          continue;
        }
        try {
          const res = await jobs.createIn(tx, ctx.principal, { ...r.value.input, employerId: employer.id }, p, {
            skipDuplicate: true,
          });
          out.push({ rowNo: r.rowNo, outcome: res.duplicate ? 'unchanged' : 'created' });
        } catch (err) {
          if (!isRefusal(err)) throw err;
          const errors: Record<string, string> = {};
          for (const f of err.fieldErrors ?? []) {
            const key = columnOfField(f.path);
            errors[key] = errors[key] ? `${errors[key]}；${f.message}` : f.message;
          }
          if (!Object.keys(errors).length) errors._row = err.detail;
          out.push({ rowNo: r.rowNo, outcome: 'error', errors });
        }
      }
      return out;
    },
  };
}
