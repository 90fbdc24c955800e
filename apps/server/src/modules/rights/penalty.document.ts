/**
 * 行政处罚决定书 and 行政处罚事先告知书 of one penalty decision (0046) as printable A4 HTML. Pure: data → HTML, every
 * value escaped; no worker's personal data (the party is the employer), a personal name the caller passes is
 * already masked. The layout (A4, running header, print toolbar) is the wage module's evidence package's.
 * Wording of the standard notices: 《行政处罚法》第四十四条、第四十五条、第六十三条、第六十七条; 《行政复议法》 (60 days);
 * 《行政诉讼法》第四十六条 (6 months).
 */
import { fenToCapitals, fenToYuan, HEARING_REQUEST_DAYS } from '@mwsp/domain';
import { evidenceDocumentCss, escapeHtml, orDash, PRINT_TOOLBAR } from '../wages/index.js';

export interface PenaltyDocumentInput {
  /** 作出处罚决定的行政机关: the county's 人力资源和社会保障局. */
  authority: string;
  decisionNo: string;
  noticeNo: string;
  noticedOn: string;
  decidedOn: string;
  hearingNotified: boolean;
  employer: { name: string; creditCode: string | null; legalRep: string | null };
  caseNo: string | null;
  violationName: string;
  facts: string;
  basis: { law: string; article: string; title: string } | null;
  basisName: string;
  penaltyKind: string;
  penaltyName: string;
  amountFen: number | null;
  /** 陈述、申辩或听证情况 recorded with the decision. */
  statement: string | null;
}

/** Days from the decision's service to pay a fine (《行政处罚法》第六十七条). */
export const FINE_PAYMENT_DAYS = 15;
/** Days to apply for administrative reconsideration (《行政复议法》第二十条). */
export const RECONSIDERATION_DAYS = 60;
/** Months to sue (《行政诉讼法》第四十六条). */
export const LAWSUIT_MONTHS = 6;

const EXTRA_CSS = `
.letter{font-size:12pt;line-height:1.9}
.letter p{margin:0 0 2mm;text-indent:2em}
.letter p.flush{text-indent:0}
.docno{text-align:right;margin:0 0 6mm}
h1.title{margin:8mm 0 4mm;font-size:20pt}
.authority{text-align:center;font-size:15pt;margin:10mm 0 0;letter-spacing:.1em}
.blank{display:inline-block;min-width:38mm;border-bottom:1px solid #000}
.seal{margin:16mm 0 0 auto;width:70mm;text-align:center;line-height:2.2}
`;

const dateText = (d: string) => {
  const [y, m, day] = d.split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
};
const multiline = (s: string) => escapeHtml(s).replace(/\r?\n/g, '<br>');
const blank = '<span class="blank">&nbsp;</span>';

