import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  complaintCreatedSchema,
  gridBodySchema,
  gridListQuerySchema,
  gridPageSchema,
  gridReportSchema,
  gridSchema,
  inspectionCreateSchema,
  inspectionListQuerySchema,
  inspectionPageSchema,
  inspectionSchema,
  inspectionUpdateSchema,
  noContent,
  uuidParam,
} from '@mwsp/domain';
import { GRIDS_MANAGE, type GridsService } from './grids.service.js';

const tags = ['劳动保障监察'];

/** Grids (网格), grid reports, patrols, campaigns and written reviews. */
export function gridsRoutes(app: FastifyInstance, grids: GridsService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/grids',
    {
      config: { permission: 'rights:read' },
      schema: {
        tags,
        summary: '网格列表（本辖区；按名称搜索）',
        querystring: gridListQuerySchema,
        response: { 200: gridPageSchema },
      },
    },
    async (req) => grids.list(req.principal!, req.query),
  );

  r.post(
    '/api/grids',
    {
      config: { permission: GRIDS_MANAGE },
      schema: {
        tags,
        summary: '划分网格（乡镇或村范围）并指派网格员',
        body: gridBodySchema,
        response: { 201: gridSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await grids.create(req.principal!, req.body)),
  );

  r.get(
    '/api/grids/:id',
    {
      config: { permission: 'rights:read' },
      schema: { tags, summary: '网格详情', params: uuidParam, response: { 200: gridSchema } },
    },
    async (req) => grids.get(req.principal!, req.params.id),
  );

  r.put(
    '/api/grids/:id',
    {
      config: { permission: GRIDS_MANAGE },
      schema: {
        tags,
        summary: '修改网格名称、网格员、备注（范围不可修改）',
        params: uuidParam,
        body: gridBodySchema,
        response: { 200: gridSchema },
      },
    },
    async (req) => grids.update(req.principal!, req.params.id, req.body),
  );

  r.delete(
    '/api/grids/:id',
    {
      config: { permission: GRIDS_MANAGE },
      schema: { tags, summary: '删除网格（已有巡查记录的不能删除）', params: uuidParam, response: { 204: noContent } },
    },
    async (req, reply) => {
      await grids.remove(req.principal!, req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/grids/:id/reports',
    {
      config: { permission: 'rights:handle' },
      schema: {
        tags,
        summary: '网格员上报线索（登记为投诉举报，来源：网格员报告）',
        params: uuidParam,
        body: gridReportSchema,
        response: { 201: complaintCreatedSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await grids.report(req.principal!, req.params.id, req.body)),
  );

  r.get(
    '/api/inspections',
    {
      config: { permission: 'rights:read' },
      schema: {
        tags,
        summary: '日常巡查、专项检查、书面审查列表',
        querystring: inspectionListQuerySchema,
        response: { 200: inspectionPageSchema },
      },
    },
    async (req) => grids.listActivities(req.principal!, req.query),
  );

  r.post(
    '/api/inspections',
    {
      config: { permission: 'rights:handle' },
      schema: {
        tags,
        summary: '登记日常巡查、专项检查或书面审查',
        body: inspectionCreateSchema,
        response: { 201: inspectionSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await grids.createActivity(req.principal!, req.body)),
  );

  r.patch(
    '/api/inspections/:id',
    {
      config: { permission: 'rights:handle' },
      schema: {
        tags,
        summary: '更新检查情况、书面审查结果，完成或重新打开',
        params: uuidParam,
        body: inspectionUpdateSchema,
        response: { 200: inspectionSchema },
      },
    },
    async (req) => grids.updateActivity(req.principal!, req.params.id, req.body),
  );
}
