import { useMutation, useQuery } from '@tanstack/react-query';
import { monthLabel, parseYuan } from '@mwsp/domain';
import {
  Alert,
  App,
  Checkbox,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { AttendanceItem, ManualPayrollInput, PayrollMonthSummary, ProjectDto } from '../../../api';
import { createManualPayroll, getAttendance, wqk } from '../../../api';
import { isApiError } from '../../../../../api/client';
import { errorText, showApiError } from '../../../../../components/feedback';
import { dayjs } from '../../../../../components/time';
import { MonthPicker, useInvalidateProject, ymd } from './common';
import { formatFen } from '../../../../../components/money';

interface Row {
  include: boolean;
  days: number;
  payable: string;
  deductions: string;
  confirmed: boolean;
}

type RowErrors = Record<string, string>;

/**
 * 手工录入工资表: POST /api/projects/:id/payrolls/manual for one month, prefilled with the month's
 * attendance. Lines become part of the permanent ledger.
 */
export function ManualPayrollModal({
  project,
  open,
  onClose,
  existing,
}: {
  project: ProjectDto;
  open: boolean;
  onClose: () => void;
  existing: PayrollMonthSummary[];
}) {
  const { message, modal } = App.useApp();
  const invalidate = useInvalidateProject(project.id);
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month').startOf('month'));
  const [teamId, setTeamId] = useState<string | undefined>();
  const [payDate, setPayDate] = useState<Dayjs | null>(null);
  const [rows, setRows] = useState<Record<string, Row>>({});
  const [errors, setErrors] = useState<RowErrors>({});
  const [onlyAttendees, setOnlyAttendees] = useState(true);
  const m = month.format('YYYY-MM');

  const sheet = useQuery({
    queryKey: wqk.attendance(project.id, m),
    queryFn: ({ signal }) => getAttendance(project.id, m, signal),
    enabled: open,
  });

  useEffect(() => {
    if (!open) return;
    setErrors({});
    const next: Record<string, Row> = {};
    for (const i of sheet.data?.items ?? []) {
      next[i.projectWorkerId] = {
        include: (i.days ?? 0) > 0,
        days: i.days ?? 0,
        payable: '',
        deductions: '0',
        confirmed: false,
      };
    }
    setRows(next);
  }, [open, sheet.data]);

  useEffect(() => {
    if (open) {
      setTeamId(undefined);
      setPayDate(null);
      setOnlyAttendees(true);
    }
  }, [open]);

  const items = useMemo(
    () =>
      (sheet.data?.items ?? []).filter((i) => !onlyAttendees || (i.days ?? 0) > 0 || rows[i.projectWorkerId]?.include),
    [sheet.data, onlyAttendees, rows],
  );
  const set = (id: string, patch: Partial<Row>) => setRows((cur) => ({ ...cur, [id]: { ...cur[id], ...patch } }));

  const fen = (v: string) => parseYuan(v ?? '');
  const included = Object.entries(rows).filter(([, r]) => r.include);
  const totals = included.reduce(
    (t, [, r]) => {
      const p = fen(r.payable);
      const d = fen(r.deductions || '0');
      return p.ok && d.ok ? { payable: t.payable + p.fen, deductions: t.deductions + d.fen } : t;
    },
    { payable: 0, deductions: 0 },
  );
  const hasLedger = existing.some((s) => s.month.slice(0, 7) === m && s.lines > 0);

  const save = useMutation({
    mutationFn: (body: ManualPayrollInput) => createManualPayroll(project.id, body),
    onSuccess: (res) => {
      message.success(`已记入 ${monthLabel(m)} 工资支付台账${res?.lines ? ` ${res.lines} 条` : ''}`);
      invalidate();
      onClose();
    },
    onError: (err, body) => {
      // Per-row errors come back as lines.<index>.<field>: show them on the rows.
      if (isApiError(err) && err.errors.some((e) => e.path?.startsWith('lines.'))) {
        const rowErrs: RowErrors = {};
        for (const e of err.errors) {
          const m = /^lines\.(\d+)\./.exec(e.path ?? '');
          const line = m ? body.lines[Number(m[1])] : undefined;
          if (line)
            rowErrs[line.projectWorkerId] = rowErrs[line.projectWorkerId]
              ? `${rowErrs[line.projectWorkerId]}；${e.message}`
              : e.message;
        }
        setErrors(rowErrs);
      }
      showApiError(err);
    },
  });

  const submit = () => {
    const errs: RowErrors = {};
    const lines: ManualPayrollInput['lines'] = [];
    for (const [id, r] of included) {
      const p = fen(r.payable);
      const d = fen(r.deductions || '0');
      if (!p.ok) errs[id] = `应发：${p.message}`;
      else if (!d.ok) errs[id] = `扣款：${d.message}`;
      else if (d.fen > p.fen) errs[id] = '扣款不能大于应发';
      else if (r.days < 0 || r.days > month.daysInMonth()) errs[id] = `出勤天数应在 0–${month.daysInMonth()} 之间`;
      else
        lines.push({
          projectWorkerId: id,
          days: r.days,
          payableFen: p.fen,
          deductionsFen: d.fen,
          netFen: p.fen - d.fen,
          payDate: ymd(payDate),
          confirmed: r.confirmed,
        });
    }
    setErrors(errs);
    if (Object.keys(errs).length > 0) {
      message.error(`有 ${Object.keys(errs).length} 人的数据有误，请按提示修改`);
      return;
    }
    if (lines.length === 0) {
      message.error('请至少勾选一名人员并填写应发工资');
      return;
    }
    modal.confirm({
      title: `确认将 ${lines.length} 人的 ${monthLabel(m)} 工资记入台账？`,
      content:
        `应发合计 ${formatFen(totals.payable)} 元，实发合计 ${formatFen(totals.payable - totals.deductions)} 元。` +
        '记入后不能删除或修改，只能录入更正分录。',
      okText: '确认记入',
      cancelText: '再检查一下',
      onOk: () => save.mutateAsync({ month: m, teamId, lines }).catch(() => undefined),
    });
  };

  const columns: TableColumnsType<AttendanceItem> = [
    {
      title: '',
      key: 'include',
      width: 40,
      render: (_, i) => (
        <Checkbox
          checked={!!rows[i.projectWorkerId]?.include}
          onChange={(e) => set(i.projectWorkerId, { include: e.target.checked })}
        />
      ),
    },
    { title: '姓名', dataIndex: 'name', width: 100 },
    {
      title: '身份证号',
      dataIndex: 'idMasked',
      width: 180,
      render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
    },
    {
      title: '出勤天数',
      key: 'days',
      width: 100,
      render: (_, i) => (
        <InputNumber
          size="small"
          min={0}
          max={month.daysInMonth()}
          precision={0}
          value={rows[i.projectWorkerId]?.days ?? 0}
          disabled={!rows[i.projectWorkerId]?.include}
          onChange={(v) => set(i.projectWorkerId, { days: typeof v === 'number' ? v : 0 })}
          style={{ width: 80 }}
        />
      ),
    },
    {
      title: '应发（元）',
      key: 'payable',
      width: 130,
      render: (_, i) => (
        <Input
          size="small"
          inputMode="decimal"
          value={rows[i.projectWorkerId]?.payable ?? ''}
          disabled={!rows[i.projectWorkerId]?.include}
          status={errors[i.projectWorkerId] ? 'error' : undefined}
          onChange={(e) => set(i.projectWorkerId, { payable: e.target.value })}
          placeholder="0.00"
        />
      ),
    },
    {
      title: '扣款（元）',
      key: 'deductions',
      width: 120,
      render: (_, i) => (
        <Input
          size="small"
          inputMode="decimal"
          value={rows[i.projectWorkerId]?.deductions ?? ''}
          disabled={!rows[i.projectWorkerId]?.include}
          onChange={(e) => set(i.projectWorkerId, { deductions: e.target.value })}
        />
      ),
    },
    {
      title: '实发（元）',
      key: 'net',
      width: 110,
      align: 'right',
      render: (_, i) => {
        const r = rows[i.projectWorkerId];
        if (!r?.include) return '—';
        const p = fen(r.payable);
        const d = fen(r.deductions || '0');
        return p.ok && d.ok ? formatFen(p.fen - d.fen) : '—';
      },
    },
    {
      title: '本人确认',
      key: 'confirmed',
      width: 90,
      render: (_, i) => (
        <Switch
          size="small"
          checked={!!rows[i.projectWorkerId]?.confirmed}
          disabled={!rows[i.projectWorkerId]?.include}
          onChange={(v) => set(i.projectWorkerId, { confirmed: v })}
        />
      ),
    },
    {
      title: '',
      key: 'error',
      render: (_, i) =>
        errors[i.projectWorkerId] ? <Typography.Text type="danger">{errors[i.projectWorkerId]}</Typography.Text> : null,
    },
  ];

  return (
    <Modal
      open={open}
      title="手工录入工资表"
      onCancel={onClose}
      onOk={submit}
      okText="记入台账"
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
      width={1100}
    >
      <Space direction="vertical" size={12} style={{ display: 'flex' }} data-testid="manual-payroll">
        <Alert
          type="warning"
          showIcon
          message="记入工资支付台账后不能删除或修改，如有差错只能录入更正分录。建议优先使用“上传工资表”。"
        />
        <Form layout="inline">
          <Form.Item label="工资月份" required>
            <MonthPicker
              value={month}
              onChange={(d) => d && setMonth((d as Dayjs).startOf('month'))}
              disabledDate={(d) => d.isAfter(dayjs(), 'month') || d.isBefore(dayjs(project.startDate), 'month')}
            />
          </Form.Item>
          <Form.Item label="班组">
            <Select
              allowClear
              placeholder="全项目"
              value={teamId}
              onChange={setTeamId}
              options={project.teams.map((t) => ({ value: t.id, label: t.name }))}
              style={{ width: 160 }}
            />
          </Form.Item>
          <Form.Item label="发放日期">
            <DatePicker
              value={payDate}
              onChange={setPayDate}
              placeholder="选填"
              disabledDate={(d) => d.isBefore(month, 'day') || d.isAfter(dayjs(), 'day')}
            />
          </Form.Item>
          <Form.Item>
            <Checkbox checked={onlyAttendees} onChange={(e) => setOnlyAttendees(e.target.checked)}>
              只显示当月出勤人员
            </Checkbox>
          </Form.Item>
        </Form>
        {hasLedger && (
          <Alert
            type="info"
            showIcon
            message={`${monthLabel(m)}已有台账记录；同一人同一月份只能有一条原始记录，已有记录的人员请使用更正分录。`}
          />
        )}
        {sheet.isError && (
          <Alert type="error" showIcon message="无法加载当月考勤" description={errorText(sheet.error)} />
        )}
        <Table<AttendanceItem>
          rowKey="projectWorkerId"
          size="small"
          columns={columns}
          dataSource={items}
          loading={sheet.isFetching}
          pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ y: 420 }}
          locale={{ emptyText: <Empty description={`${monthLabel(m)}没有考勤记录，请先登记考勤`} /> }}
        />
        <Typography.Text>
          已选 {included.length} 人，应发合计 {formatFen(totals.payable)} 元，扣款合计 {formatFen(totals.deductions)}{' '}
          元，实发合计 {formatFen(totals.payable - totals.deductions)} 元
        </Typography.Text>
      </Space>
    </Modal>
  );
}