function page(title: string, docNo: string, running: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - ${escapeHtml(docNo)}</title>
<style>${evidenceDocumentCss(docNo)}${EXTRA_CSS}</style>
</head>
<body>
${PRINT_TOOLBAR}
<main class="doc">
<section class="page letter" data-section="${running}">
${body}
</section>
</main>
</body>
</html>
`;
}

function party(d: PenaltyDocumentInput): string {
  return `<table class="kv"><tbody>
<tr><th>当事人（用人单位）</th><td>${escapeHtml(d.employer.name)}</td></tr>
<tr><th>统一社会信用代码</th><td>${orDash(d.employer.creditCode)}</td></tr>
<tr><th>法定代表人（主要负责人）</th><td>${orDash(d.employer.legalRep)}</td></tr>
</tbody></table>`;
}

function basisText(d: PenaltyDocumentInput): string {
  return d.basis ? `${d.basis.law}${d.basis.article}` : d.basisName;
}

function penaltyText(d: PenaltyDocumentInput): string {
  if (d.amountFen === null) return escapeHtml(d.penaltyName);
  return (
    `${escapeHtml(d.penaltyName)}：罚款人民币 <span class="em">${escapeHtml(fenToYuan(d.amountFen))}</span> 元` +
    `（大写：人民币<span class="em">${fenToCapitals(d.amountFen)}</span>）`
  );
}

function seal(authority: string, on: string): string {
  return `<div class="seal">${escapeHtml(authority)}<br>（印章）<br>${escapeHtml(dateText(on))}</div>`;
}

/** 行政处罚决定书 (《行政处罚法》第五十九条: its content). */
export function renderPenaltyDecision(d: PenaltyDocumentInput): string {
  const fine = d.amountFen !== null;
  const payment = fine
    ? `<p>当事人应当自收到本决定书之日起 ${FINE_PAYMENT_DAYS} 日内，到指定银行或者通过电子支付系统缴纳罚款` +
      `（《中华人民共和国行政处罚法》第六十七条）。缴款银行：${blank}；账户名称：${blank}；账号：${blank}；` +
      `缴款码：${blank}。到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款（第七十二条）。</p>`
    : '';
  const body =
    `<div class="authority">${escapeHtml(d.authority)}</div>
<h1 class="title">行政处罚决定书</h1>
<p class="docno flush">${escapeHtml(d.decisionNo)}</p>
${party(d)}
<p>本机关依法对你单位进行了劳动保障监察${d.caseNo ? `（案件编号：${escapeHtml(d.caseNo)}）` : ''}。经查，你单位存在` +
    `${escapeHtml(d.violationName)}的违法行为，事实如下：</p>
<div class="summary-text">${multiline(d.facts)}</div>
<p>本机关于 ${escapeHtml(dateText(d.noticedOn))} 以《行政处罚事先告知书》（${escapeHtml(d.noticeNo)}）告知你单位拟作出` +
    `行政处罚的事实、理由、依据及依法享有的陈述、申辩${d.hearingNotified ? '、要求听证' : ''}权利。` +
    `${d.statement ? `当事人${escapeHtml(d.statement)}。` : ''}</p>
<p>以上事实违反了有关劳动保障法律、法规的规定。依据<span class="em">${escapeHtml(basisText(d))}</span>` +
    `${d.basis ? `（${escapeHtml(d.basis.title)}）` : ''}的规定，本机关决定对你单位作出如下行政处罚：</p>
<p class="flush" data-field="penalty">${penaltyText(d)}</p>
${payment}
<p>如不服本处罚决定，可以在收到本决定书之日起 ${RECONSIDERATION_DAYS} 日内依法申请行政复议，或者在 ${LAWSUIT_MONTHS}` +
    ` 个月内依法向人民法院提起行政诉讼。行政复议或者行政诉讼期间，本处罚决定不停止执行，法律另有规定的除外。` +
    `逾期不申请行政复议、不提起行政诉讼又不履行本处罚决定的，本机关将依法申请人民法院强制执行。</p>
${seal(d.authority, d.decidedOn)}
<p class="note flush">本决定书一式两份，一份送达当事人，一份存档。送达日期：${blank} 当事人签收：${blank}</p>`;
  return page('行政处罚决定书', d.decisionNo, 'decision', body);
}

/** 行政处罚事先告知书 (《行政处罚法》第四十四条、第四十五条，听证告知 第六十三条、第六十四条). */
export function renderPenaltyNotice(d: PenaltyDocumentInput): string {
  const hearing = d.hearingNotified
    ? `<p>根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你单位有权要求举行听证。如要求听证，` +
      `应当在收到本告知书之日起 ${HEARING_REQUEST_DAYS} 日内向本机关提出，逾期视为放弃听证权利。</p>`
    : '';
  const body =
    `<div class="authority">${escapeHtml(d.authority)}</div>
<h1 class="title">行政处罚事先告知书</h1>
<p class="docno flush">${escapeHtml(d.noticeNo)}</p>
${party(d)}
<p>经查，你单位存在${escapeHtml(d.violationName)}的违法行为，事实如下：</p>
<div class="summary-text">${multiline(d.facts)}</div>
<p>依据<span class="em">${escapeHtml(basisText(d))}</span>${d.basis ? `（${escapeHtml(d.basis.title)}）` : ''}` +
    `的规定，本机关拟对你单位作出如下行政处罚：</p>
<p class="flush" data-field="penalty">${penaltyText(d)}</p>
<p>根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你单位有权进行陈述和申辩。` +
    `如有陈述、申辩意见，请在收到本告知书后及时以书面或者口头形式向本机关提出。` +
    `本机关不因你单位陈述、申辩而给予更重的处罚。</p>
${hearing}
<p class="flush">联系人：${blank} 联系电话：${blank} 地址：${blank}</p>
${seal(d.authority, d.noticedOn)}
<p class="note flush">送达日期：${blank} 当事人签收：${blank}</p>`;
  return page('行政处罚事先告知书', d.noticeNo, 'notice', body);
}
