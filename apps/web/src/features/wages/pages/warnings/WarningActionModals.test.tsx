import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { WarningDetail } from '../../api';
import { mockApi, problem } from '../../../../test/api';
import { buttonName, fieldErrors, fill, renderWithProviders } from '../../../../test/render';
import { ActWarningModal, AssignWarningModal, CloseWarningModal } from './WarningActionModals';

const warning: WarningDetail = {
  id: 'wr-1',
  seq: 42,
  rule: 'wage_unpaid',
  ruleName: '工资未按月足额支付',
  ruleDescription: '当月工资未按时足额支付',
  projectId: 'p-1',
  projectCode: 'XM-2025-001',
  projectName: '官渡区安置房项目',
  regionCode: '530111',
  regionName: '官渡区',
  month: '2025-03-01',
  level: 'red',
  status: 'open',
  summary: '3 月工资未发放',
  workersAffected: 12,
  amountFen: 3_600_000,
  assigneeName: null,
  departmentCode: null,
  departmentName: null,
  dueOn: '2025-04-30',
  overdue: false,
  escalation: 0,
  firstDetectedAt: '2025-04-01T00:00:00Z',
  lastDetectedAt: '2025-04-01T00:00:00Z',
  clearedAt: null,
  closedAt: null,
  result: null,
  detail: {},
  workers: [],
  actions: [],
};

const departments = [
  { id: 'd1', code: 'RSJ', name: '官渡区人力资源和社会保障局', shortName: '区人社局', active: true },
  { id: 'd2', code: 'ZJJ', name: '官渡区住房和城乡建设局', shortName: null, active: true },
  { id: 'd3', code: 'OLD', name: '已撤销的部门', shortName: null, active: false },
];
const assignees = [
  { id: 'u-2', username: 'lisi', displayName: '李四', departmentName: '区人社局', regionCode: '530111' },
  { id: 'u-3', username: 'wangwu', displayName: '王五', departmentName: null, regionCode: '5301' },
];

describe('AssignWarningModal', () => {
  it('wants a department or a person, then sends both with the note', async () => {
    const net = mockApi({
      'GET /api/departments': departments,
      'GET /api/warnings/wr-1/assignees': assignees,
      'POST /api/warnings/wr-1/assign': warning,
    });
    const onClose = vi.fn();
    const { user } = renderWithProviders(<AssignWarningModal warning={warning} open onClose={onClose} />, {
      permissions: ['warnings:handle', 'departments:read'],
    });
    expect(screen.getByText('分派预警 #42')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: buttonName('分派') }));
    await waitFor(() =>
      expect(fieldErrors()).toEqual(['请至少选择承办部门或承办人之一', '请至少选择承办部门或承办人之一']),
    );

    await user.click(screen.getByLabelText('承办部门'));
    // Inactive departments are not offered.
    expect(screen.queryByTitle('已撤销的部门')).not.toBeInTheDocument();
    await user.click(await screen.findByTitle('官渡区人力资源和社会保障局（区人社局）'));
    await waitFor(() => expect(fieldErrors()).toEqual([]));

    await user.click(screen.getByLabelText('承办人'));
    await user.click(await screen.findByTitle('李四（lisi）'));
    await fill(user, screen.getByLabelText('交办意见'), '  请于 3 日内核实  ');
    expect(net.callsTo('POST /api/warnings/wr-1/assign')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: buttonName('分派') }));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(net.callsTo('POST /api/warnings/wr-1/assign').map((c) => c.body)).toEqual([
      { departmentCode: 'RSJ', assigneeId: 'u-2', note: '请于 3 日内核实' },
    ]);
    expect(await screen.findByText('预警已分派')).toBeInTheDocument();
  });

  it('takes a department code by hand without departments:read', async () => {
    const net = mockApi({ 'POST /api/warnings/wr-1/assign': warning });
    const onClose = vi.fn();
    const { user } = renderWithProviders(<AssignWarningModal warning={warning} open onClose={onClose} />, {
      permissions: ['warnings:handle'],
    });
    expect(screen.getByText('无权查看部门列表，可直接输入部门编码')).toBeInTheDocument();
    await fill(user, screen.getByPlaceholderText('部门编码'), ' ZJJ ');
    await user.click(screen.getByRole('button', { name: buttonName('分派') }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(net.callsTo('POST /api/warnings/wr-1/assign')[0].body).toEqual({ departmentCode: 'ZJJ' });
    expect(net.callsTo('GET /api/departments')).toHaveLength(0);
  });
});

