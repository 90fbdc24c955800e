import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { http } from '../api/client';
import { qk } from '../api/endpoints';
import { mockApi, problem } from '../test/api';
import { renderWithProviders } from '../test/render';
import { peekReturnTo } from './returnTo';
import { installAuthHandlers } from './session';

describe('a session lost in the middle of work (401)', () => {
  afterEach(() => {
    sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  it('signs out locally, says so, remembers the page and goes to the sign-in page', async () => {
    mockApi({ 'GET /api/workers': problem(401, { code: 'UNAUTHENTICATED', detail: '未登录或会话已失效' }) });
    window.history.replaceState(null, '', '/workers?q=%E5%BC%A0');
    const navigate = vi.fn();
    const { queryClient } = renderWithProviders(<div />, { permissions: ['workers:read'] });
    queryClient.setQueryData(['workers', 'list', {}], { items: [], total: 0 });
    installAuthHandlers(queryClient, navigate);

    const err = await http.get('/api/workers').catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 401, handledGlobally: true });
    expect(navigate).toHaveBeenCalledWith('/login', { replace: true });
    expect(await screen.findByText('会话已超时，请重新登录')).toBeInTheDocument();
    expect(queryClient.getQueryData(qk.me)).toBeNull();
    expect(queryClient.getQueryData(['workers', 'list', {}])).toBeUndefined();
    expect(peekReturnTo()).toBe('/workers?q=%E5%BC%A0');
  });

  it('says nothing about an expired session to someone who was not signed in', async () => {
    mockApi({ 'GET /api/workers': problem(401, { code: 'UNAUTHENTICATED' }) });
    const navigate = vi.fn();
    const { queryClient } = renderWithProviders(<div />, { permissions: null });
    installAuthHandlers(queryClient, navigate);
    await http.get('/api/workers').catch(() => undefined);
    expect(navigate).toHaveBeenCalledWith('/login', { replace: true });
    // Give a message the time to appear before asserting there is none.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(screen.queryByText('会话已超时，请重新登录')).not.toBeInTheDocument();
    expect(peekReturnTo()).toBe('/');
  });
});
