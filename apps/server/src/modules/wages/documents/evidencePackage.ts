/**
 * 涉嫌拒不支付劳动报酬案件移送材料: the evidence package printed when an arrears case is transferred to
 * the police (行刑衔接; 刑法第二百七十六条之一, 法释〔2013〕3号, 人社部发〔2014〕100号).
 * Pure: input data → complete HTML string (no DB access, no external resources).
 *
 * Sections, each starting on a new page: cover, 案情摘要, 一、欠薪明细, 二、工资支付台账, 三、考勤记录,
 * 四、责令支付及送达记录, 五、处置过程, 六、附件清单. Totals are computed here from the rows given.
 */
import { ARREARS_PAYMENT_SOURCE_NAMES, WARNING_ACTION_NAMES } from '@mwsp/domain';
import {
  CJK_FONTS,
  cssString,
  escapeHtml,
  monthText,
  orDash,
  PRINT_TOOLBAR,
  safeIdMasked,
  timeText,
  TOOLBAR_CSS,
  yuan,
} from './html.js';

/** One worker as printed: masked values only. */
export interface EvidenceWorkerRef {
  /** Opaque worker key (e.g. workers.id); used only to group rows and count workers, never printed. */
  workerId: string;
  /** Masked name (张*). */
  name: string;
  /** Masked ID number (110101********1234). A value without '*' of 15+ characters is masked again as a safeguard. */
  idMasked: string;
}

/** Arrears of one worker for one month (arrears_items). */
export interface EvidenceArrearsItem extends EvidenceWorkerRef {
  /** Wage month, 'YYYY-MM-01' (or 'YYYY-MM'). */
  month: string;
  /** 欠薪金额 (分). */
  amountFen: number;
  /** 已支付 (分); outstanding = amountFen − paidFen. */
  paidFen: number;
}

/** Wage-ledger figures of one worker for one month (original lines + adjustments summed; paid from bank payments). */
export interface EvidenceLedgerLine extends EvidenceWorkerRef {
  month: string;
  /** 出勤天数. */
  days: number;
  /** 应发 (分). */
  payableFen: number;
  /** 代扣代缴及扣款 (分). */
  deductionsFen: number;
  /** 实发 = 应发 − 扣款 (分). */
  netFen: number;
  /** 实际代发到账 (分): succeeded bank payments for the worker and month. */
  paidFen: number;
  /** Pay date on the ledger ('YYYY-MM-DD'), if any. */
  payDate?: string | null;
  /** Worker confirmed the wage sheet (signature / in-app). Omitted → not shown. */
  confirmed?: boolean | null;
  /** The month has adjusting entries (更正). */
  adjusted?: boolean;
}

/** Attendance of one worker for one month. */
export interface EvidenceAttendance extends EvidenceWorkerRef {
  month: string;
  days: number;
}

/** A notice served on the employer (通知、约谈、限期支付令送达 …), with the delivery proof as recorded. */
export interface EvidenceNotice {
  /** Date served ('YYYY-MM-DD' or an ISO timestamp). */
  date: string;
  /** Document served, e.g. “劳动保障监察限期改正指令书”, “约谈通知”. */
  title: string;
  /** Delivery method as given, e.g. 直接送达 / 邮寄送达 / 电话通知 / 短信通知 / 留置送达 / 公告送达. */
  method: string;
  /** Recipient (person or unit). */
  recipient?: string | null;
  /** Proof of receipt, e.g. “送达回证（签收人：李*）”, “EMS 回执 1234…”, “通话录音”. */
  proof?: string | null;
  /** Outcome, e.g. “未到场”, “明确拒绝支付”. */
  result?: string | null;
}

/** One step of the handling (warning actions and case events), in chronological order. */
export interface EvidenceEvent {
  /** When: ISO timestamp / Date (shown in Asia/Shanghai) or a date. */
  ts: string | Date;
  /** What happened; warning_actions codes ('detected', 'assigned', …) are translated, any other text shown as given. */
  action: string;
  /** Who (name / department). */
  actor?: string | null;
  note?: string | null;
}

