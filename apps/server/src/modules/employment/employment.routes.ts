import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  jobBodySchema,
  jobListQuerySchema,
  jobMatchesSchema,
  jobPageSchema,
  jobSchema,
  jobUpdateSchema,
  jobWithdrawSchema,
  matchQuerySchema,
  moderationResultSchema,
  referralCreateSchema,
  referralFollowUpSchema,
  referralListQuerySchema,
  referralOutcomeSchema,
  referralPageSchema,
  referralSchema,
  referralStatsQuerySchema,
  referralStatsSchema,
  seekerBodySchema,
  seekerListQuerySchema,
  seekerMatchesSchema,
  seekerPageSchema,
  seekerSchema,
  seekerUpdateSchema,
  uuidParam,
} from '@mwsp/domain';
import type { JobsService } from './jobs.service.js';
import type { MatchingService } from './matching.service.js';
import type { ReferralsService } from './referrals.service.js';
import type { SeekersService } from './seekers.service.js';

const READ = { permission: 'employment:read' };
const HANDLE = { permission: 'employment:handle' };

export function jobRoutes(app: FastifyInstance, jobs: JobsService, matching: MatchingService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['岗位信息'];
  r.get(
    '/api/jobs',
    {
      config: READ,
      schema: {
        tags,
        summary: '岗位列表（关键词、工种、地区、状态）',
        querystring: jobListQuerySchema,
        response: { 200: jobPageSchema },
      },
    },
    async (req) => jobs.list(req.principal!, req.query),
  );
  r.post(
    '/api/jobs',
    {
      config: HANDLE,
      schema: {
        tags,
        summary: '发布岗位（先经歧视性条件与最低工资审核）',
        body: jobBodySchema,
        response: { 201: jobSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return jobs.create(req.principal!, req.body);
    },
  );
  r.post(
    '/api/jobs/moderation',
    {
      config: READ,
      schema: {
        tags,
        summary: '岗位审核预检（不保存）',
        body: jobBodySchema,
        response: { 200: moderationResultSchema },
      },
    },
    async (req) => jobs.moderate(req.principal!, req.body),
  );
  r.get(
    '/api/jobs/:id',
    { config: READ, schema: { tags, summary: '岗位详情', params: uuidParam, response: { 200: jobSchema } } },
    async (req) => jobs.get(req.principal!, req.params.id),
  );
  r.put(
    '/api/jobs/:id',
    {
      config: HANDLE,
      schema: {
        tags,
        summary: '修改岗位（重新审核）',
        params: uuidParam,
        body: jobUpdateSchema,
        response: { 200: jobSchema },
      },
    },
    async (req) => jobs.update(req.principal!, req.params.id, req.body),
  );
  r.post(
    '/api/jobs/:id/withdraw',
    {
      config: HANDLE,
      schema: {
        tags,
        summary: '撤回岗位（须确认）',
        params: uuidParam,
        body: jobWithdrawSchema,
        response: { 200: jobSchema },
      },
    },
    async (req) => jobs.withdraw(req.principal!, req.params.id, req.body.reason),
  );
  r.get(
    '/api/jobs/:id/matches',
    {
      config: READ,
      schema: {
        tags,
        summary: '为岗位推荐求职者（前 50 名，附推荐理由）',
        params: uuidParam,
        querystring: matchQuerySchema,
        response: { 200: seekerMatchesSchema },
      },
    },
    async (req) => withoutRanking(await matching.forJob(req.principal!, req.params.id, req.query)),
  );
}

export function seekerRoutes(app: FastifyInstance, seekers: SeekersService, matching: MatchingService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['求职登记'];
  r.get(
    '/api/seekers',
    {
      config: READ,
      schema: {
        tags,
        summary: '求职登记列表',
        querystring: seekerListQuerySchema,
        response: { 200: seekerPageSchema },
      },
    },
    async (req) => seekers.list(req.principal!, req.query),
  );
  r.post(
    '/api/seekers',
    {
      config: HANDLE,
      schema: {
        tags,
        summary: '求职登记（实名制登记的务工人员）',
        body: seekerBodySchema,
        response: { 201: seekerSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return seekers.create(req.principal!, req.body);
    },
  );
  r.get(
    '/api/seekers/:id',
    { config: READ, schema: { tags, summary: '求职登记详情', params: uuidParam, response: { 200: seekerSchema } } },
    async (req) => seekers.get(req.principal!, req.params.id),
  );
  r.put(
    '/api/seekers/:id',
    {
      config: HANDLE,
      schema: {
        tags,
        summary: '修改求职登记',
        params: uuidParam,
        body: seekerUpdateSchema,
        response: { 200: seekerSchema },
      },
    },
    async (req) => seekers.update(req.principal!, req.params.id, req.body),
  );
  r.post(
    '/api/seekers/:id/reconfirm',
    {
      config: HANDLE,
      schema: { tags, summary: '确认求职意向（重新进入匹配）', params: uuidParam, response: { 200: seekerSchema } },
    },
    async (req) => seekers.reconfirm(req.principal!, req.params.id),
  );
  r.get(
    '/api/seekers/:id/matches',
    {
      config: READ,
      schema: {
        tags,
        summary: '为求职者推荐岗位（前 20 个，附推荐理由）',
        params: uuidParam,
        querystring: matchQuerySchema,
        response: { 200: jobMatchesSchema },
      },
    },
    async (req) => withoutRanking(await matching.forSeeker(req.principal!, req.params.id, req.query)),
  );
}

export function referralRoutes(app: FastifyInstance, referrals: ReferralsService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['职业介绍'];
  r.get(
    '/api/referrals',
    {
      config: READ,
      schema: {
        tags,
        summary: '职业介绍记录（含到期回访名单）',
        querystring: referralListQuerySchema,
        response: { 200: referralPageSchema },
      },
    },
    async (req) => referrals.list(req.principal!, req.query),
  );
  r.get(
    '/api/referrals/stats',
    {
      config: READ,
      schema: {
        tags,
        summary: '按地区、工作人员统计推荐和就业人数',
        querystring: referralStatsQuerySchema,
        response: { 200: referralStatsSchema },
      },
    },
    async (req) => referrals.stats(req.principal!, req.query),
  );
  r.post(
    '/api/referrals',
    {
      config: HANDLE,
      schema: { tags, summary: '推荐岗位（职业介绍）', body: referralCreateSchema, response: { 201: referralSchema } },
    },
    async (req, reply) => {
      reply.code(201);
      return referrals.create(req.principal!, req.body);
    },
  );
  r.post(
    '/api/referrals/:id/outcome',
    {
      config: HANDLE,
      schema: {
        tags,
        summary: '登记推荐结果（面试、录用、未录用、未到场）',
        params: uuidParam,
        body: referralOutcomeSchema,
        response: { 200: referralSchema },
      },
    },
    async (req) => referrals.outcome(req.principal!, req.params.id, req.body),
  );
  r.post(
    '/api/referrals/:id/follow-ups',
    {
      config: HANDLE,
      schema: {
        tags,
        summary: '登记 30/90 天就业回访',
        params: uuidParam,
        body: referralFollowUpSchema,
        response: { 200: referralSchema },
      },
    },
    async (req) => referrals.followUp(req.principal!, req.params.id, req.body),
  );
}

/** The ranking's diagnostics (benchmark, tests) are not part of the answer's contract. */
function withoutRanking<T extends { ranking: unknown }>({ ranking: _ranking, ...answer }: T): Omit<T, 'ranking'> {
  return answer;
}
