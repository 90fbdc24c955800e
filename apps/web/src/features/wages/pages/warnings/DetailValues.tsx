// Readable rendering of a warning's `detail` (free-form JSON written by each rule).
import { SITE_INSTITUTION_NAMES } from '@mwsp/domain';
import { Descriptions, Empty, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { monthText } from '../../../../components/display';
import { formatYuanText } from '../../../../components/money';

/** Chinese names of the keys the rules are expected to write; unknown keys are shown as they are. */
const KEY_LABELS: Record<string, string> = {
  month: '所属月份',
  months: '月份',
  year: '年度',
  workers: '涉及人数',
  workerCount: '涉及人数',
  workersAffected: '涉及人数',
  attendees: '考勤人数',
  attended: '考勤人数',
  paidWorkers: '已代发人数',
  paid: '已代发人数',
  unpaidWorkers: '未足额发放人数',
  withoutWage: '无工资记录人数',
  missing: '缺失项',
  missingCount: '缺失数量',
  missingWorkers: '无工资记录人数',
  share: '占比',
  missingShare: '缺失占比',
  threshold: '阈值',
  netFen: '应发（实发）工资',
  paidFen: '已发放',
  unpaidFen: '未发放金额',
  owedFen: '欠发金额',
  outstandingFen: '未清偿金额',
  amountFen: '涉及金额',
  payableFen: '应发工资',
  deductionsFen: '扣款',
  totalFen: '合计金额',
  averageFen: '平均月工资',
  avgMonthlyFen: '折算平均月工资',
  averageMonthlyFen: '折算平均月工资',
  dailyFen: '日均工资',
  minimumFen: '最低工资标准',
  minimumWageFen: '最低工资标准',
  monthlyFen: '月最低工资标准',
  tier: '最低工资档次',
  capFen: '上限',
  monthlyPayCapFen: '单月工资上限',
  yearlyPayCapFen: '年度工资上限',
  maxFen: '最高金额',
  maxNetFen: '最高月工资',
  yearNetFen: '年度工资合计',
  requiredFen: '应存储金额',
  balanceFen: '当前余额',
  shortFen: '差额',
  shortfallFen: '差额',
  days: '出勤天数合计',
  totalDays: '出勤天数合计',
  paidDaysPerMonth: '月计薪天数',
  dueOn: '应完成日期',
  dueDate: '应支付（拨付）日期',
  allocationDueOn: '应拨付日期',
  allocationDay: '每月拨付日',
  payDay: '每月发薪日',
  payDate: '发薪日期',
  payDueOn: '应发放日期',
  topupDueOn: '应补足日期',
  daysOverdue: '逾期天数',
  overdueDays: '逾期天数',
  ageDays: '账龄（天）',
  oldestMonth: '最早欠薪月份',
  graceDays: '宽限天数',
  settlementGraceDays: '结算宽限天数',
  institutionsGraceDays: '制度建立宽限天数',
  exitDate: '离场日期',
  earliestExit: '最早离场日期',
  startDate: '开工日期',
  cases: '涉及案件数',
  caseCount: '涉及案件数',
  status: '状态',
  name: '姓名',
  idMasked: '身份证号',
  note: '说明',
  reason: '原因',
  institutions: '六项制度',
};

/** Keys that only carry internal ids: summarised as a count. */
// Counts of people, shown with 人.
const PEOPLE_KEY_NAMES = [
  'workers',
  'attendees',
  'paidWorkers',
  'unpaidWorkers',
  'withoutWage',
  'missingWorkers',
  'workerCount',
  'workersAffected',
  'attended',
  'paid',
];
const PEOPLE_KEYS = new RegExp(`^(${PEOPLE_KEY_NAMES.join('|')})$`);

const isIdKey = (key: string) => /(^id$|Id$|Ids$|^ids$)/.test(key);

function labelOf(key: string): string {
  return KEY_LABELS[key] ?? key;
}

function institutionName(v: unknown): string {
  return typeof v === 'string' && v in SITE_INSTITUTION_NAMES
    ? SITE_INSTITUTION_NAMES[v as keyof typeof SITE_INSTITUTION_NAMES]
    : String(v);
}

/** One scalar value, formatted by what its key says it is. */
function scalar(key: string, v: unknown): ReactNode {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') {
    if (/Fen$/.test(key) && Number.isSafeInteger(v)) return formatYuanText(v);
    if (/Bp$/.test(key)) return `${v / 100}%`;
    if (/(share|Share|ratio|Ratio|rate|Rate)$/.test(key) && v >= 0 && v <= 1) return `${Math.round(v * 1000) / 10}%`;
    if (/(Days|^days$|daysOverdue)$/.test(key)) return `${v} 天`;
    if (PEOPLE_KEYS.test(key)) {
      return `${v} 人`;
    }
    return String(v);
  }
  if (typeof v === 'string') {
    if (/([Mm]onth)$/.test(key) && /^\d{4}-\d{2}(-01)?$/.test(v)) return monthText(v);
    if (key === 'missing' || key === 'institution') return institutionName(v);
    return v;
  }
  return JSON.stringify(v);
}