/** Money received towards the case (arrears_payments). */
export interface EvidencePayment {
  source: 'employer' | 'contractor_advance' | 'client_advance' | 'deposit' | 'emergency_fund' | 'recovery';
  amountFen: number;
  onDate: string;
  note?: string | null;
}

export interface EvidenceInput {
  /** 案件编号, printed on the cover and in the page header of every page. */
  caseNo: string;
  /** 用人单位 (the liable employer). */
  employer: {
    name: string;
    /** 统一社会信用代码. */
    creditCode: string | null;
    /** 法定代表人 / 主要负责人 (optional). */
    legalRepresentative?: string | null;
    address?: string | null;
  };
  /** The project, when the case has one. */
  project: { code: string; name: string; contractorName?: string | null } | null;
  /** Region of the case (name shown; code shown in brackets). */
  region: { code: string; name: string };
  /** 承办单位 (e.g. “××区人力资源和社会保障局劳动保障监察大队”). Keeps the audio/video interview records. */
  handlingUnit: string;
  /** When generated: Date / ISO timestamp (Asia/Shanghai) or preformatted text. */
  generatedAt: string | Date;
  /** Who generated it (name, optionally with department). */
  generatedBy: string;
  /** Receiving police organ (optional), e.g. “××市公安局××分局”. */
  transferTo?: string | null;
  /** Case summary (arrears_cases.summary). */
  summary: string;
  /** Criminal threshold (法释〔2013〕3号 “数额较大”): outcome and the explanation text as computed by the domain. */
  criminal: { met: boolean; explanation: string };
  /** Transfer note (arrears_cases.transfer_note), if any. */
  transferNote?: string | null;
  /** 一、欠薪明细: per worker and month. */
  items: EvidenceArrearsItem[];
  /** Payments received towards the case (optional; shown under 一). */
  payments?: EvidencePayment[];
  /** 二、工资支付台账: per worker-month. */
  ledger: EvidenceLedgerLine[];
  /** 三、考勤记录: per worker-month. */
  attendance: EvidenceAttendance[];
  /** 四、责令支付: the payment order (限期支付令), if issued. */
  order: { orderNo: string; orderedOn: string; dueOn: string | null } | null;
  /** 四、送达记录. */
  notices: EvidenceNotice[];
  /** 五、处置过程. */
  events: EvidenceEvent[];
  /** Further attachments to list in 六 (e.g. “劳动者询问笔录 12 份”, “银行流水 1 份”). */
  extraAttachments?: string[];
}

/** Totals of 一、欠薪明细, computed from the items. */
export interface EvidenceTotals {
  workers: number;
  months: number;
  amountFen: number;
  paidFen: number;
  outstandingFen: number;
  /** Workers with outstanding > 0. */
  workersOwed: number;
}

const PAYMENT_SOURCES: Record<EvidencePayment['source'], string> = ARREARS_PAYMENT_SOURCE_NAMES;
const ACTION_NAMES: Record<string, string> = WARNING_ACTION_NAMES;

/** Totals of the arrears items (exported so callers and tests use the same arithmetic). */
export function evidenceTotals(items: EvidenceArrearsItem[]): EvidenceTotals {
  const workers = new Set<string>();
  const owed = new Set<string>();
  const months = new Set<string>();
  let amountFen = 0;
  let paidFen = 0;
  for (const i of items) {
    workers.add(i.workerId);
    months.add(i.month.slice(0, 7));
    amountFen += i.amountFen;
    paidFen += i.paidFen;
    if (i.amountFen - i.paidFen > 0) owed.add(i.workerId);
  }
  return {
    workers: workers.size,
    months: months.size,
    amountFen,
    paidFen,
    outstandingFen: amountFen - paidFen,
    workersOwed: owed.size,
  };
}

/** Rows grouped by worker (in order of first appearance), months ascending within a worker. */
function byWorkerThenMonth<T extends { workerId: string; month: string }>(rows: T[]): T[] {
  const order = new Map<string, number>();
  rows.forEach((r) => {
    if (!order.has(r.workerId)) order.set(r.workerId, order.size);
  });
  return rows
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) =>
        order.get(a.r.workerId)! - order.get(b.r.workerId)! ||
        a.r.month.slice(0, 7).localeCompare(b.r.month.slice(0, 7)) ||
        a.i - b.i,
    )
    .map((x) => x.r);
}

