/**
 * 涉嫌拒不支付劳动报酬案件移送材料 of a transfer to the police (行刑衔接): the printable package of a police_transfer
 * case, built from the inspection case it was opened from (its records and orders) and the complaint before it.
 * 《行政执法机关移送涉嫌犯罪案件的规定》 第六条: the transfer comes with 移送书, the investigation report, the list of
 * materials (移送案件材料清单) and the evidence. Pure: data → HTML, every value escaped, the parties already masked
 * by the caller. The layout (A4, running header, a section per page) is the wage module's evidence package's.
 */
import { evidenceDocumentCss, escapeHtml, orDash, PRINT_TOOLBAR, timeText, yuan } from '../wages/index.js';

export interface PoliceDocumentInput {
  caseNo: string;
  generatedAt: Date;
  generatedBy: string;
  handlingUnit: string;
  region: { code: string; name: string };
  policeOrgan: string | null;
  transferNo: string | null;
  /** The employer as registered; the legal representative masked (张*). */
  employer: { name: string; creditCode: string | null; legalRep: string | null };
  /** The complainants, masked (张*, 139****5678). */
  complainants: { name: string; phone: string; groupSize: number | null; receiptNo: string }[];
  claims: { kind: string; amountFen: number | null; description: string }[];
  facts: string;
  amounts: { unpaidFen: number; workerCount: number; unpaidMonths: number; maxWorkerFen: number | null };
  threshold: { met: boolean; explanation: string; overrideReason: string | null };
  records: { at: string; findings: string; inspectors: number; actor: string | null }[];
  orders: { at: string; orderNo: string; amountFen: number; dueOn: string }[];
  steps: { at: string; text: string; actor: string | null }[];
}

const running = (caseNo: string) =>
  `<div class="running">涉嫌拒不支付劳动报酬案件移送材料<span>案件编号：${escapeHtml(caseNo)}</span></div>`;
const multiline = (s: string) => escapeHtml(s).replace(/\r?\n/g, '<br>');
const empty = (cols: number) => `<tr><td colspan="${cols}" class="empty">无记录</td></tr>`;
const money = (fen: number | null) => (fen === null ? '—' : `${escapeHtml(yuan(fen))} 元`);

function materials(d: PoliceDocumentInput): string {
  const rows: [string, number | string, string][] = [
    ['涉嫌犯罪案件移送书', 1, d.transferNo ? `文号：${d.transferNo}` : '移送时填写文号'],
    ['涉嫌犯罪案件情况的调查报告（案情摘要）', 1, ''],
    ['劳动者投诉举报材料', d.complainants.length, d.complainants.map((c) => c.receiptNo).join('、')],
    ['劳动保障监察检查笔录', d.records.length, '每份由 2 名以上监察员制作'],
    ['责令改正（支付）指令书及送达回证', d.orders.length, d.orders.map((o) => o.orderNo).join('、')],
    ['“数额较大”核查情况', 1, d.threshold.met ? '已达到' : '未达到（负责人批准移送）'],
    ['案件办理过程记录', 1, ''],
  ];
  const body = rows
    .map(
      ([name, n, note], i) =>
        `<tr><td class="c">${i + 1}</td><td>${escapeHtml(name)}</td><td class="num">${escapeHtml(n)}</td>` +
        `<td>${orDash(note)}</td></tr>`,
    )
    .join('\n');
  return (
    `<table class="grid"><thead><tr><th>序号</th><th>材料名称</th><th>份数</th><th>备注</th></tr></thead>` +
    `<tbody>\n${body}\n</tbody></table>` +
    `<p class="note">录音录像资料、劳动者证言及其他证据另行随案移交（人社部发〔2014〕100号）。</p>`
  );
}

function parties(d: PoliceDocumentInput): string {
  const people = d.complainants.length
    ? d.complainants
        .map(
          (c) =>
            `<tr><td>${escapeHtml(c.name)}</td><td class="nowrap">${escapeHtml(c.phone)}</td>` +
            `<td>${c.groupSize ? `群体性，${c.groupSize} 人` : '个人'}</td><td>${escapeHtml(c.receiptNo)}</td></tr>`,
        )
        .join('\n')
    : empty(4);
  return (
    `<h3>涉嫌单位</h3><table class="kv"><tbody>
<tr><th>用人单位</th><td>${escapeHtml(d.employer.name)}</td></tr>
<tr><th>统一社会信用代码</th><td>${orDash(d.employer.creditCode)}</td></tr>
<tr><th>法定代表人 / 主要负责人</th><td>${orDash(d.employer.legalRep)}</td></tr>
</tbody></table>` +
    `<h3>投诉人（劳动者）</h3><table class="grid"><thead><tr><th>姓名</th><th>联系电话</th><th>人数</th>` +
    `<th>投诉回执号</th></tr></thead><tbody>\n${people}\n</tbody></table>` +
    `<p class="note">个人信息已按规定脱敏；完整信息经批准后另行提供。</p>`
  );
}

