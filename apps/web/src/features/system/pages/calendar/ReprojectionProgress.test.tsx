import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../../../test/api';
import { renderWithProviders } from '../../../../test/render';
import { ReprojectionProgress } from './ReprojectionProgress';

const job = {
  id: 3,
  reason: '工作日历修改（2026 年）',
  requestedAt: '2026-03-02T02:00:00.000Z',
  startedAt: '2026-03-02T02:00:01.000Z',
  finishedAt: null,
  total: 200,
  done: 50,
  changed: 40,
  missingYears: [],
};

describe('ReprojectionProgress', () => {
  it('shows the progress of a running re-projection, polling until it is done', async () => {
    let calls = 0;
    mockApi({
      'GET /api/cases/reprojection': () =>
        ++calls === 1
          ? { job: { ...job, status: 'running' } }
          : { job: { ...job, status: 'done', done: 200, changed: 150, finishedAt: '2026-03-02T02:00:09.000Z' } },
    });
    renderWithProviders(<ReprojectionProgress />, { permissions: ['calendar:write'] });
    const running = await screen.findByTestId('reprojection-progress');
    expect(running).toHaveTextContent('已推算 50 / 200 个时限，到期日变化 40 个');
    expect(running).toHaveTextContent('25%');
    expect(await screen.findByTestId('reprojection-done', {}, { timeout: 8_000 })).toHaveTextContent(
      '共 200 个，到期日变化 150 个',
    );
  });

  it('shows nothing before the first calendar edit', async () => {
    const net = mockApi({ 'GET /api/cases/reprojection': { job: null } });
    renderWithProviders(<ReprojectionProgress />, { permissions: ['calendar:write'] });
    await new Promise((r) => setTimeout(r, 200));
    expect(net.callsTo('GET /api/cases/reprojection')).toHaveLength(1);
    expect(screen.queryByTestId('reprojection-progress')).toBeNull();
  });
});
