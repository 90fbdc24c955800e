import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { fenToYuan } from '@mwsp/domain';
import { renderEvidencePackage, evidenceTotals, type EvidenceInput } from './evidencePackage.js';
import { cssString, DOCUMENT_CSP, escapeHtml } from './html.js';
import { NATIONAL_HOTLINES, QR_CAPTION, QR_OPTIONS, renderNoticeBoard, type NoticeBoardInput } from './noticeBoard.js';

const LOOKUP = 'https://wages.example.gov.cn/lookup?project=P-2026-0001';

function board(over: Partial<NoticeBoardInput> = {}): NoticeBoardInput {
  return {
    project: { code: 'P-2026-0001', name: '滨江花园二期住宅工程' },
    client: { name: '滨江置业有限公司' },
    contractor: {
      name: '华建集团第三工程有限公司',
      projectOffice: '华建三公司滨江花园项目经理部',
      projectManager: '王建国',
      projectManagerPhone: '0571-88886666',
    },
    subcontractors: [
      { name: '恒力劳务有限公司', role: 'labour_subcontractor', scope: '主体结构劳务' },
      { name: '明光机电安装有限公司', role: 'subcontractor' },
    ],
    regulator: { name: '滨江区住房和城乡建设局', complaintPhone: '0571-87702345' },
    labourOfficer: { name: '李晓梅', phone: '138****1234' },
    minimumWage: { monthlyFen: 269000, tier: '第一档' },
    payDay: 15,
    mediationArbitration: { name: '滨江区劳动人事争议仲裁院', phone: '0571-87700000', address: '江南大道 1 号' },
    lookupUrl: LOOKUP,
    issuedOn: '2026-03-01',
    ...over,
  };
}

/** Rebuilds the module matrix from the SVG path that `qrcode` draws (rows of `h` runs, margin offset). */
function svgModules(svg: string): { size: number; data: boolean[] } {
  const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  if (!viewBox) throw new Error('no viewBox');
  const margin = QR_OPTIONS.margin;
  const size = Number(viewBox[1]) - 2 * margin;
  const d = /<path stroke="#000000" d="([^"]*)"/.exec(svg)![1];
  const data = new Array<boolean>(size * size).fill(false);
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of d.matchAll(/([Mmh])(\d+(?:\.\d+)?)(?: (\d+(?:\.\d+)?))?/g)) {
    if (cmd === 'M') {
      x = Number(a);
      y = Number(b) - 0.5;
    } else if (cmd === 'm') x += Number(a);
    else {
      for (let i = 0; i < Number(a); i++) data[(y - margin) * size + (x - margin + i)] = true;
      x += Number(a);
    }
  }
  return { size, data };
}

function section(html: string, key: string): string {
  const start = html.indexOf(`data-section="${key}"`);
  expect(start).toBeGreaterThan(-1);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end);
}

