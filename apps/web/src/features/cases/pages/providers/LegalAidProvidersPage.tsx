import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useMe } from '../../../../auth/MeProvider';
import { PageCard } from '../../../../components/PageCard';
import { PAGE_SIZES } from '../../../../components/listParams';
import {
  getProviders,
  LEGAL_AID_PROVIDER_KIND_LABELS,
  providerKeys,
  type LegalAidProvider,
  type LegalAidProviderQuery,
} from '../../api';
import { ProviderFormModal } from './ProviderFormModal';

/** /legal-aid-providers — 法律援助机构: the lawyers and organisations legal-aid cases are assigned to. */
export default function LegalAidProvidersPage() {
  const { can } = useMe();
  const qc = useQueryClient();
  const [query, setQuery] = useState<LegalAidProviderQuery>({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<LegalAidProvider | 'new' | null>(null);
  const list = useQuery({
    queryKey: providerKeys.list(query),
    queryFn: ({ signal }) => getProviders(query, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<LegalAidProvider> = [
    {
      title: '名称 / 姓名',
      dataIndex: 'name',
      render: (v: string, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{v}</Typography.Text>
          {r.organisation && <Typography.Text type="secondary">{r.organisation}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '类别',
      dataIndex: 'kind',
      width: 120,
      render: (k: LegalAidProvider['kind']) => LEGAL_AID_PROVIDER_KIND_LABELS[k],
    },
    { title: '执业证号', dataIndex: 'practiceNo', width: 200, render: (v: string | null) => v ?? '—' },
    { title: '联系电话', dataIndex: 'phone', width: 140, render: (v: string | null) => v ?? '—' },
    { title: '所在地', dataIndex: 'regionName', width: 200, ellipsis: true },
    {
      title: '状态',
      dataIndex: 'active',
      width: 90,
      render: (v: boolean) => (v ? <Tag color="green">在用</Tag> : <Tag>停用</Tag>),
    },
    ...(can('rights:handle')
      ? [
          {
            title: '操作',
            key: 'edit',
            width: 80,
            render: (_: unknown, r: LegalAidProvider) => (
              <Typography.Link onClick={() => setEditing(r)} data-testid={`edit-${r.id}`}>
                修改
              </Typography.Link>
            ),
          },
        ]
      : []),
  ];
  return (
    <PageCard
      title="法律援助机构"
      extra={
        can('rights:handle') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            登记机构或律师
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder="名称、执业机构或执业证号"
          style={{ width: 280 }}
          onSearch={(q) => setQuery({ ...query, q: q || undefined, page: 1 })}
        />
        <Select
          allowClear
          placeholder="类别"
          style={{ width: 160 }}
          options={Object.entries(LEGAL_AID_PROVIDER_KIND_LABELS).map(([value, label]) => ({ value, label }))}
          onChange={(kind?: LegalAidProvider['kind']) => setQuery({ ...query, kind, page: 1 })}
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 120 }}
          options={[
            { value: 'true', label: '在用' },
            { value: 'false', label: '停用' },
          ]}
          onChange={(v?: 'true' | 'false') =>
            setQuery({ ...query, active: v === undefined ? undefined : v === 'true', page: 1 })
          }
        />
      </Space>
      <Table<LegalAidProvider>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 900 }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 个`,
          onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
        }}
      />
      {editing && (
        <ProviderFormModal
          provider={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void qc.invalidateQueries({ queryKey: providerKeys.all });
          }}
        />
      )}
    </PageCard>
  );
}
