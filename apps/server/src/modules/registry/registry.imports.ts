import {
  EDUCATIONS,
  EDUCATION_BY_NAME,
  EMPLOYER_SIZES,
  EMPLOYER_SIZE_BY_CODE,
  EMPLOYER_SIZE_BY_NAME,
  ETHNICITIES,
  ETHNICITY_BY_CODE,
  ETHNICITY_BY_NAME,
  INDUSTRIES,
  INDUSTRY_BY_CODE,
  INDUSTRY_BY_NAME,
  OCCUPATION_BY_CODE,
  OCCUPATION_BY_NAME,
  RELATIONS,
  RELATION_BY_CODE,
  RELATION_BY_NAME,
  CONTRACT_TYPE_IMPORT_NAMES,
  CONTRACT_TYPE_LABELS,
  FILING_STATUS_IMPORT_NAMES,
  FILING_STATUS_LABELS,
  WAGE_TYPE_LABELS,
  checkCreditCode,
  parseIdNumber,
  parseYuan,
} from '@mwsp/domain';
import type { CommitResult, ImportColumn, ImportKind } from '../../platform/imports/kinds.js';
import { parseDateCell } from '../../platform/imports/kinds.js';
import { addTime } from '../../platform/imports/timing.js';
import { isRefusal } from '../../platform/http/errors.js';
import type { EmployerInput, EmploymentInput } from './registry.common.js';
import type { RegistryService } from './registry.service.js';
import { checkWorker, type WorkerInput, type WorkerRecord } from './worker.rules.js';
import type { SealedWorker } from './workerSeal.js';
import { inScope } from '../../platform/access/access.js';
import type { Principal } from '../../platform/access/principal.js';
import type { OrgService } from '../../platform/org/org.service.js';
import { describeCandidates, type RegionNameIndex } from '../../platform/org/region-names.js';

/** Looks a code up by its Chinese name (or accepts the code itself). */
function codeOf(
  byName: ReadonlyMap<string, { code: string }>,
  byCode: ReadonlyMap<string, unknown>,
  v: string,
): string | null {
  if (!v) return null;
  return byName.get(v)?.code ?? (byCode.has(v) ? v : null);
}

/** Maps the service's field paths to the template's column keys (for per-cell errors). */
function toColumns(errors: Record<string, string>, map: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const key = map[path] ?? map[path.replace(/\.\d+\./, '.*.')] ?? '_row';
    out[key] = out[key] ? `${out[key]}；${message}` : message;
  }
  return out;
}

// ---------------------------------------------------------------- workers
const REGION_NOTE =
  '可填区划名称（完整或部分路径，如“云南省昆明市五华区”“五华区”）或区划代码；名称对应多个区划时请写得更完整';
export const WORKER_COLUMNS: ImportColumn[] = [
  {
    key: 'name',
    header: '姓名',
    required: true,
    width: 12,
    maxLength: 50,
    example: '阿依古丽·吐尔逊',
    note: '可含生僻字和间隔号“·”',
  },
  {
    key: 'idNumber',
    header: '公民身份号码',
    required: true,
    width: 22,
    maxLength: 30,
    example: '11010519491231002X',
    note: '18 位；15 位旧号码会自动升位',
  },
  { key: 'ethnicity', header: '民族', required: true, width: 10, options: ETHNICITIES.map((e) => e.name) },
  { key: 'education', header: '文化程度', required: true, width: 14, options: EDUCATIONS.map((e) => e.name) },
  { key: 'phone', header: '手机号码', width: 14, maxLength: 30 },
  {
    key: 'hukouRegionCode',
    header: '户籍地（名称或代码）',
    aliases: ['户籍地区划代码', '户籍地'],
    required: true,
    width: 24,
    maxLength: 100,
    text: true,
    example: '云南省昆明市五华区',
    note: `县（市、区）或更细。${REGION_NOTE}`,
  },
  {
    key: 'residenceRegionCode',
    header: '现居住地（名称或代码）',
    aliases: ['现居住地区划代码', '现居住地'],
    required: true,
    width: 26,
    maxLength: 100,
    text: true,
    suggestOnly: true,
    example: '五华区华山街道',
    note: `本市乡镇（街道）或村（社区），下拉列表为本市乡镇（街道），村（社区）可直接填写如“华山街道某某社区”。${REGION_NOTE}`,
  },
  {
    key: 'occupationCode',
    header: '职业工种代码',
    width: 14,
    maxLength: 100,
    example: '6-29-01-01',
    note: '《职业分类大典》代码或名称，可空',
  },
  { key: 'bankCard', header: '银行卡号', width: 22, maxLength: 40 },
  { key: 'bankName', header: '开户银行', width: 16, maxLength: 100 },
  { key: 'emergencyName', header: '紧急联系人', width: 12, maxLength: 50 },
  { key: 'emergencyRelation', header: '紧急联系人关系', width: 14, options: RELATIONS.map((r) => r.name) },
  { key: 'emergencyPhone', header: '紧急联系人电话', width: 14, maxLength: 30 },
];

