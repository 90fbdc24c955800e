import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { monthLabel } from '@mwsp/domain';
import { Alert, Button, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { ProjectDto, WarningDto, WarningListQuery, WarningStatus } from '../../../api';
import { getWarnings, warningStatusLabels, warningStatusOptions, wqk } from '../../../api';
import { useCan } from '../../../../../auth/MeProvider';
import { errorText } from '../../../../../components/feedback';
import { formatDateTime } from '../../../../../components/time';
import { WarningLevelTag } from '../../../components/tags';
import { Yuan } from '../../../../../components/money';

/** 预警: this project's warnings (GET /api/warnings?projectId=…), each linking to /warnings/:id. */
export function ProjectWarningsTab({ project }: { project: ProjectDto }) {
  const can = useCan();
  const navigate = useNavigate();
  const allowed = can('warnings:read');
  const [query, setQuery] = useState<WarningListQuery>({ projectId: project.id, page: 1, pageSize: 20 });
  const warnings = useQuery({
    queryKey: wqk.warnings(query),
    queryFn: ({ signal }) => getWarnings(query, signal),
    placeholderData: keepPreviousData,
    enabled: allowed,
  });

  if (!allowed) return <Alert type="info" showIcon message="您没有查看预警的权限" />;

  const columns: TableColumnsType<WarningDto> = [
    { title: '编号', dataIndex: 'seq', width: 80, render: (v: number) => <Typography.Link>#{v}</Typography.Link> },
    { title: '等级', dataIndex: 'level', width: 80, render: (v: WarningDto['level']) => <WarningLevelTag level={v} /> },
    { title: '预警规则', dataIndex: 'ruleName', width: 180, ellipsis: true },
    { title: '月份', dataIndex: 'month', width: 100, render: (v: string | null) => (v ? monthLabel(v) : '全项目') },
    { title: '情况摘要', dataIndex: 'summary', ellipsis: true },
    { title: '涉及人数', dataIndex: 'workersAffected', width: 90, align: 'right' },
    {
      title: '涉及金额（元）',
      dataIndex: 'amountFen',
      width: 140,
      align: 'right',
      render: (v: number) => (v ? <Yuan fen={v} /> : '—'),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      render: (v: WarningStatus) => (
        <Tag color={warningStatusLabels[v]?.color}>{warningStatusLabels[v]?.text ?? v}</Tag>
      ),
    },
    {
      title: '处置期限',
      dataIndex: 'dueOn',
      width: 160,
      render: (v: string | null, w) =>
        v ? (
          <Space size={4}>
            <span>{v}</span>
            {w.overdue && <Tag color="error">逾期</Tag>}
          </Space>
        ) : (
          '—'
        ),
    },
    { title: '首次发现', dataIndex: 'firstDetectedAt', width: 170, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <div data-testid="project-warnings">
      <Space wrap style={{ marginBottom: 12, display: 'flex', justifyContent: 'space-between' }}>
        <Select<WarningListQuery['status']>
          allowClear
          placeholder="处置状态（全部）"
          value={query.status}
          onChange={(v) => setQuery((cur) => ({ ...cur, status: v, page: 1 }))}
          options={warningStatusOptions}
          style={{ width: 160 }}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void warnings.refetch()}>
          刷新
        </Button>
      </Space>
      {warnings.isError && (
        <Alert
          type="error"
          showIcon
          message="无法加载预警"
          description={errorText(warnings.error)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<WarningDto>
        data-testid="project-warnings-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={warnings.data?.items ?? []}
        loading={warnings.isFetching}
        scroll={{ x: 1400 }}
        onRow={(w) => ({ onClick: () => void navigate(`/warnings/${w.id}`), style: { cursor: 'pointer' } })}
        locale={{ emptyText: <Empty description={query.status ? '没有该状态的预警' : '本项目暂无预警'} /> }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: warnings.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50],
          showTotal: (t) => `共 ${t} 条预警`,
          onChange: (page, pageSize) =>
            setQuery((cur) => ({ ...cur, page: pageSize !== cur.pageSize ? 1 : page, pageSize })),
        }}
      />
    </div>
  );
}
