/**
 * Synthetic wage data (根治欠薪) on top of an existing synthetic city: construction projects with their
 * subcontractors and teams, the real-name workforce, monthly attendance, the dedicated wage account
 * with its allocations and payments, the wage deposit, the wage ledger (payrolls and lines) and the
 * bank's per-worker payment results — twelve months of it, ending with the month before `asOf`.
 *
 * A share of the projects (`injectRate`) gets exactly one injected problem; the manifest lists every
 * early warning the engine must raise for it under the rule table of
 * apps/server/src/modules/wages/README.md, and clean projects must raise none. `evaluateWageRules` is
 * an independent in-memory reading of that table, used by the unit test to check the manifest.
 *
 * Generation is lazy, one project at a time (`generateWageProjects`), so a million workers and twelve
 * million ledger lines can be streamed to the database in bounded chunks. This package writes nothing:
 * the wages module's bulk load (`services.wageSeed`: seed.service.ts, SQL in seed.repo.ts) takes these
 * rows, COPY for the benchmark, multi-row INSERTs through the application role for the demo and the
 * tests. Money is integer 分, dates 'YYYY-MM-DD', months 'YYYY-MM-01'.
 */
import {
  addDays,
  addMonths,
  dayOfMonth,
  DEFAULT_WAGE_PARAMS,
  depositDecision,
  minimumWageFor,
  monthOf,
  monthsBetween,
  toDayNumber,
  type AccountTxnKind,
  type DepositForm,
  type DepositMovementKind,
  type DepositStatus,
  type IntegrityGrade,
  type ProjectCategory,
  type ProjectStatus,
  type UnitRole,
  type WageParams,
} from '@mwsp/domain';
import { mobile } from './banks.js';
import { personName } from './names.js';
import { Rng, WeightedTable } from './random.js';

// ---------------------------------------------------------------- inputs and outputs
/** A worker already in the registry (`workers` row). */
export interface WageWorkerRef {
  id: string;
  name: string;
  idBidx: string;
  idMasked: string;
}

/** An employer already in the registry. */
export interface WageEmployerRef {
  id: string;
  regionCode: string;
}

export interface WageSynthOptions {
  seed: number;
  /** The "today" of the scan ('YYYY-MM-DD'); the months generated end with the month before it. */
  asOf: string;
  /** Number of wage months; default 12 (at least 3). */
  months?: number;
  projects: number;
  /** Each worker is placed on exactly one project, in the order given (contiguous slices). */
  workers: readonly WageWorkerRef[];
  /** Clients, contractors and subcontractors are drawn from these (at least 2). */
  employers: readonly WageEmployerRef[];
  /** Region codes of townships (level 4): where projects are. */
  townships: readonly string[];
  /** Share of projects with one injected problem; default 0.2. */
  injectRate?: number;
  /** Minimum wages, caps, grace periods; default DEFAULT_WAGE_PARAMS. */
  params?: WageParams;
  /** Share of bank payments that first fail and are retried successfully a few days later; default 0.002. */
  failedPaymentShare?: number;
  /** Fewest workers on one project; default 3. */
  minWorkersPerProject?: number;
  /** Project codes are `${codePrefix}${county}${seq}`; default 'XM'. */
  codePrefix?: string;
}

export const WAGE_INJECTIONS = [
  'late_month',
  'underpayment',
  'missing_workers',
  'departed_unsettled',
  'missed_allocation',
] as const;
export type WageInjectionKind = (typeof WAGE_INJECTIONS)[number];

/** One warning the engine must raise: rule, project, month ('YYYY-MM-01', or null for project-wide rules). */
export interface ExpectedWarning {
  rule: string;
  projectId: string;
  month: string | null;
}

export interface WageInjection {
  projectId: string;
  kind: WageInjectionKind;
  month: string | null;
  /** The project workers concerned (missing workers, the unsettled leaver). */
  projectWorkerIds: string[];
}

export interface ProjectRow {
  id: string;
  code: string;
  name: string;
  regionCode: string;
  category: ProjectCategory;
  clientId: string;
  contractorId: string;
  permitNo: string;
  fundingInPlace: boolean;
  paymentGuarantee: boolean;
  contractAmountFen: number;
  labourShareBp: number;
  allocationDay: number;
  payDay: number;
  contractSignedOn: string;
  startDate: string;
  plannedEndDate: string;
  completedOn: string | null;
  status: Extract<ProjectStatus, 'in_progress'>;
  labourOfficerName: string;
  /** Clear text: the writers encrypt and mask it. */
  labourOfficerPhone: string;
  noticeBoardPostedOn: string | null;
}

export interface ProjectUnitRow {
  id: string;
  projectId: string;
  employerId: string;
  role: UnitRole;
  regionCode: string;
}

export interface ProjectTeamRow {
  id: string;
  projectId: string;
  name: string;
  unitId: string | null;
  leaderName: string | null;
  regionCode: string;
}