const WORKER_ERROR_COLUMNS: Record<string, string> = {
  name: 'name',
  idNumber: 'idNumber',
  ethnicity: 'ethnicity',
  education: 'education',
  phone: 'phone',
  hukouRegionCode: 'hukouRegionCode',
  residenceRegionCode: 'residenceRegionCode',
  'skills.*.occupationCode': 'occupationCode',
  bankCard: 'bankCard',
  bankName: 'bankName',
  'emergencyContact.name': 'emergencyName',
  'emergencyContact.relation': 'emergencyRelation',
  'emergencyContact.phone': 'emergencyPhone',
};

/**
 * 文化程度 as the template offers it: a catalogue name or code. The domain's aliases that fold a
 * finer degree into a coarser class (博士 → 本科及以上) are not taken silently: the cell is flagged
 * with the catalogue value to use.
 */
function educationOf(v: string): { code: string } | { message: string } {
  if (!v) return { message: '请填写文化程度' };
  const exact = EDUCATIONS.find((e) => e.name === v || e.code === v);
  if (exact) return { code: exact.code };
  const alias = EDUCATION_BY_NAME.get(v);
  if (alias) return { message: `文化程度“${v}”不在目录中，请从下拉列表中选择（如“${alias.name}”）` };
  return { message: `文化程度“${v}”不在目录中，请从下拉列表中选择：${EDUCATIONS.map((e) => e.name).join('、')}` };
}

/** A region cell (name or code) as a code, or the cell's message. */
function regionOf(
  index: RegionNameIndex | null,
  v: string,
  opts: { minLevel: number; within?: string; label: string; levelText: string },
): { code: string } | { message: string } {
  if (!v) return { message: `请填写${opts.label}` };
  if (!index) return { code: v }; // not prepared (direct use): the service checks the code
  const r = index.resolve(v, opts);
  if (r.ok) return { code: r.code };
  const shown = r.candidates?.length ? describeCandidates(r.candidates) : '';
  switch (r.reason) {
    case 'ambiguous':
      return { message: `${opts.label}“${v}”对应多个区划：${shown}。请填写更完整的名称（如加上所属县区）或区划代码` };
    case 'too_coarse':
      return { message: `${opts.label}应选择到${opts.levelText}（“${v}”是${shown}）` };
    case 'outside':
      return { message: `${opts.label}“${v}”不在本市范围内（${shown}），请填写本市的${opts.levelText}` };
    default:
      return { message: `${opts.label}“${v}”不是有效的区划名称或代码` };
  }
}

