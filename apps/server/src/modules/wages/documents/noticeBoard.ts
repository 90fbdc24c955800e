/**
 * 农民工维权信息告示牌 (《保障农民工工资支付条例》第三十四条): a print-ready HTML page for one project.
 * Pure: input data → complete HTML string (no DB access, no external resources).
 */
import { UNIT_ROLE_NAMES } from '@mwsp/domain';
import QRCode from 'qrcode';
import { CJK_FONTS, escapeHtml, orDash, PRINT_TOOLBAR, TOOLBAR_CSS, yuan } from './html.js';

/** National hotlines printed on every board. */
export const NATIONAL_HOTLINES = {
  /** 劳动保障监察投诉电话 (人社服务热线). */
  labourInspection: '12333',
  /** 法律援助. */
  legalAid: '12348',
  /** 公共法律服务热线. */
  publicLegalService: '12348',
  /** 政务服务便民热线. */
  govService: '12345',
} as const;

/** Caption under the QR code. */
export const QR_CAPTION = '扫码查询本人工资发放情况';

/** Options passed to `qrcode.toString` for the board's QR code (exported so tests and callers can reproduce it). */
export const QR_OPTIONS = { type: 'svg', errorCorrectionLevel: 'M', margin: 1 } as const;

/** Everything the board shows. Strings are printed as given (escaped); nothing is masked or looked up here. */
export interface NoticeBoardInput {
  project: {
    /** 项目编号. */
    code: string;
    /** 项目名称. */
    name: string;
    /** 项目地址 (optional). */
    address?: string | null;
  };
  /** 建设单位 (client). */
  client: { name: string };
  /** 施工总承包单位 and its project office (项目部). */
  contractor: {
    name: string;
    /** 项目部 name (e.g. “××项目经理部”) or its site address. */
    projectOffice?: string | null;
    /** 项目负责人 (项目经理) name. */
    projectManager?: string | null;
    /** 项目负责人 phone, printed as given. */
    projectManagerPhone?: string | null;
  };
  /** 分包单位 (subcontractors and labour subcontractors), in display order; may be empty. */
  subcontractors: {
    name: string;
    role: 'subcontractor' | 'labour_subcontractor';
    /** 分包内容 (optional), e.g. “主体结构劳务”. */
    scope?: string | null;
  }[];
  /** 行业主管部门 (industry regulator, e.g. “××区住房和城乡建设局”) and its complaint phone. */
  regulator: { name: string; complaintPhone: string };
  /** 劳资专管员 appointed by the general contractor (Art. 28). The phone is printed as given (masked or not). */
  labourOfficer: { name: string | null; phone: string | null };
  /** 当地最低工资标准 (monthly), e.g. `{ monthlyFen: 269000, tier: '第一档' }` → “2,690 元/月（第一档）”. */
  minimumWage: {
    monthlyFen: number;
    /** Tier name (档次/类区). */
    tier: string;
  };
  /** 工资支付日: wages of a month are paid on this day (1–28) of the next month. */
  payDay: number;
  /** 劳动人事争议调解仲裁 channel (e.g. “××区劳动人事争议仲裁院”). */
  mediationArbitration: {
    name: string;
    phone?: string | null;
    address?: string | null;
  };
  /** Worker-facing wage lookup URL encoded in the QR code (http or https; normally includes the project code). */
  lookupUrl: string;
  /** Date shown at the foot (YYYY-MM-DD), e.g. the day the board is set up or generated; optional. */
  issuedOn?: string | null;
}

export interface NoticeBoardOptions {
  size: 'A4' | 'A3';
}

const ROLE_NAMES: Record<NoticeBoardInput['subcontractors'][number]['role'], string> = UNIT_ROLE_NAMES;

/** Minimum wage for the board: whole 元 without decimals (“2,690”), otherwise 2 decimals. */
function minimumWageYuan(fen: number): string {
  const s = yuan(fen);
  return s.endsWith('.00') ? s.slice(0, -3) : s;
}

/**
 * The QR code as inline SVG for the lookup URL (`qrcode.toString(url, QR_OPTIONS)`).
 * Throws TypeError for a URL that is not http(s).
 */
