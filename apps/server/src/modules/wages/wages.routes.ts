import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDateSchema, monthSchema, regionCodeSchema, versionSchema } from '@mwsp/domain';
import type { Principal } from '../../platform/access/principal.js';
import { pageQuery, uuidParam } from '../../platform/http/schemas.js';
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
const isoDate = isoDateSchema;
const month = monthSchema;
const fen = z.number({ error: '金额应为以分为单位的整数' }).int('金额应为以分为单位的整数');
const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const pwParams = z.strictObject({ id: z.uuid({ error: '编号格式不正确' }), pwId: z.uuid({ error: '编号格式不正确' }) });

const projectBody = {
  code: z.string().trim().max(40).nullish(),
  name: text(100).min(1, '请填写项目名称'),
  regionCode: regionCodeSchema,
  category: z.enum(['housing', 'municipal', 'transport', 'water', 'other'], { error: '请选择工程类别' }),
  clientId: z.uuid({ error: '请选择建设单位' }),
  contractorId: z.uuid({ error: '请选择施工总承包单位' }),
  permitNo: text(50).nullish(),
  fundingInPlace: z.boolean(),
  paymentGuarantee: z.boolean(),
  contractAmountFen: fen,
  labourShareBp: z.number().int('人工费用占比应为整数（万分比）'),
  allocationDay: z.number().int(),
  payDay: z.number().int(),
  contractSignedOn: isoDate,
  startDate: isoDate,
  plannedEndDate: isoDate,
  labourOfficerName: text(50).nullish(),
  labourOfficerPhone: z.string().max(30).nullish(),
};

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
        querystring: z.strictObject({
          q: z.string().trim().min(1).max(50).optional(),
          regionCode: regionCodeSchema.optional(),
          status: z.enum(['registered', 'in_progress', 'suspended', 'completed', 'closed']).optional(),
          level: z.enum(['green', 'yellow', 'orange', 'red']).optional(),
          ...pageQuery,
        }),
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
      schema: { tags, summary: '登记工程项目（开工前）', body: z.strictObject(projectBody) },
    },
    async (req, reply) => reply.status(201).send(await d.projects.create(me(req), req.body)),
  );

  r.get(
    '/api/projects/:id',
    {
      config: { permission: 'wages:read' },
      schema: { tags, summary: '项目详情：参建单位、班组、专用账户、保证金、六项制度', params: uuidParam },
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
        body: z.strictObject({
          version: versionSchema,
          name: text(100).optional(),
          status: z.enum(['registered', 'in_progress', 'suspended', 'completed', 'closed']).optional(),
          permitNo: text(50).nullish(),
          fundingInPlace: z.boolean().optional(),
          paymentGuarantee: z.boolean().optional(),
          plannedEndDate: isoDate.optional(),
          completedOn: isoDate.nullish(),
          labourOfficerName: text(50).nullish(),
          labourOfficerPhone: z.string().max(30).nullish(),
          noticeBoardPostedOn: isoDate.nullish(),
          payDay: z.number().int().optional(),
          allocationDay: z.number().int().optional(),
        }),
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
        body: z.strictObject({
          employerId: z.uuid({ error: '请选择分包单位' }),
          role: z.enum(['subcontractor', 'labour_subcontractor'], { error: '请选择分包类型' }),
        }),
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
        body: z.strictObject({ name: text(50), unitId: z.uuid().nullish(), leaderName: text(50).nullish() }),
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
        querystring: z.strictObject({
          q: z.string().trim().min(1).max(20).optional(),
          onSite: z.enum(['true', 'false']).optional(),
          teamId: z.uuid().optional(),
          ...pageQuery,
        }),
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
        body: z.strictObject({
          idNumber: z.string().max(30).optional(),
          workerId: z.uuid().optional(),
          teamId: z.uuid().nullish(),
          entryDate: isoDate,
        }),
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
        params: pwParams,
        body: z.strictObject({ teamId: z.uuid().nullish(), exitDate: isoDate.nullish(), settledOn: isoDate.nullish() }),
      },
    },
    async (req) => d.projects.updateWorker(me(req), req.params.id, req.params.pwId, req.body),
  );

  r.get(
    '/api/projects/:id/attendance',
    {
      config: { permission: 'wages:read' },
      schema: { tags, summary: '某月考勤', params: uuidParam, querystring: z.strictObject({ month }) },
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
        body: z.strictObject({
          month,
          entries: z.array(z.strictObject({ projectWorkerId: z.uuid(), days: z.number().int() })).max(5000),
        }),
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
      schema: { tags, summary: '工资台账：按月汇总（考勤、应发、实发、代发）', params: uuidParam },
    },
    async (req) => d.ledger.summaries(me(req), req.params.id),
  );
  r.get(
    '/api/projects/:id/payrolls/:month',
    {
      config: { permission: 'wages:read' },
      schema: { tags, summary: '工资台账：某月明细（含调整分录）', params: z.strictObject({ id: z.uuid(), month }) },
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
        body: z.strictObject({
          month,
          teamId: z.uuid().nullish(),
          lines: z
            .array(
              z.strictObject({
                projectWorkerId: z.uuid(),
                days: z.number().int(),
                payableFen: fen,
                deductionsFen: fen,
                netFen: fen,
                payDate: isoDate.nullish(),
                confirmed: z.boolean(),
              }),
            )
            .max(5000),
        }),
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
        body: z.strictObject({
          lineId: z.number().int(),
          payableFen: fen,
          deductionsFen: fen,
          netFen: fen,
          reason: text(200),
        }),
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
        querystring: z.strictObject({
          month: month.optional(),
          succeeded: z.enum(['true', 'false']).optional(),
          ...pageQuery,
        }),
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
          schema: { tags, summary, consumes: ['multipart/form-data'], params: uuidParam },
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
      schema: { tags, summary: '农民工工资专用账户及收支', params: uuidParam, querystring: z.strictObject(pageQuery) },
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
        body: z.strictObject({ bankName: text(50), accountNo: z.string().max(40), openedOn: isoDate }),
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
        body: z.strictObject({
          kind: z.enum(['allocation', 'refund', 'other_in']),
          month: month.nullish(),
          amountFen: fen,
          txnDate: isoDate,
          ref: text(60).nullish(),
        }),
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
        body: z.strictObject({ action: z.enum(['notice', 'close']) }),
      },
    },
    async (req) => d.projects.closeAccount(me(req), req.params.id, req.body.action),
  );

  r.get(
    '/api/projects/:id/deposit/quote',
    {
      config: { permission: 'wages:read' },
      schema: { tags, summary: '工资保证金应存比例与金额（按总包单位守法诚信等级）', params: uuidParam },
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
        body: z.strictObject({
          form: z.enum(['cash', 'bank_guarantee', 'insurance', 'exempt']),
          amountFen: fen.nullish(),
          bankName: text(50).nullish(),
          letterNo: text(60).nullish(),
          validUntil: isoDate.nullish(),
          depositedOn: isoDate,
        }),
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
        body: z.strictObject({
          kind: z.enum(['drawdown', 'topup', 'return']),
          amountFen: fen,
          onDate: isoDate,
          note: text(200).nullish(),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await d.projects.depositMovement(me(req), req.params.id, req.body)),
  );

  r.get(
    '/api/projects/:id/timeline',
    { config: { permission: 'wages:read' }, schema: { tags, summary: '项目动态', params: uuidParam } },
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
        querystring: z.strictObject({ size: z.enum(['A4', 'A3']).default('A4') }),
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
      schema: { tags, summary: '务工人员按月工资发放情况（辖区内项目）', params: uuidParam },
    },
    async (req) => d.projects.workerWages(me(req), req.params.id),
  );

  // ---------------------------------------------------------------- warnings
  r.get(
    '/api/warnings/rules',
    { config: { permission: 'warnings:read' }, schema: { tags, summary: '预警规则目录' } },
    async () => d.warnings.rules(),
  );
  r.get(
    '/api/warnings',
    {
      config: { permission: 'warnings:read' },
      schema: {
        tags,
        summary: '欠薪预警（按区划、等级、状态、规则、项目、逾期筛选）',
        querystring: z.strictObject({
          regionCode: regionCodeSchema.optional(),
          level: z.enum(['yellow', 'orange', 'red']).optional(),
          status: z.enum(['open', 'assigned', 'in_progress', 'closed', 'cleared', 'live']).optional(),
          rule: z.string().max(40).optional(),
          projectId: z.uuid().optional(),
          overdue: z.enum(['true', 'false']).optional(),
          ...pageQuery,
        }),
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
      schema: { tags, summary: '预警详情：触发规则、月份、涉及人员、处置过程', params: uuidParam },
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
        querystring: z.strictObject({ q: z.string().trim().max(30).optional() }),
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
        body: z.strictObject({
          assigneeId: z.uuid().nullish(),
          departmentCode: z.string().max(40).nullish(),
          note: text(500).nullish(),
        }),
      },
    },
    async (req) => d.warnings.assign(me(req), req.params.id, req.body),
  );
  r.post(
    '/api/warnings/:id/act',
    {
      config: { permission: 'warnings:handle' },
      schema: { tags, summary: '记录处置情况', params: uuidParam, body: z.strictObject({ note: text(1000) }) },
    },
    async (req) => d.warnings.act(me(req), req.params.id, req.body),
  );
  r.post(
    '/api/warnings/:id/close',
    {
      config: { permission: 'warnings:handle' },
      schema: { tags, summary: '办结', params: uuidParam, body: z.strictObject({ result: text(1000) }) },
    },
    async (req) => d.warnings.close(me(req), req.params.id, req.body),
  );
  r.post(
    '/api/warnings/scan',
    {
      config: { permission: 'warnings:admin', deadlineMs: 10 * 60_000 },
      schema: { tags, summary: '立即扫描本辖区的项目（全市扫描由定时任务执行）；记入审计' },
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
        querystring: z.strictObject({ regionCode: regionCodeSchema.optional() }),
      },
    },
    async (req) => d.warnings.dashboard(me(req), req.query.regionCode),
  );
  r.get(
    '/api/wages/params',
    {
      config: { permission: 'warnings:read' },
      schema: { tags, summary: '预警参数（最低工资、阈值、办理时限、入罪标准）' },
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
        body: z.strictObject({
          minimumWage: z
            .array(z.strictObject({ prefix: z.string().max(12), tier: text(20), monthlyFen: fen }))
            .max(500),
          paidDaysPerMonth: z.number().min(20).max(23),
          monthlyPayCapFen: fen,
          yearlyPayCapFen: fen,
          missingWageShare: z.number(),
          settlementGraceDays: z.number().int().min(0).max(90),
          institutionsGraceDays: z.number().int().min(0).max(180),
          handlingDays: z.strictObject({ yellow: z.number().int(), orange: z.number().int(), red: z.number().int() }),
          criminalThresholds: z
            .array(
              z.strictObject({
                province: z.string().regex(/^\d{2}$/, '省级代码应为 2 位数字'),
                perWorkerFen: fen.min(500_000, '不低于 5000 元').max(2_000_000, '不高于 2 万元'),
                totalFen: fen.min(3_000_000, '不低于 3 万元').max(10_000_000, '不高于 10 万元'),
                note: text(200),
              }),
            )
            .max(40),
          deposit: z.strictObject({
            baseRateBp: z.number().int().min(100, '基准比例不低于 1%').max(300, '基准比例不高于 3%'),
            floorRateBp: z.number().int().min(50, '不低于 0.5%').max(300),
            capFen: fen.nullable(),
            smallContractExemptFen: fen,
          }),
        }),
      },
    },
    async (req) => d.warnings.saveParams(me(req), req.body),
  );

  // ---------------------------------------------------------------- arrears and defaulters
  r.get(
    '/api/arrears',
    {
      config: { permission: 'arrears:read' },
      schema: {
        tags,
        summary: '欠薪案件',
        querystring: z.strictObject({
          status: z.enum(['confirmed', 'ordered', 'paid', 'transferred', 'closed']).optional(),
          regionCode: regionCodeSchema.optional(),
          q: z.string().trim().min(1).max(50).optional(),
          ...pageQuery,
        }),
      },
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
        body: z.strictObject({
          projectId: z.uuid({ error: '请选择项目' }),
          employerId: z.uuid({ error: '请选择欠薪单位' }),
          warningId: z.uuid().nullish(),
          summary: text(500),
          items: z.array(z.strictObject({ projectWorkerId: z.uuid(), month, amountFen: fen })).max(2000),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await d.arrears.create(me(req), req.body)),
  );
  r.get(
    '/api/arrears/:id',
    { config: { permission: 'arrears:read' }, schema: { tags, summary: '欠薪案件详情', params: uuidParam } },
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
        body: z.strictObject({
          orderNo: text(60),
          orderedOn: isoDate,
          dueWorkingDays: z
            .number({ error: '支付期限应为 1–30 个工作日' })
            .int('支付期限应为 1–30 个工作日')
            .min(1, '支付期限应为 1–30 个工作日')
            .max(30, '支付期限应为 1–30 个工作日'),
        }),
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
        body: z.strictObject({
          source: z.enum(
            ['employer', 'contractor_advance', 'client_advance', 'deposit', 'emergency_fund', 'recovery'],
            { error: '请选择资金来源' },
          ),
          amountFen: fen,
          onDate: isoDate,
          note: text(200).nullish(),
        }),
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
        body: z.strictObject({ note: text(1000) }),
      },
    },
    async (req) => d.arrears.transfer(me(req), req.params.id, req.body),
  );
  r.post(
    '/api/arrears/:id/close',
    {
      config: { permission: 'arrears:write' },
      schema: { tags, summary: '结案', params: uuidParam, body: z.strictObject({ note: text(500) }) },
    },
    async (req) => d.arrears.close(me(req), req.params.id, req.body),
  );
  r.get(
    '/api/arrears/:id/evidence',
    {
      config: { permission: 'arrears:read' },
      schema: { tags, summary: '移送证据材料（可打印 HTML）', params: uuidParam },
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
        querystring: z.strictObject({
          status: z.enum(['listed', 'removed', 'expired']).optional(),
          q: z.string().trim().min(1).max(50).optional(),
          ...pageQuery,
        }),
      },
    },
    async (req) => ({
      ...(await d.arrears.defaulters(me(req), req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  r.post(
    '/api/defaulters',
    {
      config: { permission: 'arrears:write' },
      schema: {
        tags,
        summary: '列入名单（3 年）',
        body: z.strictObject({
          employerId: z.uuid({ error: '请选择用人单位' }),
          caseId: z.uuid().nullish(),
          basis: text(200),
          reason: text(500),
          responsiblePersons: text(200).nullish(),
          decisionNo: text(60),
          listedOn: isoDate,
        }),
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
        body: z.strictObject({ correctedOn: isoDate, undertaking: z.boolean(), note: text(500) }),
      },
    },
    async (req) => d.arrears.removeEarly(me(req), req.params.id, req.body),
  );
  r.get(
    '/api/employers/:id/integrity',
    { config: { permission: 'wages:read' }, schema: { tags, summary: '用人单位守法诚信等级', params: uuidParam } },
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
        querystring: z.strictObject({ q: z.string().trim().min(1).max(50).optional(), ...pageQuery }),
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
        params: z.strictObject({ code: z.string().regex(/^[A-Za-z0-9-]{4,40}$/, '项目编号不正确') }),
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
        body: z.strictObject({
          projectCode: z.string().regex(/^[A-Za-z0-9-]{4,40}$/, '项目编号不正确'),
          idNumber: z.string().max(30),
          name: z.string().trim().min(1, '请填写姓名').max(50),
        }),
      },
    },
    async (req) => d.ledger.publicWageLookup({ ...req.body, ip: req.ip }),
  );
}