export interface ProjectWorkerRow {
  id: string;
  projectId: string;
  workerId: string;
  teamId: string | null;
  name: string;
  idBidx: string;
  idMasked: string;
  entryDate: string;
  exitDate: string | null;
  contractPresent: boolean;
  settledOn: string | null;
  regionCode: string;
}

export interface AttendanceRow {
  projectId: string;
  projectWorkerId: string;
  month: string;
  days: number;
  regionCode: string;
}

export interface WageAccountRow {
  id: string;
  projectId: string;
  bankName: string;
  accountName: string;
  /** Clear text: the writers encrypt, index and mask it. */
  accountNo: string;
  openedOn: string;
  status: 'open';
  balanceFen: number;
  regionCode: string;
}

export interface AccountTxnRow {
  accountId: string;
  projectId: string;
  kind: Extract<AccountTxnKind, 'allocation' | 'payment'>;
  month: string;
  amountFen: number;
  txnDate: string;
  ref: string;
  regionCode: string;
}

export interface WageDepositRow {
  id: string;
  projectId: string;
  form: DepositForm;
  rateBp: number;
  requiredFen: number;
  balanceFen: number;
  basis: string;
  bankName: string | null;
  letterNo: string | null;
  validUntil: string | null;
  depositedOn: string | null;
  status: Extract<DepositStatus, 'held' | 'exempt'>;
  regionCode: string;
}

export interface DepositMovementRow {
  depositId: string;
  kind: Extract<DepositMovementKind, 'deposit'>;
  amountFen: number;
  onDate: string;
  note: string;
  regionCode: string;
}

export interface PayrollRow {
  id: string;
  projectId: string;
  teamKey: '';
  month: string;
  source: 'import';
  regionCode: string;
}

export interface PayrollLineRow {
  payrollId: string;
  projectId: string;
  projectWorkerId: string;
  month: string;
  days: number;
  payableFen: number;
  deductionsFen: number;
  netFen: number;
  payDate: string | null;
  confirmed: boolean;
  regionCode: string;
}

export interface BankPaymentRow {
  projectId: string;
  accountId: string;
  projectWorkerId: string;
  month: string;
  amountFen: number;
  succeeded: boolean;
  failureReason: string | null;
  bankRef: string;
  paidOn: string;
  regionCode: string;
}

/** Everything of one project. */
export interface WageProjectData {
  project: ProjectRow;
  units: ProjectUnitRow[];
  teams: ProjectTeamRow[];
  projectWorkers: ProjectWorkerRow[];
  attendance: AttendanceRow[];
  account: WageAccountRow;
  txns: AccountTxnRow[];
  deposit: WageDepositRow;
  depositMovements: DepositMovementRow[];
  payrolls: PayrollRow[];
  lines: PayrollLineRow[];
  payments: BankPaymentRow[];
  injection: WageInjection | null;
  /** Every warning the engine must raise for this project (empty for a clean project). */
  expected: ExpectedWarning[];
}

/** The whole data set in memory (small sizes: tests, demo). */
export interface WageDataset {
  asOf: string;
  months: string[];
  projects: ProjectRow[];
  units: ProjectUnitRow[];
  teams: ProjectTeamRow[];
  projectWorkers: ProjectWorkerRow[];
  attendance: AttendanceRow[];
  accounts: WageAccountRow[];
  txns: AccountTxnRow[];
  deposits: WageDepositRow[];
  depositMovements: DepositMovementRow[];
  payrolls: PayrollRow[];
  lines: PayrollLineRow[];
  payments: BankPaymentRow[];
  injections: WageInjection[];
  manifest: ExpectedWarning[];
  /** The same rows grouped by project, as the writers take them. */
  bundles: WageProjectData[];
}

