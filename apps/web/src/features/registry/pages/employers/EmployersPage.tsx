import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Input, Progress, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { employerSizeLabels } from '../../../../api/labels';
import { getEmployers, rqk } from '../../api';
import type { Employer, EmployerListQuery } from '../../../../api/types';
import { useCan } from '../../../../auth/MeProvider';
import { PageCard } from '../../../../components/PageCard';
import { useCodeTables } from '../../components/useCodeTables';
import { RegionTreeSelect } from '../../../../components/regions/RegionTreeSelect';
import { formatDateTime } from '../../../../components/time';
import { contractPercent, EmployerDrawer } from './EmployerDrawer';
import { EmployerFormModal } from './EmployerFormModal';

/** 18 characters of the credit-code alphabet: an exact code lookup rather than a name search. */
const CREDIT_CODE_LIKE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export default function EmployersPage() {
  const can = useCan();
  const canWrite = can('registry:write');
  const codes = useCodeTables();
  const [query, setQuery] = useState<EmployerListQuery>({ page: 1, pageSize: 20 });
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Employer | null>(null);
  const [viewing, setViewing] = useState<Employer | null>(null);

  const employers = useQuery({
    queryKey: rqk.employers(query),
    queryFn: ({ signal }) => getEmployers(query, signal),
    placeholderData: keepPreviousData,
  });

  const filter = (patch: Partial<EmployerListQuery>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));

  const onSearch = (raw: string) => {
    const v = raw.trim().replace(/\s+/g, '');
    if (CREDIT_CODE_LIKE.test(v.toUpperCase())) filter({ creditCode: v.toUpperCase(), q: undefined });
    else filter({ q: raw.trim() || undefined, creditCode: undefined });
  };

  const sizeName = (size: Employer['size']) =>
    size ? (codes.tables.employerSizes.find((s) => s.code === size)?.name ?? employerSizeLabels[size] ?? size) : '—';

  const columns: TableColumnsType<Employer> = [
    {
      title: '单位名称',
      dataIndex: 'name',
      width: 220,
      fixed: 'left',
      ellipsis: true,
      render: (v: string) => <Typography.Link>{v}</Typography.Link>,
    },
    {
      title: '统一社会信用代码',
      dataIndex: 'creditCode',
      width: 220,
      render: (v: string, e) => (
        <Space size={4}>
          <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text>
          {!e.creditCodeValid && (
            <Tooltip title="校验位不符，已按原样保存，请核对">
              <Tag color="warning">待核对</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: '法定代表人', dataIndex: 'legalRep', width: 100, render: (v: string | null) => v ?? '—' },
    {
      title: '行业',
      dataIndex: 'industry',
      width: 160,
      ellipsis: true,
      render: (v: string | null) => codes.nameOf('industries', v),
    },
    { title: '规模', dataIndex: 'size', width: 70, render: sizeName },
    {
      title: '所在区划',
      dataIndex: 'regionName',
      width: 140,
      ellipsis: true,
      render: (v: string | null, e) => v ?? e.regionCode,
    },
    { title: '联系人', dataIndex: 'contactName', width: 90, render: (v: string | null) => v ?? '—' },
    { title: '联系电话', dataIndex: 'contactPhone', width: 130, render: (v: string | null) => v ?? '—' },
    { title: '在职人数', dataIndex: 'workerCount', width: 90, align: 'right' },
    {
      title: '劳动合同签订率',
      dataIndex: 'contractRate',
      width: 170,
      render: (v: number | null, e) => {
        const percent = contractPercent(v);
        if (percent === null || e.workerCount === 0) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Progress
            percent={percent}
            size="small"
            strokeColor={percent < 60 ? '#ff4d4f' : percent < 90 ? '#faad14' : '#52c41a'}
            format={(p) => `${p}%`}
            style={{ margin: 0 }}
          />
        );
      },
    },
    { title: '登记时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
  ];
  if (canWrite) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 80,
      fixed: 'right',
      // The server says per row whether this caller may edit (its region and data scope).
      render: (_, e) =>
        e.editable === false ? (
          <Tooltip title="不在您的管辖范围（或数据范围）内，只能查看">
            <Typography.Text type="secondary" data-testid="employer-readonly">
              只读
            </Typography.Text>
          </Tooltip>
        ) : (
          <Button
            type="link"
            size="small"
            onClick={(ev) => {
              ev.stopPropagation();
              setEditing(e);
              setFormOpen(true);
            }}
          >
            编辑
          </Button>
        ),
    });
  }

  return (
    <PageCard
      title="用工单位"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void employers.refetch()}>
            刷新
          </Button>
          {canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="employer-new"
              onClick={() => {
                setEditing(null);
                setFormOpen(true);
              }}
            >
              登记用工单位
            </Button>
          )}
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        data-testid="employers-scope-note"
        style={{ marginBottom: 16 }}
        message="用工单位名录全市共享：可以查看全市登记的用工单位；只能修改您管辖范围（及数据范围）内登记的单位，其他单位只读。"
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="单位名称或统一社会信用代码"
          allowClear
          enterButton="搜索"
          onSearch={onSearch}
          style={{ width: 320 }}
        />
        {can('regions:read') && (
          <RegionTreeSelect
            placeholder="全部区划"
            value={query.regionCode}
            onChange={(v) => filter({ regionCode: v })}
            style={{ width: 200 }}
          />
        )}
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="全部行业"
          value={query.industry}
          onChange={(v?: string) => filter({ industry: v })}
          options={codes.options('industries')}
          loading={codes.loading}
          style={{ width: 220 }}
          popupMatchSelectWidth={false}
        />
      </Space>
      <Table<Employer>
        data-testid="employers-table"
        rowKey="id"
        columns={columns}
        dataSource={employers.data?.items ?? []}
        loading={employers.isFetching}
        scroll={{ x: 1650 }}
        onRow={(e) => ({ onClick: () => setViewing(e), style: { cursor: 'pointer' } })}
        locale={{
          emptyText: (
            <Empty
              description={
                query.q || query.creditCode || query.regionCode || query.industry
                  ? '没有符合条件的用工单位'
                  : '暂无用工单位'
              }
            />
          ),
        }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: employers.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (t) => `共 ${t} 家`,
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
        }}
      />
      <EmployerFormModal open={formOpen} employer={editing} onClose={() => setFormOpen(false)} />
      <EmployerDrawer employer={viewing} onClose={() => setViewing(null)} />
    </PageCard>
  );
}