const num = (s: string) => `<td class="num">${s}</td>`;
const money = (fen: number) => num(escapeHtml(yuan(fen)));

function workerCells(w: EvidenceWorkerRef): string {
  return `<td>${escapeHtml(w.name)}</td><td class="id">${escapeHtml(safeIdMasked(w.idMasked))}</td>`;
}

function emptyRow(cols: number, text = '无记录'): string {
  return `<tr><td colspan="${cols}" class="empty">${text}</td></tr>`;
}

function sectionHeader(caseNo: string): string {
  return `<div class="running">涉嫌拒不支付劳动报酬案件移送材料<span>案件编号：${escapeHtml(caseNo)}</span></div>`;
}

function renderItems(input: EvidenceInput, totals: EvidenceTotals): string {
  const rows = byWorkerThenMonth(input.items);
  const body = rows.length
    ? rows
        .map(
          (r, n) =>
            `<tr><td class="num">${n + 1}</td>${workerCells(r)}<td>${escapeHtml(monthText(r.month))}</td>` +
            `${money(r.amountFen)}${money(r.paidFen)}${money(r.amountFen - r.paidFen)}</tr>`,
        )
        .join('')
    : emptyRow(7);
  const table =
    `<table class="grid" data-table="items">
<thead><tr><th>序号</th><th>姓名</th><th>身份证号</th><th>月份</th><th>欠薪金额（元）</th><th>已支付（元）</th><th>尚欠（元）</th></tr></thead>
<tbody>${body}</tbody>
<tfoot><tr class="total" data-total="items">` +
    `<td colspan="4">合计（${totals.workers} 人，${totals.months} 个月，${rows.length} 条）` +
    `</td>${money(totals.amountFen)}` +
    `${money(totals.paidFen)}<td class="num" data-outstanding-fen="${totals.outstandingFen}">` +
    `${escapeHtml(yuan(totals.outstandingFen))}</td></tr></tfoot>
</table>`;
  const payments = input.payments ?? [];
  const paymentsTable = payments.length
    ? `<h3>清偿及垫付记录</h3><table class="grid" data-table="payments">
<thead><tr><th>序号</th><th>日期</th><th>来源</th><th>金额（元）</th><th>备注</th></tr></thead>
<tbody>${payments
        .map(
          (p, n) =>
            `<tr><td class="num">${n + 1}</td><td>${escapeHtml(p.onDate)}</td>` +
            `<td>${escapeHtml(PAYMENT_SOURCES[p.source] ?? p.source)}</td>${money(p.amountFen)}` +
            `<td>${orDash(p.note)}</td></tr>`,
        )
        .join('')}</tbody>
<tfoot><tr class="total"><td colspan="3">合计</td>${money(payments.reduce((s, p) => s + p.amountFen, 0))}<td></td></tr>` +
      `</tfoot>
</table>`
    : '';
  return table + paymentsTable;
}

