import Fastify from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { timestamp } from '@mwsp/domain';
import { contractSerializer, droppedPath } from './serializer.js';

describe('contract serializer', () => {
  it('names the first field the contract would drop', () => {
    expect(droppedPath({ a: 1, b: { c: 2, d: 3 } }, { a: 1, b: { c: 2 } }, '')).toBe('b.d');
    expect(droppedPath({ items: [{ x: 1 }, { x: 1, y: 2 }] }, { items: [{ x: 1 }, { x: 1 }] }, '')).toBe('items[1].y');
    expect(droppedPath({ a: 1, gone: undefined }, { a: 1 }, '')).toBeNull();
    expect(droppedPath({ at: new Date(0) }, { at: '1970-01-01T00:00:00.000Z' }, '')).toBeNull();
  });

  async function serve(strict: boolean, body: unknown) {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(contractSerializer({ strict }));
    app
      .withTypeProvider<ZodTypeProvider>()
      .get(
        '/x',
        { schema: { response: { 200: z.object({ name: z.string(), at: timestamp }) } } },
        async () => body as never,
      );
    const res = await app.inject({ method: 'GET', url: '/x' });
    await app.close();
    return res;
  }

  it('strict: an undeclared field is an error, not a silent loss', async () => {
    const res = await serve(true, { name: '张三', at: new Date(0), idNumber: '450821199001013014' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('450821');
  });

  it('converts dates and answers the declared fields', async () => {
    const res = await serve(true, { name: '张三', at: new Date(0) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name: '张三', at: '1970-01-01T00:00:00.000Z' });
  });

  it('lenient (production): undeclared fields are left out', async () => {
    const res = await serve(false, { name: '张三', at: new Date(0), extra: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name: '张三', at: '1970-01-01T00:00:00.000Z' });
  });
});
