import { monthStart, parseIdNumber, parseYuan } from '@mwsp/domain';
import { SYSTEM_SCOPE, type Database } from '../../db/client.js';
import { access, requireInScope } from '../../platform/access/access.js';
import type { Principal } from '../../platform/access/principal.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { fieldError } from '../../platform/http/errors.js';
import type { CommitResult, ImportColumn, ImportKind } from '../../platform/imports/kinds.js';
import { parseDateCell } from '../../platform/imports/kinds.js';
import type { LedgerService } from './ledger.service.js';
import * as repo from './projects.repo.js';
import { CTX, projectResource } from './projects.service.js';
import type { WarningEngine } from './warnings.engine.js';

/** Wage sheets, bank result files and attendance sheets are uploaded for one project: the job's context. */
function projectBound(db: Database) {
  return {
    paramKeys: ['projectId'],
    async checkParams(params: Record<string, string>, p: Principal) {
      if (!/^[0-9a-f-]{36}$/i.test(params.projectId ?? '')) throw fieldError('projectId', '请选择要导入的项目');
      const project = await db.scoped(SYSTEM_SCOPE, (tx) => repo.findProject(tx, params.projectId));
      requireInScope(p, project, '项目不存在或不在您的管辖范围内', projectResource);
      access(p, 'wages:write');
    },
  };
}

const MONTH_NOTE = '工资所属月份，格式 YYYY-MM，如 2026-03';

function monthCell(v: string): string | null {
  const t = v.trim().replace(/年/, '-').replace(/月$/, '').replace(/\//, '-');
  const m = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (m) return monthStart(`${m[1]}-${m[2].padStart(2, '0')}`);
  const d = parseDateCell(v);
  return d ? `${d.slice(0, 7)}-01` : null;
}

function fen(
  v: string,
  key: string,
  errors: Record<string, string>,
  label: string,
  opts: { required?: boolean } = {},
): number {
  if (!v) {
    if (opts.required) errors[key] = `请填写${label}`;
    return 0;
  }
  const r = parseYuan(v);
  if (!r.ok) errors[key] = `${label}：${r.message}`;
  return r.ok ? r.fen : 0;
}

function days(v: string, key: string, errors: Record<string, string>): number {
  if (!/^\d{1,2}$/.test(v.trim())) {
    errors[key] = '出勤天数应为 0–31 的整数';
    return 0;
  }
  return Number(v);
}

function results(
  out: { rowNo: number; outcome: 'created' | 'unchanged' | 'error'; errors?: Record<string, string> }[],
  rename: Record<string, string>,
): CommitResult[] {
  return out.map((r) => ({
    rowNo: r.rowNo,
    outcome: r.outcome,
    ...(r.errors ? { errors: Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [rename[k] ?? k, v])) } : {}),
  }));
}

// ---------------------------------------------------------------- payroll (工资表)
const PAYROLL_COLUMNS: ImportColumn[] = [
  { key: 'month', header: '工资月份', required: true, width: 12, example: '2026-03', note: MONTH_NOTE, text: true },
  { key: 'name', header: '姓名', required: true, width: 12 },
  { key: 'idNumber', header: '公民身份号码', required: true, width: 22 },
  { key: 'days', header: '出勤天数', required: true, width: 10, example: '22' },
  { key: 'payable', header: '应发工资（元）', required: true, width: 14, example: '6800.00' },
  {
    key: 'deductions',
    header: '代扣代缴及扣款（元）',
    width: 18,
    example: '320.00',
    note: '个人社保、个税等；无则填 0 或留空',
  },
  { key: 'net', header: '实发工资（元）', required: true, width: 14, example: '6480.00', note: '应等于应发工资减扣款' },
  { key: 'payDate', header: '发放日期', width: 12, example: '2026-04-15' },
  { key: 'confirmed', header: '本人签字确认', required: true, width: 12, options: ['是', '否'] },
];

interface PayrollRow {
  month: string;
  name: string;
  idBidx: string;
  days: number;
  payableFen: number;
  deductionsFen: number;
  netFen: number;
  payDate: string | null;
  confirmed: boolean;
}