// ---------------------------------------------------------------- vocabulary
const CATEGORIES = new WeightedTable<ProjectCategory>([
  ['housing', 50],
  ['municipal', 20],
  ['transport', 14],
  ['water', 10],
  ['other', 6],
]);
const NAME_WORDS = [
  '锦绣',
  '阳光',
  '幸福',
  '和谐',
  '滨河',
  '东城',
  '西山',
  '新城',
  '金色',
  '彩云',
  '丰源',
  '翠湖',
  '龙泉',
  '凤凰',
  '桃源',
  '学府',
  '春晖',
  '嘉禾',
  '明珠',
  '瑞景',
  '华庭',
  '安宁',
  '长青',
  '兴业',
];
const NAME_PATTERNS: Record<ProjectCategory, string[]> = {
  housing: ['{w}花园', '{w}雅苑', '{w}安置房', '{w}公租房', '{w}片区棚户区改造', '{w}小区'],
  municipal: ['{w}路市政道路改造', '{w}片区综合管廊', '{w}公园提升改造', '{w}片区雨污分流改造'],
  transport: ['{w}互通立交', '{w}大道延长线', '{w}快速路', '{w}隧道'],
  water: ['{w}水库除险加固', '{w}河道综合治理', '{w}供水管网', '{w}污水处理厂扩建'],
  other: ['{w}中学教学楼', '{w}医院住院综合楼', '{w}产业园标准厂房', '{w}物流中心'],
};
const PHASES = ['', '', '（一期）', '（二期）', '（三期）'];
const TEAM_NAMES = [
  '钢筋班组',
  '木工班组',
  '混凝土班组',
  '架子工班组',
  '水电安装班组',
  '泥瓦班组',
  '油漆班组',
  '防水班组',
  '土石方班组',
  '电焊班组',
];
const ACCOUNT_BANKS = [
  '中国工商银行',
  '中国建设银行',
  '中国农业银行',
  '中国银行',
  '交通银行',
  '中国邮政储蓄银行',
  '招商银行',
  '富滇银行',
];
const GUARANTEE_BANKS = ['中国建设银行', '中国工商银行', '中国农业银行', '中国银行'];
const INSURERS = ['中国人民财产保险股份有限公司', '中国平安财产保险股份有限公司', '中国太平洋财产保险股份有限公司'];
const FAILURES = ['户名与账号不符', '账户已冻结', '卡号不存在', '账户已销户'];
const GRADES = new WeightedTable<IntegrityGrade>([
  ['A', 15],
  ['B', 25],
  ['C', 60],
]);
const DEPOSIT_FORMS = new WeightedTable<Exclude<DepositForm, 'exempt'>>([
  ['cash', 40],
  ['bank_guarantee', 45],
  ['insurance', 15],
]);
/** Used for pay levels when a region has no configured minimum wage (昆明一类). */
const FALLBACK_MINIMUM_FEN = 217_000;
/** Highest daily rate (分): 27 days + bonus stays under the monthly cap, 12 months under the yearly cap. */
const MAX_DAILY_FEN = 70_000;

