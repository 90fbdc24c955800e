/**
 * 培训结业名册 and 培训合格证书 of one class: the printable A4 document where paper is the custom (the roster is
 * signed and stamped by the institution and filed with the subsidy claim; the certificate is handed to the trainee).
 * Page 1 is the roster (every trainee, attendance, result, certificates); then one certificate page per trainee
 * who completed the class. Pure: data → HTML, every value escaped, ID numbers already masked by the caller. The
 * layout (A4, print toolbar, CSP) is the wage module's printable documents'.
 */
import {
  CERTIFICATE_KIND_LABELS,
  ENROLMENT_STATUS_LABELS,
  EXAM_RESULT_LABELS,
  TRAINING_TYPE_LABELS,
} from '@mwsp/domain';
import type { CertificateKind, TrainingType } from '@mwsp/domain';
import { evidenceDocumentCss, escapeHtml, orDash, PRINT_TOOLBAR, timeText } from '../wages/index.js';

export interface CompletionDocumentInput {
  generatedAt: Date;
  generatedBy: string;
  cls: {
    name: string;
    institutionName: string;
    occupationCode: string;
    occupationName: string;
    trainingType: TrainingType;
    startDate: string;
    endDate: string;
    sessions: number;
    teacher: string | null;
    regionName: string;
  };
  trainees: {
    workerName: string;
    idMasked: string;
    status: keyof typeof ENROLMENT_STATUS_LABELS;
    attended: number;
    examResult: keyof typeof EXAM_RESULT_LABELS | null;
    examScore: number | null;
    certificates: { kind: CertificateKind; number: string; issuedOn: string }[];
  }[];
}

const dateCn = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y} 年 ${m} 月 ${d} 日`;
};

const certificatesText = (certs: { kind: CertificateKind; number: string }[]) =>
  certs.map((x) => `${CERTIFICATE_KIND_LABELS[x.kind]} ${x.number}`).join('；');

function roster(d: CompletionDocumentInput): string {
  const c = d.cls;
  const rows = d.trainees.length
    ? d.trainees
        .map(
          (e, i) =>
            `<tr><td class="c">${i + 1}</td><td class="nowrap">${escapeHtml(e.workerName)}</td>` +
            `<td class="id">${escapeHtml(e.idMasked)}</td><td class="c">${e.attended}/${c.sessions}</td>` +
            `<td class="c">${escapeHtml(ENROLMENT_STATUS_LABELS[e.status])}</td>` +
            `<td class="c">${e.examResult ? escapeHtml(EXAM_RESULT_LABELS[e.examResult]) : '—'}` +
            `${e.examScore !== null ? `（${e.examScore}）` : ''}</td>` +
            `<td>${orDash(certificatesText(e.certificates))}</td>` +
            `<td></td></tr>`,
        )
        .join('\n')
    : `<tr><td colspan="8" class="empty">无学员</td></tr>`;
  const completed = d.trainees.filter((e) => e.status === 'completed').length;
  return (
    `<section class="page" data-section="roster">
<div class="running">培训结业名册<span>${escapeHtml(c.name)}</span></div>
<h1 class="title">职业技能培训结业名册</h1>
<table class="kv"><tbody>
<tr><th>培训班</th><td>${escapeHtml(c.name)}</td><th>培训机构</th><td>${escapeHtml(c.institutionName)}</td></tr>
<tr><th>职业（工种）</th><td>${escapeHtml(c.occupationName)}（${escapeHtml(c.occupationCode)}）</td>` +
    `<th>培训类型</th><td>${escapeHtml(TRAINING_TYPE_LABELS[c.trainingType])}</td></tr>
<tr><th>培训时间</th><td>${escapeHtml(c.startDate)} 至 ${escapeHtml(c.endDate)}（${c.sessions} 次课）</td>` +
    `<th>授课教师</th><td>${orDash(c.teacher)}</td></tr>
<tr><th>举办地</th><td>${escapeHtml(c.regionName)}</td><th>人数</th><td>报名 ${d.trainees.length} 人，` +
    `结业 ${completed} 人</td></tr>
</tbody></table>
<table class="grid small"><thead><tr><th>序号</th><th>姓名</th><th>身份证号</th><th>出勤</th><th>状态</th>` +
    `<th>考核</th><th>证书</th><th>本人签字</th></tr></thead><tbody>
${rows}
</tbody></table>
<p class="note">身份证号已脱敏。本名册经培训机构盖章、经办人核对后随培训补贴申请存档。</p>
<table class="sign"><tbody><tr><td>培训机构（盖章）：</td><td>经办人：</td><td>日期：</td></tr></tbody></table>
<p class="gen">生成：${escapeHtml(d.generatedBy)}，${escapeHtml(timeText(d.generatedAt))}</p>
</section>`
  );
}

function certificate(d: CompletionDocumentInput, e: CompletionDocumentInput['trainees'][number]): string {
  const c = d.cls;
  const cert = e.certificates.find((x) => x.kind === 'training') ?? null;
  return `<section class="page cert" data-section="certificate">
<div class="frame">
<h1>培训合格证书</h1>
<p class="no">证书编号：${cert ? escapeHtml(cert.number) : '__________'}</p>
<p class="body"><span class="u">${escapeHtml(e.workerName)}</span>（身份证号 ${escapeHtml(e.idMasked)}）于
${escapeHtml(dateCn(c.startDate))}至${escapeHtml(dateCn(c.endDate))}参加
<span class="u">${escapeHtml(c.institutionName)}</span>举办的
<span class="u">${escapeHtml(c.occupationName)}</span>${escapeHtml(TRAINING_TYPE_LABELS[c.trainingType])}培训，
完成规定课程${e.examResult === 'pass' ? '，考核合格' : ''}，准予结业。</p>
<p class="sig">${escapeHtml(c.institutionName)}（盖章）</p>
<p class="sig">${escapeHtml(dateCn(cert?.issuedOn ?? c.endDate))}</p>
</div>
</section>`;
}

const EXTRA_CSS = `
h1.title{margin:4mm 0 6mm;font-size:18pt}
table.kv th{width:auto}
.note{font-size:9pt;color:#333}
table.sign{margin-top:10mm}
table.sign td{border:0;padding:2mm 0;width:33%;font-size:11pt}
.gen{font-size:8pt;color:#555;margin-top:6mm}
.cert .frame{border:3px double #8a6d1d;padding:18mm 16mm;margin-top:12mm;min-height:200mm}
.cert h1{margin:6mm 0 8mm;font-size:28pt;color:#8a6d1d}
.cert .no{text-align:right;font-size:10pt}
.cert .body{font-size:14pt;line-height:2.2;text-indent:2em;margin:12mm 0 24mm}
.cert .u{border-bottom:1px solid #000;padding:0 1mm}
.cert .sig{text-align:right;font-size:13pt;margin:2mm 0}
`;

/** The roster and the certificates of those who completed (status 结业), as one printable HTML page. */
export function renderCompletionDocument(d: CompletionDocumentInput): string {
  const certs = d.trainees.filter((e) => e.status === 'completed').map((e) => certificate(d, e));
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>培训结业名册 - ${escapeHtml(d.cls.name)}</title>
<style>${evidenceDocumentCss(d.cls.name)}${EXTRA_CSS}</style>
</head>
<body>
${PRINT_TOOLBAR}
<main class="doc">
${roster(d)}
${certs.join('\n')}
</main>
</body>
</html>
`;
}