export function payrollImportKind(db: Database, ledger: LedgerService, engine: WarningEngine): ImportKind<PayrollRow> {
  return {
    kind: 'payroll',
    title: '工资表（工资支付台账）',
    permission: 'wages:import',
    columns: PAYROLL_COLUMNS,
    maxRows: 200_000,
    ...projectBound(db),
    parseRow(raw) {
      const errors: Record<string, string> = {};
      const month = monthCell(raw.month);
      if (!month) errors.month = '工资月份格式应为 YYYY-MM';
      const id = parseIdNumber(raw.idNumber);
      if (!id.ok) errors.idNumber = id.message;
      const d = days(raw.days, 'days', errors);
      const payableFen = fen(raw.payable, 'payable', errors, '应发工资', { required: true });
      const deductionsFen = fen(raw.deductions, 'deductions', errors, '扣款');
      const netFen = fen(raw.net, 'net', errors, '实发工资', { required: true });
      const payDate = raw.payDate ? parseDateCell(raw.payDate) : null;
      if (raw.payDate && !payDate) errors.payDate = '发放日期格式应为 YYYY-MM-DD';
      if (!['是', '否'].includes(raw.confirmed)) errors.confirmed = '本人签字确认请填写“是”或“否”';
      if (Object.keys(errors).length) return { ok: false, errors };
      const value = (id as { value: string }).value;
      return {
        ok: true,
        key: `${value}|${month}`,
        value: {
          month: month!,
          name: raw.name,
          idBidx: ledger.idNumberIndex(value),
          days: d,
          payableFen,
          deductionsFen,
          netFen,
          payDate,
          confirmed: raw.confirmed === '是',
        },
      };
    },
    async commitBatch(tx, rows, ctx) {
      const project = await ledger.projectForImport(tx, ctx.params.projectId);
      const out = await ledger.addLines(
        tx,
        ctx.principal,
        project,
        rows.map((r) => ({
          rowNo: r.rowNo,
          idBidx: r.value.idBidx,
          name: r.value.name,
          month: r.value.month,
          days: r.value.days,
          payableFen: r.value.payableFen,
          deductionsFen: r.value.deductionsFen,
          netFen: r.value.netFen,
          payDate: r.value.payDate,
          confirmed: r.value.confirmed,
        })),
        { source: 'import', importId: ctx.importId, teamId: null },
      );
      await repo.queueScan(tx, project.id, project);
      return results(out, { payableFen: 'payable', deductionsFen: 'deductions', netFen: 'net' });
    },
    async afterJob(ctx) {
      await engine.scanProjects([ctx.params.projectId]);
    },
  };
}

// ---------------------------------------------------------------- bank results (代发结果)
const BANK_COLUMNS: ImportColumn[] = [
  { key: 'accountNo', header: '付款账号', required: true, width: 22, note: '本项目农民工工资专用账户账号' },
  { key: 'month', header: '工资月份', required: true, width: 12, example: '2026-03', note: MONTH_NOTE, text: true },
  { key: 'name', header: '收款人姓名', required: true, width: 12 },
  { key: 'idNumber', header: '公民身份号码', required: true, width: 22 },
  { key: 'amount', header: '金额（元）', required: true, width: 12, example: '6480.00' },
  { key: 'result', header: '代发结果', required: true, width: 10, options: ['成功', '失败'] },
  { key: 'failureReason', header: '失败原因', width: 20 },
  { key: 'bankRef', header: '银行流水号', required: true, width: 24, text: true },
  { key: 'paidOn', header: '代发日期', required: true, width: 12, example: '2026-04-15' },
];

interface BankRow {
  accountBidx: string;
  month: string;
  name: string;
  idBidx: string;
  amountFen: number;
  succeeded: boolean;
  failureReason: string | null;
  bankRef: string;
  paidOn: string;
}