export function workersImportKind(
  registry: RegistryService,
  org?: Pick<OrgService, 'regionNames' | 'city'>,
  now: () => Date = () => new Date(),
): ImportKind<WorkerInput> {
  // Set by prepare() for the job being run (the engine runs one job at a time).
  let regions: RegionNameIndex | null = null;
  let principal: Principal | null = null;
  // prepareBatch's results (rules + sealing, in worker threads), taken by commitBatch for the same row values.
  const sealed = new WeakMap<WorkerInput, SealedWorker>();
  // parseRow's result of the registry's rules for a valid row: the rules run once per row (here), the sealing
  // threads only encrypt and index the record.
  const ruled = new WeakMap<WorkerInput, { record: WorkerRecord; warnings: string[] }>();
  // The batch's insert arrays, built by prepareBatch outside the transaction (keyed by the batch's first row).
  const prepared = new WeakMap<WorkerInput, ReturnType<RegistryService['prepareWorkerInsert']>>();
  return {
    kind: 'workers',
    title: '务工人员实名信息',
    permission: 'registry:import',
    columns: WORKER_COLUMNS,
    async prepare(ctx) {
      regions = org ? await org.regionNames() : null;
      principal = ctx.principal;
    },
    async templateOptions(): Promise<Record<string, string[]>> {
      if (!org) return {};
      const index = await org.regionNames();
      const townships: string[] = [];
      for (const r of index.all()) {
        if (r.level === 4 && r.code.startsWith(org.city))
          townships.push(`${index.get(r.parentCode ?? '')?.name ?? ''}${r.name}`);
      }
      return { residenceRegionCode: townships.sort() };
    },
    /** Every cell is checked, and every error of the row is reported at once. */
    parseRow(raw) {
      const errors: Record<string, string> = {};
      const add = (key: string, message: string) => {
        errors[key] = errors[key] ? `${errors[key]}；${message}` : message;
      };
      const ethnicity = codeOf(ETHNICITY_BY_NAME, ETHNICITY_BY_CODE, raw.ethnicity);
      if (!ethnicity) add('ethnicity', raw.ethnicity ? `民族“${raw.ethnicity}”不在 GB 3304 目录中` : '请填写民族');
      const education = educationOf(raw.education);
      if ('message' in education) add('education', education.message);
      const occupation = raw.occupationCode ? codeOf(OCCUPATION_BY_NAME, OCCUPATION_BY_CODE, raw.occupationCode) : null;
      if (raw.occupationCode && !occupation) add('occupationCode', '职业工种代码不在《职业分类大典》目录中');
      const hukou = regionOf(regions, raw.hukouRegionCode, {
        minLevel: 3,
        label: '户籍地',
        levelText: '县（市、区）一级或更细',
      });
      if ('message' in hukou) add('hukouRegionCode', hukou.message);
      const residence = regionOf(regions, raw.residenceRegionCode, {
        minLevel: 4,
        within: org?.city,
        label: '现居住地',
        levelText: '乡镇（街道）或村（社区）',
      });
      if ('message' in residence) add('residenceRegionCode', residence.message);
      else if (regions && principal && !inScope(principal, { regionCode: residence.code }))
        add('residenceRegionCode', '现居住地不在您的管辖范围内');
      const anyEmergency = !!(raw.emergencyName || raw.emergencyRelation || raw.emergencyPhone);
      const relation = raw.emergencyRelation ? codeOf(RELATION_BY_NAME, RELATION_BY_CODE, raw.emergencyRelation) : null;
      if (anyEmergency) {
        if (!raw.emergencyName) add('emergencyName', '紧急联系人的姓名、关系、电话须同时填写');
        if (!raw.emergencyRelation) add('emergencyRelation', '紧急联系人的姓名、关系、电话须同时填写');
        else if (!relation) add('emergencyRelation', `关系应为：${RELATIONS.map((r) => r.name).join('、')}`);
        if (!raw.emergencyPhone) add('emergencyPhone', '紧急联系人的姓名、关系、电话须同时填写');
      }
      const input: WorkerInput = {
        name: raw.name,
        idNumber: raw.idNumber,
        ethnicity: ethnicity ?? '',
        education: 'code' in education ? education.code : '',
        phone: raw.phone || null,
        hukouRegionCode: 'code' in hukou ? hukou.code : raw.hukouRegionCode,
        residenceRegionCode: 'code' in residence ? residence.code : raw.residenceRegionCode,
        skills: occupation ? [{ occupationCode: occupation }] : [],
        bankCard: raw.bankCard || null,
        bankName: raw.bankName || null,
        emergencyContact: anyEmergency
          ? { name: raw.emergencyName, relation: relation ?? '', phone: raw.emergencyPhone }
          : null,
      };
      // The registry's own rules (name, ID number and age, phone, bank card, emergency contact), all of them.
      const checked = checkWorker(input, now());
      if (!checked.ok) {
        for (const [k, m] of Object.entries(toColumns(checked.errors, WORKER_ERROR_COLUMNS))) {
          if (!errors[k]) add(k, m);
        }
      }
      if (Object.keys(errors).length || !checked.ok) return { ok: false, errors };
      ruled.set(input, { record: checked.record, warnings: checked.warnings });
      return { ok: true, key: checked.record.idNumber, value: input };
    },
    async prepareBatch(rows) {
      let out: SealedWorker[];
      const checked = rows.map((r) => ruled.get(r.value));
      if (checked.every((c) => c !== undefined)) {
        const cols = await registry.sealWorkerRecords(checked.map((c) => c.record));
        out = checked.map((c, i) => ({ ok: true, record: c.record, warnings: c.warnings, cols: cols[i] }));
      } else {
        out = await registry.sealWorkers(rows.map((r) => r.value)); // rows parsed elsewhere: rules and sealing
      }
      rows.forEach((r, i) => sealed.set(r.value, out[i]));
      // One synchronous step on the event loop (~26 ms a batch at load 5): the transaction in flight's round trips
      // wait behind it (README, import benchmark, twelfth session).
      const t0 = performance.now();
      if (rows.length) prepared.set(rows[0].value, registry.prepareWorkerInsert(out));
      addTime('prepareBatch: insert arrays (one synchronous step)', performance.now() - t0);
    },
    async commitBatch(tx, rows, ctx): Promise<CommitResult[]> {
      const results = await registry.upsertWorkers(
        tx,
        ctx.principal,
        rows.map((r) => ({ rowNo: r.rowNo, input: r.value, sealed: sealed.get(r.value) })),
        rows.length ? prepared.get(rows[0].value) : null,
      );
      return results.map((r) => ({
        rowNo: r.rowNo,
        outcome: r.outcome,
        ...(r.errors ? { errors: toColumns(r.errors, WORKER_ERROR_COLUMNS) } : {}),
      }));
    },
  };
}

