import {
  fenToYuan,
  maskName,
  SEX_REQUIREMENT_LABELS,
  type jobExportQuerySchema,
  type referralExportQuerySchema,
  type seekerExportQuerySchema,
} from '@mwsp/domain';
import type { z } from 'zod';
import { access } from '../../platform/access/access.js';
import type { Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import { badRequest } from '../../platform/http/errors.js';
import type { JobsService } from './jobs.service.js';
import { PROGRAM_EXPORT_CAP, watermarkedSheet } from './programs.xlsx.js';
import type { ReferralsService } from './referrals.service.js';
import type { SeekersService } from './seekers.service.js';

export const EMPLOYMENT_LISTS = ['jobs', 'seekers', 'referrals'] as const;
export type EmploymentList = (typeof EMPLOYMENT_LISTS)[number];
type Cell = string | number | null;

const yuan = (fen: number | null | undefined) => (fen == null ? '' : fenToYuan(fen));
const yesNo = (b: boolean) => (b ? '是' : '否');

/**
 * Excel export of the 岗位信息, 求职登记 and 职业介绍 lists: the caller's visible rows matching the list's filters,
 * through the same list use cases (scope and all), personal names masked (张*丰), watermarked with the user and
 * time, capped, and the audit entry committed before a byte is returned (programs.xlsx.ts, as the registers).
 */
export class EmploymentExportService {
  constructor(
    private readonly s: { jobs: JobsService; seekers: SeekersService; referrals: ReferralsService },
    private readonly audit: AuditLog,
    private readonly now: () => Date,
  ) {}

  private async sheet(
    p: Principal,
    list: EmploymentList,
    q: Record<string, unknown>,
  ): Promise<{ title: string; header: string[]; rows: Cell[][] }> {
    const all = { ...q, page: 1, pageSize: PROGRAM_EXPORT_CAP + 1 };
    switch (list) {
      case 'jobs': {
        const { items } = await this.s.jobs.list(p, all as z.output<typeof jobExportQuerySchema> & typeof all);
        return {
          title: '岗位信息',
          header: [
            '岗位名称',
            '用工单位',
            '职业（工种）',
            '招聘人数',
            '月工资下限（元）',
            '月工资上限（元）',
            '工作地点',
            '工作地址',
            '性别要求',
            '年龄要求',
            '提供住宿',
            '提供餐食',
            '缴纳社会保险',
            '有效期至',
            '家庭服务业',
            '状态',
          ],
          rows: items.map((j) => [
            j.title,
            j.employerName,
            `${j.occupationCode} ${j.occupationName}`,
            j.headcount,
            yuan(j.wageMinFen),
            yuan(j.wageMaxFen),
            j.regionName ?? j.regionCode,
            j.address,
            SEX_REQUIREMENT_LABELS[j.requirements.sex],
            j.requirements.ageMin == null && j.requirements.ageMax == null
              ? '不限'
              : `${j.requirements.ageMin ?? ''}–${j.requirements.ageMax ?? ''} 岁`,
            yesNo(j.benefits.housing),
            yesNo(j.benefits.meals),
            yesNo(j.benefits.insurance),
            j.validUntil,
            yesNo(j.householdService),
            j.statusName,
          ]),
        };
      }
      case 'seekers': {
        const { items } = await this.s.seekers.list(p, all as z.output<typeof seekerExportQuerySchema> & typeof all);
        return {
          title: '求职登记',
          header: ['姓名', '性别', '年龄', '居住地', '求职意向', '期望月薪（元）', '可到岗日期', '状态', '登记日期'],
          rows: items.map((s) => [
            maskName(s.name),
            s.sex,
            s.age,
            s.regionName ?? s.regionCode,
            s.occupations.map((o) => o.name).join('、'),
            yuan(s.minWageFen),
            s.availableFrom,
            s.stale ? `${s.statusName}（超过 90 天未确认）` : s.statusName,
            String(s.createdAt).slice(0, 10),
          ]),
        };
      }
      case 'referrals': {
        const { items } = await this.s.referrals.list(
          p,
          all as z.output<typeof referralExportQuerySchema> & typeof all,
        );
        return {
          title: '职业介绍',
          header: ['求职者', '岗位', '用工单位', '推荐日期', '结果', '结果日期', '入职日期', '30 天回访', '90 天回访'],
          rows: items.map((r) => {
            const f = (day: 30 | 90) => {
              const x = r.followUps.find((u) => u.day === day);
              if (!x) return '';
              if (!x.doneAt) return `待回访（${x.dueOn}）`;
              return x.stillEmployed === false ? '已离职' : '在岗';
            };
            return [
              maskName(r.seekerName),
              r.jobTitle,
              r.employerName,
              String(r.createdAt).slice(0, 10),
              r.outcomeName,
              r.outcomeOn,
              r.hiredOn,
              f(30),
              f(90),
            ];
          }),
        };
      }
    }
  }

  async export(p: Principal, list: EmploymentList, q: Record<string, unknown>) {
    access(p, 'employment:read');
    const { title, header, rows } = await this.sheet(p, list, q);
    if (rows.length > PROGRAM_EXPORT_CAP)
      throw badRequest(`导出结果超过 ${PROGRAM_EXPORT_CAP} 行，请缩小查询范围后再导出`);
    const buffer = await watermarkedSheet(p, this.now(), title, header, rows);
    // The audit row is committed before the bytes leave.
    await this.audit.record(actorOf(p, p.ip), {
      action: 'employment.export',
      outcome: 'success',
      detail: { list, rows: rows.length, filters: JSON.stringify(q) },
    });
    return { buffer, filename: `${title}.xlsx`, rows: rows.length };
  }
}