function claimsAndAmounts(d: PoliceDocumentInput): string {
  const claims = d.claims.length
    ? d.claims
        .map(
          (c) =>
            `<tr><td>${escapeHtml(c.kind)}</td><td class="num">${money(c.amountFen)}</td>` +
            `<td>${orDash(c.description)}</td></tr>`,
        )
        .join('\n')
    : empty(3);
  const a = d.amounts;
  return (
    `<h3>投诉诉求</h3><table class="grid"><thead><tr><th>诉求类别</th><th>金额</th><th>说明</th></tr></thead>` +
    `<tbody>\n${claims}\n</tbody></table>` +
    `<h3>经责令仍未支付</h3><table class="kv"><tbody>
<tr><th>未支付金额合计</th><td class="em">${money(a.unpaidFen)}</td></tr>
<tr><th>被拖欠劳动者人数</th><td>${a.workerCount} 人</td></tr>
<tr><th>拖欠月数（最长）</th><td>${a.unpaidMonths} 个月</td></tr>
<tr><th>单人最高被拖欠金额</th><td>${money(a.maxWorkerFen)}</td></tr>
<tr><th>“数额较大”标准</th><td><span class="${d.threshold.met ? 'em' : ''}">${d.threshold.met ? '已达到' : '未达到'}` +
    `</span>：${escapeHtml(d.threshold.explanation)}</td></tr>
${d.threshold.overrideReason ? `<tr><th>负责人批准移送理由</th><td>${multiline(d.threshold.overrideReason)}</td></tr>` : ''}
</tbody></table>`
  );
}

function records(d: PoliceDocumentInput): string {
  const rows = d.records.length
    ? d.records
        .map(
          (r, i) =>
            `<tr><td class="c">${i + 1}</td><td class="nowrap">${escapeHtml(timeText(r.at))}</td>` +
            `<td>${multiline(r.findings)}</td><td class="c">${r.inspectors} 名</td><td>${orDash(r.actor)}</td></tr>`,
        )
        .join('\n')
    : empty(5);
  const orders = d.orders.length
    ? d.orders
        .map(
          (o) =>
            `<tr><td>${escapeHtml(o.orderNo)}</td><td class="nowrap">${escapeHtml(timeText(o.at))}</td>` +
            `<td class="num">${money(o.amountFen)}</td><td class="nowrap">${escapeHtml(o.dueOn)}</td></tr>`,
        )
        .join('\n')
    : empty(4);
  return (
    `<h3>检查笔录</h3><table class="grid"><thead><tr><th>序号</th><th>时间</th><th>检查情况</th><th>检查人员</th>` +
    `<th>记录人</th></tr></thead><tbody>\n${rows}\n</tbody></table>` +
    `<h3>责令改正（支付）指令书</h3><table class="grid"><thead><tr><th>文号</th><th>下达时间</th><th>责令支付金额</th>` +
    `<th>履行期限</th></tr></thead><tbody>\n${orders}\n</tbody></table>`
  );
}

function steps(d: PoliceDocumentInput): string {
  const rows = d.steps.length
    ? d.steps
        .map(
          (s) =>
            `<tr><td class="nowrap">${escapeHtml(timeText(s.at))}</td><td>${escapeHtml(s.text)}</td>` +
            `<td>${orDash(s.actor)}</td></tr>`,
        )
        .join('\n')
    : empty(3);
  return (
    `<table class="grid small"><thead><tr><th>时间</th><th>事项</th><th>经办人</th></tr></thead>` +
    `<tbody>\n${rows}\n</tbody></table>`
  );
}

export function renderPoliceTransferPackage(d: PoliceDocumentInput): string {
  const section = (key: string, title: string, body: string) =>
    `<section class="page" data-section="${key}">\n${running(d.caseNo)}\n<h2>${title}</h2>\n${body}\n</section>`;
  const cover =
    `<section class="page cover" data-section="cover">
${running(d.caseNo)}
<h1>涉嫌拒不支付劳动报酬案件<br>移送材料</h1>
<table class="kv cover-kv"><tbody>
<tr><th>案件编号</th><td>${escapeHtml(d.caseNo)}</td></tr>
<tr><th>涉嫌单位</th><td>${escapeHtml(d.employer.name)}</td></tr>
<tr><th>所在地区</th><td>${escapeHtml(d.region.name)}（${escapeHtml(d.region.code)}）</td></tr>
<tr><th>移送单位</th><td>${escapeHtml(d.handlingUnit)}</td></tr>
<tr><th>接收机关</th><td>${orDash(d.policeOrgan)}</td></tr>
<tr><th>移送书文号</th><td>${orDash(d.transferNo)}</td></tr>
<tr><th>生成时间</th><td>${escapeHtml(timeText(d.generatedAt))}</td></tr>
<tr><th>生成人</th><td>${escapeHtml(d.generatedBy)}</td></tr>
</tbody></table>
<p class="cover-note">依据《中华人民共和国刑法》第二百七十六条之一、法释〔2013〕3号、人社部发〔2014〕100号及` +
    `《行政执法机关移送涉嫌犯罪案件的规定》整理。</p>
</section>`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>涉嫌拒不支付劳动报酬案件移送材料 - ${escapeHtml(d.caseNo)}</title>
<style>${evidenceDocumentCss(d.caseNo)}</style>
</head>
<body>
${PRINT_TOOLBAR}
<main class="doc">
${cover}
${section('materials', '移送案件材料清单', materials(d))}
${section('facts', '一、涉嫌犯罪事实', `<div class="summary-text">${multiline(d.facts)}</div>`)}
${section('parties', '二、当事人', parties(d))}
${section('claims', '三、诉求与金额', claimsAndAmounts(d))}
${section('records', '四、检查笔录与责令支付', records(d))}
${section('steps', '五、办理过程', steps(d))}
</main>
</body>
</html>
`;
}
