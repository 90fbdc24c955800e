import ExcelJS from 'exceljs';
import { CLAIM_KIND_LABELS, COMPLAINT_CHANNEL_LABELS, fenToYuan, type RightsStats } from '@mwsp/domain';
import type { Database } from '../../db/client.js';
import { access, inScope, scopeFilter } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import { todayInShanghai } from '../../platform/calendar/workdays.js';
import { childLengthOf, yearPeriod } from '../../platform/cases/caseStats.service.js';
import type { CaseService } from '../../platform/cases/cases.service.js';
import { notFound } from '../../platform/http/errors.js';
import * as repo from './complaints.repo.js';
import { COMPLAINT_TYPE } from './complaints.rules.js';
import { INSPECTION_TYPE } from './inspection.rules.js';

const label = <T extends Record<string, string>>(labels: T, k: string) => (labels as Record<string, string>)[k] ?? k;

/**
 * 维权统计: the figures of the rights cases of an area (the caller's region, or one inside it) for a year — cases by
 * type, current state (outcome), child region, channel and claim; the amounts claimed, ordered and recovered; the
 * on-time rate of every stage (clock); the overdue list; and the fields of the annual labour-inspection report
 * (年度劳动保障监察情况). The case figures come from the case engine (generic over case types), the channel and
 * claim figures from the complaints' filing facts.
 */
