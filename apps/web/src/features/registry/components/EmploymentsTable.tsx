import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { fenToYuan } from '@mwsp/domain';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { contractTypeLabels, employmentStatusLabels, filingStatusLabels, wageTypeUnits } from '../../../api/labels';
import { getEmployments, rqk } from '../api';
import type { Employment, EmploymentListQuery, EmploymentStatus } from '../../../api/types';
import { useCodeTables } from './useCodeTables';

interface Props {
  /** Whose employments: a worker's (shows the employer) or an employer's (shows the worker). */
  workerId?: string;
  employerId?: string;
  actions?: (e: Employment) => ReactNode;
  toolbar?: ReactNode;
}

export function formatWage(e: Pick<Employment, 'wageFen' | 'wageType'>): string {
  if (e.wageFen === null || e.wageFen === undefined) return '—';
  return `${fenToYuan(e.wageFen)} ${e.wageType ? wageTypeUnits[e.wageType] : '元'}`;
}

/** GET /api/employments?workerId=|employerId= with paging and a status filter. */
export function EmploymentsTable({ workerId, employerId, actions, toolbar }: Props) {
  const codes = useCodeTables();
  const [query, setQuery] = useState<EmploymentListQuery>({ workerId, employerId, page: 1, pageSize: 10 });
  const list = useQuery({
    queryKey: rqk.employments(query),
    queryFn: ({ signal }) => getEmployments(query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<Employment> = [
    workerId
      ? { title: '用工单位', dataIndex: 'employerName', width: 200, ellipsis: true, fixed: 'left' }
      : {
          title: '务工人员',
          dataIndex: 'workerName',
          width: 110,
          fixed: 'left',
          render: (v: string, e) => <Link to={`/workers/${e.workerId}`}>{v}</Link>,
        },
    { title: '岗位', dataIndex: 'position', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: '工种',
      dataIndex: 'occupationCode',
      width: 150,
      ellipsis: true,
      render: (v: string | null) => codes.nameOf('occupations', v),
    },
    { title: '工资标准', key: 'wage', width: 140, align: 'right', render: (_, e) => formatWage(e) },
    {
      title: '劳动合同',
      key: 'contract',
      width: 200,
      render: (_, e) => (
        <Space size={4} wrap>
          <span>{contractTypeLabels[e.contractType] ?? e.contractType}</span>
          {e.contractType !== 'none' &&
            (e.contractSigned ? <Tag color="success">已签订</Tag> : <Tag color="error">未签订</Tag>)}
          {e.contractTermMonths ? (
            <Typography.Text type="secondary">{e.contractTermMonths} 个月</Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: '备案',
      dataIndex: 'filingStatus',
      width: 80,
      render: (v: Employment['filingStatus']) =>
        filingStatusLabels[v] ? <Tag color={filingStatusLabels[v].color}>{filingStatusLabels[v].text}</Tag> : v,
    },
    {
      title: '派遣',
      dataIndex: 'dispatch',
      width: 70,
      render: (v: boolean) => (v ? <Tag color="purple">派遣</Tag> : '否'),
    },
    { title: '入职日期', dataIndex: 'startDate', width: 110 },
    { title: '离职日期', dataIndex: 'endDate', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 80,
      render: (v: Employment['status']) =>
        employmentStatusLabels[v] ? (
          <Tag color={employmentStatusLabels[v].color}>{employmentStatusLabels[v].text}</Tag>
        ) : (
          v
        ),
    },
  ];
  if (actions)
    columns.push({ title: '操作', key: 'actions', width: 140, fixed: 'right', render: (_, e) => actions(e) });

  return (
    <>
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Select<EmploymentStatus | undefined>
          allowClear
          placeholder="全部状态"
          value={query.status}
          onChange={(v) => setQuery((q) => ({ ...q, status: v, page: 1 }))}
          options={[
            { value: 'active', label: employmentStatusLabels.active.text },
            { value: 'ended', label: employmentStatusLabels.ended.text },
          ]}
          style={{ width: 120 }}
        />
        {toolbar}
      </Space>
      <Table<Employment>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1300 }}
        locale={{ emptyText: <Empty description={query.status ? '没有符合条件的用工记录' : '暂无用工记录'} /> }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50],
          showTotal: (t) => `共 ${t} 条`,
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
        }}
      />
    </>
  );
}
