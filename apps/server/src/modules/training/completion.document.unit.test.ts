/** 培训结业名册 and 培训合格证书: the roster lists everyone with masked IDs, a certificate page per completion. */
import { describe, expect, it } from 'vitest';
import { renderCompletionDocument, type CompletionDocumentInput } from './completion.document.js';

const input: CompletionDocumentInput = {
  generatedAt: new Date('2026-04-01T02:00:00Z'),
  generatedBy: '王经办',
  cls: {
    name: '焊工就业技能培训班<script>',
    institutionName: '五华区职业技能培训学校',
    occupationCode: '6-18-02-04',
    occupationName: '焊工',
    trainingType: 'employment_skill',
    startDate: '2026-03-10',
    endDate: '2026-03-31',
    sessions: 10,
    teacher: null,
    regionName: '五华区某街道',
  },
  trainees: [
    {
      workerName: '张*',
      idMasked: '530102********1234',
      status: 'completed',
      attended: 9,
      examResult: 'pass',
      examScore: 86,
      certificates: [{ kind: 'training', number: 'PX-2026-001', issuedOn: '2026-04-02' }],
    },
    {
      workerName: '李*',
      idMasked: '530102********2345',
      status: 'failed',
      attended: 7,
      examResult: 'fail',
      examScore: 52,
      certificates: [],
    },
  ],
};

describe('renderCompletionDocument', () => {
  const html = renderCompletionDocument(input);

  it('lists every trainee on the roster, masked, with attendance, result and certificates', () => {
    const roster = html.slice(html.indexOf('data-section="roster"'), html.indexOf('data-section="certificate"'));
    expect(roster).toContain('职业技能培训结业名册');
    expect(roster).toContain('530102********1234');
    expect(roster).toContain('9/10');
    expect(roster).toContain('合格（86）');
    expect(roster).toContain('培训合格证书 PX-2026-001');
    expect(roster).toContain('报名 2 人，结业 1 人');
    expect(roster).toContain('授课教师</th><td>—');
  });

  it('prints a certificate for each trainee who completed, none for the others', () => {
    expect(html.match(/data-section="certificate"/g)).toHaveLength(1);
    const cert = html.slice(html.indexOf('data-section="certificate"'));
    expect(cert).toContain('证书编号：PX-2026-001');
    expect(cert).toContain('2026 年 3 月 10 日至2026 年 3 月 31 日');
    expect(cert).toContain('考核合格，准予结业');
    expect(cert).toContain('2026 年 4 月 2 日');
    expect(cert).not.toContain('李*');
  });

  it('escapes every value and loads nothing external (A4 print layout)', () => {
    expect(html).not.toContain('<script>&');
    expect(html).toContain('焊工就业技能培训班&lt;script&gt;');
    expect(html).toContain('size:A4');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });
});