function renderLedger(input: EvidenceInput): string {
  const rows = byWorkerThenMonth(input.ledger);
  const showConfirmed = rows.some((r) => r.confirmed !== undefined && r.confirmed !== null);
  const cols = 11 + (showConfirmed ? 1 : 0);
  const body = rows.length
    ? rows
        .map((r, n) => {
          const mark = r.adjusted ? '<span class="mark" title="含更正">※</span>' : '';
          const confirmed = showConfirmed
            ? `<td class="c">${r.confirmed === true ? '是' : r.confirmed === false ? '否' : '—'}</td>`
            : '';
          return (
            `<tr><td class="num">${n + 1}</td>${workerCells(r)}<td>${escapeHtml(r.month.slice(0, 7))}` +
            `${mark}</td>${num(escapeHtml(r.days))}${money(r.payableFen)}${money(r.deductionsFen)}${money(r.netFen)}` +
            `${money(r.paidFen)}${money(r.netFen - r.paidFen)}<td>${orDash(r.payDate)}</td>${confirmed}</tr>`
          );
        })
        .join('')
    : emptyRow(cols);
  const sum = (f: (r: EvidenceLedgerLine) => number) => rows.reduce((s, r) => s + f(r), 0);
  const foot = rows.length
    ? `<tfoot><tr class="total"><td colspan="4">合计` +
      `</td>${num(escapeHtml(sum((r) => r.days)))}${money(sum((r) => r.payableFen))}` +
      `${money(sum((r) => r.deductionsFen))}${money(sum((r) => r.netFen))}${money(sum((r) => r.paidFen))}` +
      `${money(sum((r) => r.netFen - r.paidFen))}<td colspan="${cols - 10}"></td></tr></tfoot>`
    : '';
  const note = rows.some((r) => r.adjusted)
    ? '<p class="note">※ 该月台账含更正（调整）记录，金额为原始记录与更正记录之和。</p>'
    : '';
  return (
    `<table class="grid small" data-table="ledger">
<thead><tr><th>序号</th><th>姓名</th><th>身份证号</th><th>月份</th><th>出勤天数</th><th>应发（元）</th><th>扣款（元）</th><th>实发（元）</th>` +
    `<th>已代发（元）</th><th>差额（元）</th><th>支付日期</th>${showConfirmed ? '<th>本人确认</th>' : ''}</tr></thead>
<tbody>${body}</tbody>${foot}
</table>${note}<p class="note">“已代发”为银行代发成功金额；“差额”= 实发 − 已代发。</p>`
  );
}

/** Attendance as a worker × month grid, 12 months per table. */
function renderAttendance(input: EvidenceInput): string {
  const rows = input.attendance;
  if (!rows.length) return `<table class="grid" data-table="attendance"><tbody>${emptyRow(1)}</tbody></table>`;
  const months = [...new Set(rows.map((r) => r.month.slice(0, 7)))].sort();
  const workers = new Map<string, { ref: EvidenceWorkerRef; days: Map<string, number> }>();
  for (const r of rows) {
    let w = workers.get(r.workerId);
    if (!w) workers.set(r.workerId, (w = { ref: r, days: new Map() }));
    const m = r.month.slice(0, 7);
    w.days.set(m, (w.days.get(m) ?? 0) + r.days);
  }
  const chunks: string[][] = [];
  for (let i = 0; i < months.length; i += 12) chunks.push(months.slice(i, i + 12));
  return (
    chunks
      .map((chunk, ci) => {
        const last = ci === chunks.length - 1;
        const head =
          `<tr><th>序号</th><th>姓名</th><th>身份证号` +
          `</th>${chunk.map((m) => `<th>${escapeHtml(monthText(m))}</th>`).join('')}${last ? '<th>合计</th>' : ''}</tr>`;
        const body = [...workers.values()]
          .map(({ ref, days }, n) => {
            const cells = chunk.map((m) => num(days.has(m) ? escapeHtml(days.get(m)) : '—')).join('');
            const total = last ? num(escapeHtml([...days.values()].reduce((s, d) => s + d, 0))) : '';
            return `<tr><td class="num">${n + 1}</td>${workerCells(ref)}${cells}${total}</tr>`;
          })
          .join('');
        const colTotals = chunk
          .map((m) => num(escapeHtml([...workers.values()].reduce((s, w) => s + (w.days.get(m) ?? 0), 0))))
          .join('');
        const grand = last ? num(escapeHtml(rows.reduce((s, r) => s + r.days, 0))) : '';
        return (
          `<table class="grid small" data-table="attendance"><thead>${head}</thead><tbody>${body}</tbody><tfoot>` +
          `<tr class="total"><td colspan="3">合计（人·天）</td>${colTotals}${grand}</tr></tfoot></table>`
        );
      })
      .join('') + '<p class="note">表中数字为当月出勤天数；“—”表示当月无考勤记录。</p>'
  );
}

