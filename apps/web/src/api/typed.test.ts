import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/api';
import { ApiError, buildUrl } from './client';
import { DELETE, GET, GET_FILE, PATCH, POST, POST_FILE, PUT, UPLOAD, urlOf } from './typed';

describe('calls typed by path', () => {
  it('fills and encodes the path parameters, and sends the query and the JSON body', async () => {
    const net = mockApi({
      'GET /api/regions/11%2F01': { code: '11' },
      'PATCH /api/workers/w%201': { id: 'w 1' },
      'GET /api/workers': { items: [], total: 0, page: 1, pageSize: 20 },
    });
    await expect(GET('/api/regions/{code}', { params: { path: { code: '11/01' } } })).resolves.toEqual({ code: '11' });
    await PATCH('/api/workers/{id}', { params: { path: { id: 'w 1' } }, body: { phone: '13800138000', version: 3 } });
    await GET('/api/workers', { params: { query: { page: 2, q: '', crossProvince: true } } });
    expect(net.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /api/regions/11%2F01',
      'PATCH /api/workers/w%201',
      'GET /api/workers',
    ]);
    expect(net.calls[1].body).toEqual({ phone: '13800138000', version: 3 });
    expect([...net.calls[2].query.entries()]).toEqual([
      ['page', '2'],
      ['crossProvince', 'true'],
    ]);
  });

  it('throws the ApiError of the platform client, and answers undefined for 204', async () => {
    mockApi({ 'DELETE /api/tokens/t1': null });
    await expect(DELETE('/api/tokens/{id}', { params: { path: { id: 't1' } } })).resolves.toBeUndefined();
    const err = await GET('/api/workers/{id}', { params: { path: { id: 'nope' } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(404);
  });

  it('sends an array in the query as the key repeated (as Fastify parses it back)', () => {
    expect(buildUrl('/api/x', { a: ['1', '', 2], b: [], c: 'z' })).toBe('/api/x?a=1&a=2&c=z');
  });

  it('uploads a form, downloads files and builds the URL of a page', async () => {
    const net = mockApi({
      'POST /api/projects/p1/payrolls': { id: 'j1' },
      'GET /api/imports/templates/payroll': new Response('x'),
      'POST /api/exports': new Response('y'),
    });
    const form = new FormData();
    form.append('file', new File(['a'], 'a.xlsx'));
    await UPLOAD('/api/projects/{id}/payrolls', { params: { path: { id: 'p1' } }, body: form });
    expect(net.calls[0].body).toBe(form);
    const file = await GET_FILE('/api/imports/templates/{kind}', { params: { path: { kind: 'payroll' } } });
    expect(await file.blob.text()).toBe('x');
    await POST_FILE('/api/exports', { body: { kind: 'workers', filters: { q: '张' } } });
    expect(net.calls[2].body).toEqual({ kind: 'workers', filters: { q: '张' } });
    expect(urlOf('/api/projects/{id}/notice-board', { params: { path: { id: 'p 1' }, query: { size: 'A3' } } })).toBe(
      '/api/projects/p%201/notice-board?size=A3',
    );
  });
});

// Type-level checks (`npm run typecheck`): if the typing degraded to `any`, the @ts-expect-error lines would
// no longer be errors and the type check would fail. Never called.
export function typeChecks(id: string) {
  // @ts-expect-error an unknown path
  void GET('/api/wrokers/{id}', { params: { path: { id } } });
  // @ts-expect-error a method the path does not declare (no DELETE /api/workers/{id})
  void DELETE('/api/workers/{id}', { params: { path: { id } } });
  // @ts-expect-error a missing path parameter
  void GET('/api/workers/{id}');
  // @ts-expect-error a misspelt path parameter
  void GET('/api/workers/{id}', { params: { path: { workerId: id } } });
  // @ts-expect-error a query parameter the route does not take
  void GET('/api/workers', { params: { query: { nope: 1 } } });
  // @ts-expect-error a body on a route without one
  void GET('/api/workers', { body: { q: 'x' } });
  // @ts-expect-error a wrong body
  void PUT('/api/workers/{id}/insurance', { params: { path: { id } }, body: { items: 'none' } });
  // @ts-expect-error a missing required body
  void POST('/api/workers/{id}/merge', { params: { path: { id } } });
  // The answer is the contract's: a field the server does not send is an error.
  void GET('/api/workers/{id}', { params: { path: { id } } }).then((w) => {
    const name: string = w.name;
    // @ts-expect-error not in the contract
    void w.notAField;
    return name;
  });
}
