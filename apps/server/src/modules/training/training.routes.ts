import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  trainingAttendanceInputSchema,
  trainingAttendanceSheetSchema,
  trainingCertificateCreateSchema,
  trainingClassCreateSchema,
  trainingClassListQuery,
  trainingClassPageSchema,
  trainingClassSchema,
  trainingEnrolmentListSchema,
  importJobSchema,
  trainingEnrolmentParams,
  trainingCompletionDocument,
  trainingEnrolmentsFile,
  trainingEnrolmentSchema,
  trainingEnrolSchema,
  trainingInstitutionCreateSchema,
  trainingInstitutionListQuery,
  trainingInstitutionPageSchema,
  trainingInstitutionSchema,
  trainingInstitutionUpdateSchema,
  trainingResultSchema,
  trainingSubsidyPreviewSchema,
  trainingTargetInputSchema,
  trainingTargetListSchema,
  trainingTargetQuery,
  uuidParam,
  XLSX_MEDIA_TYPE,
} from '@mwsp/domain';
import { UPLOAD_LIMITS, uploadFromRequest } from '../../platform/imports/imports.routes.js';
import type { ImportsService } from '../../platform/imports/imports.service.js';
import { DOCUMENT_CSP } from '../wages/index.js';
import type { ClassesService } from './classes.service.js';
import type { EnrolmentsService } from './enrolments.service.js';
import type { SubsidiesService } from './subsidies.service.js';

const tags = ['职业技能培训'];

