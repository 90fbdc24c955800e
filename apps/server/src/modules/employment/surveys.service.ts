import {
  fenToYuan,
  OCCUPATION_BY_CODE,
  OUTBOUND_STATUS_LABELS,
  isWithinRegion,
  type DemandSurveyCreateInput,
  type OutboundStatus,
  type OutboundSurveyCreateInput,
  type ProgramListQuery,
  type RegionResults,
} from '@mwsp/domain';
import type { Database, Executor } from '../../db/client.js';
import { access } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import { badRequest, isRefusal } from '../../platform/http/errors.js';
import type { RegistryPort } from '../registry/index.js';
import { checkRegion, checkWorkers, HANDLE, listFilter, ownedBy, READ } from './programs.common.js';
import * as common from './programs.repo.js';
import { PROGRAM_EXPORT_CAP, watermarkedSheet } from './programs.xlsx.js';
import * as repo from './surveys.repo.js';
import { checkOutboundIncome, checkSurveyDate } from './surveys.rules.js';

export type SurveyKind = 'demand' | 'outbound';
/** Rows of one export at most (a survey round of a city is far below it). */
export const SURVEY_EXPORT_CAP = PROGRAM_EXPORT_CAP;

const occupationName = (code: string | null) => (code ? (OCCUPATION_BY_CODE.get(code)?.name ?? code) : null);

/**
 * 用工调查: the seasonal demand survey of enterprises (季节性用工需求调查: period, occupation, headcount, wage
 * offered) and the outbound-worker survey (外出务工人员就业情况调查: per registry worker, destination, occupation,
 * income, status) as simple forms; results by county for the table and chart; Excel export.
 */