// ---------------------------------------------------------------- employers
const EMPLOYER_COLUMNS: ImportColumn[] = [
  { key: 'creditCode', header: '统一社会信用代码', required: true, width: 22, example: '91350100M000100Y43' },
  { key: 'name', header: '单位名称', required: true, width: 30 },
  { key: 'legalRep', header: '法定代表人', width: 12 },
  { key: 'industry', header: '行业门类', required: true, width: 24, options: INDUSTRIES.map((i) => i.name) },
  { key: 'size', header: '企业规模', required: true, width: 10, options: EMPLOYER_SIZES.map((s) => s.name) },
  { key: 'regionCode', header: '所在区划代码', required: true, width: 16, example: '530102' },
  { key: 'address', header: '地址', width: 30 },
  { key: 'contactName', header: '联系人', width: 12 },
  { key: 'contactPhone', header: '联系电话', width: 16 },
];

export function employersImportKind(registry: RegistryService): ImportKind<EmployerInput> {
  return {
    kind: 'employers',
    title: '用工单位信息',
    permission: 'registry:import',
    columns: EMPLOYER_COLUMNS,
    parseRow(raw) {
      const errors: Record<string, string> = {};
      const cc = checkCreditCode(raw.creditCode);
      if (!cc.ok) errors.creditCode = cc.message ?? '统一社会信用代码格式不正确';
      const industry = codeOf(INDUSTRY_BY_NAME, INDUSTRY_BY_CODE, raw.industry);
      if (!industry) errors.industry = '行业门类应为 GB/T 4754-2017 的门类名称或字母';
      const size = codeOf(EMPLOYER_SIZE_BY_NAME, EMPLOYER_SIZE_BY_CODE, raw.size);
      if (!size) errors.size = `企业规模应为：${EMPLOYER_SIZES.map((s) => s.name).join('、')}`;
      if (Object.keys(errors).length) return { ok: false, errors };
      return {
        ok: true,
        key: (cc as { normalized: string }).normalized,
        value: {
          creditCode: raw.creditCode,
          name: raw.name,
          legalRep: raw.legalRep || null,
          industry: industry!,
          size: size as EmployerInput['size'],
          regionCode: raw.regionCode,
          address: raw.address || null,
          contactName: raw.contactName || null,
          contactPhone: raw.contactPhone || null,
        },
      };
    },
    async commitBatch(tx, rows, ctx) {
      const out: CommitResult[] = [];
      for (const r of rows)
        out.push(
          await fieldErrorsToResult(
            r.rowNo,
            async () => (await registry.upsertEmployer(tx, ctx.principal, r.value)).outcome,
          ),
        );
      return out;
    },
  };
}

