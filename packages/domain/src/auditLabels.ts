/**
 * Chinese names for the audit log: every action the server records, the object types, the detail
 * keys and the coded values inside details. Defined once, here; the console's audit page and its
 * action filter read them, and a server unit test (audit-labels.unit.test.ts) fails when an action
 * recorded anywhere in apps/server has no name.
 */
import { DATA_SCOPE_LABELS } from './contracts/accounts.js';

/** Action groups (the prefix before the dot) — the filter offers "all of a group" too. */
export const AUDIT_ACTION_GROUPS: Record<string, string> = {
  auth: '登录与认证',
  access: '访问控制',
  user: '用户管理',
  role: '角色权限',
  token: '接口令牌',
  department: '部门管理',
  calendar: '工作日历',
  audit: '审计',
  worker: '务工人员',
  employer: '用工单位',
  employment: '用工关系',
  insurance: '社会保险',
  import: '批量导入',
  demo: '演示数据',
  project: '工程项目',
  account: '工资专用账户',
  deposit: '工资保证金',
  payroll: '工资台账',
  wages: '欠薪治理',
  warning: '欠薪预警',
  arrears: '欠薪案件',
  defaulter: '失信名单',
  case: '案件办理',
  complaint: '投诉举报',
  job: '岗位信息',
  seeker: '求职登记',
  referral: '职业介绍',
};

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  // sign-in and sessions
  'auth.login': '登录',
  'auth.lock': '账号锁定',
  'auth.logout': '退出登录',
  'auth.password_change': '修改密码',
  'auth.totp': '动态口令验证',
  'auth.totp_enroll': '绑定动态口令',
  'auth.session_expired': '会话失效',
  'auth.token': '接口令牌调用',
  'access.denied': '越权访问被拒绝',
  'access.not_found': '访问不存在或辖区外记录',
  // accounts
  'user.create': '创建用户',
  'user.update': '修改用户',
  'user.read': '查看用户详情',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.reset_password': '重置密码',
  'user.unlock': '解锁账号',
  'user.assign_roles': '授予角色',
  'role.create': '创建角色',
  'role.update': '修改角色',
  'role.delete': '删除角色',
  'role.revoke_builtin': '收回内置角色的权限',
  'token.create': '创建接口令牌',
  'token.revoke': '吊销接口令牌',
  'department.create': '新增部门',
  'department.update': '修改部门',
  'calendar.update': '维护工作日历',
  'audit.query': '查询审计日志',
  'audit.verify': '校验审计链',
  'audit.anchor': '审计链锚定',
  // registry
  'worker.create': '登记务工人员',
  'worker.update': '修改务工人员信息',
  'worker.unmask': '查看完整个人信息',
  'worker.export': '导出务工人员',
  'worker.merge': '合并重复人员',
  'employer.create': '登记用工单位',
  'employer.update': '修改用工单位',
  'employment.create': '登记用工关系',
  'employment.update': '修改用工关系',
  'insurance.update': '更新参保信息',
  'insurance.transfer': '社保关系转移',
  'import.create': '提交批量导入',
  'import.batch': '导入一批数据',
  'import.finish': '批量导入完成',
  'import.retry': '续导批量导入',
  'import.errors_download': '下载导入错误报告',
  'demo.load': '载入演示人员数据',
  'demo.wages': '载入演示欠薪治理数据',
  'demo.cases': '生成演示投诉举报案件',
  'demo.employment': '生成演示就业服务数据',
  // wages
  'project.registered': '登记工程项目',
  'project.updated': '修改工程项目',
  'project.unit_added': '增加分包单位',
  'project.team_added': '增加班组',
  'project.worker_entered': '人员进场',
  'project.worker_updated': '修改进场人员',
  'project.attendance': '登记考勤',
  'project.notice_board': '生成维权告示牌',
  'account.opened': '开设工资专用账户',
  'account.txn': '专用账户入账',
  'account.closure_notice': '专用账户销户公示',
  'account.closed': '专用账户销户',
  'deposit.saved': '存储工资保证金',
  'deposit.drawdown': '动用工资保证金',
  'deposit.topup': '补足工资保证金',
  'deposit.return': '退还工资保证金',
  'payroll.submitted': '提交工资表',
  'payroll.adjusted': '工资调整记账',
  'wages.params': '修改预警参数',
  'wages.public_lookup': '公众查询工资',
  'warning.assigned': '分派预警',
  'warning.acted': '处置预警',
  'warning.closed': '办结预警',
  'warning.detected': '发现预警',
  'warning.cleared': '预警自动解除',
  'warning.step': '预警处置',
  'warning.scan': '手动预警扫描',
  'arrears.confirmed': '确认欠薪',
  'arrears.ordered': '下达限期支付令',
  'arrears.payment': '登记欠薪支付',
  'arrears.transferred': '移送公安机关',
  'arrears.evidence': '生成证据材料',
  'arrears.closed': '欠薪案件结案',
  'defaulter.listed': '列入失信名单',
  'defaulter.removed': '移出失信名单',
  'case.create': '立案登记',
  'case.transition': '案件办理操作',
  'case.comment': '填写办理意见',
  'case.rung': '时限预警与升级督办',
  'complaint.filed': '登记投诉举报',
  'complaint.lookup': '公众查询投诉进度',
  'job.created': '发布岗位',
  'job.updated': '修改岗位',
  'job.withdrawn': '撤回岗位',
  'seeker.registered': '求职登记',
  'seeker.updated': '修改求职登记',
  'seeker.reconfirmed': '确认求职意向',
  'referral.created': '职业介绍（推荐岗位）',
  'referral.outcome': '登记推荐结果',
  'referral.follow_up': '就业回访',
};