export async function lookupQrSvg(lookupUrl: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(lookupUrl);
  } catch {
    throw new TypeError(`工资查询链接无效：${lookupUrl}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError(`工资查询链接必须是 http(s) 地址：${lookupUrl}`);
  return (await QRCode.toString(lookupUrl, QR_OPTIONS)).trim();
}

/**
 * Renders the 维权信息告示牌 for one project as a complete, print-ready HTML page
 * (`@page` A4 or A3 portrait, fonts scaled for A3). Every value is HTML-escaped.
 * Rejects (TypeError) when `lookupUrl` is not an http(s) URL or `payDay` is not 1–31.
 */
export async function renderNoticeBoard(input: NoticeBoardInput, opts: NoticeBoardOptions): Promise<string> {
  const size = opts.size === 'A3' ? 'A3' : 'A4';
  if (!Number.isInteger(input.payDay) || input.payDay < 1 || input.payDay > 31)
    throw new TypeError(`工资支付日无效：${input.payDay}`);
  const qrSvg = await lookupQrSvg(input.lookupUrl);

  // A3 is A4 scaled by √2 in both directions.
  const k = size === 'A3' ? Math.SQRT2 : 1;
  const pt = (n: number) => `${(n * k).toFixed(1)}pt`;
  const mm = (n: number) => `${(n * k).toFixed(1)}mm`;

  const c = input.contractor;
  const manager = [c.projectManager, c.projectManagerPhone]
    .filter((x) => x && String(x).trim())
    .map(escapeHtml)
    .join('　');
  // Up to 3 subcontractors as a list; more run on as one paragraph so the board stays on one page.
  const subItems = input.subcontractors.map(
    (s) =>
      `${escapeHtml(s.name)}<span class="role">（${escapeHtml(ROLE_NAMES[s.role] ?? s.role)}` +
      `${s.scope ? `：${escapeHtml(s.scope)}` : ''}）</span>`,
  );
  const subs = !subItems.length
    ? '无'
    : subItems.length <= 3
      ? `<ul class="subs">${subItems.map((x) => `<li>${x}</li>`).join('')}</ul>`
      : `<div class="subs-inline">${subItems.join('；')}</div>`;
  const officer = [input.labourOfficer.name, input.labourOfficer.phone]
    .filter((x) => x && String(x).trim())
    .map(escapeHtml);
  const m = input.mediationArbitration;
  const mediation = [
    `<span class="strong">${escapeHtml(m.name)}</span>`,
    m.phone ? `电话 <span class="tel">${escapeHtml(m.phone)}</span>` : '',
    m.address ? `地址：${escapeHtml(m.address)}` : '',
  ]
    .filter(Boolean)
    .join('<br>');

  const rows: [string, string][] = [
    ['项目名称', `<span class="strong">${escapeHtml(input.project.name)}</span>`],
    ['项目编号', escapeHtml(input.project.code)],
    ...(input.project.address ? ([['项目地址', escapeHtml(input.project.address)]] as [string, string][]) : []),
    ['建设单位', escapeHtml(input.client.name)],
    ['施工总承包单位', escapeHtml(c.name)],
    ['项目部', orDash(c.projectOffice)],
    ['项目负责人', manager || '—'],
    ['分包单位', subs],
    ['行业主管部门', escapeHtml(input.regulator.name)],
    ['劳资专管员', officer.length ? officer.join('　') : '—'],
  ];

  const channels: [string, string][] = [
    ['劳动保障监察投诉电话', `<span class="tel">${NATIONAL_HOTLINES.labourInspection}</span>`],
    ['行业主管部门投诉电话', `<span class="tel">${escapeHtml(input.regulator.complaintPhone)}</span>`],
    ['劳动人事争议调解仲裁', mediation],
    ['法律援助', `<span class="tel">${NATIONAL_HOTLINES.legalAid}</span>`],
    ['公共法律服务热线', `<span class="tel">${NATIONAL_HOTLINES.publicLegalService}</span>`],
    ['政务服务便民热线', `<span class="tel">${NATIONAL_HOTLINES.govService}</span>`],
  ];

  const table = (caption: string, body: [string, string][]) =>
    `<table class="info"><caption>${caption}</caption><tbody>${body
      .map(([h, v]) => `<tr><th scope="row">${h}</th>` + `<td>${v}</td></tr>`)
      .join('')}</tbody></table>`;

  const css =
    `
@page{size:${size} portrait;margin:12mm}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#fff;color:#000;font-family:${CJK_FONTS};font-size:${pt(12)};line-height:1.35}
.board{max-width:${size === 'A3' ? '273mm' : '186mm'};margin:0 auto;border:${mm(1.2)} solid #c00;` +
    `padding:${mm(5)} ${mm(6)}}
h1{margin:0;text-align:center;color:#c00;font-size:${pt(32)};letter-spacing:.12em;font-weight:900;line-height:1.2}
.basis{text-align:center;margin:${mm(1)} 0 ${mm(3)};font-size:${pt(10.5)};color:#333}
table.info{width:100%;border-collapse:collapse;margin:0 0 ${mm(3)};page-break-inside:avoid;break-inside:avoid}
table.info caption{text-align:left;font-weight:700;font-size:${pt(13)};color:#fff;background:#c00;` +
    `padding:${mm(1)} ${mm(2.5)}}
table.info th,table.info td{border:1px solid #000;padding:${mm(1)} ${mm(2.5)};vertical-align:middle;text-align:left}
table.info th{width:24%;font-weight:700;background:#fff;white-space:nowrap}
.strong{font-weight:700}
.tel{font-weight:800;font-size:${pt(14)};color:#c00;letter-spacing:.04em}
.note,.role{color:#333;font-size:${pt(9.5)}}
.subs{margin:0;padding-left:1.2em}
.subs-inline{line-height:1.45}
.pay{border:${mm(0.6)} solid #c00;margin:0 0 ${mm(3)};page-break-inside:avoid;break-inside:avoid}
.pay h2{margin:0;padding:${mm(1)} ${mm(2.5)};font-size:${pt(13)};color:#fff;background:#c00}
.pay .grid{display:flex}
.pay .cell{flex:1;padding:${mm(1.5)} ${mm(2.5)};text-align:center;border-right:1px solid #c00}
.pay .cell:last-child{border-right:0}
.pay .label{font-size:${pt(11)};color:#333}
.pay .value{font-size:${pt(20)};font-weight:900;color:#c00;line-height:1.3}
.pay .sub{font-size:${pt(10.5)}}
.bottom{display:flex;gap:${mm(5)};align-items:stretch;page-break-inside:avoid;break-inside:avoid}
.bottom .channels{flex:1}
.bottom .channels table.info{margin:0}
.qr{width:${mm(52)};flex:none;display:flex;flex-direction:column;align-items:center;justify-content:center;` +
    `border:1px solid #000;padding:${mm(2.5)}}
.qr svg{display:block;width:${mm(40)};height:${mm(40)}}
.qr .caption{margin-top:${mm(1.5)};text-align:center;font-weight:700;font-size:${pt(10.5)};color:#c00;` +
    `white-space:nowrap}
.qr .url{margin-top:${mm(1)};font-size:${pt(7.5)};color:#333;word-break:break-all;text-align:center}
.tips{margin:${mm(2.5)} 0 0;padding-left:1.4em;font-size:${pt(9)};line-height:1.3}
.foot{margin-top:${mm(2)};display:flex;justify-content:space-between;font-size:${pt(10)};color:#333}
${TOOLBAR_CSS}
@media print{.board{max-width:none}}
`;

  return (
    `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>农民工维权信息告示牌 - ${escapeHtml(input.project.name)}</title>
<style>${css}</style>
</head>
<body>
${PRINT_TOOLBAR}
<main class="board" data-size="${size}">
<h1>农民工维权信息告示牌</h1>
<p class="basis">依据《保障农民工工资支付条例》第三十四条设置</p>
${table('项目信息', rows)}
<section class="pay">
<h2>工资支付</h2>
<div class="grid">
<div class="cell"><div class="label">当地最低工资标准</div>` +
    `<div class="value">${escapeHtml(minimumWageYuan(input.minimumWage.monthlyFen))} 元/月</div>` +
    `<div class="sub">${escapeHtml(input.minimumWage.tier)}</div></div>
<div class="cell"><div class="label">工资支付日</div><div class="value">每月 ${escapeHtml(input.payDay)} 日</div>` +
    `<div class="sub">支付上月工资</div></div>
</div>
</section>
<div class="bottom">
<div class="channels">${table('维权投诉渠道', channels)}</div>
<div class="qr">${qrSvg}<div class="caption">${QR_CAPTION}</div><div class="url">${escapeHtml(input.lookupUrl)}</div>` +
    `</div>
</div>
<ol class="tips">
<li>工资应当以货币形式，通过银行转账或者现金支付给农民工本人，不得以实物或者有价证券等其他形式替代。</li>
<li>施工总承包单位通过农民工工资专用账户直接将工资支付到农民工本人的银行账户；任何单位和个人不得扣押或者变相扣押农民工本人的银行卡、社会保障卡。</li>
<li>遇到拖欠工资，请保留考勤、工资条等证据，拨打上述电话投诉或申请调解仲裁、法律援助。</li>
</ol>
<div class="foot"><span>施工总承包单位：${escapeHtml(c.name)}</span>` +
    `<span>${input.issuedOn ? `日期：${escapeHtml(input.issuedOn)}` : ''}</span></div>
</main>
</body>
</html>
`
  );
}