function renderOrderAndNotices(input: EvidenceInput): string {
  const o = input.order;
  const order = o
    ? `<table class="kv" data-table="order"><tbody>
<tr><th>限期支付令文号</th><td>${escapeHtml(o.orderNo)}</td></tr>
<tr><th>下达日期</th><td>${escapeHtml(o.orderedOn)}</td></tr>
<tr><th>限期支付截止日</th><td>${orDash(o.dueOn)}</td></tr>
</tbody></table>`
    : '<p class="empty-block">未下达限期支付令。</p>';
  const notices = input.notices.length
    ? input.notices
        .map(
          (x, n) =>
            `<tr><td class="num">${n + 1}</td><td>${escapeHtml(timeText(x.date))}</td><td>${escapeHtml(x.title)}</td>` +
            `<td>${escapeHtml(x.method)}</td><td>${orDash(x.recipient)}</td><td>${orDash(x.proof)}</td>` +
            `<td>${orDash(x.result)}</td></tr>`,
        )
        .join('')
    : emptyRow(7);
  return (
    `<h3>（一）责令支付</h3>${order}
<h3>（二）通知及送达记录</h3>
<table class="grid" data-table="notices"><thead><tr><th>序号</th><th>日期</th><th>文书 / 通知</th><th>送达方式</th><th>受送达人</th>` +
    `<th>送达凭证</th><th>结果</th></tr></thead><tbody>${notices}</tbody></table>
<p class="note">依人社部发〔2014〕100号，以书面、电话、短信等能够确认其收悉的方式通知，行为人在指定时间内无正当理由未到指定地点或明确表示拒不支付的，可视为“逃匿”。</p>`
  );
}

function renderEvents(input: EvidenceInput): string {
  const body = input.events.length
    ? input.events
        .map(
          (e, n) =>
            `<tr><td class="num">${n + 1}</td><td class="nowrap">${escapeHtml(timeText(e.ts))}</td>` +
            `<td>${escapeHtml(ACTION_NAMES[e.action] ?? e.action)}</td><td>${orDash(e.actor)}</td>` +
            `<td>${orDash(e.note)}</td></tr>`,
        )
        .join('')
    : emptyRow(5);
  return (
    `<table class="grid" data-table="events"><thead><tr><th>序号</th><th>时间</th><th>事项</th><th>经办</th><th>说明</th>` +
    `</tr></thead><tbody>${body}</tbody></table>`
  );
}

function renderAttachments(input: EvidenceInput, totals: EvidenceTotals): string {
  const ledgerWorkers = new Set(input.ledger.map((r) => r.workerId)).size;
  const attWorkers = new Set(input.attendance.map((r) => r.workerId)).size;
  const list = [
    `欠薪明细表 1 份（${totals.workers} 名劳动者，${input.items.length} 条记录，` +
      `尚欠合计 ${yuan(totals.outstandingFen)} 元）${input.payments?.length ? `，附清偿及垫付记录 ${input.payments.length} 条` : ''}`,
    `工资支付台账 1 份（${ledgerWorkers} 名劳动者，${input.ledger.length} 条月度记录）`,
    `考勤记录 1 份（${attWorkers} 名劳动者，${input.attendance.length} 条月度记录）`,
    `责令支付及送达记录 1 份（${input.order ? `限期支付令 ${input.order.orderNo}` : '未下达限期支付令'}；送达记录 ${input.notices.length} 条）`,
    `处置过程记录 1 份（${input.events.length} 条）`,
    ...(input.extraAttachments ?? []),
  ];
  return (
    `<table class="grid" data-table="attachments"><thead><tr><th>序号</th><th>材料名称</th></tr></thead><tbody>${list
      .map((x, n) => `<tr><td class="num">${n + 1}</td><td>${escapeHtml(x)}</td></tr>`)
      .join('')}</tbody></table>
<p class="note strong-note">询问劳动者的笔录及同步录音录像资料（人社部发〔2014〕100号）由承办单位（${escapeHtml(input.handlingUnit)}）保存，不随本材料打印，` +
    `需要时另行调取。</p>
<p class="note">本材料中劳动者姓名、身份证号已作脱敏处理；完整身份信息由承办单位依法提供。</p>
<div class="sign"><div>承办单位（盖章）：</div><div>经办人：</div><div>日期：　　　年　　月　　日</div></div>`
  );
}

/**
 * The A4 layout of the printed transfer documents (page header with the case number, page numbers, one section per
 * page, tables that repeat their header): this package's, and the rights module's 移送案件材料 (行刑衔接).
 */