/** The Chinese name of an action; unknown codes: the group's name and the code. */
export function auditActionLabel(action: string): string {
  const known = AUDIT_ACTION_LABELS[action];
  if (known) return known;
  const group = AUDIT_ACTION_GROUPS[action.split('.')[0]];
  return group ? `${group}：${action}` : action;
}

export const AUDIT_OBJECT_LABELS: Record<string, string> = {
  user: '用户',
  role: '角色',
  api_token: '接口令牌',
  department: '部门',
  calendar_year: '工作日历年度',
  worker: '务工人员',
  employer: '用工单位',
  employment: '用工关系',
  import_job: '导入任务',
  project: '工程项目',
  warning: '欠薪预警',
  arrears_case: '欠薪案件',
  case: '案件',
  settings: '系统参数',
  region: '行政区划',
  job_posting: '岗位',
  job_seeker: '求职人员',
  referral: '职业介绍',
};

/** Names of the keys found in audit details. */
export const AUDIT_DETAIL_LABELS: Record<string, string> = {
  reason: '原因',
  failures: '连续失败次数',
  route: '访问的接口',
  rows: '行数',
  rowsWritten: '写入行数',
  unmasked: '含明文',
  unmask: '含明文',
  purpose: '用途',
  filters: '筛选条件',
  cap: '上限',
  fields: '涉及字段',
  via: '来源',
  code: '编码',
  name: '名称',
  username: '用户名',
  roles: '角色',
  permissions: '权限',
  dataScope: '数据范围',
  regionCode: '行政区划',
  admin: '管理员角色',
  rule: '预警规则',
  level: '预警等级',
  kind: '类型',
  fromRow: '起始行',
  toRow: '结束行',
  days: '天数',
  provisional: '暂定',
  workers: '人数',
  seed: '随机种子',
  projects: '项目数',
  lines: '工资明细行数',
  warnings: '预警数',
  returned: '返回条数',
  checked: '已校验条数',
  firstBrokenSeq: '首个异常序号',
  ok: '结果',
  okRows: '成功行数',
  errorRows: '错误行数',
  createdRows: '新增行数',
  updatedRows: '更新行数',
  unchangedRows: '未变化行数',
  total: '总数',
  filename: '文件名',
  bytes: '字节数',
  format: '格式',
  encoding: '编码格式',
  stage: '阶段',
  expiresOn: '到期日',
  until: '截至',
  duplicateId: '被合并人员',
  employerId: '用工单位',
  workerId: '务工人员',
  decisionNo: '决定书文号',
  permanent: '永久',
  retryable: '可重试',
  message: '说明',
  count: '数量',
  changed: '变更',
  before: '修改前',
  after: '修改后',
  created: '新增',
  updated: '更新',
  missing: '缺少',
  month: '月份',
  amountFen: '金额（分）',
  late: '逾期',
  fieldsChanged: '修改的字段',
  returnedAt: '返回时间',
  user: '用户',
  items: '条目',
  type: '案件类型',
  state: '状态',
  event: '操作',
  from: '原状态',
  to: '新状态',
  status: '结果代码',
  group: '群体性',
  clock: '时限',
  rung: '预警级别',
  channel: '来源渠道',
  found: '查到',
};

/** Coded values inside details (reasons, sources, field names, import kinds…). */
export const AUDIT_VALUE_LABELS: Record<string, string> = {
  // reasons
  bad_password: '密码错误',
  bad_old_password: '原密码错误',
  unknown_user: '用户不存在',
  disabled: '账号已停用',
  locked: '账号已锁定',
  timeout: '超时未操作',
  account_unavailable: '账号不可用',
  unknown: '令牌不存在',
  revoked: '令牌已吊销',
  expired: '已过期',
  hourly_limit: '超过每小时次数上限',
  over_cap: '超过导出上限',
  above_ceiling: '超出授权范围',
  // sources
  import: '批量导入',
  console: '控制台',
  // worker fields and filters
  idNumber: '身份证号',
  phone: '手机号码',
  bankCard: '工资卡号',
  emergencyContact: '紧急联系人',
  q: '姓名',
  sort: '排序',
  employerId: '用工单位',
  industry: '行业',
  migrantType: '本地/外出',
  crossProvince: '跨省',
  status: '状态',
  regionCode: '行政区划',
  name: '姓名',
  // import kinds
  workers: '务工人员',
  employers: '用工单位',
  employments: '用工关系',
  payroll: '工资表',
  bank_payments: '银行代发结果',
  attendance: '考勤',
  // data scopes
  ...DATA_SCOPE_LABELS,
  // levels
  yellow: '黄色',
  orange: '橙色',
  red: '红色',
};

/** One detail as readable [名称, 值] pairs. */
export function auditDetailPairs(detail: unknown): [string, string][] {
  if (detail === null || detail === undefined || detail === '') return [];
  if (typeof detail !== 'object' || Array.isArray(detail)) return [['详情', auditValueText(detail)]];
  return Object.entries(detail as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [AUDIT_DETAIL_LABELS[k] ?? k, auditValueText(v)]);
}

/** A detail value as text: 是/否, lists joined with 、, coded values by name, objects as 名称：值. */
export function auditValueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return v.toLocaleString('zh-CN');
  if (typeof v === 'string') return AUDIT_VALUE_LABELS[v] ?? v;
  if (Array.isArray(v)) return v.length === 0 ? '（无）' : v.map(auditValueText).join('、');
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${AUDIT_DETAIL_LABELS[k] ?? AUDIT_VALUE_LABELS[k] ?? k}：${auditValueText(x)}`)
      .join('；');
  }
  return String(v);
}