describe('notice board (条例 Art. 34)', () => {
  it('shows every Art. 34 item, the pay terms and all complaint channels', async () => {
    const html = await renderNoticeBoard(board(), { size: 'A4' });
    for (const text of [
      '农民工维权信息告示牌',
      '滨江花园二期住宅工程',
      'P-2026-0001',
      '建设单位',
      '滨江置业有限公司',
      '施工总承包单位',
      '华建集团第三工程有限公司',
      '华建三公司滨江花园项目经理部',
      '王建国',
      '分包单位',
      '恒力劳务有限公司',
      '劳务分包',
      '主体结构劳务',
      '明光机电安装有限公司',
      '专业分包',
      '行业主管部门',
      '滨江区住房和城乡建设局',
      '劳资专管员',
      '李晓梅',
      '138****1234',
      '当地最低工资标准',
      '2,690 元/月',
      '第一档',
      '工资支付日',
      '每月 15 日',
      '支付上月工资',
      '劳动保障监察投诉电话',
      '行业主管部门投诉电话',
      '0571-87702345',
      '劳动人事争议调解仲裁',
      '滨江区劳动人事争议仲裁院',
      '0571-87700000',
      '法律援助',
      '公共法律服务热线',
      '政务服务便民热线',
      QR_CAPTION,
    ])
      expect(html, text).toContain(text);
    expect(html).toMatch(/劳动保障监察投诉电话<\/th><td><span class="tel">12333</);
    expect(html).toMatch(/法律援助<\/th><td><span class="tel">12348</);
    expect(html).toMatch(/公共法律服务热线<\/th><td><span class="tel">12348</);
    expect(html).toMatch(/政务服务便民热线<\/th><td><span class="tel">12345</);
    expect(NATIONAL_HOTLINES).toEqual({
      labourInspection: '12333',
      legalAid: '12348',
      publicLegalService: '12348',
      govService: '12345',
    });
  });

  it('is a self-contained, print-ready page', async () => {
    const html = await renderNoticeBoard(board(), { size: 'A4' });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('@page{size:A4 portrait;margin:12mm}');
    expect(html).toMatch(/@media print\{\.no-print\{display:none!important\}\}/);
    expect(html).toMatch(/<div class="no-print toolbar"><button type="button" id="print-btn">打印<\/button>/);
    expect(html).toContain('"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei"');
    // no external resources
    expect(html).not.toMatch(/<link\b|<img\b|src=|url\(|@import/i);
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline handlers (blocked by CSP)
  });

  it('A3 sets size A3 and scales the fonts', async () => {
    const a4 = await renderNoticeBoard(board(), { size: 'A4' });
    const a3 = await renderNoticeBoard(board(), { size: 'A3' });
    expect(a3).toContain('@page{size:A3 portrait;margin:12mm}');
    expect(a3).not.toContain('size:A4');
    const h1 = (html: string) => Number(/h1\{[^}]*font-size:([\d.]+)pt/.exec(html)![1]);
    expect(h1(a4)).toBe(32);
    expect(h1(a3)).toBeCloseTo(32 * Math.SQRT2, 1);
  });

  it('embeds a QR code encoding exactly the lookup URL', async () => {
    const html = await renderNoticeBoard(board(), { size: 'A4' });
    const svg = /<svg[\s\S]*?<\/svg>/.exec(html)?.[0];
    expect(svg).toBeDefined();
    // the same call yields the same SVG
    expect(svg).toBe((await QRCode.toString(LOOKUP, QR_OPTIONS)).trim());
    // and the drawn modules are exactly those of the QR code for the URL
    const expected = QRCode.create(LOOKUP, { errorCorrectionLevel: 'M' }).modules;
    const drawn = svgModules(svg!);
    expect(drawn.size).toBe(expected.size);
    expect(drawn.data).toEqual(Array.from(expected.data, Boolean));
    // a different URL draws a different code
    const other = svgModules((await QRCode.toString(LOOKUP + 'x', QR_OPTIONS)).trim());
    expect(other.data).not.toEqual(drawn.data);
  });

  it('escapes every interpolated value', async () => {
    const evil = '<script>alert(1)</script>';
    const html = await renderNoticeBoard(
      board({
        project: { code: `X"><img src=x onerror=alert(1)>`, name: evil },
        client: { name: evil },
        contractor: { name: evil, projectOffice: evil, projectManager: evil, projectManagerPhone: evil },
        subcontractors: [{ name: evil, role: 'subcontractor', scope: evil }],
        regulator: { name: evil, complaintPhone: evil },
        labourOfficer: { name: evil, phone: evil },
        minimumWage: { monthlyFen: 100, tier: evil },
        mediationArbitration: { name: evil, phone: evil, address: evil },
        lookupUrl: 'https://x.example/?q=<script>&a="b"',
        issuedOn: evil,
      }),
      { size: 'A4' },
    );
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // the only script is the print button's
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('refuses a QR link that is not http(s)', async () => {
    await expect(renderNoticeBoard(board({ lookupUrl: 'javascript:alert(1)' }), { size: 'A4' })).rejects.toThrow(
      TypeError,
    );
    await expect(renderNoticeBoard(board({ lookupUrl: 'not a url' }), { size: 'A4' })).rejects.toThrow(TypeError);
  });

  it('shows an empty subcontractor list and missing officer plainly', async () => {
    const html = await renderNoticeBoard(board({ subcontractors: [], labourOfficer: { name: null, phone: null } }), {
      size: 'A4',
    });
    expect(html).toContain('分包单位</th><td>无</td>');
    expect(html).toContain('劳资专管员</th><td>—</td>');
  });
});

// ------------------------------------------------------------------ evidence package

const W1 = { workerId: 'w1', name: '张*', idMasked: '110101********1234' };
const W2 = { workerId: 'w2', name: '李*华', idMasked: '320102********002X' };

function evidence(over: Partial<EvidenceInput> = {}): EvidenceInput {
  return {
    caseNo: 'QX-2026-000123',
    employer: { name: '恒力劳务有限公司', creditCode: '91330108MA2XXXXX1K', legalRepresentative: '赵*' },
    project: { code: 'P-2026-0001', name: '滨江花园二期住宅工程', contractorName: '华建集团第三工程有限公司' },
    region: { code: '330108001', name: '浙江省杭州市滨江区西兴街道' },
    handlingUnit: '滨江区人力资源和社会保障局劳动保障监察大队',
    generatedAt: '2026-05-20T02:30:00.000Z',
    generatedBy: '陈监察（监察大队）',
    transferTo: '杭州市公安局滨江区分局',
    summary: '恒力劳务有限公司拖欠 2 名农民工 2026 年 1–3 月工资，经责令限期支付仍未支付。',
    criminal: { met: true, explanation: '达到“数额较大”标准：有劳动者被拖欠 3 个月以上且金额达 10000 元' },
    transferNote: '经约谈未到场，视为逃匿。',
    items: [
      { ...W1, month: '2026-01-01', amountFen: 650_000, paidFen: 0 },
      { ...W2, month: '2026-01-01', amountFen: 480_050, paidFen: 100_000 },
      { ...W1, month: '2026-03-01', amountFen: 650_000, paidFen: 0 },
      { ...W1, month: '2026-02-01', amountFen: 650_000, paidFen: 0 },
    ],
    payments: [{ source: 'employer', amountFen: 100_000, onDate: '2026-04-10', note: '部分支付' }],
    ledger: [
      {
        ...W1,
        month: '2026-01-01',
        days: 26,
        payableFen: 680_000,
        deductionsFen: 30_000,
        netFen: 650_000,
        paidFen: 0,
        payDate: null,
        confirmed: true,
      },
      {
        ...W2,
        month: '2026-01-01',
        days: 22,
        payableFen: 500_050,
        deductionsFen: 20_000,
        netFen: 480_050,
        paidFen: 100_000,
        payDate: '2026-02-15',
        confirmed: false,
        adjusted: true,
      },
    ],
    attendance: [
      { ...W1, month: '2026-01-01', days: 26 },
      { ...W1, month: '2026-02-01', days: 24 },
      { ...W2, month: '2026-01-01', days: 22 },
    ],
    order: { orderNo: '滨人社监令〔2026〕12号', orderedOn: '2026-04-01', dueOn: '2026-04-10' },
    notices: [
      {
        date: '2026-04-01',
        title: '劳动保障监察限期改正指令书',
        method: '直接送达',
        recipient: '赵*',
        proof: '送达回证（签收）',
        result: '未支付',
      },
      {
        date: '2026-04-12',
        title: '约谈通知',
        method: '短信通知',
        recipient: '赵*',
        proof: '短信送达报告',
        result: '未到场',
      },
    ],
    events: [
      { ts: '2026-03-02T01:00:00.000Z', action: 'detected', actor: '系统', note: '工资未按月足额支付' },
      { ts: '2026-03-03T02:00:00.000Z', action: 'assigned', actor: '王科长', note: '交监察大队' },
      { ts: '2026-04-15', action: '立案', actor: '陈监察', note: null },
    ],
    extraAttachments: ['劳动者询问笔录 2 份'],
    ...over,
  };
}

describe('evidence package (行刑衔接)', () => {
  it('totals add up: the total line equals the sum of the outstanding cells', () => {
    const input = evidence();
    const html = renderEvidencePackage(input);
    const items = section(html, 'items');
    const table = items.slice(items.indexOf('data-table="items"'), items.indexOf('</table>'));
    const body = table.slice(table.indexOf('<tbody>'), table.indexOf('</tbody>'));
    const rows = [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) =>
      [...m[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]),
    );
    expect(rows).toHaveLength(4);
    const toFen = (s: string) => Math.round(Number(s.replace(/,/g, '')) * 100);
    const outstanding = rows.reduce((s, r) => s + toFen(r[6]), 0);
    const amount = rows.reduce((s, r) => s + toFen(r[4]), 0);
    const total = /data-outstanding-fen="(\d+)">([^<]*)</.exec(table)!;
    expect(Number(total[1])).toBe(outstanding);
    expect(toFen(total[2])).toBe(outstanding);
    expect(outstanding).toBe(650_000 * 3 + 380_050);
    expect(table).toContain(`<td class="num">${fenToYuan(amount)}</td>`);
    // 元 with 2 decimals and thousands separators
    expect(total[2]).toBe('23,300.50');
    // the summary shows the same total, computed from the rows
    expect(section(html, 'summary')).toContain('23,300.50 元');
    expect(evidenceTotals(input.items)).toEqual({
      workers: 2,
      months: 3,
      amountFen: 2_430_050,
      paidFen: 100_000,
      outstandingFen: 2_330_050,
      workersOwed: 2,
    });
  });

  it('groups rows by worker with months in order', () => {
    const items = section(renderEvidencePackage(evidence()), 'items');
    const months = [...items.matchAll(/<td>(2026年\d+月)<\/td>/g)].map((m) => m[1]);
    expect(months).toEqual(['2026年1月', '2026年2月', '2026年3月', '2026年1月']);
  });

  it('has every section, each on a new page, with the case number in the page header', () => {
    const html = renderEvidencePackage(evidence());
    const keys = [...html.matchAll(/<section class="page[^"]*" data-section="([a-z]+)"/g)].map((m) => m[1]);
    expect(keys).toEqual(['cover', 'summary', 'items', 'ledger', 'attendance', 'notices', 'events', 'attachments']);
    expect(html).toContain('section.page{break-before:page;page-break-before:always');
    for (const title of [
      '案情摘要',
      '一、欠薪明细',
      '二、工资支付台账',
      '三、考勤记录',
      '四、责令支付及送达记录',
      '五、处置过程',
      '六、附件清单',
    ]) {
      expect(html).toContain(`<h2>${title}</h2>`);
    }
    expect(html.match(/<div class="running">[^<]*<span>案件编号：QX-2026-000123<\/span>/g)).toHaveLength(8);
    expect(html).toContain('@top-right{content:"案件编号：QX-2026-000123"');
    expect(html).toContain('@page{size:A4 portrait;');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/@media print\{\.no-print\{display:none!important\}\}/);
  });

  it('cover, summary, ledger, attendance, notices, events and attachments carry the facts', () => {
    const html = renderEvidencePackage(evidence());
    const cover = section(html, 'cover');
    for (const t of [
      'QX-2026-000123',
      '恒力劳务有限公司',
      '91330108MA2XXXXX1K',
      '滨江花园二期住宅工程',
      '浙江省杭州市滨江区西兴街道',
      '2026-05-20 10:30',
      '陈监察（监察大队）',
    ])
      expect(cover, t).toContain(t);
    const summary = section(html, 'summary');
    for (const t of ['2 人', '3 个月', '2026年1月、2026年2月、2026年3月', '已达到', '数额较大'])
      expect(summary, t).toContain(t);
    const ledger = section(html, 'ledger');
    for (const t of [
      '6,800.00',
      '300.00',
      '6,500.00',
      '4,800.50',
      '1,000.00',
      '3,800.50',
      '2026-02-15',
      '本人确认',
      '※',
    ])
      expect(ledger, t).toContain(t);
    const att = section(html, 'attendance');
    expect(att).toMatch(
      new RegExp(
        '张\\*</td><td class="id">110101\\*{8}1234</td>' +
          '<td class="num">26</td><td class="num">24</td><td class="num">50</td>',
      ),
    );
    expect(att).toMatch(
      new RegExp(
        '李\\*华</td><td class="id">320102\\*{8}002X</td>' +
          '<td class="num">22</td><td class="num">—</td><td class="num">22</td>',
      ),
    );
    const notices = section(html, 'notices');
    for (const t of [
      '滨人社监令〔2026〕12号',
      '2026-04-01',
      '2026-04-10',
      '直接送达',
      '短信通知',
      '送达回证（签收）',
      '未到场',
    ])
      expect(notices, t).toContain(t);
    const events = section(html, 'events');
    for (const t of ['预警产生', '交办', '立案', '2026-03-02 09:00', '王科长']) expect(events, t).toContain(t);
    const att6 = section(html, 'attachments');
    for (const t of [
      '欠薪明细表',
      '工资支付台账',
      '考勤记录',
      '责令支付及送达记录',
      '处置过程记录',
      '劳动者询问笔录 2 份',
      '人社部发〔2014〕100号',
      '同步录音录像',
      '滨江区人力资源和社会保障局劳动保障监察大队',
    ])
      expect(att6, t).toContain(t);
  });

  it('prints masked values only: no full ID number', () => {
    const html = renderEvidencePackage(evidence());
    expect(html).not.toMatch(/\d{17}[\dXx]/);
    // a full ID slipped into the input is masked as a safeguard
    const leaked = renderEvidencePackage(
      evidence({
        attendance: [{ workerId: 'w9', name: '王*', idMasked: '11010119900307123X', month: '2026-01-01', days: 3 }],
      }),
    );
    expect(leaked).not.toContain('11010119900307123X');
    expect(leaked).toContain('110101********123X');
  });

  it('escapes every interpolated value, including the CSS page header', () => {
    const evil = '<script>alert(1)</script>';
    const html = renderEvidencePackage(
      evidence({
        caseNo: `"}</style>${evil}`,
        summary: evil,
        employer: { name: evil, creditCode: evil },
        items: [{ workerId: 'x', name: evil, idMasked: evil, month: '2026-01-01', amountFen: 1, paidFen: 0 }],
        notices: [{ date: evil, title: evil, method: evil, proof: evil }],
        events: [{ ts: evil, action: evil, actor: evil, note: evil }],
      }),
    );
    expect(html).not.toContain('<script>alert');
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html.match(/<script>/g)).toHaveLength(1); // the print button's
    expect(html).toContain(escapeHtml(evil));
  });

  it('renders empty sections plainly', () => {
    const html = renderEvidencePackage(
      evidence({ ledger: [], attendance: [], notices: [], events: [], order: null, payments: [] }),
    );
    expect(section(html, 'ledger')).toContain('无记录');
    expect(section(html, 'attendance')).toContain('无记录');
    expect(section(html, 'notices')).toContain('未下达限期支付令');
  });
});

describe('document helpers', () => {
  it('cssString cannot close the style element or the string', () => {
    expect(cssString('a"b</style>\\')).not.toMatch(/<|"b|\\$/);
  });

  it('DOCUMENT_CSP allows only the print script, inline CSS and data: images', () => {
    expect(DOCUMENT_CSP).toMatch(/default-src 'none'/);
    expect(DOCUMENT_CSP).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
  });
});
