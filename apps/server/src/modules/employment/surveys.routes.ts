import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  demandSurveyCreateSchema,
  demandSurveyPageSchema,
  demandSurveySchema,
  fileDownload,
  outboundSurveyCreateSchema,
  outboundSurveyPageSchema,
  outboundSurveySchema,
  programListQuery,
  regionResultsSchema,
  surveyKindParams,
  surveyResultsQuery,
  XLSX_MEDIA_TYPE,
} from '@mwsp/domain';
import type { SurveysService } from './surveys.service.js';

const tags = ['用工调查'];
const listQuery = programListQuery.extend(surveyResultsQuery.shape);

export function surveyRoutes(app: FastifyInstance, surveys: SurveysService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/surveys/demand',
    {
      config: { permission: 'employment:read' },
      schema: {
        tags,
        summary: '季节性用工需求调查：企业填报列表',
        querystring: listQuery,
        response: { 200: demandSurveyPageSchema },
      },
    },
    async (req) => surveys.listDemand(req.principal!, req.query),
  );

  r.post(
    '/api/surveys/demand',
    {
      config: { permission: 'employment:handle' },
      schema: {
        tags,
        summary: '录入季节性用工需求调查（企业、职业、需求人数、拟付工资）',
        body: demandSurveyCreateSchema,
        response: { 201: demandSurveySchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return surveys.recordDemand(req.principal!, req.body);
    },
  );

  r.get(
    '/api/surveys/outbound',
    {
      config: { permission: 'employment:read' },
      schema: {
        tags,
        summary: '外出务工人员就业情况调查：列表',
        querystring: listQuery,
        response: { 200: outboundSurveyPageSchema },
      },
    },
    async (req) => surveys.listOutbound(req.principal!, req.query),
  );

  r.post(
    '/api/surveys/outbound',
    {
      config: { permission: 'employment:handle' },
      schema: {
        tags,
        summary: '录入外出务工人员就业情况调查（务工地、职业、收入、状态）',
        body: outboundSurveyCreateSchema,
        response: { 201: outboundSurveySchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return surveys.recordOutbound(req.principal!, req.body);
    },
  );

  r.get(
    '/api/surveys/:kind/results',
    {
      config: { permission: 'employment:read' },
      schema: {
        tags,
        summary: '调查结果（按区县汇总）',
        params: surveyKindParams,
        querystring: surveyResultsQuery,
        response: { 200: regionResultsSchema },
      },
    },
    async (req) => surveys.results(req.principal!, req.params.kind, req.query.period),
  );

  r.get(
    '/api/surveys/:kind/export',
    {
      config: { permission: 'employment:read' },
      schema: {
        tags,
        summary: '导出调查明细为 Excel（带导出人水印）',
        params: surveyKindParams,
        querystring: listQuery.omit({ page: true, pageSize: true }),
        response: { 200: fileDownload('调查明细（xlsx）', XLSX_MEDIA_TYPE) },
      },
    },
    async (req, reply) => {
      const { buffer, filename, rows } = await surveys.export(req.principal!, req.params.kind, req.query);
      return reply
        .header('content-type', XLSX_MEDIA_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="survey.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        )
        .header('x-export-rows', String(rows))
        .send(buffer as unknown as string);
    },
  );
}