export function bankPaymentsImportKind(
  db: Database,
  cipher: FieldCipher,
  ledger: LedgerService,
  engine: WarningEngine,
): ImportKind<BankRow> {
  return {
    kind: 'bank_payments',
    title: '银行代发结果',
    permission: 'wages:import',
    columns: BANK_COLUMNS,
    maxRows: 200_000,
    ...projectBound(db),
    parseRow(raw) {
      const errors: Record<string, string> = {};
      const accountNo = raw.accountNo.replace(/[\s-]/g, '');
      if (!/^\d{8,30}$/.test(accountNo)) errors.accountNo = '付款账号应为 8–30 位数字';
      const month = monthCell(raw.month);
      if (!month) errors.month = '工资月份格式应为 YYYY-MM';
      const id = parseIdNumber(raw.idNumber);
      if (!id.ok) errors.idNumber = id.message;
      const amountFen = fen(raw.amount, 'amount', errors, '金额', { required: true });
      if (!['成功', '失败'].includes(raw.result)) errors.result = '代发结果请填写“成功”或“失败”';
      if (!/^[A-Za-z0-9-]{4,40}$/.test(raw.bankRef)) errors.bankRef = '银行流水号应为 4–40 位字母或数字';
      const paidOn = parseDateCell(raw.paidOn);
      if (!paidOn) errors.paidOn = '代发日期格式应为 YYYY-MM-DD';
      if (Object.keys(errors).length) return { ok: false, errors };
      return {
        ok: true,
        key: raw.bankRef,
        value: {
          accountBidx: cipher.blindIndex(accountNo, CTX.account),
          month: month!,
          name: raw.name,
          idBidx: ledger.idNumberIndex((id as { value: string }).value),
          amountFen,
          succeeded: raw.result === '成功',
          failureReason: raw.failureReason || null,
          bankRef: raw.bankRef,
          paidOn: paidOn!,
        },
      };
    },
    async commitBatch(tx, rows, ctx) {
      const project = await ledger.projectForImport(tx, ctx.params.projectId);
      const out = await ledger.addBankLines(
        tx,
        ctx.principal,
        project,
        rows.map((r) => ({ rowNo: r.rowNo, ...r.value })),
        ctx.importId,
      );
      await repo.queueScan(tx, project.id, project);
      return results(out, {});
    },
    async afterJob(ctx) {
      await engine.scanProjects([ctx.params.projectId]);
    },
  };
}

// ---------------------------------------------------------------- attendance (考勤)
const ATTENDANCE_COLUMNS: ImportColumn[] = [
  { key: 'month', header: '考勤月份', required: true, width: 12, example: '2026-03', note: '格式 YYYY-MM', text: true },
  { key: 'name', header: '姓名', required: true, width: 12 },
  { key: 'idNumber', header: '公民身份号码', required: true, width: 22 },
  { key: 'days', header: '出勤天数', required: true, width: 10, example: '22' },
];

interface AttendanceRow {
  month: string;
  name: string;
  idBidx: string;
  days: number;
}

export function attendanceImportKind(
  db: Database,
  ledger: LedgerService,
  engine: WarningEngine,
): ImportKind<AttendanceRow> {
  return {
    kind: 'attendance',
    title: '考勤表',
    permission: 'wages:import',
    columns: ATTENDANCE_COLUMNS,
    maxRows: 200_000,
    ...projectBound(db),
    parseRow(raw) {
      const errors: Record<string, string> = {};
      const month = monthCell(raw.month);
      if (!month) errors.month = '考勤月份格式应为 YYYY-MM';
      const id = parseIdNumber(raw.idNumber);
      if (!id.ok) errors.idNumber = id.message;
      const d = days(raw.days, 'days', errors);
      if (Object.keys(errors).length) return { ok: false, errors };
      const value = (id as { value: string }).value;
      return {
        ok: true,
        key: `${value}|${month}`,
        value: { month: month!, name: raw.name, idBidx: ledger.idNumberIndex(value), days: d },
      };
    },
    async commitBatch(tx, rows, ctx) {
      const project = await ledger.projectForImport(tx, ctx.params.projectId);
      const out = await ledger.addAttendanceRows(
        tx,
        project,
        rows.map((r) => ({ rowNo: r.rowNo, ...r.value })),
      );
      await repo.queueScan(tx, project.id, project);
      return results(out, {});
    },
    async afterJob(ctx) {
      await engine.scanProjects([ctx.params.projectId]);
    },
  };
}
