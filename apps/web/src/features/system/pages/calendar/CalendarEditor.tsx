import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Empty, Flex, Input, Select, Space, Switch, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { putCalendar, reprojectionKey, systemKeys } from '../../api';
import type { CalendarDay, CalendarDayKind, CalendarYear } from '../../../../api/types';
import { showApiError } from '../../../../components/feedback';
import { dayjs, weekdayOf } from '../../../../components/time';

interface Row {
  key: number;
  date: Dayjs | null;
  kind: CalendarDayKind;
  name: string;
}

let nextKey = 1;
const toRows = (days: CalendarDay[]): Row[] =>
  [...days]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((d) => ({ key: nextKey++, date: dayjs(d.date, 'YYYY-MM-DD'), kind: d.kind, name: d.name }));

function validate(rows: Row[], year: number): string | null {
  const seen = new Set<string>();
  for (const [i, r] of rows.entries()) {
    const n = i + 1;
    if (!r.date) return `第 ${n} 行未选择日期`;
    if (r.date.year() !== year) return `第 ${n} 行的日期不在 ${year} 年内`;
    const key = r.date.format('YYYY-MM-DD');
    if (seen.has(key)) return `日期 ${key} 重复登记`;
    seen.add(key);
    if (!r.name.trim()) return `第 ${n} 行未填写名称`;
  }
  return null;
}

/** Editable list of the year's holidays / adjusted working days (PUT /api/calendar/:year). */
export function CalendarEditor({ calendar }: { calendar: CalendarYear }) {
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [rows, setRows] = useState<Row[]>(() => toRows(calendar.days));
  const [provisional, setProvisional] = useState(calendar.provisional);
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setRows(toRows(calendar.days));
    setProvisional(calendar.provisional);
    setDirty(false);
    setProblem(null);
  }, [calendar]);

  const update = (key: number, patch: Partial<Row>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setDirty(true);
  };

  const save = useMutation({
    mutationFn: () =>
      putCalendar(calendar.year, {
        provisional,
        days: rows
          .map((r) => ({ date: (r.date as Dayjs).format('YYYY-MM-DD'), kind: r.kind, name: r.name.trim() }))
          .sort((a, b) => a.date.localeCompare(b.date)),
      }),
    onSuccess: (res) => {
      qc.setQueryData(systemKeys.calendar(calendar.year), res);
      // The edit queued the re-projection of the running clocks: show its progress.
      void qc.invalidateQueries({ queryKey: reprojectionKey });
      message.success(`${calendar.year} 年工作日历已保存`);
    },
    onError: (err) => showApiError(err),
  });

  const onSave = () => {
    const err = validate(rows, calendar.year);
    setProblem(err);
    if (err) return;
    modal.confirm({
      title: '保存工作日历',
      content: `将以当前列表覆盖 ${calendar.year} 年的节假日及调休安排（共 ${rows.length} 天），期限计算将立即按新安排执行。确认保存？`,
      okText: '保存',
      cancelText: '取消',
      onOk: () => save.mutateAsync().catch(() => undefined),
    });
  };

  const minDate = dayjs(`${calendar.year}-01-01`);
  const maxDate = dayjs(`${calendar.year}-12-31`);

  return (
    <Space direction="vertical" size={12} style={{ display: 'flex' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space>
          <Typography.Text>暂定安排：</Typography.Text>
          <Switch
            checked={provisional}
            onChange={(v) => {
              setProvisional(v);
              setDirty(true);
            }}
            checkedChildren="暂定"
            unCheckedChildren="正式"
          />
        </Space>
        <Space>
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              setRows((rs) => [...rs, { key: nextKey++, date: null, kind: 'holiday', name: '' }]);
              setDirty(true);
            }}
          >
            添加日期
          </Button>
          <Button
            disabled={!dirty}
            onClick={() => {
              setRows(toRows(calendar.days));
              setProvisional(calendar.provisional);
              setDirty(false);
              setProblem(null);
            }}
          >
            撤销修改
          </Button>
          <Button type="primary" onClick={onSave} loading={save.isPending} disabled={!dirty}>
            保存
          </Button>
        </Space>
      </Flex>
      {problem && <Alert type="error" showIcon message={problem} />}
      <Table<Row>
        rowKey="key"
        size="small"
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description="暂无登记，点击“添加日期”开始录入" /> }}
        columns={[
          {
            title: '日期',
            dataIndex: 'date',
            width: 190,
            render: (d: Dayjs | null, r) => (
              <DatePicker
                value={d}
                minDate={minDate}
                maxDate={maxDate}
                defaultPickerValue={minDate}
                allowClear={false}
                onChange={(v) => update(r.key, { date: v })}
                status={!d ? 'error' : undefined}
              />
            ),
          },
          {
            title: '星期',
            key: 'weekday',
            width: 80,
            render: (_, r) => (r.date ? weekdayOf(r.date.format('YYYY-MM-DD')) : '—'),
          },
          {
            title: '类型',
            dataIndex: 'kind',
            width: 150,
            render: (k: CalendarDayKind, r) => (
              <Select<CalendarDayKind>
                value={k}
                style={{ width: 130 }}
                onChange={(v) => update(r.key, { kind: v })}
                options={[
                  { value: 'holiday', label: '休（放假）' },
                  { value: 'workday', label: '班（调休上班）' },
                ]}
              />
            ),
          },
          {
            title: '名称',
            dataIndex: 'name',
            render: (name: string, r) => (
              <Input
                value={name}
                maxLength={30}
                placeholder="如 春节"
                onChange={(e) => update(r.key, { name: e.target.value })}
                status={!name.trim() ? 'error' : undefined}
              />
            ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 70,
            render: (_, r) => (
              <Button
                type="text"
                danger
                aria-label="移除"
                icon={<DeleteOutlined />}
                onClick={() => {
                  setRows((rs) => rs.filter((x) => x.key !== r.key));
                  setDirty(true);
                }}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}
