import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  accountClosureSchema,
  accountOpenSchema,
  accountPageQuerySchema,
  accountTxnCreateSchema,
  accountViewSchema,
  arrearsCloseSchema,
  arrearsCreatedSchema,
  arrearsCreateSchema,
  arrearsDetailSchema,
  arrearsListQuerySchema,
  arrearsOrderSchema,
  arrearsPageSchema,
  arrearsPaymentCreateSchema,
  arrearsTransferSchema,
  attendanceQuerySchema,
  attendanceSavedSchema,
  attendanceSaveSchema,
  attendanceSheetSchema,
  bankPaymentPageSchema,
  bankPaymentQuerySchema,
  createdIdSchema,
  dashboardQuerySchema,
  defaulterCreateSchema,
  defaulterListedSchema,
  defaulterListQuerySchema,
  defaulterPageSchema,
  defaulterRemovedSchema,
  defaulterRemoveSchema,
  depositMovementCreateSchema,
  depositQuoteSchema,
  depositSaveSchema,
  employerIntegritySchema,
  fileDownload,
  manualPayrollResultSchema,
  manualPayrollSchema,
  noticeBoardQuerySchema,
  payrollAdjustedSchema,
  payrollAdjustmentSchema,
  payrollMonthParams,
  payrollMonthSchema,
  payrollSummariesSchema,
  projectCreateSchema,
  projectListQuerySchema,
  projectPageSchema,
  projectPatchSchema,
  projectSchema,
  projectTeamCreateSchema,
  projectTimelineSchema,
  projectUnitCreateSchema,
  projectWorkerEnrolledSchema,
  projectWorkerEnrolSchema,
  projectWorkerListQuerySchema,
  projectWorkerPageSchema,
  projectWorkerParams,
  projectWorkerPatchSchema,
  projectWorkerSchema,
  publicDefaulterPageSchema,
  publicDefaulterQuerySchema,
  publicProjectParams,
  publicProjectSchema,
  scanReportSchema,
  wageDepositSchema,
  wageImportJobSchema,
  wageLookupResultSchema,
  wageLookupSchema,
  wageParamsAnswerSchema,
  wageParamsSchema,
  wagesDashboardSchema,
  wagesIdParam,
  warningActSchema,
  warningAssigneesQuerySchema,
  warningAssigneesSchema,
  warningAssignSchema,
  warningCloseSchema,
  warningDetailSchema,
  warningListQuerySchema,
  warningPageSchema,
  warningRulesSchema,
  workerWagesSchema,
} from '@mwsp/domain';
import type { Principal } from '../../platform/access/principal.js';
import { UPLOAD_LIMITS, uploadFromRequest } from '../../platform/imports/imports.routes.js';
import type { ImportsService } from '../../platform/imports/imports.service.js';
import type { AccountsService } from '../../platform/accounts/accounts.service.js';
import type { ArrearsService } from './arrears.service.js';
import { DOCUMENT_CSP } from './documents/html.js';
import type { LedgerService } from './ledger.service.js';
import type { ProjectsService } from './projects.service.js';
import type { WarningEngine } from './warnings.engine.js';
import type { WarningsService } from './warnings.service.js';

const tags = ['根治欠薪'];
const uuidParam = wagesIdParam;

export interface WagesRouteDeps {
  projects: ProjectsService;
  ledger: LedgerService;
  warnings: WarningsService;
  arrears: ArrearsService;
  engine: WarningEngine;
  imports: ImportsService;
  accounts: AccountsService;
  /** Public base URL of the console (MWSP_PUBLIC_URL) for the notice board's QR code; null = the request's own host. */
  publicUrl: string | null;
}