/** Institutions, classes, enrolments, attendance, results, certificates and targets. */
export async function trainingRoutes(
  app: FastifyInstance,
  s: { classes: ClassesService; enrolments: EnrolmentsService; subsidies: SubsidiesService; imports: ImportsService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/training/institutions',
    {
      config: { permission: 'training:read' },
      schema: {
        tags,
        summary: '培训机构名录（定点培训机构、技工院校、企业）',
        querystring: trainingInstitutionListQuery,
        response: { 200: trainingInstitutionPageSchema },
      },
    },
    async (req) => s.classes.listInstitutions(req.principal!, req.query),
  );
  r.post(
    '/api/training/institutions',
    {
      config: { permission: 'training:approve' },
      schema: {
        tags,
        summary: '登记培训机构（待认定）',
        body: trainingInstitutionCreateSchema,
        response: { 201: trainingInstitutionSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return s.classes.createInstitution(req.principal!, req.body);
    },
  );
  r.patch(
    '/api/training/institutions/:id',
    {
      config: { permission: 'training:approve' },
      schema: {
        tags,
        summary: '认定、撤销培训机构，修改有效期和可培训职业',
        params: uuidParam,
        body: trainingInstitutionUpdateSchema,
        response: { 200: trainingInstitutionSchema },
      },
    },
    async (req) => s.classes.updateInstitution(req.principal!, req.params.id, req.body),
  );

  r.get(
    '/api/training/classes',
    {
      config: { permission: 'training:read' },
      schema: {
        tags,
        summary: '培训班列表',
        querystring: trainingClassListQuery,
        response: { 200: trainingClassPageSchema },
      },
    },
    async (req) => s.classes.listClasses(req.principal!, req.query),
  );
  r.post(
    '/api/training/classes',
    {
      config: { permission: 'training:handle' },
      schema: {
        tags,
        summary: '开班（须在已认定且在有效期内的培训机构）',
        body: trainingClassCreateSchema,
        response: { 201: trainingClassSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return s.classes.createClass(req.principal!, req.body);
    },
  );
  r.get(
    '/api/training/classes/:id',
    {
      config: { permission: 'training:read' },
      schema: { tags, summary: '培训班详情', params: uuidParam, response: { 200: trainingClassSchema } },
    },
    async (req) => s.classes.getClass(req.principal!, req.params.id),
  );

  r.get(
    '/api/training/classes/:id/enrolments',
    {
      config: { permission: 'training:read' },
      schema: {
        tags,
        summary: '培训班学员（含证书和补贴申请状态）',
        params: uuidParam,
        response: { 200: trainingEnrolmentListSchema },
      },
    },
    async (req) => s.enrolments.list(req.principal!, req.params.id),
  );
  r.post(
    '/api/training/classes/:id/enrolments',
    {
      config: { permission: 'training:handle' },
      schema: {
        tags,
        summary: '报名（实名制登记的务工人员；人数、时间重叠、每年同一职业补贴性培训一次的检查）',
        params: uuidParam,
        body: trainingEnrolSchema,
        response: { 201: trainingEnrolmentSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return s.enrolments.enrol(req.principal!, req.params.id, req.body);
    },
  );
  r.patch(
    '/api/training/classes/:id/enrolments/:enrolmentId',
    {
      config: { permission: 'training:handle' },
      schema: {
        tags,
        summary: '登记考核结果、结业、就业、退出',
        params: trainingEnrolmentParams,
        body: trainingResultSchema,
        response: { 200: trainingEnrolmentSchema },
      },
    },
    async (req) => s.enrolments.setResult(req.principal!, req.params.id, req.params.enrolmentId, req.body),
  );
  r.post(
    '/api/training/classes/:id/enrolments/:enrolmentId/certificates',
    {
      config: { permission: 'training:handle' },
      schema: {
        tags,
        summary: '登记证书（职业资格、职业技能等级、专项职业能力、培训合格）：记入一人一档',
        params: trainingEnrolmentParams,
        body: trainingCertificateCreateSchema,
        response: { 201: trainingEnrolmentSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return s.enrolments.issueCertificate(req.principal!, req.params.id, req.params.enrolmentId, req.body);
    },
  );
  r.get(
    '/api/training/classes/:id/enrolments/:enrolmentId/subsidy',
    {
      config: { permission: 'training:read' },
      schema: {
        tags,
        summary: '试算培训补贴：适用标准、金额和依据，或不符合的条件',
        params: trainingEnrolmentParams,
        response: { 200: trainingSubsidyPreviewSchema },
      },
    },
    async (req) => s.subsidies.preview(req.principal!, req.params.enrolmentId),
  );
  r.get(
    '/api/training/classes/:id/attendance',
    {
      config: { permission: 'training:read' },
      schema: {
        tags,
        summary: '考勤表（每课次出勤）',
        params: uuidParam,
        response: { 200: trainingAttendanceSheetSchema },
      },
    },
    async (req) => s.enrolments.attendanceSheet(req.principal!, req.params.id),
  );
  r.put(
    '/api/training/classes/:id/attendance',
    {
      config: { permission: 'training:handle' },
      schema: {
        tags,
        summary: '登记一个课次的考勤（名单内出勤，其余缺勤）',
        params: uuidParam,
        body: trainingAttendanceInputSchema,
        response: { 200: trainingAttendanceSheetSchema },
      },
    },
    async (req) => s.enrolments.recordAttendance(req.principal!, req.params.id, req.body),
  );

  r.get(
    '/api/training/targets',
    {
      config: { permission: 'training:read' },
      schema: {
        tags,
        summary: '培训目标及完成进度（结业人次）',
        querystring: trainingTargetQuery,
        response: { 200: trainingTargetListSchema },
      },
    },
    async (req) => s.classes.targets(req.principal!, req.query.year),
  );
  r.put(
    '/api/training/targets',
    {
      config: { permission: 'training:approve' },
      schema: {
        tags,
        summary: '设定年度培训目标（地区、年度、培训类型）',
        body: trainingTargetInputSchema,
        response: { 200: trainingTargetListSchema },
      },
    },
    async (req) => s.classes.setTarget(req.principal!, req.body),
  );

  r.get(
    '/api/training/classes/:id/enrolments/export',
    {
      config: { permission: 'training:read' },
      schema: {
        tags,
        summary: '导出学员名单（xlsx，身份证号脱敏，导出留痕）',
        params: uuidParam,
        response: { 200: trainingEnrolmentsFile },
      },
    },
    async (req, reply) => {
      const { buffer, filename } = await s.enrolments.exportEnrolments(req.principal!, req.params.id);
      return (
        reply
          .header('content-type', XLSX_MEDIA_TYPE)
          .header(
            'content-disposition',
            `attachment; filename="enrolments.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
          )
          // The contract documents the bytes as a binary string; the Buffer itself bypasses serialisation.
          .send(buffer as unknown as string)
      );
    },
  );

  r.get(
    '/api/training/classes/:id/completion',
    {
      config: { permission: 'training:read' },
      schema: {
        tags,
        summary: '培训结业名册和培训合格证书（可打印 A4 HTML，身份证号脱敏，打印留痕）',
        params: uuidParam,
        produces: ['text/html'],
        response: { 200: trainingCompletionDocument },
      },
    },
    async (req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', DOCUMENT_CSP)
        .send(await s.enrolments.completionDocument(req.principal!, req.params.id)),
  );

  // 报名导入: multipart, one file; the import engine (kind training_enrolments) does the rest.
  await app.register(async (child) => {
    await child.register(multipart, UPLOAD_LIMITS);
    child.withTypeProvider<ZodTypeProvider>().post(
      '/api/training/classes/:id/enrolments/upload',
      {
        config: { permission: 'training:handle' },
        schema: {
          tags,
          summary: '上传学员名单（xlsx/csv：姓名、身份证号、劳动合同期限）→ 导入任务',
          consumes: ['multipart/form-data'],
          params: uuidParam,
          response: { 202: importJobSchema },
        },
      },
      async (req, reply) =>
        reply.status(202).send(
          await uploadFromRequest(req, s.imports, {
            kind: 'training_enrolments',
            params: { classId: req.params.id },
          }),
        ),
    );
  });
}
