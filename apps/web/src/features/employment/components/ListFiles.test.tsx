import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../../test/api';
import { buttonName, renderWithProviders } from '../../../test/render';
import JobsPage from '../pages/jobs/JobsPage';
import ReferralsPage from '../pages/referrals/ReferralsPage';
import SeekersPage from '../pages/seekers/SeekersPage';

const xlsxResponse = () =>
  new Response(new Blob(['xlsx']), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': "attachment; filename*=UTF-8''export.xlsx",
    },
  });

const importJob = (over: Record<string, unknown>) => ({
  id: 'imp-1',
  kind: 'employment_jobs',
  kindTitle: '岗位信息',
  filename: '岗位.xlsx',
  status: 'queued',
  totalRows: null,
  processedRows: 0,
  okRows: 0,
  errorRows: 0,
  createdRows: 0,
  updatedRows: 0,
  unchangedRows: 0,
  message: null,
  createdAt: '2026-03-02T02:00:00Z',
  createdByName: '张三',
  encoding: null,
  format: 'xlsx',
  startedAt: null,
  finishedAt: null,
  retryable: false,
  ...over,
});

const empty = { items: [], total: 0, page: 1, pageSize: 20 };

describe('就业服务 list files', () => {
  it('岗位信息: downloads the template, imports a workbook with its row errors, exports under the filters', async () => {
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const api = mockApi({
      'GET /api/jobs': empty,
      'GET /api/imports/templates/employment_jobs': xlsxResponse,
      'GET /api/jobs/export': xlsxResponse,
      'POST /api/imports': importJob({}),
      'GET /api/imports/imp-1': importJob({
        status: 'done',
        totalRows: 3,
        processedRows: 3,
        okRows: 2,
        createdRows: 2,
        errorRows: 1,
      }),
      'GET /api/imports/imp-1/errors': {
        items: [
          {
            rowNo: 4,
            summary: '',
            errors: [
              { column: 'wageMin', header: '月工资下限（元）', message: '工资范围颠倒：下限 6000 元高于上限 5000 元' },
            ],
          },
        ],
        total: 1,
        errorRows: 1,
        page: 1,
        pageSize: 10,
      },
    });
    const { user } = renderWithProviders(<JobsPage />, {
      permissions: ['employment:read', 'employment:handle'],
      route: '/jobs?status=open',
    });
    await user.click(await screen.findByRole('button', { name: buttonName('下载模板') }));
    await waitFor(() => expect(api.callsTo('GET /api/imports/templates/employment_jobs')).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: buttonName('导出') }));
    await waitFor(() => expect(api.callsTo('GET /api/jobs/export')).toHaveLength(1));
    expect(api.callsTo('GET /api/jobs/export')[0].query.get('status')).toBe('open');
    expect(api.callsTo('GET /api/jobs/export')[0].query.get('page')).toBeNull();

    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    await user.upload(input, new File(['PK'], '岗位.xlsx'));
    await waitFor(() => expect(api.callsTo('POST /api/imports')).toHaveLength(1));
    const form = api.callsTo('POST /api/imports')[0].body as FormData;
    expect(form.get('kind')).toBe('employment_jobs');
    const table = await screen.findByTestId('import-errors-table');
    expect(await within(table).findByText('第 4 行')).toBeInTheDocument();
    expect(within(table).getByText('工资范围颠倒：下限 6000 元高于上限 5000 元')).toBeInTheDocument();
  });

  it('hides the import from readers; 求职登记 and 职业介绍 export their lists', async () => {
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const api = mockApi({
      'GET /api/jobs': empty,
      'GET /api/seekers': empty,
      'GET /api/referrals': empty,
      'GET /api/seekers/export': xlsxResponse,
      'GET /api/referrals/export': xlsxResponse,
    });
    const jobs = renderWithProviders(<JobsPage />, { permissions: ['employment:read'] });
    expect(await screen.findByRole('button', { name: buttonName('导出') })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: buttonName('导入') })).toBeNull();
    expect(screen.queryByRole('button', { name: buttonName('下载模板') })).toBeNull();
    jobs.unmount();

    const seekers = renderWithProviders(<SeekersPage />, { permissions: ['employment:read'] });
    await seekers.user.click(await screen.findByRole('button', { name: buttonName('导出') }));
    await waitFor(() => expect(api.callsTo('GET /api/seekers/export')).toHaveLength(1));
    seekers.unmount();

    const referrals = renderWithProviders(<ReferralsPage />, {
      permissions: ['employment:read'],
      route: '/referrals?tab=fu30',
    });
    await referrals.user.click(await screen.findByRole('button', { name: buttonName('导出') }));
    await waitFor(() => expect(api.callsTo('GET /api/referrals/export')).toHaveLength(1));
    expect(api.callsTo('GET /api/referrals/export')[0].query.get('followUpDue')).toBe('30');
  });
});
