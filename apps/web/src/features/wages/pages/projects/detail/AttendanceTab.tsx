import { ReloadOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { monthLabel } from '@mwsp/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  InputNumber,
  Row,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { AttendanceItem, ProjectDto } from '../../../api';
import { getAttendance, putAttendance, uploadAttendance, wqk } from '../../../api';
import { errorText, showApiError } from '../../../../../components/feedback';
import { dayjs } from '../../../../../components/time';
import { ProjectUpload } from '../../../components/ProjectUpload';
import { MonthPicker, useCanImport, useCanWrite, useInvalidateProject } from './common';

/** 考勤: one month's days per worker, editable and saved as a whole (PUT), or uploaded as a file. */
export function AttendanceTab({ project }: { project: ProjectDto }) {
  const { message, modal } = App.useApp();
  const canWrite = useCanWrite(project.status);
  const canImport = useCanImport(project.status);
  const invalidate = useInvalidateProject(project.id);
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const [edits, setEdits] = useState<Record<string, number>>({});
  const [search, setSearch] = useState('');
  const m = month.format('YYYY-MM');
  const maxDays = month.daysInMonth();

  const sheet = useQuery({
    queryKey: wqk.attendance(project.id, m),
    queryFn: ({ signal }) => getAttendance(project.id, m, signal),
  });
  useEffect(() => setEdits({}), [m]);

  const items = useMemo(() => sheet.data?.items ?? [], [sheet.data]);
  const dirty = Object.entries(edits).filter(([id, d]) => items.find((i) => i.projectWorkerId === id)?.days !== d);
  const daysOf = (i: AttendanceItem) => edits[i.projectWorkerId] ?? i.days ?? 0;
  const totals = useMemo(() => {
    let days = 0;
    let attendees = 0;
    for (const i of items) {
      const d = edits[i.projectWorkerId] ?? i.days ?? 0;
      days += d;
      if (d > 0) attendees += 1;
    }
    return { days, attendees };
  }, [items, edits]);

  const save = useMutation({
    mutationFn: () =>
      putAttendance(project.id, {
        month: m,
        // Recorded or edited rows only: an untouched blank row stays "not recorded".
        entries: items
          .filter((i) => i.days !== null || edits[i.projectWorkerId] !== undefined)
          .map((i) => ({ projectWorkerId: i.projectWorkerId, days: daysOf(i) })),
      }),
    onSuccess: () => {
      message.success(`${monthLabel(m)}考勤已保存`);
      setEdits({});
      invalidate();
    },
    onError: (err) => showApiError(err),
  });

  const changeMonth = (next: Dayjs | null) => {
    if (!next) return;
    if (dirty.length === 0) {
      setMonth(next.startOf('month'));
      return;
    }
    modal.confirm({
      title: '放弃未保存的修改？',
      content: `${monthLabel(m)}有 ${dirty.length} 人的考勤已修改但未保存，切换月份将丢失这些修改。`,
      okText: '放弃修改',
      cancelText: '继续编辑',
      okButtonProps: { danger: true },
      onOk: () => setMonth(next.startOf('month')),
    });
  };

  const shown = search.trim() ? items.filter((i) => i.name.includes(search.trim())) : items;
  const editable = canWrite && !save.isPending;

  const columns: TableColumnsType<AttendanceItem> = [
    { title: '姓名', dataIndex: 'name', width: 140 },
    {
      title: '身份证号',
      dataIndex: 'idMasked',
      width: 200,
      render: (v: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text>,
    },
    {
      title: `出勤天数（0–${maxDays}）`,
      key: 'days',
      width: 180,
      render: (_, i) => {
        const value = daysOf(i);
        const changed = edits[i.projectWorkerId] !== undefined && edits[i.projectWorkerId] !== i.days;
        return editable ? (
          <InputNumber
            data-testid={`attendance-days-${i.projectWorkerId}`}
            min={0}
            max={maxDays}
            precision={0}
            value={value}
            status={changed ? 'warning' : undefined}
            onChange={(v) =>
              setEdits((cur) => ({
                ...cur,
                [i.projectWorkerId]: typeof v === 'number' ? Math.min(Math.max(v, 0), maxDays) : 0,
              }))
            }
            style={{ width: 100 }}
            suffix="天"
          />
        ) : (
          `${value} 天`
        );
      },
    },
    {
      title: '',
      key: 'mark',
      render: (_, i) =>
        edits[i.projectWorkerId] !== undefined && edits[i.projectWorkerId] !== i.days ? (
          <Typography.Text type="warning">已修改（原 {i.days === null ? '未登记' : `${i.days} 天`}）</Typography.Text>
        ) : i.days === null ? (
          <Typography.Text type="secondary">未登记</Typography.Text>
        ) : null,
    },
  ];

  return (
    <Row gutter={[16, 16]} data-testid="project-attendance">
      <Col xs={24} xl={16}>
        <Space wrap style={{ marginBottom: 12, display: 'flex', justifyContent: 'space-between' }}>
          <Space wrap>
            <MonthPicker
              data-testid="attendance-month"
              value={month}
              onChange={(d) => changeMonth(d as Dayjs | null)}
              disabledDate={(d) => d.isAfter(dayjs(), 'month') || d.isBefore(dayjs(project.startDate), 'month')}
            />
            <Input.Search
              placeholder="按姓名筛选"
              allowClear
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              style={{ width: 180 }}
            />
          </Space>
          <Space wrap>
            <Button icon={<ReloadOutlined />} onClick={() => void sheet.refetch()} disabled={dirty.length > 0}>
              刷新
            </Button>
            {canWrite && (
              <Button
                icon={<UndoOutlined />}
                disabled={dirty.length === 0 || save.isPending}
                onClick={() => setEdits({})}
              >
                撤销修改
              </Button>
            )}
            {canWrite && (
              <Button
                type="primary"
                icon={<SaveOutlined />}
                data-testid="attendance-save"
                disabled={dirty.length === 0}
                loading={save.isPending}
                onClick={() => save.mutate()}
              >
                保存{dirty.length > 0 ? `（${dirty.length} 人）` : ''}
              </Button>
            )}
          </Space>
        </Space>
        <Row gutter={16} style={{ marginBottom: 12 }}>
          <Col span={8}>
            <Statistic title={`${monthLabel(m)}出勤人数`} value={totals.attendees} suffix="人" />
          </Col>
          <Col span={8}>
            <Statistic title="出勤总天数" value={totals.days} suffix="天" />
          </Col>
          <Col span={8}>
            <Statistic title="名单人数" value={items.length} suffix="人" />
          </Col>
        </Row>
        {sheet.isError && (
          <Alert
            type="error"
            showIcon
            message="无法加载考勤"
            description={errorText(sheet.error)}
            style={{ marginBottom: 12 }}
          />
        )}
        <Table<AttendanceItem>
          data-testid="attendance-table"
          rowKey="projectWorkerId"
          size="small"
          columns={columns}
          dataSource={shown}
          loading={sheet.isFetching}
          pagination={
            shown.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (t) => `共 ${t} 人` } : false
          }
          locale={{ emptyText: <Empty description={`${monthLabel(m)}没有在场人员的考勤`} /> }}
        />
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title="上传考勤表">
          {canImport ? (
            <ProjectUpload
              projectId={project.id}
              kind="attendance"
              upload={(file) => uploadAttendance(project.id, file)}
              hint="每人每月一行：身份证号、月份、出勤天数"
              onFinished={() => setEdits({})}
            />
          ) : (
            <Typography.Text type="secondary">您没有上传文件的权限，或项目已销项。</Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}