// ---------------------------------------------------------------- helpers
/** A version-4 UUID from the seeded generator (reproducible). */
export function seededUuid(r: Rng): string {
  const h = (n: number) => n.toString(16).padStart(8, '0');
  const a = h(r.nextUint32());
  const b = h(r.nextUint32());
  const c = h(r.nextUint32());
  const d = h(r.nextUint32());
  const variant = ((parseInt(c[0], 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

const compact = (date: string) => date.replace(/-/g, '');
const uniform = (r: Rng, lo: number, hi: number) => lo + (hi - lo) * r.float();

/** Splits `total` workers into `parts` project sizes of at least `min`, skewed (a few large sites). */
function projectSizes(r: Rng, total: number, parts: number, min: number): number[] {
  const weights = Array.from({ length: parts }, () => r.logNormal(1, 0.7));
  const sum = weights.reduce((s, w) => s + w, 0);
  const spare = total - min * parts;
  const sizes = weights.map((w) => min + Math.floor((spare * w) / sum));
  let left = total - sizes.reduce((s, n) => s + n, 0);
  for (let i = 0; left > 0; i = (i + 1) % parts, left--) sizes[i]++;
  return sizes;
}

// ---------------------------------------------------------------- generation
/** The wage months generated for an as-of date: the `months` months ending with the month before it. */
export function wageMonths(asOf: string, months = 12): string[] {
  const cur = monthOf(asOf);
  return monthsBetween(addMonths(cur, -months), addMonths(cur, -1));
}

/** Lazily generates the projects one by one (same options, same data). */
export function* generateWageProjects(opts: WageSynthOptions): Generator<WageProjectData, void, undefined> {
  const asOf = opts.asOf;
  toDayNumber(asOf); // validates
  const nMonths = opts.months ?? 12;
  const params = opts.params ?? DEFAULT_WAGE_PARAMS;
  const injectRate = opts.injectRate ?? 0.2;
  const failedShare = opts.failedPaymentShare ?? 0.002;
  const minPer = Math.max(2, opts.minWorkersPerProject ?? 3);
  const codePrefix = opts.codePrefix ?? 'XM';
  if (!Number.isInteger(nMonths) || nMonths < 3) throw new RangeError('months must be an integer ≥ 3');
  if (!Number.isInteger(opts.projects) || opts.projects < 0)
    throw new RangeError('projects must be a non-negative integer');
  if (opts.projects === 0) return;
  if (opts.workers.length < opts.projects * minPer)
    throw new RangeError(
      `need at least ${minPer} workers per project (${opts.projects * minPer}), got ${opts.workers.length}`,
    );
  if (opts.employers.length < 2) throw new RangeError('need at least 2 employers');
  if (opts.townships.length === 0) throw new RangeError('need at least one township');

  const cur = monthOf(asOf);
  const window = wageMonths(asOf, nMonths);
  const first = window[0];
  const rng = new Rng(opts.seed, 'wages');
  const idRng = new Rng(opts.seed, 'wages:ids');
  const uuid = () => seededUuid(idRng);
  const sizes = projectSizes(rng, opts.workers.length, opts.projects, minPer);
  const payDateOf = (m: string, payDay: number) => dayOfMonth(addMonths(m, 1), payDay);

  let offset = 0;
  for (let p = 0; p < opts.projects; p++) {
    const crew = opts.workers.slice(offset, offset + sizes[p]);
    offset += sizes[p];

    // ---- the project
    const projectId = uuid();
    const region = rng.pick(opts.townships);
    const minWage = minimumWageFor(params, region);
    const minDaily = (minWage?.monthlyFen ?? FALLBACK_MINIMUM_FEN) / params.paidDaysPerMonth;
    const category = CATEGORIES.draw(rng);
    const name =
      rng.pick(NAME_PATTERNS[category]).replace('{w}', rng.pick(NAME_WORDS)) +
      rng.pick(PHASES) +
      (category === 'housing' ? '项目' : '工程');
    const client = rng.pick(opts.employers);
    let contractor = rng.pick(opts.employers);
    while (contractor.id === client.id) contractor = rng.pick(opts.employers);
    const startMonth = addMonths(first, -rng.range(1, 3));
    const startDate = dayOfMonth(startMonth, rng.range(1, 28));
    const accountOpened = addDays(startMonth, -rng.range(1, 15));
    // account within 30 days of the contract (条例 Art. 26)
    const contractSignedOn = addDays(accountOpened, -rng.range(5, 28));
    const plannedEndDate = addDays(asOf, rng.range(60, 720));
    const durationMonths = Math.max(1, (toDayNumber(plannedEndDate) - toDayNumber(startDate)) / 30.44);
    const allocationDay = rng.range(1, 15);
    const payDay = rng.range(Math.max(allocationDay, 5), 28);
    const labourShareBp = rng.range(15, 35) * 100;
    const meanDaily = 28_000;
    const contractAmountFen =
      Math.round(
        (crew.length * meanDaily * 22 * durationMonths * (10_000 / labourShareBp) * uniform(rng, 0.9, 1.25)) /
          1_000_000,
      ) * 1_000_000;
    const officer = personName(rng, rng.chance(0.8) ? 'male' : 'female', '01');
    const project: ProjectRow = {
      id: projectId,
      code: `${codePrefix}${region.slice(0, 6)}${String(p + 1).padStart(6, '0')}`,
      name,
      regionCode: region,
      category,
      clientId: client.id,
      contractorId: contractor.id,
      permitNo: `${region.slice(0, 6)}${compact(contractSignedOn)}${rng.digits(4)}`,
      fundingInPlace: rng.chance(0.95),
      paymentGuarantee: rng.chance(0.8),
      contractAmountFen,
      labourShareBp,
      allocationDay,
      payDay,
      contractSignedOn,
      startDate,
      plannedEndDate,
      completedOn: null,
      status: 'in_progress',
      labourOfficerName: officer.name,
      labourOfficerPhone: mobile(rng),
      noticeBoardPostedOn: addDays(startDate, rng.range(0, 10)),
    };

    // ---- subcontractors and teams
    const units: ProjectUnitRow[] = [];
    const usedEmployers = new Set([client.id, contractor.id]);
    for (let k = rng.range(1, 3), guard = 0; units.length < k && guard < 10; guard++) {
      const e = rng.pick(opts.employers);
      if (usedEmployers.has(e.id)) continue;
      usedEmployers.add(e.id);
      units.push({
        id: uuid(),
        projectId,
        employerId: e.id,
        role: rng.chance(0.7) ? 'labour_subcontractor' : 'subcontractor',
        regionCode: region,
      });
    }
    const teamNames = [...TEAM_NAMES];
    const teams: ProjectTeamRow[] = [];
    for (let k = Math.min(rng.range(2, 5), crew.length); teams.length < k;) {
      const [tn] = teamNames.splice(rng.int(teamNames.length), 1);
      teams.push({
        id: uuid(),
        projectId,
        name: tn,
        unitId: units.length && rng.chance(0.75) ? rng.pick(units).id : null,
        leaderName: null,
        regionCode: region,
      });
    }

    // ---- the workforce
    const daysBeforeFirst = toDayNumber(first) - toDayNumber(startDate);
    const projectWorkers: ProjectWorkerRow[] = [];
    const rate: number[] = [];
    const exitIdx: number[] = []; // index of the exit month in `window`, or Infinity
    for (let k = 0; k < crew.length; k++) {
      const w = crew[k];
      const team = k < teams.length ? teams[k] : rng.pick(teams);
      if (k < teams.length) team.leaderName = w.name;
      let daily = rng.logNormal(meanDaily, 0.3);
      daily = Math.min(MAX_DAILY_FEN, Math.max(minDaily * 1.25, daily));
      rate.push(Math.ceil(daily / 100) * 100);
      const entryDate = addDays(startDate, rng.int(daysBeforeFirst));
      let exitDate: string | null = null;
      let settledOn: string | null = null;
      let e = Infinity;
      if (rng.chance(0.05)) {
        e = rng.int(nMonths - 2); // exit by month(asOf) − 3
        exitDate = dayOfMonth(window[e], rng.range(1, 28));
        settledOn = addDays(exitDate, rng.range(0, 10));
      }
      exitIdx.push(e);
      projectWorkers.push({
        id: uuid(),
        projectId,
        workerId: w.id,
        teamId: team.id,
        name: w.name,
        idBidx: w.idBidx,
        idMasked: w.idMasked,
        entryDate,
        exitDate,
        contractPresent: true,
        settledOn,
        regionCode: region,
      });
    }
    const exitDay = (k: number) => Number(projectWorkers[k].exitDate!.slice(8, 10));

    // ---- the injected problem
    let injection: WageInjection | null = null;
    if (rng.chance(injectRate)) {
      const attendeesIn = (j: number) => exitIdx.filter((e) => e >= j).length;
      const dueMonths = window.slice(0, nMonths - 1).map((_, j) => j); // month ≤ month(asOf) − 2
      const kinds = WAGE_INJECTIONS.filter(
        (kind) =>
          (kind !== 'underpayment' || minWage !== null) &&
          (kind !== 'missing_workers' || dueMonths.some((j) => attendeesIn(j) >= 2)),
      );
      const kind = rng.pick(kinds);
      let j: number | null = null;
      const ids: string[] = [];
      if (kind === 'late_month') j = rng.pick(dueMonths);
      else if (kind === 'underpayment' || kind === 'missed_allocation') j = rng.int(nMonths);
      else if (kind === 'missing_workers') {
        j = rng.pick(dueMonths.filter((m) => attendeesIn(m) >= 2));
        const present = projectWorkers.map((_, k) => k).filter((k) => exitIdx[k] >= j!);
        const n = Math.min(present.length - 1, Math.max(1, Math.ceil(present.length * 0.15)));
        for (let c = 0; c < n; c++) ids.push(projectWorkers[present.splice(rng.int(present.length), 1)[0]].id);
      } else {
        // departed_unsettled: leaves early in the last wage month and that month's wages are not paid
        // (a leaver paid in full is settled, recorded or not).
        const stay = projectWorkers.map((_, k) => k).filter((k) => exitIdx[k] === Infinity);
        const k = stay.length ? rng.pick(stay) : rng.int(projectWorkers.length);
        exitIdx[k] = nMonths - 1;
        projectWorkers[k].exitDate = dayOfMonth(window[nMonths - 1], rng.range(1, 12));
        projectWorkers[k].settledOn = null;
        j = nMonths - 1;
        ids.push(projectWorkers[k].id);
      }
      injection = { projectId, kind, month: j === null ? null : window[j], projectWorkerIds: ids };
    }
    const missing = new Set(injection?.kind === 'missing_workers' ? injection.projectWorkerIds : []);

    // ---- the account, attendance, ledger and bank payments
    const accountId = uuid();
    const attendance: AttendanceRow[] = [];
    const payrolls: PayrollRow[] = [];
    const lines: PayrollLineRow[] = [];
    const payments: BankPaymentRow[] = [];
    const txns: AccountTxnRow[] = [];
    const netOfMonth: number[] = [];
    let bankSeq = 0;
    const bankRef = (date: string) => `DF${compact(date)}${String(++bankSeq).padStart(7, '0')}`;
    for (let j = 0; j < nMonths; j++) {
      const m = window[j];
      const payDate = payDateOf(m, payDay);
      const late = injection?.kind === 'late_month' && injection.month === m;
      const paid = payDate < asOf && !late;
      const underpaid = injection?.kind === 'underpayment' && injection.month === m;
      const underRate = Math.max(100, Math.floor((minDaily * uniform(rng, 0.55, 0.8)) / 100) * 100);
      const payrollId = uuid();
      payrolls.push({ id: payrollId, projectId, teamKey: '', month: m, source: 'import', regionCode: region });
      let net = 0;
      let paidTotal = 0;
      for (let k = 0; k < projectWorkers.length; k++) {
        if (exitIdx[k] < j) continue;
        const pw = projectWorkers[k];
        const days =
          exitIdx[k] === j
            ? Math.min(27, Math.max(1, Math.round(exitDay(k) * uniform(rng, 0.6, 0.95))))
            : rng.range(15, 27);
        attendance.push({ projectId, projectWorkerId: pw.id, month: m, days, regionCode: region });
        if (missing.has(pw.id) && injection!.month === m) continue;
        const payable = underpaid
          ? underRate * days
          : rate[k] * days + (rng.chance(0.3) ? Math.round((rate[k] * rng.range(1, 5)) / 2) : 0);
        const deductions = rng.chance(0.65) ? 0 : Math.round(payable * uniform(rng, 0.01, 0.06));
        const lineNet = payable - deductions;
        net += lineNet;
        let paidOn: string | null = null;
        const leftUnpaid =
          injection?.kind === 'departed_unsettled' && injection.projectWorkerIds.includes(pw.id) && exitIdx[k] === j;
        if (paid && !leftUnpaid) {
          paidOn = payDate;
          const retryOn = addDays(payDate, rng.range(1, 5));
          if (rng.chance(failedShare) && retryOn < asOf) {
            payments.push({
              projectId,
              accountId,
              projectWorkerId: pw.id,
              month: m,
              amountFen: lineNet,
              succeeded: false,
              failureReason: rng.pick(FAILURES),
              bankRef: bankRef(payDate),
              paidOn: payDate,
              regionCode: region,
            });
            paidOn = retryOn;
          }
          payments.push({
            projectId,
            accountId,
            projectWorkerId: pw.id,
            month: m,
            amountFen: lineNet,
            succeeded: true,
            failureReason: null,
            bankRef: bankRef(paidOn),
            paidOn,
            regionCode: region,
          });
          paidTotal += lineNet;
        }
        lines.push({
          payrollId,
          projectId,
          projectWorkerId: pw.id,
          month: m,
          days,
          payableFen: payable,
          deductionsFen: deductions,
          netFen: lineNet,
          payDate: paidOn,
          confirmed: paid && rng.chance(0.97),
          regionCode: region,
        });
      }
      netOfMonth.push(net);
      if (paidTotal > 0)
        txns.push({
          accountId,
          projectId,
          kind: 'payment',
          month: m,
          amountFen: paidTotal,
          txnDate: payDate,
          ref: `DF${compact(m).slice(0, 6)}-${rng.digits(6)}`,
          regionCode: region,
        });
    }

    // ---- allocations by the client: every month from the start month to month(asOf) whose allocation day has passed
    const estimate = Math.round(projectWorkers.length * meanDaily * 22 * 0.6);
    for (const m of monthsBetween(startMonth, cur)) {
      const due = dayOfMonth(m, allocationDay);
      if (due >= asOf) continue;
      if (injection?.kind === 'missed_allocation' && injection.month === m) continue;
      const j = window.indexOf(m);
      // Before the first wage month: the opening allocation is a float of about a month's wages, then ramp-up amounts.
      const base =
        j >= 0
          ? netOfMonth[j] || estimate
          : m === cur
            ? netOfMonth[nMonths - 1] || estimate
            : m === startMonth
              ? estimate * 2
              : Math.round(estimate * uniform(rng, 0.4, 0.9));
      const amountFen = Math.max(100, Math.round((base * uniform(rng, 1, 1.06)) / 100) * 100);
      const txnDate = dayOfMonth(m, Math.max(1, allocationDay - rng.range(0, 3)));
      txns.push({
        accountId,
        projectId,
        kind: 'allocation',
        month: m,
        amountFen,
        txnDate,
        ref: `BK${compact(txnDate)}${rng.digits(6)}`,
        regionCode: region,
      });
    }
    txns.sort((a, b) => (a.txnDate < b.txnDate ? -1 : a.txnDate > b.txnDate ? 1 : a.kind === 'allocation' ? -1 : 1));
    const balanceFen = txns.reduce((s, t) => s + (t.kind === 'allocation' ? t.amountFen : -t.amountFen), 0);
    const bank = rng.pick(ACCOUNT_BANKS);
    const account: WageAccountRow = {
      id: accountId,
      projectId,
      bankName: bank,
      accountName: `${name}农民工工资专用账户`,
      accountNo: rng.digits(rng.chance(0.5) ? 19 : 20),
      openedOn: accountOpened,
      status: 'open',
      balanceFen,
      regionCode: region,
    };

    // ---- the wage deposit (人社部发〔2021〕65号 rate)
    const decision = depositDecision({
      contractFen: contractAmountFen,
      grade: GRADES.draw(rng),
      arrearsLastYear: false,
      otherLiveProjects: rng.int(3),
      params,
    });
    const depositId = uuid();
    let deposit: WageDepositRow;
    const depositMovements: DepositMovementRow[] = [];
    if (decision.exempt) {
      deposit = {
        id: depositId,
        projectId,
        form: 'exempt',
        rateBp: 0,
        requiredFen: 0,
        balanceFen: 0,
        basis: decision.basis,
        bankName: null,
        letterNo: null,
        validUntil: null,
        depositedOn: null,
        status: 'exempt',
        regionCode: region,
      };
    } else {
      const form = DEPOSIT_FORMS.draw(rng);
      const depositedOn = addDays(startDate, -rng.range(0, 20));
      deposit = {
        id: depositId,
        projectId,
        form,
        rateBp: decision.rateBp,
        requiredFen: decision.requiredFen,
        balanceFen: decision.requiredFen,
        basis: decision.basis,
        bankName:
          form === 'cash'
            ? rng.pick(ACCOUNT_BANKS)
            : form === 'bank_guarantee'
              ? rng.pick(GUARANTEE_BANKS)
              : rng.pick(INSURERS),
        letterNo:
          form === 'cash' ? null : `${form === 'bank_guarantee' ? 'BH' : 'BX'}${compact(depositedOn)}${rng.digits(6)}`,
        validUntil: form === 'cash' ? null : addDays(plannedEndDate, 90),
        depositedOn,
        status: 'held',
        regionCode: region,
      };
      depositMovements.push({
        depositId,
        kind: 'deposit',
        amountFen: decision.requiredFen,
        onDate: depositedOn,
        note: form === 'cash' ? '现金存储' : form === 'bank_guarantee' ? '银行保函' : '工程担保保险',
        regionCode: region,
      });
    }

    // ---- the warnings this project must raise
    const expected: ExpectedWarning[] = [];
    if (injection) {
      const m = injection.month;
      switch (injection.kind) {
        case 'late_month':
          expected.push({ rule: 'wages_unpaid', projectId, month: m });
          break;
        case 'underpayment':
          expected.push({ rule: 'below_minimum_wage', projectId, month: m });
          break;
        case 'missing_workers':
          expected.push({ rule: 'attendees_without_wage', projectId, month: m });
          if (payments.some((b) => b.month === m && b.succeeded))
            expected.push({ rule: 'paid_fewer_than_attended', projectId, month: m });
          break;
        case 'departed_unsettled':
          expected.push({ rule: 'departed_unsettled', projectId, month: null });
          // Others already paid for the month the leaver was not: fewer paid than attended.
          if (payments.some((b) => b.month === m && b.succeeded))
            expected.push({ rule: 'paid_fewer_than_attended', projectId, month: m });
          break;
        case 'missed_allocation':
          expected.push({ rule: 'allocation_missed', projectId, month: m });
          break;
      }
    }

    yield {
      project,
      units,
      teams,
      projectWorkers,
      attendance,
      account,
      txns,
      deposit,
      depositMovements,
      payrolls,
      lines,
      payments,
      injection,
      expected,
    };
  }
}

/** Generates everything into memory (small sizes only; use generateWageProjects to stream). */
export function generateWages(opts: WageSynthOptions): WageDataset {
  const d: WageDataset = {
    asOf: opts.asOf,
    months: wageMonths(opts.asOf, opts.months ?? 12),
    projects: [],
    units: [],
    teams: [],
    projectWorkers: [],
    attendance: [],
    accounts: [],
    txns: [],
    deposits: [],
    depositMovements: [],
    payrolls: [],
    lines: [],
    payments: [],
    injections: [],
    manifest: [],
    bundles: [],
  };
  for (const b of generateWageProjects(opts)) {
    d.bundles.push(b);
    d.projects.push(b.project);
    d.units.push(...b.units);
    d.teams.push(...b.teams);
    d.projectWorkers.push(...b.projectWorkers);
    for (const r of b.attendance) d.attendance.push(r);
    d.accounts.push(b.account);
    d.txns.push(...b.txns);
    d.deposits.push(b.deposit);
    d.depositMovements.push(...b.depositMovements);
    d.payrolls.push(...b.payrolls);
    for (const r of b.lines) d.lines.push(r);
    for (const r of b.payments) d.payments.push(r);
    if (b.injection) d.injections.push(b.injection);
    d.manifest.push(...b.expected);
  }
  return d;
}

// ---------------------------------------------------------------- the rule table, read independently
/**
 * The early-warning rules of apps/server/src/modules/wages/README.md evaluated in memory on one
 * project's generated rows (no arrears cases exist in generated data, so `arrears_age` never fires).
 * A second reading of the table, used to check the generator's manifest; not the engine.
 */
export function evaluateWageRules(
  b: WageProjectData,
  today: string,
  params: WageParams = DEFAULT_WAGE_PARAMS,
): ExpectedWarning[] {
  const out: ExpectedWarning[] = [];
  const p = b.project;
  const fire = (rule: string, month: string | null) => out.push({ rule, projectId: p.id, month });
  const todayMonth = monthOf(today);
  const payDateOf = (m: string) => dayOfMonth(addMonths(m, 1), p.payDay);
  const months = [
    ...new Set([
      ...b.attendance.map((a) => a.month),
      ...b.lines.map((l) => l.month),
      ...b.payments.map((x) => x.month),
    ]),
  ].sort();
  const attendees = (m: string) =>
    new Set(b.attendance.filter((a) => a.month === m && a.days > 0).map((a) => a.projectWorkerId));
  const sumBy = <T>(rows: T[], key: (r: T) => string, val: (r: T) => number) => {
    const acc = new Map<string, number>();
    for (const r of rows) acc.set(key(r), (acc.get(key(r)) ?? 0) + val(r));
    return acc;
  };
  const succeeded = b.payments.filter((x) => x.succeeded);

  for (const m of months) {
    const lines = b.lines.filter((l) => l.month === m);
    const net = sumBy(
      lines,
      (l) => l.projectWorkerId,
      (l) => l.netFen,
    );
    const paid = sumBy(
      succeeded.filter((x) => x.month === m),
      (x) => x.projectWorkerId,
      (x) => x.amountFen,
    );
    const att = attendees(m);
    // wages_unpaid
    if (m <= addMonths(todayMonth, -2) && [...net].some(([pw, n]) => n > 0 && (paid.get(pw) ?? 0) < n))
      fire('wages_unpaid', m);
    // below_minimum_wage
    const minWage = minimumWageFor(params, p.regionCode);
    const worked = lines.filter((l) => l.days > 0);
    const days = worked.reduce((s, l) => s + l.days, 0);
    if (
      minWage &&
      days > 0 &&
      (worked.reduce((s, l) => s + l.payableFen, 0) / days) * params.paidDaysPerMonth < minWage.monthlyFen
    )
      fire('below_minimum_wage', m);
    // paid_fewer_than_attended
    if (paid.size > 0 && [...att].filter((pw) => paid.has(pw)).length < att.size) fire('paid_fewer_than_attended', m);
    // attendees_without_wage
    if (
      payDateOf(m) < today &&
      att.size > 0 &&
      [...att].filter((pw) => !net.has(pw)).length >= params.missingWageShare * att.size
    )
      fire('attendees_without_wage', m);
    // excessive_pay_month
    if ([...net.values()].some((n) => n > params.monthlyPayCapFen)) fire('excessive_pay_month', m);
  }
  // excessive_pay_year
  const yearly = sumBy(
    b.lines,
    (l) => `${l.month.slice(0, 4)}|${l.projectWorkerId}`,
    (l) => l.netFen,
  );
  for (const y of [
    ...new Set([...yearly].filter(([, n]) => n > params.yearlyPayCapFen).map(([k]) => k.slice(0, 4))),
  ].sort())
    fire('excessive_pay_year', `${y}-01-01`);
  // allocation_missed
  const allocated = new Set(b.txns.filter((t) => t.kind === 'allocation').map((t) => t.month));
  const lastMonth = p.completedOn && monthOf(p.completedOn) < todayMonth ? monthOf(p.completedOn) : todayMonth;
  for (const m of monthsBetween(monthOf(p.startDate), lastMonth)) {
    if (dayOfMonth(m, p.allocationDay) < today && !allocated.has(m)) fire('allocation_missed', m);
  }
  // departed_unsettled: a leaver past the grace period, no settlement recorded, wages not cleared
  const owed = (pwId: string) => {
    const mine = b.lines.filter((l) => l.projectWorkerId === pwId);
    if (mine.length === 0) return true;
    const net = sumBy(
      mine,
      (l) => l.month,
      (l) => l.netFen,
    );
    const paid = sumBy(
      succeeded.filter((x) => x.projectWorkerId === pwId),
      (x) => x.month,
      (x) => x.amountFen,
    );
    return (
      [...net].some(([m, n]) => n > (paid.get(m) ?? 0)) ||
      b.attendance.some((a) => a.projectWorkerId === pwId && a.days > 0 && !net.has(a.month))
    );
  };
  if (
    b.projectWorkers.some(
      (pw) => pw.exitDate && addDays(pw.exitDate, params.settlementGraceDays) < today && !pw.settledOn && owed(pw.id),
    )
  )
    fire('departed_unsettled', null);
  // missing_institutions
  if (p.status === 'in_progress' && addDays(p.startDate, params.institutionsGraceDays) < today) {
    const someDue = monthsBetween(monthOf(p.startDate), todayMonth).some((m) => payDateOf(m) < today);
    const missing = [
      b.projectWorkers.length === 0,
      !b.account,
      someDue && succeeded.length === 0,
      !b.deposit,
      !p.noticeBoardPostedOn,
      someDue && b.lines.length === 0,
    ].filter(Boolean).length;
    if (missing > 0) fire('missing_institutions', null);
  }
  // deposit_topup_overdue (generated deposits are never topup_due) and no_contract_on_site
  if (b.projectWorkers.some((pw) => pw.exitDate === null && !pw.contractPresent)) fire('no_contract_on_site', null);
  return out;
}

// ---------------------------------------------------------------- scoring
const findingKey = (f: { rule: string; projectId: string; month: string | Date | null }) => {
  const m = f.month instanceof Date ? f.month.toISOString().slice(0, 10) : f.month ? String(f.month).slice(0, 10) : '';
  return `${f.rule}|${f.projectId}|${m}`;
};

export interface PrecisionRecall {
  precision: number;
  recall: number;
  truePositives: number;
  missed: ExpectedWarning[];
  spurious: { rule: string; projectId: string; month: string | null }[];
}

/** Precision and recall of found warnings against the manifest (1 when the denominator is empty). */
export function scorePrecisionRecall(
  expected: readonly ExpectedWarning[],
  found: readonly { rule: string; projectId: string; month: string | Date | null }[],
): PrecisionRecall {
  const exp = new Map(expected.map((e) => [findingKey(e), e]));
  const got = new Map(found.map((f) => [findingKey(f), f]));
  let tp = 0;
  for (const k of got.keys()) if (exp.has(k)) tp++;
  const missed = [...exp].filter(([k]) => !got.has(k)).map(([, e]) => e);
  const spurious = [...got]
    .filter(([k]) => !exp.has(k))
    .map(([, f]) => ({
      rule: f.rule,
      projectId: f.projectId,
      month:
        f.month instanceof Date ? f.month.toISOString().slice(0, 10) : f.month ? String(f.month).slice(0, 10) : null,
    }));
  return {
    precision: got.size ? tp / got.size : 1,
    recall: exp.size ? tp / exp.size : 1,
    truePositives: tp,
    missed,
    spurious,
  };
}
