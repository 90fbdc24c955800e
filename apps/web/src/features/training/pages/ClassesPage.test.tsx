import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../../test/api';
import { currentLocation, renderWithProviders } from '../../../test/render';
import ClassesPage from './ClassesPage';
import { trainingClass } from './fixtures';

describe('ClassesPage', () => {
  it('lists the classes with occupation, dates and seats, and opens one', async () => {
    mockApi({ 'GET /api/training/classes': { items: [trainingClass], total: 1, page: 1, pageSize: 20 } });
    const { user } = renderWithProviders(<ClassesPage />, { permissions: ['training:read', 'training:handle'] });
    expect(await screen.findByText('焊工就业技能培训班')).toBeInTheDocument();
    expect(screen.getByText('2026-03-10 至 2026-03-31')).toBeInTheDocument();
    expect(screen.getByText('2 / 30')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /开\s*班/ })).toBeInTheDocument();
    await user.click(screen.getByText('焊工就业技能培训班'));
    expect(currentLocation()).toBe('/training/classes/c-1');
  });
});
