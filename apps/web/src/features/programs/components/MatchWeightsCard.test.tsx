import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_WEIGHTS, MATCH_FEATURE_LABELS } from '@mwsp/domain';
import { mockApi, problem } from '../../../test/api';
import { buttonName, renderWithProviders } from '../../../test/render';
import { MatchWeightsCard } from './MatchWeightsCard';

const answer = (over: object = {}) => ({
  campaignId: 'c-1',
  weights: DEFAULT_MATCH_WEIGHTS,
  defaults: DEFAULT_MATCH_WEIGHTS,
  custom: false,
  labels: MATCH_FEATURE_LABELS,
  ...over,
});

describe('人岗匹配权重', () => {
  it('shows each feature with its Chinese label, saves the campaign’s weights and resets them', async () => {
    const api = mockApi({
      'GET /api/campaigns/c-1/match-weights': answer(),
      'PUT /api/campaigns/c-1/match-weights': answer({
        custom: true,
        weights: { ...DEFAULT_MATCH_WEIGHTS, distance: 5 },
      }),
      'DELETE /api/campaigns/c-1/match-weights': answer(),
    });
    const { user } = renderWithProviders(<MatchWeightsCard campaignId="c-1" />, {
      permissions: ['employment:read', 'employment:handle'],
    });
    expect(await screen.findByText('默认权重')).toBeInTheDocument();
    expect(screen.getByText('默认 2')).toBeInTheDocument();
    expect(screen.getByLabelText('工种相似度')).toHaveValue('4.0');
    const distance = screen.getByLabelText('距离');
    expect(distance).toHaveValue('2.0');
    await user.clear(distance);
    await user.type(distance, '5');
    await user.click(screen.getByRole('button', { name: buttonName('保存权重') }));
    await waitFor(() => expect(api.callsTo('PUT /api/campaigns/c-1/match-weights')).toHaveLength(1));
    const body = api.callsTo('PUT /api/campaigns/c-1/match-weights')[0].body as { weights: Record<string, number> };
    expect(body.weights).toEqual({ ...DEFAULT_MATCH_WEIGHTS, distance: 5 });

    api.on({ 'GET /api/campaigns/c-1/match-weights': answer({ custom: true }) });
    await user.click(screen.getByRole('button', { name: buttonName('保存权重') }));
    expect(await screen.findByText('本活动单独设置')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: buttonName('恢复默认') }));
    await waitFor(() => expect(api.callsTo('DELETE /api/campaigns/c-1/match-weights')).toHaveLength(1));
  });

  it('shows the server’s refusal below the city level, and a read-only form to readers', async () => {
    mockApi({
      'GET /api/campaigns/c-1/match-weights': answer(),
      'PUT /api/campaigns/c-1/match-weights': () =>
        problem(403, { detail: '匹配权重影响全市的人岗匹配结果，只能由市级就业服务部门调整' }),
    });
    const { user, unmount } = renderWithProviders(<MatchWeightsCard campaignId="c-1" />, {
      permissions: ['employment:read', 'employment:handle'],
    });
    await screen.findByText('默认 2');
    await user.click(screen.getByRole('button', { name: buttonName('保存权重') }));
    expect(await screen.findByText(/只能由市级就业服务部门调整/)).toBeInTheDocument();
    unmount();

    renderWithProviders(<MatchWeightsCard campaignId="c-1" />, { permissions: ['employment:read'] });
    await screen.findByText('默认 2');
    expect(screen.getByLabelText('距离')).toBeDisabled();
    expect(screen.queryByRole('button', { name: buttonName('保存权重') })).toBeNull();
  });
});