export class RightsStatsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly cases: CaseService,
    private readonly cityCode: string,
    private readonly now: () => Date,
  ) {}

  async stats(p: Principal, q: { year?: number; regionCode?: string }): Promise<RightsStats> {
    access(p, 'rights:read');
    if (q.regionCode && !inScope(p, { regionCode: q.regionCode })) throw notFound('区划不在您的管辖范围内');
    const today = todayInShanghai(this.now());
    const year = q.year ?? Number(today.slice(0, 4));
    const root = q.regionCode ?? (p.dataScope === 'all' || !p.regionCode ? this.cityCode : p.regionCode);
    const owned = scopeFilter(p);
    const { from, to } = yearPeriod(year);
    const types = this.cases.types
      .all()
      .filter((t) => p.permissions.has(t.readPermission))
      .map((t) => t.code);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const region = await repo.regionByCode(tx, root);
      if (!region) throw notFound('区划不存在');
      const area = { prefix: region.code, childLen: childLengthOf(region.code), owned, types, from, to, today };
      const s = await this.cases.stats(tx, area);
      const employersOrdered = await this.cases.employersOf(tx, area, 'order');
      const carea = { prefix: region.code, owned, from, to };
      const channels = await repo.complaintsByChannel(tx, carea);
      const claims = await repo.claimsByKind(tx, carea);
      const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((n, r) => n + f(r), 0);
      const of = (type: string | null, event: string) =>
        s.transitions.filter((r) => (type === null || r.type === type) && r.event === event);
      // Once per chain of linked cases (complaint → inspection → arbitration …): caseStats recoveredOncePerChain.
      const { recoveredFen, workersHelped } = s.recovered;
      const orderedFen = sum(of(null, 'order'), (r) => r.amountFen);
      const complaintWorkers = sum(channels, (r) => r.workers);
      const filedOf = (t: string) => s.byType.find((r) => r.type === t)?.filed ?? 0;
      return {
        year,
        today,
        region,
        totals: {
          filed: sum(s.byType, (r) => r.filed),
          closed: sum(s.byType, (r) => r.closed),
          workers: complaintWorkers,
          escalated: sum(s.byType, (r) => r.escalated),
          overdue: sum(s.byRegion, (r) => r.overdue),
        },
        amounts: { claimedFen: sum(channels, (r) => r.claimedFen), orderedFen, recoveredFen, workersHelped },
        byType: s.byType,
        byOutcome: s.byState,
        byRegion: s.byRegion,
        byChannel: channels.map((r) => ({ ...r, name: label(COMPLAINT_CHANNEL_LABELS, r.channel) })),
        byClaim: claims.map((r) => ({ ...r, name: label(CLAIM_KIND_LABELS, r.kind) })),
        timeliness: s.timeliness,
        overdue: s.overdue,
        annual: {
          complaintsReceived: filedOf(COMPLAINT_TYPE),
          complaintsAccepted: sum(of(COMPLAINT_TYPE, 'accept'), (r) => r.n),
          casesFiled: filedOf(INSPECTION_TYPE),
          casesClosed: sum(s.byType, (r) => r.closed),
          workersInvolved: complaintWorkers,
          workersHelped,
          recoveredFen,
          employersOrdered,
          orderedFen,
          policeTransfers: sum(of(null, 'police'), (r) => r.n),
        },
      };
    });
  }

  /**
   * The same figures as an Excel workbook: the annual report, then one sheet per breakdown. The export is audited
   * (committed) before a byte is returned, like every export.
   */
  async workbook(
    p: Principal,
    q: { year?: number; regionCode?: string },
  ): Promise<{ buffer: Buffer; filename: string }> {
    const s = await this.stats(p, q);
    const wb = new ExcelJS.Workbook();
    wb.creator = p.displayName;
    wb.created = this.now();
    const sheet = (name: string, header: string[], rows: (string | number | null)[][]) => {
      const ws = wb.addWorksheet(name);
      ws.addRow([`${s.region.name} ${s.year} 年 ${name}（导出：${p.displayName}，${todayInShanghai(this.now())}）`]);
      ws.addRow(header).font = { bold: true };
      for (const r of rows) ws.addRow(r);
      ws.columns.forEach((c) => (c.width = 18));
    };
    const yuan = (fen: number) => fenToYuan(fen);
    const a = s.annual;
    sheet(
      '年度劳动保障监察情况',
      ['项目', '数值'],
      [
        ['受理投诉举报（件）', a.complaintsReceived],
        ['受理立案调查（件）', a.complaintsAccepted],
        ['立案查处监察案件（件）', a.casesFiled],
        ['结案（件）', a.casesClosed],
        ['涉及劳动者（人）', a.workersInvolved],
        ['为劳动者追回工资（人）', a.workersHelped],
        ['追回工资等待遇（元）', yuan(a.recoveredFen)],
        ['责令改正（支付）用人单位（户）', a.employersOrdered],
        ['责令支付金额（元）', yuan(a.orderedFen)],
        ['移送公安机关（件）', a.policeTransfers],
      ],
    );
    sheet(
      '按案件类型',
      ['案件类型', '登记', '办结', '涉及劳动者', '升级督办'],
      s.byType.map((r) => [r.name, r.filed, r.closed, r.workers, r.escalated]),
    );
    sheet(
      '按办理状态',
      ['案件类型', '状态', '是否终结', '件数'],
      s.byOutcome.map((r) => [r.typeName, r.name, r.final ? '是' : '否', r.cases]),
    );
    sheet(
      '按区划',
      ['区划', '登记', '办结', '在办', '超期'],
      s.byRegion.map((r) => [r.name, r.filed, r.closed, r.open, r.overdue]),
    );
    sheet(
      '按来源渠道',
      ['渠道', '投诉件数', '群体性', '涉及劳动者', '请求金额（元）'],
      s.byChannel.map((r) => [r.name, r.complaints, r.groups, r.workers, yuan(r.claimedFen)]),
    );
    sheet(
      '按诉求类别',
      ['诉求', '件数', '金额（元）'],
      s.byClaim.map((r) => [r.name, r.claims, yuan(r.amountFen)]),
    );
    sheet(
      '按期办结率',
      ['案件类型', '时限', '按期办结', '逾期办结', '超期在办', '期限内在办', '按期率'],
      s.timeliness.map((r) => [
        r.typeName,
        r.clockName,
        r.met,
        r.late,
        r.overdue,
        r.running,
        r.onTimeRate === null ? '—' : `${(r.onTimeRate * 100).toFixed(1)}%`,
      ]),
    );
    sheet(
      '超期清单',
      ['案件', '类型', '状态', '区划', '时限', '应办结日', '超期天数', '已督办'],
      s.overdue.map((r) => [
        r.title,
        r.typeName,
        r.stateName,
        r.regionName ?? r.regionCode,
        r.clockName,
        r.dueOn,
        r.daysOverdue,
        r.escalated ? '是' : '否',
      ]),
    );
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await this.audit.record(actorOf(p, p.ip), {
      action: 'rights.stats_export',
      outcome: 'success',
      detail: { year: s.year, regionCode: s.region.code },
    });
    return { buffer, filename: `维权统计-${s.region.name}-${s.year}.xlsx` };
  }
}