// ---------------------------------------------------------------- employments
const EMPLOYMENT_COLUMNS: ImportColumn[] = [
  { key: 'idNumber', header: '公民身份号码', required: true, width: 22 },
  { key: 'creditCode', header: '统一社会信用代码', required: true, width: 22 },
  { key: 'startDate', header: '入职日期', required: true, width: 12, example: '2026-03-01' },
  { key: 'endDate', header: '离职日期', width: 12 },
  { key: 'position', header: '岗位', width: 14 },
  { key: 'occupationCode', header: '职业工种代码', width: 14 },
  { key: 'wage', header: '月工资（元）', width: 12, example: '5200.00' },
  { key: 'wageType', header: '工资形式', width: 10, options: Object.values(WAGE_TYPE_LABELS) },
  {
    key: 'contractType',
    header: '合同类型',
    width: 14,
    options: Object.values(CONTRACT_TYPE_IMPORT_NAMES),
  },
  { key: 'contractSigned', header: '是否签订劳动合同', required: true, width: 12, options: ['是', '否'] },
  { key: 'contractTermMonths', header: '合同期限（月）', width: 12 },
  { key: 'filingStatus', header: '用工备案', width: 10, options: Object.values(FILING_STATUS_IMPORT_NAMES) },
  { key: 'dispatch', header: '是否劳务派遣', width: 12, options: ['是', '否'] },
];
/** Name → code: the template's names, and the labels the console shows. */
const byName = <T extends string>(...tables: Readonly<Record<T, string>>[]): Record<string, T> =>
  Object.fromEntries(tables.flatMap((t) => (Object.keys(t) as T[]).map((code) => [t[code], code])));
const WAGE_TYPES = byName(WAGE_TYPE_LABELS);
const CONTRACT_TYPES = byName(CONTRACT_TYPE_IMPORT_NAMES, CONTRACT_TYPE_LABELS);
const FILING = byName(FILING_STATUS_IMPORT_NAMES, FILING_STATUS_LABELS);
const YES_NO: Record<string, boolean> = { 是: true, 否: false };

