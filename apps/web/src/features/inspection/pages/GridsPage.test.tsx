import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '../../../test/api';
import { buttonName, fill, renderWithProviders } from '../../../test/render';
import type { Grid, Inspection } from '../api';
import GridsPage from './GridsPage';

const grid: Grid = {
  id: 'g-1',
  name: '华山街道第一网格',
  regionCode: '530102001',
  regionName: '云南省昆明市五华区华山街道',
  inspectors: [{ id: 'u-1', displayName: '张监察' }],
  note: null,
  createdAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-02T02:00:00.000Z',
};
const people = [
  { id: 'u-1', displayName: '张监察', departmentName: '人社局', regionCode: '530102', regionName: '五华区' },
  { id: 'u-2', displayName: '李网格', departmentName: '华山街道', regionCode: '530102001', regionName: '华山街道' },
];
const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

describe('GridsPage (网格管理)', () => {
  it('lists the grids with their inspectors and searches by name', async () => {
    const net = mockApi({ 'GET /api/grids': page([grid]) });
    const { user } = renderWithProviders(<GridsPage />, { permissions: ['rights:read'] });
    expect(await screen.findByText('华山街道第一网格')).toBeInTheDocument();
    expect(screen.getByText('张监察')).toBeInTheDocument();
    expect(screen.getByText('云南省昆明市五华区华山街道')).toBeInTheDocument();
    // A reader manages nothing.
    expect(screen.queryByRole('button', { name: buttonName('划分网格') })).not.toBeInTheDocument();
    expect(screen.queryByText('删除')).not.toBeInTheDocument();
    await user.type(screen.getByPlaceholderText('按网格名称搜索'), '华山');
    await waitFor(() => expect(net.callsTo('GET /api/grids').some((c) => c.query.get('q') === '华山')).toBe(true));
  });

  it('edits a grid: reassigns its inspectors with the user picker; a name taken is refused in Chinese', async () => {
    let saves = 0;
    const net = mockApi({
      'GET /api/grids': page([grid]),
      'GET /api/users/assignable': (call) =>
        people.filter((p) => !call.query.get('q') || p.displayName.includes(call.query.get('q')!)),
      'PUT /api/grids/g-1': () =>
        ++saves === 1
          ? problem(409, { detail: '本区（县）已有名为「华山网格」的网格', code: 'GRID_NAME' })
          : {
              ...grid,
              name: '华山网格',
              inspectors: [people[0], people[1]].map(({ id, displayName }) => ({ id, displayName })),
            },
    });
    const { user } = renderWithProviders(<GridsPage />, { permissions: ['rights:read', 'rights:grids'] });
    await user.click(await screen.findByRole('button', { name: buttonName('编辑') }));
    const dialog = await screen.findByRole('dialog');
    await fill(user, within(dialog).getByLabelText('网格名称'), '华山网格');
    await user.type(within(dialog).getByTestId('grid-inspectors').querySelector('input')!, '李');
    await user.click(await screen.findByTitle('李网格'));
    await user.click(within(dialog).getByRole('button', { name: buttonName('保存') }));
    expect(await screen.findByText('本区（县）已有名为「华山网格」的网格')).toBeInTheDocument();
    expect(net.callsTo('PUT /api/grids/g-1')[0].body).toEqual({
      name: '华山网格',
      regionCode: '530102001',
      inspectorIds: ['u-1', 'u-2'],
      note: null,
    });
    await user.click(within(dialog).getByRole('button', { name: buttonName('保存') }));
    expect(await screen.findByText('已保存网格「华山网格」')).toBeInTheDocument();
  });

  it('reports a clue found on the grid as a complaint (网格员报告) in the grid’s area', async () => {
    const net = mockApi({
      'GET /api/grids': page([grid]),
      'POST /api/grids/g-1/reports': () => json({ id: 'c-9', receiptNo: '530102-20260302-K7M3Q9' }, 201),
    });
    const { user } = renderWithProviders(<GridsPage />, { permissions: ['rights:read', 'rights:handle'] });
    await user.click(await screen.findByRole('button', { name: buttonName('上报线索') }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('上报线索 · 华山街道第一网格')).toBeInTheDocument();
    await fill(user, within(dialog).getByLabelText('反映人姓名'), '王五');
    await fill(user, within(dialog).getByLabelText('联系电话'), '13612345678');
    await fill(user, within(dialog).getByLabelText('涉及单位'), '华山某餐饮公司');
    await fill(user, within(dialog).getByLabelText('涉及金额（元）'), '3000');
    await fill(user, within(dialog).getByLabelText('线索内容'), '巡查发现拖欠两个月工资');
    await user.click(within(dialog).getByRole('button', { name: buttonName('上报') }));
    expect(await screen.findByText('线索已登记为投诉举报，回执号 530102-20260302-K7M3Q9')).toBeInTheDocument();
    expect(net.callsTo('POST /api/grids/g-1/reports')[0].body).toEqual({
      regionCode: '530102001',
      complainantName: '王五',
      phone: '13612345678',
      employerName: '华山某餐饮公司',
      claims: [{ kind: 'wages', amountFen: 300_000, description: '' }],
      summary: '巡查发现拖欠两个月工资',
    });
    // Without grid management, no editing.
    expect(screen.queryByRole('button', { name: buttonName('编辑') })).not.toBeInTheDocument();
  });

  it('deletes a grid after confirmation only', async () => {
    const net = mockApi({ 'GET /api/grids': page([grid]), 'DELETE /api/grids/g-1': null });
    const { user } = renderWithProviders(<GridsPage />, { permissions: ['rights:read', 'rights:grids'] });
    await user.click(await screen.findByRole('button', { name: buttonName('删除') }));
    expect(await screen.findByText('删除网格「华山街道第一网格」？')).toBeInTheDocument();
    expect(net.callsTo('DELETE /api/grids/g-1')).toHaveLength(0);
    const confirm = screen.getAllByRole('button', { name: buttonName('删除') }).at(-1)!;
    await user.click(confirm);
    await waitFor(() => expect(net.callsTo('DELETE /api/grids/g-1')).toHaveLength(1));
    expect(await screen.findByText('已删除网格「华山街道第一网格」')).toBeInTheDocument();
  });

  it('shows patrols, campaigns and written reviews, filters by kind, and completes one', async () => {
    const review: Inspection = {
      id: 'i-1',
      kind: 'review',
      kindName: '书面审查',
      title: '2026 年度书面审查',
      gridId: null,
      gridName: null,
      regionCode: '530102',
      regionName: '五华区',
      startsOn: '2026-03-02',
      endsOn: null,
      inspectors: [{ id: 'u-1', displayName: '张监察' }],
      employers: [
        { employerId: null, name: '甲建筑公司', submitted: true, findings: null },
        { employerId: null, name: '乙劳务公司', submitted: false, findings: null },
      ],
      submittedCount: 1,
      findings: null,
      status: 'open',
      createdAt: '2026-03-02T02:00:00.000Z',
    };
    const campaign: Inspection = {
      ...review,
      id: 'i-2',
      kind: 'campaign',
      kindName: '专项检查',
      title: '冬季根治欠薪专项行动',
      startsOn: '2026-01-05',
      endsOn: '2026-02-10',
      employers: [],
      submittedCount: 0,
    };
    const net = mockApi({
      'GET /api/grids': page([grid]),
      'GET /api/inspections': (call) =>
        page([review, campaign].filter((a) => !call.query.get('kind') || a.kind === call.query.get('kind'))),
      'PATCH /api/inspections/i-1': () => json({ ...review, status: 'done' }),
    });
    const { user } = renderWithProviders(<GridsPage />, { permissions: ['rights:read', 'rights:handle'] });
    await user.click(await screen.findByRole('tab', { name: '巡查与检查' }));
    expect(await screen.findByText('冬季根治欠薪专项行动')).toBeInTheDocument();
    expect(screen.getByText('2026-01-05 至 2026-02-10')).toBeInTheDocument();
    expect(screen.getByText('已报送 1/2')).toBeInTheDocument();
    await user.click(screen.getByText('书面审查', { selector: '.ant-segmented-item-label' }));
    await waitFor(() => expect(screen.queryByText('冬季根治欠薪专项行动')).not.toBeInTheDocument());
    expect(net.callsTo('GET /api/inspections').at(-1)!.query.get('kind')).toBe('review');
    await user.click(screen.getByRole('button', { name: buttonName('完成') }));
    await waitFor(() => expect(net.callsTo('PATCH /api/inspections/i-1')).toHaveLength(1));
    expect(net.callsTo('PATCH /api/inspections/i-1')[0].body).toEqual({ status: 'done' });
  });
});
