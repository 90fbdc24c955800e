import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi, problem } from '../test/api';
import { api, apiBlob, ApiError, filenameFromDisposition, http, setAuthHandlers } from './client';

describe('filenameFromDisposition', () => {
  it('prefers the RFC 5987 name over the plain one', () => {
    expect(
      filenameFromDisposition(
        `attachment; filename="export.xlsx"; filename*=UTF-8''%E5%8A%A1%E5%B7%A5%E4%BA%BA%E5%91%98_20250102.xlsx`,
      ),
    ).toBe('务工人员_20250102.xlsx');
  });

  it('reads a quoted plain name with escapes, and a percent-encoded one', () => {
    expect(filenameFromDisposition('attachment; filename="a \\"b\\".csv"')).toBe('a "b".csv');
    expect(filenameFromDisposition('attachment; filename=%E5%B7%A5%E8%B5%84.xlsx')).toBe('工资.xlsx');
  });

  it('drops any directory part and answers null when there is no name', () => {
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''C%3A%5Ctmp%5Cx.xlsx")).toBe('x.xlsx');
    expect(filenameFromDisposition('attachment')).toBeNull();
    expect(filenameFromDisposition(null)).toBeNull();
  });

  it('falls back to the plain name when the encoded one is malformed', () => {
    expect(filenameFromDisposition(`attachment; filename*=UTF-8''%E5%ZZ; filename="plain.xlsx"`)).toBe('plain.xlsx');
  });
});

describe('api()', () => {
  afterEach(() => {
    vi.useRealTimers();
    setAuthHandlers({ onUnauthorized: () => undefined, onStageRequired: () => undefined });
  });

  it('sends JSON with the query string, leaving out empty values', async () => {
    const net = mockApi({ 'POST /api/things': { id: 't1' } });
    await expect(http.post('/api/things?x=1', { name: '甲' })).resolves.toEqual({ id: 't1' });
    await api('/api/things', { method: 'POST', query: { a: 1, b: '', c: null, d: undefined, e: false } });
    expect(net.calls[0].body).toEqual({ name: '甲' });
    expect(net.calls[0].query.get('x')).toBe('1');
    expect([...net.calls[1].query.entries()]).toEqual([
      ['a', '1'],
      ['e', 'false'],
    ]);
    const init = net.fetch.mock.calls[0][1] as RequestInit;
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('turns a problem+json answer into an ApiError with its field errors', async () => {
    mockApi({
      'POST /api/workers': problem(422, {
        code: 'VALIDATION',
        detail: '提交的数据有误',
        errors: [{ path: 'idNumber', message: '身份证号码校验位错误' }],
      }),
    });
    const err = await http.post('/api/workers', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(422);
    expect(e.code).toBe('VALIDATION');
    expect(e.detail).toBe('提交的数据有误');
    expect(e.message).toBe('提交的数据有误');
    expect(e.errors).toEqual([{ path: 'idNumber', message: '身份证号码校验位错误' }]);
  });

  it('uses a Chinese fallback text when the answer has no detail', async () => {
    mockApi({
      'GET /api/a': new Response('<html>bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
      'GET /api/b': new Response('', { status: 418 }),
    });
    await expect(http.get('/api/a')).rejects.toMatchObject({ status: 502, detail: '服务暂不可用，请稍后再试' });
    await expect(http.get('/api/b')).rejects.toMatchObject({ status: 418, detail: '请求失败（418）' });
  });

  it('reports a network failure in Chinese', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(http.get('/api/x')).rejects.toMatchObject({
      status: 0,
      code: 'NETWORK_ERROR',
      detail: '无法连接服务器，请检查网络后重试',
    });
  });

  it('gives up after the timeout with 请求超时，请稍后重试', async () => {
    vi.useFakeTimers();
    // A server that never answers: only the abort signal ends the request.
    mockApi({
      'GET /api/slow': (_call, signal) =>
        new Promise<Response>((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason));
        }),
    });
    const pending = api('/api/slow', { timeoutMs: 5_000 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(4_999);
    let settled = false;
    void pending.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const err = (await pending) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('TIMEOUT');
    expect(err.detail).toBe('请求超时，请稍后重试');
  });

  it('hands a lost session (401) to the session handler, once, and marks the error handled', async () => {
    const onUnauthorized = vi.fn();
    const onStageRequired = vi.fn();
    setAuthHandlers({ onUnauthorized, onStageRequired });
    mockApi({
      'GET /api/workers': problem(401, { code: 'UNAUTHENTICATED', detail: '未登录' }),
      'GET /api/secret': problem(403, { code: 'STAGE_REQUIRED', detail: '请先修改密码' }),
    });
    const err = (await http.get('/api/workers').catch((e: unknown) => e)) as ApiError;
    expect(err.isUnauthenticated).toBe(true);
    expect(err.handledGlobally).toBe(true);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(onUnauthorized).toHaveBeenCalledWith(err);

    const stage = (await http.get('/api/secret').catch((e: unknown) => e)) as ApiError;
    expect(stage.handledGlobally).toBe(true);
    expect(onStageRequired).toHaveBeenCalledWith(stage);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('does not treat wrong credentials (401 on a credential check) as a lost session', async () => {
    const onUnauthorized = vi.fn();
    setAuthHandlers({ onUnauthorized, onStageRequired: vi.fn() });
    mockApi({ 'POST /api/auth/password': problem(401, { code: 'BAD_CREDENTIALS', detail: '当前密码错误' }) });
    const err = (await api('/api/auth/password', { method: 'POST', body: {}, credentialCheck: true }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(err.detail).toBe('当前密码错误');
    expect(err.handledGlobally).toBe(false);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('answers undefined for 204 and downloads a file under the server name', async () => {
    mockApi({
      'DELETE /api/x': null,
      'GET /api/file': new Response('a,b', {
        headers: {
          'content-type': 'text/csv',
          'content-disposition': `attachment; filename*=UTF-8''%E6%A8%A1%E6%9D%BF.csv`,
        },
      }),
    });
    await expect(http.delete('/api/x')).resolves.toBeUndefined();
    const file = await apiBlob('/api/file');
    expect(file.filename).toBe('模板.csv');
    expect(await file.blob.text()).toBe('a,b');
  });
});
