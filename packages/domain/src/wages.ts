/**
 * Pure rules of the wage-payment guarantee (根治欠薪): wage months, the deposit rate
 * (人社部发〔2021〕65号), the employer integrity grade, warning levels and the criminal threshold
 * (法释〔2013〕3号). Local figures are parameters (WageParams), never constants in the rules.
 */
import { addDays, daysInMonth, toDayNumber } from './dates.js';
import { INTEGRITY_VIOLATIONS } from './penalties.js';

export type WarningLevel = 'yellow' | 'orange' | 'red';
export const WARNING_LEVELS: readonly WarningLevel[] = ['yellow', 'orange', 'red'];
export const WARNING_LEVEL_NAMES: Record<WarningLevel, string> = { yellow: '黄色', orange: '橙色', red: '红色' };
export const LEVEL_RANK: Record<WarningLevel, number> = { yellow: 1, orange: 2, red: 3 };

// ---------------------------------------------------------------- months
const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** 'YYYY-MM' → 'YYYY-MM-01', or null when not a real month. */
export function monthStart(month: string): string | null {
  const m = MONTH_RE.exec(month.trim());
  if (!m) return null;
  const mm = Number(m[2]);
  if (mm < 1 || mm > 12 || Number(m[1]) < 1900) return null;
  return `${m[1]}-${m[2]}-01`;
}

