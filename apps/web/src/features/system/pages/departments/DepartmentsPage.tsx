import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { getDepartments, getModules, qk } from '../../../../api/endpoints';
import { departmentKindLabels } from '../../../../api/labels';
import type { Department } from '../../../../api/types';
import { useCan } from '../../../../auth/MeProvider';
import { PageCard } from '../../../../components/PageCard';
import { useRegionNames } from '../../../../components/regions/useRegionNames';
import { DepartmentFormModal } from './DepartmentFormModal';

type ActiveFilter = 'all' | 'true' | 'false';

export default function DepartmentsPage() {
  const can = useCan();
  const canWrite = can('departments:write');
  const [q, setQ] = useState('');
  const [active, setActive] = useState<ActiveFilter>('all');
  const [editing, setEditing] = useState<Department | null>(null);
  const [modalOpen, setModalOpen] = useState(false);

  const activeParam = active === 'all' ? undefined : active === 'true';
  const departments = useQuery({
    queryKey: qk.departments(q, activeParam),
    queryFn: ({ signal }) => getDepartments(q || undefined, activeParam, signal),
  });
  const modules = useQuery({ queryKey: qk.modules, queryFn: getModules, staleTime: 10 * 60_000 });
  const moduleNames = useMemo(() => new Map((modules.data ?? []).map((m) => [m.code, m.name])), [modules.data]);
  const regionNames = useRegionNames((departments.data ?? []).map((d) => d.regionCode));

  const columns: TableColumnsType<Department> = [
    {
      title: '部门名称',
      dataIndex: 'name',
      render: (name: string, d) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{name}</Typography.Text>
          {d.formerNames?.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="department-former-names">
              原名：{d.formerNames.join('、')}
            </Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.code}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '简称', dataIndex: 'shortName', width: 140, render: (v: string | null) => v || '—' },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 110,
      render: (kind: Department['kind']) => departmentKindLabels[kind] ?? kind,
    },
    {
      title: '所属区划',
      dataIndex: 'regionCode',
      width: 160,
      render: (code: string) => {
        const r = regionNames[code];
        return r ? <Tooltip title={r.fullName}>{r.name}</Tooltip> : code;
      },
    },
    {
      title: '业务模块',
      dataIndex: 'modules',
      render: (codes: string[]) =>
        codes.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {codes.map((c) => (
              <Tag key={c} color="geekblue">
                {moduleNames.get(c) ?? c}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      title: '状态',
      dataIndex: 'active',
      width: 80,
      render: (v: boolean) => (v ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>),
    },
    { title: '排序', dataIndex: 'sort', width: 70, align: 'right' },
  ];
  if (canWrite) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, d) => (
        <Button
          type="link"
          size="small"
          onClick={() => {
            setEditing(d);
            setModalOpen(true);
          }}
        >
          编辑
        </Button>
      ),
    });
  }

  return (
    <PageCard
      title="部门管理"
      extra={
        canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setModalOpen(true);
            }}
          >
            新建部门
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="搜索部门名称、原名、简称或编码"
          allowClear
          enterButton="搜索"
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 320 }}
        />
        <Select<ActiveFilter>
          value={active}
          onChange={setActive}
          style={{ width: 140 }}
          options={[
            { value: 'all', label: '全部状态' },
            { value: 'true', label: '启用' },
            { value: 'false', label: '停用' },
          ]}
        />
      </Space>
      <Table<Department>
        rowKey="id"
        columns={columns}
        dataSource={departments.data ?? []}
        loading={departments.isFetching}
        scroll={{ x: 960 }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 个部门` }}
        locale={{ emptyText: <Empty description={q ? '没有符合条件的部门' : '暂无部门'} /> }}
      />
      <DepartmentFormModal
        open={modalOpen}
        department={editing}
        modules={modules.data ?? []}
        onClose={() => setModalOpen(false)}
      />
    </PageCard>
  );
}