export function employmentsImportKind(
  registry: RegistryService,
): ImportKind<Omit<EmploymentInput, 'workerId' | 'employerId'> & { idNumber: string; creditCode: string }> {
  return {
    kind: 'employments',
    title: '用工关系与劳动合同',
    permission: 'registry:import',
    columns: EMPLOYMENT_COLUMNS,
    parseRow(raw) {
      const errors: Record<string, string> = {};
      const id = parseIdNumber(raw.idNumber);
      if (!id.ok) errors.idNumber = id.message;
      const cc = checkCreditCode(raw.creditCode);
      if (!cc.ok) errors.creditCode = cc.message ?? '统一社会信用代码格式不正确';
      const startDate = parseDateCell(raw.startDate);
      if (!startDate) errors.startDate = '入职日期格式应为 YYYY-MM-DD';
      const endDate = raw.endDate ? parseDateCell(raw.endDate) : null;
      if (raw.endDate && !endDate) errors.endDate = '离职日期格式应为 YYYY-MM-DD';
      let wageFen: number | null = null;
      if (raw.wage) {
        const w = parseYuan(raw.wage);
        if (!w.ok) errors.wage = w.message;
        else wageFen = w.fen;
      }
      const pick = <T>(map: Record<string, T>, key: string, v: string, msg: string): T | undefined => {
        if (!v) return undefined;
        if (!(v in map)) errors[key] = msg;
        return map[v];
      };
      const wageType = pick(
        WAGE_TYPES,
        'wageType',
        raw.wageType,
        `工资形式应为：${Object.values(WAGE_TYPE_LABELS).join('、')}`,
      );
      const contractType = pick(
        CONTRACT_TYPES,
        'contractType',
        raw.contractType,
        `合同类型应为：${Object.values(CONTRACT_TYPE_IMPORT_NAMES).join('、')}`,
      );
      const contractSigned = pick(YES_NO, 'contractSigned', raw.contractSigned, '请填写“是”或“否”');
      if (!raw.contractSigned) errors.contractSigned = '请填写是否签订劳动合同';
      const filingStatus = pick(
        FILING,
        'filingStatus',
        raw.filingStatus,
        `用工备案应为：${Object.values(FILING_STATUS_IMPORT_NAMES).join('、')}`,
      );
      const dispatch = pick(YES_NO, 'dispatch', raw.dispatch, '请填写“是”或“否”');
      const term = raw.contractTermMonths ? Number(raw.contractTermMonths) : null;
      if (raw.contractTermMonths && (!Number.isInteger(term) || term! < 1 || term! > 600))
        errors.contractTermMonths = '合同期限应为 1–600 的整数（月）';
      if (Object.keys(errors).length) return { ok: false, errors };
      return {
        ok: true,
        key: `${(id as { value: string }).value}|${(cc as { normalized: string }).normalized}|${startDate}`,
        value: {
          idNumber: (id as { value: string }).value,
          creditCode: (cc as { normalized: string }).normalized,
          startDate: startDate!,
          endDate,
          position: raw.position || null,
          occupationCode: raw.occupationCode || null,
          wageFen,
          wageType,
          contractType,
          contractSigned,
          contractTermMonths: term,
          filingStatus,
          dispatch,
        },
      };
    },
    async commitBatch(tx, rows, ctx) {
      const out: CommitResult[] = [];
      for (const r of rows) {
        out.push(
          await fieldErrorsToResult(r.rowNo, () => registry.importEmployment(tx, ctx.principal, r.value), {
            workerId: 'idNumber',
            employerId: 'creditCode',
            wageFen: 'wage',
          }),
        );
      }
      return out;
    },
  };
}

/** Runs one row's save; a validation error becomes that row's per-cell errors, anything else propagates. */
async function fieldErrorsToResult(
  rowNo: number,
  save: () => Promise<'created' | 'updated' | 'unchanged'>,
  rename: Record<string, string> = {},
): Promise<CommitResult> {
  try {
    return { rowNo, outcome: await save() };
  } catch (err) {
    if (isRefusal(err)) {
      const errors = err.fieldErrors?.length
        ? Object.fromEntries(err.fieldErrors.map((f) => [rename[f.path] ?? f.path, f.message]))
        : { _row: err.detail };
      return { rowNo, outcome: 'error', errors };
    }
    throw err;
  }
}