/** The month ('YYYY-MM-01') containing a date. */
export function monthOf(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** Adds n months to a month start. */
export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(yy).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}-01`;
}

/** Last day of the month starting at `month`. */
export function monthEnd(month: string): string {
  const days = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  return `${month.slice(0, 7)}-${String(days).padStart(2, '0')}`;
}

/** The month's date with the given day (1–28). */
export function dayOfMonth(month: string, day: number): string {
  return `${month.slice(0, 7)}-${String(day).padStart(2, '0')}`;
}

/** '2026-03-01' → '2026年3月'. */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** Months from `from` to `to` inclusive (both month starts). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/**
 * Wages for month M are due, through the dedicated account, by the end of the following month
 * (the rule used by monitoring platforms, wage_realname.md §9 #1).
 */
export function wageDueDate(month: string): string {
  return monthEnd(addMonths(month, 1));
}

export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

// ---------------------------------------------------------------- parameters
/** Local parameters of the wage rules; kept in settings and editable by the bureau. */
export interface WageParams {
  /** Monthly minimum wage (分) by region-code prefix; the longest matching prefix wins. */
  minimumWage: { prefix: string; tier: string; monthlyFen: number }[];
  /** Monthly-to-daily conversion: 21.75 paid days a month. */
  paidDaysPerMonth: number;
  /** One worker's pay in one month above this is suspicious (分). */
  monthlyPayCapFen: number;
  /** One worker's pay in one calendar year above this is suspicious (分). */
  yearlyPayCapFen: number;
  /** Share of a month's attendees without a wage line that fires a warning (0–1). */
  missingWageShare: number;
  /** Calendar days after exit within which settlement must be recorded. */
  settlementGraceDays: number;
  /** Calendar days after the start date before missing site institutions are warned about. */
  institutionsGraceDays: number;
  /** Handling deadline by level, in working days. */
  handlingDays: Record<WarningLevel, number>;
  /** Criminal "数额较大" thresholds by province code (2 digits), 元 → stored in 分. */
  criminalThresholds: { province: string; perWorkerFen: number; totalFen: number; note: string }[];
  /** Deposit: base rate (basis points), floor, exemption limit and the differentiated factors. */
  deposit: { baseRateBp: number; floorRateBp: number; capFen: number | null; smallContractExemptFen: number };
}

export const DEFAULT_WAGE_PARAMS: WageParams = {
  minimumWage: [
    // Yunnan 云人社发〔2025〕19号 from 2025-10-01 (local_facts.md §2.1); Kunming tier 1 and 2 units.
    { prefix: '53', tier: '云南三类', monthlyFen: 187_000 },
    { prefix: '5301', tier: '昆明二类', monthlyFen: 202_000 },
    ...['530102', '530103', '530111', '530112', '530114', '530115', '530181', '530183'].map((prefix) => ({
      prefix,
      tier: '昆明一类',
      monthlyFen: 217_000,
    })),
    { prefix: '530113', tier: '东川区二类', monthlyFen: 202_000 },
    // Xinjiang from 2025-01-01; Altay tiers unconfirmed (local_facts.md §2.2): 阿勒泰市 second tier, counties third.
    { prefix: '65', tier: '新疆三档', monthlyFen: 175_000 },
    { prefix: '650100', tier: '新疆一档', monthlyFen: 207_000 },
    { prefix: '650101', tier: '新疆一档', monthlyFen: 207_000 },
    { prefix: '654301', tier: '新疆二档', monthlyFen: 189_000 },
  ],
  paidDaysPerMonth: 21.75,
  monthlyPayCapFen: 5_000_000,
  yearlyPayCapFen: 30_000_000,
  missingWageShare: 0.1,
  settlementGraceDays: 15,
  institutionsGraceDays: 30,
  handlingDays: { red: 3, orange: 5, yellow: 10 },
  criminalThresholds: [
    // Provincial figures not found for Yunnan and Xinjiang: the national floors are the cautious alert level.
    {
      province: '53',
      perWorkerFen: 500_000,
      totalFen: 3_000_000,
      note: '云南省高级人民法院标准未查到，暂按法释〔2013〕3号下限',
    },
    {
      province: '65',
      perWorkerFen: 500_000,
      totalFen: 3_000_000,
      note: '新疆维吾尔自治区高级人民法院标准未查到，暂按法释〔2013〕3号下限',
    },
  ],
  deposit: { baseRateBp: 200, floorRateBp: 50, capFen: null, smallContractExemptFen: 300_000_000 },
};

/** The monthly minimum wage that applies at a region (longest prefix), or null if none configured. */
export function minimumWageFor(params: WageParams, regionCode: string): { tier: string; monthlyFen: number } | null {
  let best: WageParams['minimumWage'][number] | null = null;
  for (const m of params.minimumWage)
    if (regionCode.startsWith(m.prefix) && (!best || m.prefix.length > best.prefix.length)) best = m;
  return best ? { tier: best.tier, monthlyFen: best.monthlyFen } : null;
}

// ---------------------------------------------------------------- levels
/** Arrears age (days past the due date) → level: ≤ 1 month yellow, 1–2 months orange, > 2 red. */
export function arrearsAgeLevel(daysOverdue: number): WarningLevel {
  if (daysOverdue <= 30) return 'yellow';
  if (daysOverdue <= 61) return 'orange';
  return 'red';
}

/** How many of the six site institutions are missing → level (1 yellow, 2–3 orange, ≥ 4 red). */
export function missingInstitutionsLevel(missing: number): WarningLevel | null {
  if (missing <= 0) return null;
  if (missing === 1) return 'yellow';
  if (missing <= 3) return 'orange';
  return 'red';
}

/** The six site institutions (六项制度) tracked per project. */
export const SITE_INSTITUTIONS = ['realName', 'account', 'contractorPays', 'deposit', 'noticeBoard', 'ledger'] as const;
export type SiteInstitution = (typeof SITE_INSTITUTIONS)[number];
export const SITE_INSTITUTION_NAMES: Record<SiteInstitution, string> = {
  realName: '实名制管理',
  account: '农民工工资专用账户',
  contractorPays: '总包代发',
  deposit: '工资保证金',
  noticeBoard: '维权信息告示牌',
  ledger: '工资支付台账',
};

// ---------------------------------------------------------------- integrity and deposit
/** Employer integrity grade (守法诚信等级, 条例 Art. 47) from its wage-arrears history. */
export type IntegrityGrade = 'A' | 'B' | 'C' | 'D';
export const INTEGRITY_GRADE_NAMES: Record<IntegrityGrade, string> = {
  A: 'A 级（连续 3 年无拖欠）',
  B: 'B 级（连续 2 年无拖欠）',
  C: 'C 级（近 2 年有拖欠或记录不足 2 年）',
  D: 'D 级（列入失信联合惩戒名单）',
};

/**
 * Grade on `today` from the dates of confirmed arrears and whether the employer is on the defaulter
 * list; `since` is the employer's first record here (a newcomer has no clean history yet).
 *
 * Labour-inspection violations (`violations`: recorded by the rights module in a penalty decision 行政处罚决定 or
 * confirmed at an inspection's closure, kept by the wage module from the `rights.violation_recorded` event) count
 * like an arrears case on their day when they are violations of wage payment (INTEGRITY_VIOLATIONS: 拖欠工资, the
 * wage-payment institutions — 专用账户/实名制, 工资支付台账): one within the last 2 years gives C, one 2–3 years ago
 * keeps the grade at B. Other violations (hours, contracts, insurance, child labour) do not change the wage grade.
 */
export function integrityGrade(input: {
  today: string;
  arrearsDates: string[];
  listed: boolean;
  since: string;
  violations?: readonly { on: string; kind: string }[];
}): IntegrityGrade {
  if (input.listed) return 'D';
  const years = (n: number) => addDays(input.today, -Math.round(365.25 * n));
  const counted = (input.violations ?? [])
    .filter((v) => (INTEGRITY_VIOLATIONS as readonly string[]).includes(v.kind))
    .map((v) => v.on);
  const dates = [...input.arrearsDates, ...counted];
  const cleanFor = (n: number) => input.since <= years(n) && dates.every((d) => d < years(n));
  if (cleanFor(3)) return 'A';
  if (cleanFor(2)) return 'B';
  return 'C';
}

export interface DepositDecision {
  rateBp: number;
  requiredFen: number;
  exempt: boolean;
  basis: string;
}

/**
 * The wage-deposit rate for a new project (人社部发〔2021〕65号): base rate within 1–3 %; exempt below
 * the small-contract limit with no arrears last year, or after 3 clean years (with real-name and account
 * systems); halved after 2 clean years; +50 % after arrears in the last 2 years; +100 % when listed;
 * lowered (not below 0.5 %) when the contractor already has live projects in the area.
 */
export function depositDecision(input: {
  contractFen: number;
  grade: IntegrityGrade;
  arrearsLastYear: boolean;
  otherLiveProjects: number;
  params: WageParams;
}): DepositDecision {
  const { deposit } = input.params;
  const reasons: string[] = [];
  if (input.contractFen < deposit.smallContractExemptFen && !input.arrearsLastYear && input.grade !== 'D') {
    return {
      rateBp: 0,
      requiredFen: 0,
      exempt: true,
      basis: `合同额低于 ${deposit.smallContractExemptFen / 1_000_000} 万元且上一年度无拖欠，免缴`,
    };
  }
  if (input.grade === 'A')
    return { rateBp: 0, requiredFen: 0, exempt: true, basis: '连续 3 年无拖欠且实名制、专用账户制度落实，免缴' };
  let rate = deposit.baseRateBp;
  reasons.push(`基准比例 ${rate / 100}%`);
  if (input.grade === 'B') {
    rate = Math.round(rate / 2);
    reasons.push('连续 2 年无拖欠，降低 50%');
  } else if (input.grade === 'D') {
    rate = rate * 2;
    reasons.push('列入失信联合惩戒名单，提高 100%');
  } else if (input.arrearsLastYear || input.grade === 'C') {
    rate = Math.round(rate * 1.5);
    reasons.push('近 2 年有拖欠记录或无完整守法记录，提高 50%');
  }
  if (input.otherLiveProjects > 0 && input.grade !== 'D') {
    const lowered = Math.max(deposit.floorRateBp, Math.round(rate * 0.75));
    if (lowered < rate)
      reasons.push(
        `本地区另有 ${input.otherLiveProjects} 个在建项目，适当降低（不低于 ${deposit.floorRateBp / 100}%）`,
      );
    rate = lowered;
  }
  rate = Math.max(rate, deposit.floorRateBp);
  let required = Math.round((input.contractFen * rate) / 10_000);
  if (deposit.capFen !== null && required > deposit.capFen && input.grade !== 'D') {
    required = deposit.capFen;
    reasons.push(`单个项目上限 ${deposit.capFen / 100} 元`);
  }
  return { rateBp: rate, requiredFen: required, exempt: false, basis: reasons.join('；') };
}

// ---------------------------------------------------------------- criminal threshold
export interface CriminalCheck {
  met: boolean;
  perWorker: boolean;
  total: boolean;
  threshold: { perWorkerFen: number; totalFen: number; note: string } | null;
  explanation: string;
}

/**
 * 法释〔2013〕3号 Art. 3 "数额较大": one worker unpaid ≥ 3 months and ≥ the provincial per-worker figure,
 * or ≥ 10 workers unpaid with a total ≥ the provincial figure. Only the amount test; the other elements
 * (ability to pay, an ignored payment order) are for the officer to establish.
 */
export function criminalThreshold(
  params: WageParams,
  regionCode: string,
  workers: { months: number; unpaidFen: number }[],
): CriminalCheck {
  const t = params.criminalThresholds.find((c) => regionCode.startsWith(c.province)) ?? null;
  if (!t)
    return { met: false, perWorker: false, total: false, threshold: null, explanation: '未配置本省“数额较大”标准' };
  const perWorker = workers.some((w) => w.months >= 3 && w.unpaidFen >= t.perWorkerFen);
  const owed = workers.filter((w) => w.unpaidFen > 0);
  const totalFen = owed.reduce((s, w) => s + w.unpaidFen, 0);
  const total = owed.length >= 10 && totalFen >= t.totalFen;
  const parts = [];
  if (perWorker) parts.push(`有劳动者被拖欠 3 个月以上且金额达 ${t.perWorkerFen / 100} 元`);
  if (total) parts.push(`${owed.length} 名劳动者累计被拖欠 ${totalFen / 100} 元，达 ${t.totalFen / 100} 元`);
  return {
    met: perWorker || total,
    perWorker,
    total,
    threshold: { perWorkerFen: t.perWorkerFen, totalFen: t.totalFen, note: t.note },
    explanation: parts.length
      ? `达到“数额较大”标准：${parts.join('；')}`
      : `未达到“数额较大”标准（单人 ${t.perWorkerFen / 100} 元且 3 个月以上，或 10 人以上累计 ${t.totalFen / 100} 元）`,
  };
}

/** 人社部令第45号 第五条: the grounds for listing (the console offers them; the public list names them). */
export const DEFAULTER_BASES = {
  criminal: {
    basis:
      '《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》第五条第一项：克扣、无故拖欠农民工工资达到认定拒不支付劳动报酬罪数额标准',
    fact: '克扣、无故拖欠农民工工资达到认定拒不支付劳动报酬罪数额标准',
  },
  incident: {
    basis:
      '《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》第五条第二项：因拖欠农民工工资违法行为引发群体性事件、极端事件造成严重不良社会影响',
    fact: '因拖欠农民工工资违法行为引发群体性事件、极端事件造成严重不良社会影响',
  },
} as const;
export type DefaulterBasisKind = keyof typeof DEFAULTER_BASES;

/** Which ground of 第五条 a written basis invokes (the criminal-threshold ground needs a case that meets it), or null. */
export function defaulterBasisKind(basis: string): DefaulterBasisKind | null {
  if (/第五条第一项|拒不支付劳动报酬罪/.test(basis)) return 'criminal';
  if (/第五条第二项|群体性事件|极端事件/.test(basis)) return 'incident';
  return null;
}

/**
 * What the public defaulter list says about one listing: composed from public facts only (the ground
 * of 第五条 and the decision number), never from the officers' free text, which may name warnings,
 * cases, workers or handlers.
 */
export function publicDefaulterText(input: { basis: string; decisionNo: string }): { basis: string; reason: string } {
  const kind = defaulterBasisKind(input.basis);
  const basis = kind ? DEFAULTER_BASES[kind].basis : '《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》第五条';
  const fact = kind ? DEFAULTER_BASES[kind].fact : '拖欠农民工工资';
  return { basis, reason: `${fact}，经人力资源社会保障行政部门依法作出列入决定（${input.decisionNo}）` };
}

/** 人社部令第45号: listed for 3 years; early removal 6 months after correction, with an undertaking. */
export function defaulterTerm(listedOn: string): { expiresOn: string } {
  const y = Number(listedOn.slice(0, 4)) + 3;
  const md = listedOn.slice(5);
  const expiresOn = md === '02-29' ? `${y}-02-28` : `${y}${listedOn.slice(4)}`;
  return { expiresOn };
}

export function earlyRemovalAllowed(input: { today: string; correctedOn: string | null; undertaking: boolean }): {
  allowed: boolean;
  reason: string;
} {
  if (!input.correctedOn) return { allowed: false, reason: '拖欠工资尚未全部清偿，不能提前移出' };
  if (!input.undertaking) return { allowed: false, reason: '尚未作出信用承诺，不能提前移出' };
  const sixMonths = addMonthsToDate(input.correctedOn, 6);
  if (input.today < sixMonths)
    return { allowed: false, reason: `改正（清偿）之日起满 6 个月（${sixMonths}）后方可申请提前移出` };
  return { allowed: true, reason: '已清偿、已作信用承诺且满 6 个月' };
}

/** Same day n months later (clamped to the month's last day). */
export function addMonthsToDate(date: string, n: number): string {
  const m = addMonths(monthOf(date), n);
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(Number(m.slice(0, 4)), Number(m.slice(5, 7))));
  return dayOfMonth(m, day);
}

// ---------------------------------------------------------------- vocabulary
// Every wage enum's values and Chinese name, once: the API contracts validate against the value lists,
// the server's documents and messages and the console's tags and selects read the names.

export const PROJECT_CATEGORIES = ['housing', 'municipal', 'transport', 'water', 'other'] as const;
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];
export const PROJECT_CATEGORY_NAMES: Record<ProjectCategory, string> = {
  housing: '房屋建筑',
  municipal: '市政工程',
  transport: '交通工程',
  water: '水利工程',
  other: '其他工程',
};

export const PROJECT_STATUSES = ['registered', 'in_progress', 'suspended', 'completed', 'closed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_NAMES: Record<ProjectStatus, string> = {
  registered: '已登记未开工',
  in_progress: '在建',
  suspended: '停工',
  completed: '已竣工',
  closed: '已销项',
};

/** A project's colour: green without a live warning, else its highest live warning level. */
export const PROJECT_LEVELS = ['green', 'yellow', 'orange', 'red'] as const;
export type ProjectLevel = (typeof PROJECT_LEVELS)[number];
export const PROJECT_LEVEL_NAMES: Record<ProjectLevel, string> = {
  green: '正常',
  yellow: '黄色预警',
  orange: '橙色预警',
  red: '红色预警',
};

export const UNIT_ROLES = ['subcontractor', 'labour_subcontractor'] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];
export const UNIT_ROLE_NAMES: Record<UnitRole, string> = {
  subcontractor: '专业分包单位',
  labour_subcontractor: '劳务分包单位',
};

export const ACCOUNT_STATUSES = ['open', 'closing', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export const ACCOUNT_STATUS_NAMES: Record<AccountStatus, string> = {
  open: '正常',
  closing: '销户公示中',
  closed: '已销户',
};

export const ACCOUNT_TXN_KINDS = ['allocation', 'payment', 'refund', 'other_in'] as const;
export type AccountTxnKind = (typeof ACCOUNT_TXN_KINDS)[number];
export const ACCOUNT_TXN_KIND_NAMES: Record<AccountTxnKind, string> = {
  allocation: '人工费用拨付',
  payment: '工资代发',
  refund: '退回',
  other_in: '其他转入',
};

export const DEPOSIT_FORMS = ['cash', 'bank_guarantee', 'insurance', 'exempt'] as const;
export type DepositForm = (typeof DEPOSIT_FORMS)[number];
export const DEPOSIT_FORM_NAMES: Record<DepositForm, string> = {
  cash: '现金存储',
  bank_guarantee: '银行保函',
  insurance: '工程保证保险',
  exempt: '免缴',
};

export const DEPOSIT_STATUSES = ['held', 'topup_due', 'returned', 'exempt'] as const;
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number];
export const DEPOSIT_STATUS_NAMES: Record<DepositStatus, string> = {
  held: '已存储',
  topup_due: '待补足',
  returned: '已退还',
  exempt: '免缴',
};

export const DEPOSIT_MOVEMENT_KINDS = ['deposit', 'drawdown', 'topup', 'return'] as const;
export type DepositMovementKind = (typeof DEPOSIT_MOVEMENT_KINDS)[number];
export const DEPOSIT_MOVEMENT_KIND_NAMES: Record<DepositMovementKind, string> = {
  deposit: '存储',
  drawdown: '动用',
  topup: '补足',
  return: '退还',
};

/** A wage-ledger line: the original as reported, or an adjusting entry (never an overwrite). */
export const LEDGER_ENTRIES = ['original', 'adjustment'] as const;
export type LedgerEntry = (typeof LEDGER_ENTRIES)[number];

export const WARNING_STATUSES = ['open', 'assigned', 'in_progress', 'closed', 'cleared'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];
export const WARNING_STATUS_NAMES: Record<WarningStatus, string> = {
  open: '待处置',
  assigned: '已交办',
  in_progress: '处置中',
  closed: '已办结',
  cleared: '已自动消除',
};

export const WARNING_ACTIONS = [
  'detected',
  'level_changed',
  'assigned',
  'acted',
  'escalated',
  'closed',
  'cleared',
] as const;
export type WarningAction = (typeof WARNING_ACTIONS)[number];
export const WARNING_ACTION_NAMES: Record<WarningAction, string> = {
  detected: '预警产生',
  level_changed: '预警等级变化',
  assigned: '交办',
  acted: '处置',
  escalated: '升级督办',
  closed: '办结',
  cleared: '预警自动消除',
};

export const ARREARS_STATUSES = ['confirmed', 'ordered', 'paid', 'transferred', 'closed'] as const;
export type ArrearsStatus = (typeof ARREARS_STATUSES)[number];
export const ARREARS_STATUS_NAMES: Record<ArrearsStatus, string> = {
  confirmed: '已确认',
  ordered: '已责令支付',
  paid: '已清偿',
  transferred: '已移送公安',
  closed: '已结案',
};

export const ARREARS_PAYMENT_SOURCES = [
  'employer',
  'contractor_advance',
  'client_advance',
  'deposit',
  'emergency_fund',
  'recovery',
] as const;
export type ArrearsPaymentSource = (typeof ARREARS_PAYMENT_SOURCES)[number];
export const ARREARS_PAYMENT_SOURCE_NAMES: Record<ArrearsPaymentSource, string> = {
  employer: '用人单位支付',
  contractor_advance: '施工总承包单位先行清偿',
  client_advance: '建设单位垫付',
  deposit: '工资保证金支付',
  emergency_fund: '应急周转金垫付',
  recovery: '追偿归还应急周转金',
};

export const DEFAULTER_STATUSES = ['listed', 'removed', 'expired'] as const;
export type DefaulterStatus = (typeof DEFAULTER_STATUSES)[number];
export const DEFAULTER_STATUS_NAMES: Record<DefaulterStatus, string> = {
  listed: '名单内',
  removed: '已提前移出',
  expired: '已期满移出',
};

/** Imports bound to a project (uploaded under /api/projects/:id/…). */
export const WAGE_IMPORT_KINDS = ['payroll', 'attendance', 'bank_payments'] as const;
export type WageImportKind = (typeof WAGE_IMPORT_KINDS)[number];
export const WAGE_IMPORT_KIND_NAMES: Record<WageImportKind, string> = {
  payroll: '工资表',
  attendance: '考勤表',
  bank_payments: '银行代发结果',
};