describe('ActWarningModal', () => {
  it('requires a real account of what was done and records it', async () => {
    const net = mockApi({ 'POST /api/warnings/wr-1/act': warning });
    const onClose = vi.fn();
    const { user } = renderWithProviders(<ActWarningModal warning={warning} open onClose={onClose} />);
    const ok = screen.getByRole('button', { name: buttonName('保存') });
    await user.click(ok);
    await waitFor(() => expect(fieldErrors()).toEqual(['请填写处置情况']));
    await fill(user, screen.getByLabelText('处置情况'), '好');
    await waitFor(() => expect(fieldErrors()).toEqual(['请具体填写处置情况']));
    expect(net.calls).toHaveLength(0);

    await fill(user, screen.getByLabelText('处置情况'), '已约谈总包单位劳资专管员 ');
    await user.click(ok);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(net.callsTo('POST /api/warnings/wr-1/act').map((c) => c.body)).toEqual([
      { note: '已约谈总包单位劳资专管员' },
    ]);
    expect(await screen.findByText('处置情况已记录')).toBeInTheDocument();
  });
});

describe('CloseWarningModal', () => {
  it('warns about an unhandled warning and closes it only after confirmation', async () => {
    const net = mockApi({ 'POST /api/warnings/wr-1/close': { ...warning, status: 'closed' } });
    const onClose = vi.fn();
    const { user } = renderWithProviders(<CloseWarningModal warning={warning} open onClose={onClose} />);
    expect(screen.getByText('该预警尚未分派或处置，请确认确已核实处理。')).toBeInTheDocument();

    const result = screen.getByLabelText('办结结果');
    await fill(user, result, '已发');
    await user.click(screen.getByRole('button', { name: buttonName('办结') }));
    await waitFor(() => expect(fieldErrors()).toEqual(['请具体说明办结结果（至少 4 个字）']));

    await fill(user, result, '经核查，3 月工资已足额代发');
    await user.click(screen.getByRole('button', { name: buttonName('办结') }));
    const confirmText = /办结后该预警不能再分派或记录处置/;
    expect(await screen.findByText(confirmText)).toBeInTheDocument();
    expect(net.calls).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: buttonName('再想想') }));
    await waitFor(() => expect(screen.queryByText(confirmText)).not.toBeInTheDocument());
    expect(net.calls).toHaveLength(0);
    expect(onClose).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: buttonName('办结') }));
    await user.click(await screen.findByRole('button', { name: buttonName('确认办结') }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(net.callsTo('POST /api/warnings/wr-1/close').map((c) => c.body)).toEqual([
      { result: '经核查，3 月工资已足额代发' },
    ]);
    expect(await screen.findByText('预警已办结')).toBeInTheDocument();
  });

  it('keeps the dialog open and says why when the server refuses', async () => {
    mockApi({
      'POST /api/warnings/wr-1/close': problem(409, { code: 'CONFLICT', detail: '预警已被他人办结，请刷新' }),
    });
    const onClose = vi.fn();
    const { user } = renderWithProviders(
      <CloseWarningModal warning={{ ...warning, status: 'in_progress' }} open onClose={onClose} />,
    );
    expect(screen.queryByText('该预警尚未分派或处置，请确认确已核实处理。')).not.toBeInTheDocument();
    await fill(user, screen.getByLabelText('办结结果'), '经核查，工资已足额代发');
    await user.click(screen.getByRole('button', { name: buttonName('办结') }));
    await user.click(await screen.findByRole('button', { name: buttonName('确认办结') }));
    expect(await screen.findByText('预警已被他人办结，请刷新')).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByText('办结预警 #42')).toBeInTheDocument();
  });
});