function ObjectTable({ rows }: { rows: Record<string, unknown>[] }) {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => !isIdKey(k));
  if (keys.length === 0) return <Typography.Text type="secondary">共 {rows.length} 项</Typography.Text>;
  return (
    <Table<Record<string, unknown>>
      size="small"
      pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
      rowKey={(_, i) => String(i)}
      dataSource={rows}
      columns={keys.map((k) => ({ title: labelOf(k), dataIndex: k, render: (v: unknown) => value(k, v) }))}
    />
  );
}

function value(key: string, v: unknown): ReactNode {
  if (Array.isArray(v)) {
    if (v.length === 0) return '无';
    if (isIdKey(key)) return `共 ${v.length} 项`;
    if (v.every((x) => x === null || typeof x !== 'object')) {
      if (key === 'missing' || key === 'institutions' || key === 'missingInstitutions') {
        return (
          <>
            {v.map((x) => (
              <Tag key={String(x)} color="orange">
                {institutionName(x)}
              </Tag>
            ))}
          </>
        );
      }
      return v.map((x) => scalar(key.replace(/s$/, ''), x)).join('、');
    }
    return <ObjectTable rows={v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object')} />;
  }
  if (v && typeof v === 'object') {
    if (key === 'institutions') {
      // { realName: true, account: false, … }
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.every(([, x]) => typeof x === 'boolean')) {
        return (
          <>
            {entries.map(([k, ok]) => (
              <Tag key={k} color={ok ? 'green' : 'red'}>
                {institutionName(k)}：{ok ? '已落实' : '未落实'}
              </Tag>
            ))}
          </>
        );
      }
    }
    return <DetailValues detail={v as Record<string, unknown>} nested />;
  }
  return scalar(key, v);
}

/** The key/values of a warning's detail as a description list. */
export function DetailValues({
  detail,
  nested,
}: {
  detail: Record<string, unknown> | null | undefined;
  nested?: boolean;
}) {
  // Internal ids (worker ids, project ids) say nothing to a reader: the affected workers are listed separately.
  const entries = Object.entries(detail ?? {}).filter(([k]) => !isIdKey(k));
  if (entries.length === 0) {
    return nested ? <>—</> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无更多明细" />;
  }
  return (
    <Descriptions
      size="small"
      bordered={!nested}
      column={nested ? 1 : { xs: 1, sm: 2, lg: 3 }}
      data-testid={nested ? undefined : 'warning-detail-values'}
      items={entries.map(([k, v]) => ({
        key: k,
        label: labelOf(k),
        children: value(k, v),
        span: Array.isArray(v) && v.some((x) => x && typeof x === 'object') ? ('filled' as const) : undefined,
      }))}
    />
  );
}
