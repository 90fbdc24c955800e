import { fenToYuan, type ProgramRegister } from '@mwsp/domain';
import { access } from '../../platform/access/access.js';
import type { Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import { badRequest } from '../../platform/http/errors.js';
import type { CampaignsService } from './campaigns.service.js';
import type { ConsultingService } from './consulting.service.js';
import type { CooperationService } from './cooperation.service.js';
import { READ } from './programs.common.js';
import { PROGRAM_EXPORT_CAP, watermarkedSheet } from './programs.xlsx.js';
import type { StartupService } from './startup.service.js';

type Cell = string | number | null;
type Query = { q?: string; regionCode?: string };
interface Sheet {
  title: string;
  header: string[];
  rows: Cell[][];
}

const yuan = (fen: number | null | undefined) => (fen == null ? '' : fenToYuan(fen));

/**
 * The people of a station or group by their masked names (张*丰: the registry's port workerLabels, as the lists),
 * never the full name; a worker the caller's scope cannot see is counted, not named.
 */
function maskedPeople(people: readonly { name: string | null }[]): string {
  const names = people.flatMap((x) => (x.name ? [x.name] : []));
  const hidden = people.length - names.length;
  return names.join('、') + (hidden > 0 ? `${names.length > 0 ? '；' : ''}另 ${hidden} 人不在您的查看范围内` : '');
}

/**
 * Excel export of a programme register (招聘活动、劳务协作、创业扶持、政策咨询): the caller's visible records
 * matching the list's filters, through the same list use cases (scope and all), watermarked and audited.
 */
export class ProgramExportService {
  constructor(
    private readonly s: {
      campaigns: CampaignsService;
      cooperation: CooperationService;
      startup: StartupService;
      consulting: ConsultingService;
    },
    private readonly audit: AuditLog,
    private readonly now: () => Date,
  ) {}

  private async sheet(p: Principal, register: ProgramRegister, q: Query): Promise<Sheet> {
    const all = { ...q, page: 1, pageSize: PROGRAM_EXPORT_CAP + 1 };
    switch (register) {
      case 'campaigns': {
        const { items } = await this.s.campaigns.list(p, all);
        return {
          title: '招聘活动',
          header: [
            '活动名称',
            '类型',
            '开始日期',
            '结束日期',
            '组织单位',
            '区划',
            '招聘会',
            '入场',
            '推荐',
            '达成意向',
          ],
          rows: items.map((c) => [
            c.name,
            c.kindName,
            c.startDate,
            c.endDate,
            c.organiser,
            c.regionName,
            c.fairs,
            c.attendees,
            c.referrals,
            c.hires,
          ]),
        };
      }
      case 'agreements': {
        const { items } = await this.s.cooperation.agreements(p, all);
        return {
          title: '劳务协作协议',
          header: ['输出地', '输入地', '输出地协议方', '输入地协议方', '开始日期', '结束日期', '目标人数', '已输出'],
          rows: items.map((a) => [
            a.regionName,
            a.destination,
            a.originParty,
            a.destinationParty,
            a.startDate,
            a.endDate,
            a.targetCount,
            a.sent,
          ]),
        };
      }
      case 'stations': {
        const { items } = await this.s.cooperation.stations(p, all);
        return {
          title: '服务工作站',
          header: ['工作站', '所在输入地', '设站地', '设立日期', '工作人员', '服务人数', '服务人员'],
          rows: items.map((s) => [
            s.name,
            s.destination,
            s.regionName,
            s.establishedOn,
            s.staff.map((x) => x.name).join('、'),
            s.workersServed,
            maskedPeople(s.workers),
          ]),
        };
      }
      case 'groups': {
        const { items } = await this.s.cooperation.groups(p, all);
        return {
          title: '有组织输出',
          header: ['出发日期', '组织地', '目的地', '人数', '输出人员', '就业单位'],
          rows: items.map((g) => [
            g.departedOn,
            g.regionName,
            g.destination,
            g.people,
            maskedPeople(g.members),
            [...new Set(g.members.map((m) => m.workplace))].join('、'),
          ]),
        };
      }
      case 'brands': {
        const { items } = await this.s.cooperation.brands(p, all);
        return {
          title: '劳务品牌',
          header: ['劳务品牌', '所属区划', '职业（工种）', '成员', '介绍'],
          rows: items.map((b) => [b.name, b.regionName, b.occupationName, b.members, b.description]),
        };
      }
      case 'model-sites': {
        const { items } = await this.s.cooperation.modelSites(p, all);
        return {
          title: '转移就业示范乡镇（村）',
          header: ['名称', '类型', '年度', '转移就业人数', '说明'],
          rows: items.map((m) => [m.regionName, m.kindName, m.year, m.transferred, m.notes]),
        };
      }
      case 'loans': {
        const { items } = await this.s.startup.loans(p, all);
        return {
          title: '创业担保贷款',
          header: [
            '创业项目',
            '所在地',
            '申请金额（元）',
            '经办银行',
            '申请日期',
            '状态',
            '审批日期',
            '批准金额（元）',
          ],
          rows: items.map((l) => [
            l.business,
            l.regionName,
            yuan(l.amountFen),
            l.bank,
            l.appliedOn,
            l.statusName,
            l.decidedOn,
            yuan(l.approvedFen),
          ]),
        };
      }
      case 'incubators': {
        const { items } = await this.s.startup.incubators(p, all);
        return {
          title: '创业孵化基地与园区',
          header: ['名称', '类型', '所在地', '运营单位', '设立日期', '入驻企业', '带动就业'],
          rows: items.map((i) => [
            i.name,
            i.kindName,
            i.regionName,
            i.operator,
            i.openedOn,
            i.businesses.length,
            i.jobsCreated,
          ]),
        };
      }
      case 'consulting': {
        const { items } = await this.s.consulting.list(p, all);
        return {
          title: '政策咨询',
          header: ['日期', '主题', '渠道', '受理地', '咨询人', '咨询内容', '答复摘要'],
          rows: items.map((c) => [c.askedOn, c.topicName, c.channelName, c.regionName, c.asker, c.question, c.answer]),
        };
      }
    }
  }

  async export(p: Principal, register: ProgramRegister, q: Query) {
    access(p, READ);
    const { title, header, rows } = await this.sheet(p, register, q);
    if (rows.length > PROGRAM_EXPORT_CAP)
      throw badRequest(`导出结果超过 ${PROGRAM_EXPORT_CAP} 行，请缩小查询范围后再导出`);
    const buffer = await watermarkedSheet(p, this.now(), title, header, rows);
    await this.audit.record(actorOf(p, p.ip), {
      action: 'program.export',
      outcome: 'success',
      detail: { register, rows: rows.length, filters: JSON.stringify(q) },
    });
    return { buffer, filename: `${title}.xlsx`, rows: rows.length };
  }
}