export class SurveysService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly registry: RegistryPort,
    private readonly cityCode: string,
    private readonly now: () => Date,
  ) {}

  async recordDemand(p: Principal, input: DemandSurveyCreateInput) {
    access(p, HANDLE);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const row = await this.demandRow(tx, p, input);
      const id = await repo.insertDemand(tx, row);
      await this.recorded(tx, p, 'demand_survey', id);
      return demandDto((await repo.findDemand(tx, row.countyCode, id))!);
    });
  }

  /** A demand answer checked (region, date, employer): the row stored. */
  private async demandRow(tx: Executor, p: Principal, input: DemandSurveyCreateInput) {
    const regionCode = input.regionCode as string;
    await checkRegion(tx, p, this.cityCode, regionCode, { minLevel: 3, label: '企业所在区划' });
    const bad = checkSurveyDate(input.surveyedOn, this.now());
    if (bad) throw badRequest(bad.message, [bad]);
    let employerName = input.employerName;
    if (input.employerId) {
      const e = (await this.registry.employers(tx, [input.employerId])).get(input.employerId);
      if (!e) throw badRequest('用工单位不存在', [{ path: 'employerId', message: '用工单位不存在' }]);
      employerName = e.name;
    }
    return {
      ...ownedBy(p, regionCode),
      period: input.period,
      surveyedOn: input.surveyedOn,
      employerId: input.employerId ?? null,
      employerName,
      occupation: input.occupation,
      headcount: input.headcount,
      wageFen: input.wageFen,
    };
  }

  /** The person's answer is filed under the worker's own region (where the worker is registered). */
  async recordOutbound(p: Principal, input: OutboundSurveyCreateInput) {
    access(p, HANDLE);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const row = await this.outboundRow(tx, p, input);
      const id = await repo.insertOutbound(tx, row);
      await this.recorded(tx, p, 'outbound_survey', id);
      return outboundDto((await repo.findOutbound(tx, row.countyCode, id))!);
    });
  }

  /** An outbound answer checked (the worker, its region, the date, the income): the row stored. */
  private async outboundRow(tx: Executor, p: Principal, input: OutboundSurveyCreateInput) {
    await checkWorkers(tx, this.registry, [input.workerId], () => 'workerId');
    const worker = (await this.registry.workerRef(tx, input.workerId))!;
    if (!isWithinRegion(worker.regionCode, this.cityCode))
      throw badRequest('该务工人员不在本市登记', [{ path: 'workerId', message: '务工人员不在本市' }]);
    const regionCode = worker.regionCode;
    await checkRegion(tx, p, this.cityCode, regionCode, { minLevel: 3, path: 'workerId', label: '务工人员所在区划' });
    const bad =
      checkSurveyDate(input.surveyedOn, this.now()) ?? checkOutboundIncome(input.status, input.incomeFen ?? null);
    if (bad) throw badRequest(bad.message, [bad]);
    return {
      ...ownedBy(p, regionCode),
      period: input.period,
      surveyedOn: input.surveyedOn,
      workerId: input.workerId,
      destination: input.destination,
      destinationRegionCode: (input.destinationRegionCode as string | null | undefined) ?? null,
      occupation: input.occupation ?? null,
      incomeFen: input.incomeFen ?? null,
      status: input.status,
    };
  }

  /**
   * The demo's survey round (programs.seed.ts) in one transaction: each answer checked as `recordDemand` and
   * `recordOutbound` check it (a refused demand answer fails the whole, a refused outbound one is skipped, as the
   * seed skipped a refused call), written in multi-row statements, without an audit entry per answer (demo.ts
   * audits the load). System use only; no route reaches it. Answers the number of answers written.
   */
  async seedDemo(p: Principal, demand: DemandSurveyCreateInput[], outbound: OutboundSurveyCreateInput[]) {
    access(p, HANDLE);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const demandRows = [];
      for (const input of demand) demandRows.push(await this.demandRow(tx, p, input));
      const outboundRows = [];
      for (const input of outbound)
        try {
          outboundRows.push(await this.outboundRow(tx, p, input));
        } catch (err) {
          if (!isRefusal(err)) throw err;
        }
      await repo.insertDemands(tx, demandRows);
      await repo.insertOutbounds(tx, outboundRows);
      return demandRows.length + outboundRows.length;
    });
  }

  async listDemand(p: Principal, q: ProgramListQuery & { period?: string }) {
    access(p, READ);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const { rows, total } = await repo.listDemand(tx, { ...listFilter(p, q), period: q.period });
      return { items: rows.map(demandDto), total, page: q.page, pageSize: q.pageSize };
    });
  }

  async listOutbound(p: Principal, q: ProgramListQuery & { period?: string }) {
    access(p, READ);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const { rows, total } = await repo.listOutbound(tx, { ...listFilter(p, q), period: q.period });
      return { items: rows.map(outboundDto), total, page: q.page, pageSize: q.pageSize };
    });
  }

  /** Results by county (the caller's visible answers), for the table and the chart. */
  async results(p: Principal, kind: SurveyKind, period?: string): Promise<RegionResults> {
    access(p, READ);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const f = { ...listFilter(p, { page: 1, pageSize: 1 }), period };
      if (kind === 'demand') {
        const rows = await repo.demandByCounty(tx, f);
        const names = await common.regionNames(
          tx,
          rows.map((r) => r.county),
        );
        return {
          columns: [
            { key: 'enterprises', label: '企业数' },
            { key: 'headcount', label: '需求人数' },
            { key: 'avgWageFen', label: '平均月工资（分）' },
            { key: 'maxWageFen', label: '最高月工资（分）' },
          ],
          rows: rows.map(({ county, ...values }) => ({
            regionCode: county,
            regionName: names.get(county) ?? county,
            values,
          })),
        };
      }
      const rows = await repo.outboundByCounty(tx, f);
      const names = await common.regionNames(
        tx,
        rows.map((r) => r.county),
      );
      return {
        columns: [
          { key: 'people', label: '调查人数' },
          { key: 'employed', label: OUTBOUND_STATUS_LABELS.employed },
          { key: 'selfEmployed', label: OUTBOUND_STATUS_LABELS.self_employed },
          { key: 'seeking', label: OUTBOUND_STATUS_LABELS.seeking },
          { key: 'returned', label: OUTBOUND_STATUS_LABELS.returned },
          { key: 'avgIncomeFen', label: '平均月收入（分）' },
        ],
        rows: rows.map(({ county, ...values }) => ({
          regionCode: county,
          regionName: names.get(county) ?? county,
          values,
        })),
      };
    });
  }

  /** The caller's visible answers of a survey (one period or all) as xlsx, with a watermark row; audited. */
  async export(p: Principal, kind: SurveyKind, q: { q?: string; regionCode?: string; period?: string }) {
    access(p, READ);
    const base = { ...listFilter(p, { ...q, page: 1, pageSize: SURVEY_EXPORT_CAP + 1 }), period: q.period };
    const { header, rows, title } = await this.db.scoped(dbScopeOf(p), async (tx) => {
      if (kind === 'demand') {
        const { rows } = await repo.listDemand(tx, base);
        return {
          title: '季节性用工需求调查',
          header: ['调查期次', '调查日期', '所在区划', '企业名称', '职业（工种）', '需求人数', '月工资（元）'],
          rows: rows.map((r) => [
            r.period,
            r.surveyedOn,
            r.regionName,
            r.employerName,
            occupationName(r.occupation),
            r.headcount,
            fenToYuan(r.wageFen),
          ]),
        };
      }
      const { rows } = await repo.listOutbound(tx, base);
      return {
        title: '外出务工人员就业情况调查',
        header: [
          '调查期次',
          '调查日期',
          '户籍/登记区划',
          '人员编号',
          '务工地',
          '职业（工种）',
          '月收入（元）',
          '就业状态',
        ],
        rows: rows.map((r) => [
          r.period,
          r.surveyedOn,
          r.regionName,
          r.workerId,
          r.destination,
          occupationName(r.occupation) ?? '',
          r.incomeFen == null ? '' : fenToYuan(r.incomeFen),
          OUTBOUND_STATUS_LABELS[r.status as OutboundStatus],
        ]),
      };
    });
    if (rows.length > SURVEY_EXPORT_CAP)
      throw badRequest(`导出结果超过 ${SURVEY_EXPORT_CAP} 行，请按期次或区划缩小范围后再导出`);
    const buffer = await watermarkedSheet(p, this.now(), title, header, rows);
    await this.audit.record(actorOf(p, p.ip), {
      action: 'survey.export',
      outcome: 'success',
      objectType: kind === 'demand' ? 'demand_survey' : 'outbound_survey',
      detail: { rows: rows.length, filters: JSON.stringify(q) },
    });
    return { buffer, filename: `${title}.xlsx`, rows: rows.length };
  }

  private recorded(tx: Executor, p: Principal, objectType: string, id: string) {
    return this.audit.append(tx, actorOf(p, p.ip), {
      action: 'survey.recorded',
      outcome: 'success',
      objectType,
      objectId: id,
    });
  }
}

function demandDto(r: repo.DemandRow) {
  return {
    id: r.id,
    regionCode: r.regionCode,
    regionName: r.regionName,
    createdAt: r.createdAt,
    period: r.period,
    surveyedOn: r.surveyedOn,
    employerId: r.employerId,
    employerName: r.employerName,
    occupation: r.occupation,
    occupationName: occupationName(r.occupation)!,
    headcount: r.headcount,
    wageFen: r.wageFen,
  };
}

function outboundDto(r: repo.OutboundRow) {
  return {
    id: r.id,
    regionCode: r.regionCode,
    regionName: r.regionName,
    createdAt: r.createdAt,
    period: r.period,
    surveyedOn: r.surveyedOn,
    workerId: r.workerId,
    destination: r.destination,
    destinationRegionCode: r.destinationRegionCode,
    occupation: r.occupation,
    occupationName: occupationName(r.occupation),
    incomeFen: r.incomeFen,
    status: r.status as OutboundStatus,
    statusName: OUTBOUND_STATUS_LABELS[r.status as OutboundStatus],
  };
}