export async function wagesRoutes(app: FastifyInstance, d: WagesRouteDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = (req: { principal: Principal | null }) => req.principal!;

  // ---------------------------------------------------------------- projects
  r.get(
    '/api/projects',
    {
      config: { permission: 'wages:read' },
      schema: {
        tags,
        summary: '工程项目查询（名称前缀或项目编号、区划、状态、预警等级）',
        querystring: projectListQuerySchema,
        response: { 200: projectPageSchema },
      },
    },
    async (req) => ({
      ...(await d.projects.list(me(req), req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );

  r.post(
    '/api/projects',
    {
      config: { permission: 'wages:write' },
      schema: {
        tags,
        summary: '登记工程项目（开工前）',
        body: projectCreateSchema,
        response: { 201: projectSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await d.projects.create(me(req), req.body)),
  );

  r.get(
    '/api/projects/:id',
    {
      config: { permission: 'wages:read' },
      schema: {
        tags,
        summary: '项目详情：参建单位、班组、专用账户、保证金、六项制度',
        params: uuidParam,
        response: { 200: projectSchema },
      },
    },
    async (req) => d.projects.get(me(req), req.params.id),
  );

  r.patch(
    '/api/projects/:id',
    {
      config: { permission: 'wages:write' },
      schema: {
        tags,
        summary: '修改项目（状态、竣工、告示牌设置等；带版本号）',
        params: uuidParam,
        body: projectPatchSchema,
        response: { 200: projectSchema },
      },
    },
    async (req) => d.projects.update(me(req), req.params.id, req.body),
  );

  r.post(
    '/api/projects/:id/units',
    {
      config: { permission: 'wages:write' },
      schema: {
        tags,
        summary: '增加分包单位',
        params: uuidParam,
        body: projectUnitCreateSchema,
        response: { 201: createdIdSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await d.projects.addUnit(me(req), req.params.id, req.body)),
  );
  r.post(
    '/api/projects/:id/teams',
    {
      config: { permission: 'wages:write' },
      schema: {
        tags,
        summary: '增加班组',
        params: uuidParam,
        body: projectTeamCreateSchema,
        response: { 201: createdIdSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await d.projects.addTeam(me(req), req.params.id, req.body)),
  );

  r.get(
    '/api/projects/:id/workers',
    {
      config: { permission: 'wages:read' },
      schema: {
        tags,
        summary: '项目实名用工名册',
        params: uuidParam,
        querystring: projectWorkerListQuerySchema,
        response: { 200: projectWorkerPageSchema },
      },
    },
    async (req) => ({
      ...(await d.projects.listWorkers(me(req), req.params.id, {
        ...req.query,
        onSite: req.query.onSite === undefined ? undefined : req.query.onSite === 'true',
      })),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  r.post(
    '/api/projects/:id/workers',
    {
      config: { permission: 'wages:write' },
      schema: {
        tags,
        summary: '人员进场（须已实名登记；未签劳动合同的记录并预警）',
        params: uuidParam,
        body: projectWorkerEnrolSchema,
        response: { 201: projectWorkerEnrolledSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await d.projects.enrolWorker(me(req), req.params.id, req.body)),
  );
  r.patch(
    '/api/projects/:id/workers/:pwId',
    {
      config: { permission: 'wages:write' },
      schema: {
        tags,
        summary: '调整班组、离场、离场结算',
        params: projectWorkerParams,
        body: projectWorkerPatchSchema,
        response: { 200: projectWorkerSchema },
      },
    },
    async (req) => d.projects.updateWorker(me(req), req.params.id, req.params.pwId, req.body),
  );

  r.get(
    '/api/projects/:id/attendance',
    {
      config: { permission: 'wages:read' },
      schema: {
        tags,
        summary: '某月考勤',
        params: uuidParam,
        querystring: attendanceQuerySchema,
        response: { 200: attendanceSheetSchema },
      },
    },
    async (req) => d.projects.attendance(me(req), req.params.id, req.query.month.slice(0, 7)),
  );
  r.put(
    '/api/projects/:id/attendance',
    {
      config: { permission: 'wages:write' },
      schema: {
        tags,
        summary: '登记某月考勤',
        params: uuidParam,
        body: attendanceSaveSchema,
        response: { 200: attendanceSavedSchema },
      },
    },
    async (req) =>
      d.projects.saveAttendance(me(req), req.params.id, { ...req.body, month: req.body.month.slice(0, 7) }),
  );

  // ---------------------------------------------------------------- ledger
  r.get(
    '/api/projects/:id/payrolls',
    {
      config: { permission: 'wages:read' },
      schema: {
        tags,
        summary: '工资台账：按月汇总（考勤、应发、实发、代发）',
        params: uuidParam,
        response: { 200: payrollSummariesSchema },
      },
    },
    async (req) => d.ledger.summaries(me(req), req.params.id),
  );
  r.get(
    '/api/projects/:id/payrolls/:month',
    {
      config: { permission: 'wages:read' },
      schema: {
        tags,
        summary: '工资台账：某月明细（含调整分录）',
        params: payrollMonthParams,
        response: { 200: payrollMonthSchema },
      },
    },
    async (req) => d.ledger.monthLines(me(req), req.params.id, req.params.month.slice(0, 7)),
  );
  r.post(
    '/api/projects/:id/payrolls/manual',
    {
      config: { permission: 'wages:write' },
      schema: {
        tags,
        summary: '录入某月工资表',
        params: uuidParam,
        body: manualPayrollSchema,
        response: { 201: manualPayrollResultSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await d.ledger.saveManual(me(req), req.params.id, {
          ...req.body,
          month: req.body.month.slice(0, 7),
          lines: req.body.lines.map((l) => ({ ...l, payDate: l.payDate ?? null })),
        }),
      ),
  );
  r.post(
    '/api/projects/:id/payrolls/adjustments',
    {
      config: { permission: 'wages:write' },
      schema: {
        tags,
        summary: '台账调整分录（不可删除或覆盖原记录）',
        params: uuidParam,
        body: payrollAdjustmentSchema,
        response: { 201: payrollAdjustedSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await d.ledger.adjust(me(req), req.params.id, req.body)),
  );

  r.get(
    '/api/projects/:id/bank-payments',
    {
      config: { permission: 'wages:read' },
      schema: {
        tags,
        summary: '银行代发结果',
        params: uuidParam,
        querystring: bankPaymentQuerySchema,
        response: { 200: bankPaymentPageSchema },
      },
    },
    async (req) => ({
      ...(await d.projects.bankPayments(me(req), req.params.id, {
        ...req.query,
        month: req.query.month?.slice(0, 7),
        succeeded: req.query.succeeded === undefined ? undefined : req.query.succeeded === 'true',
      })),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );

  // Uploads bound to the project: multipart, one file, the import engine does the rest.
  await app.register(async (child) => {
    await child.register(multipart, UPLOAD_LIMITS);
    const c = child.withTypeProvider<ZodTypeProvider>();
    for (const [path, kind, summary] of [
      ['payrolls', 'payroll', '上传工资表（xlsx/csv）→ 导入任务'],
      ['bank-payments', 'bank_payments', '上传银行代发结果（xlsx/csv）→ 导入任务'],
      ['attendance/upload', 'attendance', '上传考勤表（xlsx/csv）→ 导入任务'],
    ] as const) {
      c.post(
        `/api/projects/:id/${path}`,
        {
          config: { permission: 'wages:import' },
          schema: {
            tags,
            summary,
            consumes: ['multipart/form-data'],
            params: uuidParam,
            response: { 202: wageImportJobSchema },
          },
        },
        async (req, reply) =>
          reply
            .status(202)
            .send(await uploadFromRequest(req, d.imports, { kind, params: { projectId: req.params.id } })),
      );
    }
  });

  // ---------------------------------------------------------------- account and deposit
  r.get(
    '/api/projects/:id/account',
    {
      config: { permission: 'wages:read' },
      schema: {
        tags,
        summary: '农民工工资专用账户及收支',
        params: uuidParam,
        querystring: accountPageQuerySchema,
        response: { 200: accountViewSchema },
      },
    },
    async (req) => d.projects.account(me(req), req.params.id, req.query.page, req.query.pageSize),
  );
  r.put(
    '/api/projects/:id/account',
    {
      config: { permission: 'wages:write' },
      schema: {
        tags,
        summary: '开设专用账户（合同签订后 30 日内）',
        params: uuidParam,
        body: accountOpenSchema,
        response: { 200: accountViewSchema },
      },
    },
    async (req) => d.projects.openAccount(me(req), req.params.id, req.body),
  );
  r.post(
    '/api/projects/:id/account/txns',
    {
      config: { permission: 'wages:write' },
      schema: {
        tags,
        summary: '登记人工费用拨付等入账',
        params: uuidParam,
        body: accountTxnCreateSchema,
        response: { 201: accountViewSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await d.projects.addTxn(me(req), req.params.id, { ...req.body, month: req.body.month?.slice(0, 7) ?? null }),
        ),
  );
  r.post(
    '/api/projects/:id/account/closure',
    {
      config: { permission: 'wages:write' },
      schema: {
        tags,
        summary: '销户公示（30 日）与销户',
        params: uuidParam,
        body: accountClosureSchema,
        response: { 200: accountViewSchema },
      },
    },
    async (req) => d.projects.closeAccount(me(req), req.params.id, req.body.action),
  );

  r.get(
    '/api/projects/:id/deposit/quote',
    {
      config: { permission: 'wages:read' },
      schema: {
        tags,
        summary: '工资保证金应存比例与金额（按总包单位守法诚信等级）',
        params: uuidParam,
        response: { 200: depositQuoteSchema },
      },
    },
    async (req) => d.projects.depositQuote(me(req), req.params.id),
  );
  r.put(
    '/api/projects/:id/deposit',
    {
      config: { permission: 'wages:write' },
      schema: {
        tags,
        summary: '存储工资保证金或提交保函',
        params: uuidParam,
        body: depositSaveSchema,
        response: { 200: wageDepositSchema },
      },
    },
    async (req) => d.projects.saveDeposit(me(req), req.params.id, req.body),
  );
  r.post(
    '/api/projects/:id/deposit/movements',
    {
      config: { permission: 'wages:write' },
      schema: {
        tags,
        summary: '保证金动用、补足、退还',
        params: uuidParam,
        body: depositMovementCreateSchema,
        response: { 201: wageDepositSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await d.projects.depositMovement(me(req), req.params.id, req.body)),
  );

  r.get(
    '/api/projects/:id/timeline',
    {
      config: { permission: 'wages:read' },
      schema: { tags, summary: '项目动态', params: uuidParam, response: { 200: projectTimelineSchema } },
    },
    async (req) => d.projects.timeline(me(req), req.params.id),
  );

  r.get(
    '/api/projects/:id/notice-board',
    {
      config: { permission: 'wages:read' },
      schema: {
        tags,
        summary: '维权信息告示牌（A4/A3 可打印 HTML，含工资查询二维码）',
        params: uuidParam,
        querystring: noticeBoardQuerySchema,
        produces: ['text/html'],
        // Sent as a text/html string, which Fastify passes on without the JSON serializer: documented as a file.
        response: { 200: fileDownload('维权信息告示牌（可打印 HTML）') },
      },
    },
    async (req, reply) => {
      const html = await d.projects.noticeBoard(
        me(req),
        req.params.id,
        req.query.size,
        d.publicUrl ?? `${req.protocol}://${req.host}`,
      );
      return reply.type('text/html; charset=utf-8').header('content-security-policy', DOCUMENT_CSP).send(html);
    },
  );

  r.get(
    '/api/workers/:id/wages',
    {
      config: { permission: 'wages:read' },
      schema: {
        tags,
        summary: '务工人员按月工资发放情况（辖区内项目）',
        params: uuidParam,
        response: { 200: workerWagesSchema },
      },
    },
    async (req) => d.projects.workerWages(me(req), req.params.id),
  );

  // ---------------------------------------------------------------- warnings
  r.get(
    '/api/warnings/rules',
    {
      config: { permission: 'warnings:read' },
      schema: { tags, summary: '预警规则目录', response: { 200: warningRulesSchema } },
    },
    async () => d.warnings.rules(),
  );
  r.get(
    '/api/warnings',
    {
      config: { permission: 'warnings:read' },
      schema: {
        tags,
        summary: '欠薪预警（按区划、等级、状态、规则、项目、逾期筛选）',
        querystring: warningListQuerySchema,
        response: { 200: warningPageSchema },
      },
    },
    async (req) => ({
      ...(await d.warnings.list(me(req), { ...req.query, overdue: req.query.overdue === 'true' })),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  r.get(
    '/api/warnings/:id',
    {
      config: { permission: 'warnings:read' },
      schema: {
        tags,
        summary: '预警详情：触发规则、月份、涉及人员、处置过程',
        params: uuidParam,
        response: { 200: warningDetailSchema },
      },
    },
    async (req) => d.warnings.get(me(req), req.params.id),
  );
  r.get(
    '/api/warnings/:id/assignees',
    {
      config: { permission: 'warnings:handle' },
      schema: {
        tags,
        summary: '可承办该预警的人员（本项目所在区划及上级、有处置权限）',
        params: uuidParam,
        querystring: warningAssigneesQuerySchema,
        response: { 200: warningAssigneesSchema },
      },
    },
    async (req) => d.warnings.assignees(me(req), req.params.id, req.query.q || undefined),
  );
  r.post(
    '/api/warnings/:id/assign',
    {
      config: { permission: 'warnings:handle' },
      schema: {
        tags,
        summary: '分派',
        params: uuidParam,
        body: warningAssignSchema,
        response: { 200: warningDetailSchema },
      },
    },
    async (req) => d.warnings.assign(me(req), req.params.id, req.body),
  );
  r.post(
    '/api/warnings/:id/act',
    {
      config: { permission: 'warnings:handle' },
      schema: {
        tags,
        summary: '记录处置情况',
        params: uuidParam,
        body: warningActSchema,
        response: { 200: warningDetailSchema },
      },
    },
    async (req) => d.warnings.act(me(req), req.params.id, req.body),
  );
  r.post(
    '/api/warnings/:id/close',
    {
      config: { permission: 'warnings:handle' },
      schema: {
        tags,
        summary: '办结',
        params: uuidParam,
        body: warningCloseSchema,
        response: { 200: warningDetailSchema },
      },
    },
    async (req) => d.warnings.close(me(req), req.params.id, req.body),
  );
  r.post(
    '/api/warnings/scan',
    {
      config: { permission: 'warnings:admin', deadlineMs: 10 * 60_000 },
      schema: {
        tags,
        summary: '立即扫描本辖区的项目（全市扫描由定时任务执行）；记入审计',
        response: { 200: scanReportSchema },
      },
    },
    async (req) => d.warnings.scan(me(req), d.engine),
  );
  r.get(
    '/api/wages/dashboard',
    {
      config: { permission: 'warnings:read' },
      schema: {
        tags,
        summary: '根治欠薪驾驶舱（按区划逐级下钻）',
        querystring: dashboardQuerySchema,
        response: { 200: wagesDashboardSchema },
      },
    },
    async (req) => d.warnings.dashboard(me(req), req.query.regionCode),
  );
  r.get(
    '/api/wages/params',
    {
      config: { permission: 'warnings:read' },
      schema: {
        tags,
        summary: '预警参数（最低工资、阈值、办理时限、入罪标准）',
        response: { 200: wageParamsAnswerSchema },
      },
    },
    async () => d.warnings.params(),
  );
  r.put(
    '/api/wages/params',
    {
      config: { permission: 'wages:params' },
      schema: {
        tags,
        summary: '修改预警参数（全市适用：须 wages:params 且为市级及以上账号；审计记录修改前后的值）',
        body: wageParamsSchema,
        response: { 200: wageParamsAnswerSchema },
      },
    },
    async (req) => d.warnings.saveParams(me(req), req.body),
  );

  // ---------------------------------------------------------------- arrears and defaulters
  r.get(
    '/api/arrears',
    {
      config: { permission: 'arrears:read' },
      schema: { tags, summary: '欠薪案件', querystring: arrearsListQuerySchema, response: { 200: arrearsPageSchema } },
    },
    async (req) => ({
      ...(await d.arrears.list(me(req), req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  r.post(
    '/api/arrears',
    {
      config: { permission: 'arrears:write' },
      schema: {
        tags,
        summary: '确认欠薪（按人按月）',
        body: arrearsCreateSchema,
        response: { 201: arrearsCreatedSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await d.arrears.create(me(req), req.body)),
  );
  r.get(
    '/api/arrears/:id',
    {
      config: { permission: 'arrears:read' },
      schema: { tags, summary: '欠薪案件详情', params: uuidParam, response: { 200: arrearsDetailSchema } },
    },
    async (req) => d.arrears.get(me(req), req.params.id),
  );
  r.post(
    '/api/arrears/:id/order',
    {
      config: { permission: 'arrears:write' },
      schema: {
        tags,
        summary: '下达限期支付令',
        params: uuidParam,
        body: arrearsOrderSchema,
        response: { 200: arrearsDetailSchema },
      },
    },
    async (req) => d.arrears.order(me(req), req.params.id, req.body),
  );
  r.post(
    '/api/arrears/:id/payments',
    {
      config: { permission: 'arrears:write' },
      schema: {
        tags,
        summary: '登记清偿、先行清偿、垫付、应急周转金垫付与追偿',
        params: uuidParam,
        body: arrearsPaymentCreateSchema,
        response: { 201: arrearsDetailSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await d.arrears.pay(me(req), req.params.id, req.body)),
  );
  r.post(
    '/api/arrears/:id/transfer',
    {
      config: { permission: 'arrears:write' },
      schema: {
        tags,
        summary: '移送公安（达到入罪数额且逾期不支付）',
        params: uuidParam,
        body: arrearsTransferSchema,
        response: { 200: arrearsDetailSchema },
      },
    },
    async (req) => d.arrears.transfer(me(req), req.params.id, req.body),
  );
  r.post(
    '/api/arrears/:id/close',
    {
      config: { permission: 'arrears:write' },
      schema: {
        tags,
        summary: '结案',
        params: uuidParam,
        body: arrearsCloseSchema,
        response: { 200: arrearsDetailSchema },
      },
    },
    async (req) => d.arrears.close(me(req), req.params.id, req.body),
  );
  r.get(
    '/api/arrears/:id/evidence',
    {
      config: { permission: 'arrears:read' },
      schema: {
        tags,
        summary: '移送证据材料（可打印 HTML）',
        params: uuidParam,
        produces: ['text/html'],
        response: { 200: fileDownload('移送证据材料（可打印 HTML）') },
      },
    },
    async (req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', DOCUMENT_CSP)
        .send(await d.arrears.evidence(me(req), req.params.id)),
  );

  r.get(
    '/api/defaulters',
    {
      config: { permission: 'arrears:read' },
      schema: {
        tags,
        summary: '拖欠农民工工资失信联合惩戒对象名单',
        querystring: defaulterListQuerySchema,
        response: { 200: defaulterPageSchema },
      },
    },
    async (req) => {
      const res = await d.arrears.defaulters(me(req), req.query);
      // Signed in, the service answers the full rows (the public shape only without a principal).
      const items = res.items as Extract<(typeof res.items)[number], { id: string }>[];
      return { items, total: res.total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  r.post(
    '/api/defaulters',
    {
      config: { permission: 'arrears:write' },
      schema: {
        tags,
        summary: '列入名单（3 年）',
        body: defaulterCreateSchema,
        response: { 201: defaulterListedSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await d.arrears.listDefaulter(me(req), req.body)),
  );
  r.post(
    '/api/defaulters/:id/remove',
    {
      config: { permission: 'arrears:write' },
      schema: {
        tags,
        summary: '提前移出（清偿满 6 个月并作出信用承诺）',
        params: uuidParam,
        body: defaulterRemoveSchema,
        response: { 200: defaulterRemovedSchema },
      },
    },
    async (req) => d.arrears.removeEarly(me(req), req.params.id, req.body),
  );
  r.get(
    '/api/employers/:id/integrity',
    {
      config: { permission: 'wages:read' },
      schema: {
        tags,
        summary: '用人单位守法诚信等级',
        params: uuidParam,
        response: { 200: employerIntegritySchema },
      },
    },
    async (req) => d.arrears.integrity(me(req), req.params.id),
  );

  // ---------------------------------------------------------------- public (no sign-in)
  r.get(
    '/api/public/defaulters',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '公开：失信联合惩戒对象名单',
        querystring: publicDefaulterQuerySchema,
        response: { 200: publicDefaulterPageSchema },
      },
    },
    async (req) => ({
      ...(await d.arrears.defaulters(null, req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  r.get(
    '/api/public/projects/:code',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '公开：项目名称与工资支付日（告示牌二维码）',
        params: publicProjectParams,
        response: { 200: publicProjectSchema },
      },
    },
    async (req) => d.projects.publicProject(req.params.code),
  );
  r.post(
    '/api/public/wage-lookup',
    {
      config: { permission: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '公开：劳动者查询本人在项目上的工资发放情况（身份证号 + 姓名）',
        body: wageLookupSchema,
        response: { 200: wageLookupResultSchema },
      },
    },
    async (req) => d.ledger.publicWageLookup({ ...req.body, ip: req.ip }),
  );
}