export function evidenceDocumentCss(caseNo: string): string {
  return (
    `
@page{size:A4 portrait;margin:16mm 12mm 14mm;
  @top-right{content:${cssString(`案件编号：${caseNo}`)};font-size:8pt;color:#555;font-family:${CJK_FONTS}}
  @bottom-center{content:"第 " counter(page) " 页 / 共 " counter(pages) " 页";font-size:8pt;color:#555;` +
    `font-family:${CJK_FONTS}}}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#fff;color:#000;font-family:${CJK_FONTS};font-size:10.5pt;line-height:1.5}
.doc{max-width:186mm;margin:0 auto}
section.page{break-before:page;page-break-before:always;padding-bottom:8mm}
section.page:first-of-type{break-before:auto;page-break-before:auto}
.running{display:flex;justify-content:space-between;border-bottom:1px solid #000;padding-bottom:1mm;` +
    `margin-bottom:5mm;font-size:8.5pt;color:#333}
h1{text-align:center;font-size:24pt;line-height:1.5;margin:30mm 0 18mm;letter-spacing:.08em}
h2{font-size:15pt;margin:0 0 4mm;color:#000;border-left:4px solid #c00;padding-left:3mm}
h3{font-size:11.5pt;margin:5mm 0 2mm}
table{border-collapse:collapse;width:100%}
table.grid{margin:0 0 3mm}
table.grid th,table.grid td{border:1px solid #000;padding:1.2mm 1.6mm;vertical-align:top}
table.grid thead th{background:#eee;font-weight:700;text-align:center}
table.grid thead{display:table-header-group}
table.grid tfoot{display:table-row-group}
table.grid tr{break-inside:avoid;page-break-inside:avoid}
table.small{font-size:8.5pt}
table.small th,table.small td{padding:.8mm 1mm}
table.small td{white-space:nowrap}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.c{text-align:center}
td.id,.nowrap{white-space:nowrap}
td.empty{text-align:center;color:#555}
.mark{color:#c00;font-size:.85em;margin-left:.2em}
tr.total td{font-weight:700;background:#f6f6f6}
table.kv{margin:0 0 4mm}
table.kv th,table.kv td{border:1px solid #000;padding:2mm 3mm;text-align:left;vertical-align:top}
table.kv th{width:32%;background:#f6f6f6;white-space:nowrap}
.cover-kv{font-size:12pt}
.cover-note{margin-top:12mm;font-size:9.5pt;color:#333}
.summary-text{border:1px solid #000;padding:3mm;margin:0 0 4mm;min-height:30mm}
.em{color:#c00;font-weight:700}
.note{font-size:9pt;color:#333;margin:1mm 0 2mm}
.strong-note{font-size:10pt;color:#000;font-weight:700}
.empty-block{color:#555}
.sign{display:flex;justify-content:space-between;margin-top:18mm}
${TOOLBAR_CSS}
`
  );
}

/**
 * Renders the evidence package as a complete, print-ready HTML document (A4 portrait, each section on
 * a new page, case number in the running header). Every value is HTML-escaped; totals are computed
 * from the rows (see `evidenceTotals`).
 */
