import type { FastifyInstance, FastifySchema } from 'fastify';
import type { z } from 'zod';
import type { Principal } from '../../platform/access/principal.js';

/**
 * A programme register's two routes: `GET path` (the caller's visible records, searched and paged) and
 * `POST path` (register one; 201 with the record).
 */
export function listAndCreate<Q extends z.ZodType, B extends z.ZodType, L extends z.ZodType, I extends z.ZodType>(
  app: FastifyInstance,
  path: string,
  d: {
    tags: string[];
    list: { summary: string; query: Q; response: L; run: (p: Principal, q: z.output<Q>) => Promise<unknown> };
    create: { summary: string; body: B; response: I; run: (p: Principal, b: z.output<B>) => Promise<unknown> };
  },
) {
  const listSchema: FastifySchema = {
    tags: d.tags,
    summary: d.list.summary,
    querystring: d.list.query,
    response: { 200: d.list.response },
  };
  const createSchema: FastifySchema = {
    tags: d.tags,
    summary: d.create.summary,
    body: d.create.body,
    response: { 201: d.create.response },
  };
  // The generic shape defeats the type provider's inference; the schemas still validate and serialise.
  app.get(
    path,
    {
      config: { permission: 'employment:read' },
      schema: listSchema,
    },
    async (req) => d.list.run(req.principal!, req.query as z.output<Q>),
  );
  app.post(
    path,
    {
      config: { permission: 'employment:handle' },
      schema: createSchema,
    },
    async (req, reply) => {
      reply.code(201);
      return d.create.run(req.principal!, req.body as z.output<B>);
    },
  );
}