export function renderEvidencePackage(input: EvidenceInput): string {
  const totals = evidenceTotals(input.items);
  const caseNo = input.caseNo;
  const e = input.employer;
  const generatedAt = timeText(input.generatedAt);
  const monthsList = [...new Set(input.items.map((i) => i.month.slice(0, 7)))].sort().map(monthText);

  const cover =
    `<section class="page cover" data-section="cover">
${sectionHeader(caseNo)}
<h1>涉嫌拒不支付劳动报酬案件<br>移送材料</h1>
<table class="kv cover-kv"><tbody>
<tr><th>案件编号</th><td>${escapeHtml(caseNo)}</td></tr>
<tr><th>用人单位</th><td>${escapeHtml(e.name)}</td></tr>
<tr><th>统一社会信用代码</th><td>${orDash(e.creditCode)}</td></tr>
${e.legalRepresentative ? `<tr><th>法定代表人 / 主要负责人</th><td>${escapeHtml(e.legalRepresentative)}</td></tr>` : ''}
${e.address ? `<tr><th>住所</th><td>${escapeHtml(e.address)}</td></tr>` : ''}
<tr><th>工程项目</th><td>` +
    `${input.project ? `${escapeHtml(input.project.name)}（${escapeHtml(input.project.code)}）` : '—'}</td></tr>
${input.project?.contractorName ? `<tr><th>施工总承包单位</th><td>${escapeHtml(input.project.contractorName)}</td></tr>` : ''}
<tr><th>所在地区</th><td>${escapeHtml(input.region.name)}（${escapeHtml(input.region.code)}）</td></tr>
<tr><th>承办单位</th><td>${escapeHtml(input.handlingUnit)}</td></tr>
${input.transferTo ? `<tr><th>移送机关</th><td>${escapeHtml(input.transferTo)}</td></tr>` : ''}
<tr><th>生成时间</th><td>${escapeHtml(generatedAt)}</td></tr>
<tr><th>生成人</th><td>${escapeHtml(input.generatedBy)}</td></tr>
</tbody></table>
<p class="cover-note">依据《中华人民共和国刑法》第二百七十六条之一、《最高人民法院关于审理拒不支付劳动报酬刑事案件适用法律若干问题的解释》（法释〔2013〕3号）` +
    `及《关于加强涉嫌拒不支付劳动报酬犯罪案件查处衔接工作的通知》（人社部发〔2014〕100号）整理。</p>
</section>`;

  const summary =
    `<section class="page" data-section="summary">
${sectionHeader(caseNo)}
<h2>案情摘要</h2>
<div class="summary-text">${escapeHtml(input.summary).replace(/\r?\n/g, '<br>')}</div>
<table class="kv"><tbody>
<tr><th>拖欠劳动者人数</th><td>${totals.workers} 人` +
    `${totals.workersOwed !== totals.workers ? `（尚欠 ${totals.workersOwed} 人）` : ''}</td></tr>
<tr><th>拖欠月份</th><td>${totals.months} 个月${monthsList.length ? `（${escapeHtml(monthsList.join('、'))}）` : ''}</td></tr>
<tr><th>欠薪金额合计</th><td>${escapeHtml(yuan(totals.amountFen))} 元</td></tr>
<tr><th>已支付</th><td>${escapeHtml(yuan(totals.paidFen))} 元</td></tr>
<tr><th>尚欠金额合计</th><td class="em" data-total="summary-outstanding">${escapeHtml(yuan(totals.outstandingFen))} 元</td>` +
    `</tr>
<tr><th>“数额较大”标准</th><td><span class="${input.criminal.met ? 'em' : ''}">` +
    `${input.criminal.met ? '已达到' : '未达到'}</span>：${escapeHtml(input.criminal.explanation)}</td></tr>
${
  input.order
    ? `<tr><th>限期支付令</th>` +
      `<td>${escapeHtml(input.order.orderNo)}，${escapeHtml(input.order.orderedOn)} 下达${
        input.order.dueOn ? `，` + `限 ${escapeHtml(input.order.dueOn)} 前支付` : ''
      }</td></tr>`
    : ''
}
${
  input.transferNote
    ? `<tr><th>移送说明</th><td>${escapeHtml(input.transferNote).replace(/\r?\n/g, '<br>')}</td>` + `</tr>`
    : ''
}
</tbody></table>
</section>`;

  const section = (key: string, title: string, body: string) => `<section class="page" data-section="${key}">
${sectionHeader(caseNo)}
<h2>${title}</h2>
${body}
</section>`;

  const css = evidenceDocumentCss(caseNo);

  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>涉嫌拒不支付劳动报酬案件移送材料 - ${escapeHtml(caseNo)}</title>
<style>${css}</style>
</head>
<body>
${PRINT_TOOLBAR}
<main class="doc">
${cover}
${summary}
${section('items', '一、欠薪明细', renderItems(input, totals))}
${section('ledger', '二、工资支付台账', renderLedger(input))}
${section('attendance', '三、考勤记录', renderAttendance(input))}
${section('notices', '四、责令支付及送达记录', renderOrderAndNotices(input))}
${section('events', '五、处置过程', renderEvents(input))}
${section('attachments', '六、附件清单', renderAttachments(input, totals))}
</main>
</body>
</html>
`;
}
