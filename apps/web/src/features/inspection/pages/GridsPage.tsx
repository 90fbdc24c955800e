import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Space, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../../auth/MeProvider';
import { PageCard } from '../../../components/PageCard';
import { UserSelect } from '../../../components/UserSelect';
import { showApiError } from '../../../components/feedback';
import { PAGE_SIZES, pagingFromParams, paramsFromQuery } from '../../../components/listParams';
import { RegionTreeSelect } from '../../../components/regions/RegionTreeSelect';
import { useDebounced } from '../../../components/useDebounced';
import { createGrid, deleteGrid, getGrids, inspectionKeys, updateGrid, type Grid, type GridBody } from '../api';
import { GridReportModal } from './GridReportModal';
import { InspectionsTab } from './InspectionsTab';

/** Divide a grid (a township or village) and assign its inspectors; or edit one (its area stays). */
function GridModal({ grid, onClose }: { grid: Grid | null; onClose: () => void }) {
  const [form] = Form.useForm<GridBody>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: GridBody) => (grid ? updateGrid(grid.id, { ...v, regionCode: grid.regionCode }) : createGrid(v)),
    onSuccess: (g) => {
      void qc.invalidateQueries({ queryKey: inspectionKeys.all });
      message.success(grid ? `已保存网格「${g.name}」` : `已划分网格「${g.name}」`);
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal
      open
      title={grid ? '编辑网格' : '划分网格'}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText="保存"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          grid
            ? {
                name: grid.name,
                regionCode: grid.regionCode,
                inspectorIds: grid.inspectors.map((i) => i.id),
                note: grid.note,
              }
            : { inspectorIds: [] }
        }
      >
        <Form.Item name="name" label="网格名称" rules={[{ required: true, message: '请填写网格名称' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label="网格范围"
          extra="乡镇（街道）或村（社区）；划分后不能修改"
          rules={[{ required: true, message: '请选择网格范围' }]}
        >
          <RegionTreeSelect disabled={!!grid} />
        </Form.Item>
        <Form.Item name="inspectorIds" label="网格员">
          <UserSelect max={20} data-testid="grid-inspectors" />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function GridsTab() {
  const { can } = useMe();
  const manage = can('rights:grids');
  const report = can('rights:handle');
  const [reporting, setReporting] = useState<Grid | null>(null);
  const [params, setParams] = useSearchParams();
  const { page, pageSize } = pagingFromParams(params);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebounced(search.trim(), 300);
  const query = useMemo(() => ({ q: q || undefined, page, pageSize }), [q, page, pageSize]);
  const list = useQuery({
    queryKey: inspectionKeys.grids(query),
    queryFn: ({ signal }) => getGrids(query, signal),
    placeholderData: keepPreviousData,
  });
  const [editing, setEditing] = useState<Grid | null | 'new'>(null);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const remove = useMutation({
    mutationFn: (g: Grid) => deleteGrid(g.id).then(() => g),
    onSuccess: (g) => {
      void qc.invalidateQueries({ queryKey: inspectionKeys.all });
      message.success(`已删除网格「${g.name}」`);
    },
    onError: (err) => showApiError(err),
  });

  const columns: TableColumnsType<Grid> = [
    { title: '网格名称', dataIndex: 'name' },
    { title: '范围', dataIndex: 'regionName', render: (v: string | null, g) => v ?? g.regionCode },
    {
      title: '网格员',
      dataIndex: 'inspectors',
      render: (v: Grid['inspectors']) =>
        v.length === 0 ? <Tag color="orange">未指派</Tag> : v.map((i) => <Tag key={i.id}>{i.displayName}</Tag>),
    },
    { title: '备注', dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '—' },
    ...(manage || report
      ? [
          {
            title: '操作',
            key: 'op',
            width: 200,
            render: (_: unknown, g: Grid) => (
              <Space size={0}>
                {report && (
                  <Button type="link" size="small" onClick={() => setReporting(g)}>
                    上报线索
                  </Button>
                )}
                {manage && (
                  <Button type="link" size="small" onClick={() => setEditing(g)}>
                    编辑
                  </Button>
                )}
                {manage && (
                  <Popconfirm
                    title={`删除网格「${g.name}」？`}
                    description="已有巡查记录的网格不能删除。"
                    okText="删除"
                    cancelText="取消"
                    okButtonProps={{ danger: true }}
                    onConfirm={() => remove.mutate(g)}
                  >
                    <Button type="link" size="small" danger>
                      删除
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder="按网格名称搜索"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 260 }}
        />
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            划分网格
          </Button>
        )}
      </Space>
      <Table<Grid>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        locale={{ emptyText: '暂无网格' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 个网格`,
          onChange: (p, size) => setParams(paramsFromQuery({ ...Object.fromEntries(params), page: p, pageSize: size })),
        }}
      />
      {editing && <GridModal grid={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {reporting && <GridReportModal grid={reporting} onClose={() => setReporting(null)} />}
    </Space>
  );
}

/** /grids — 网格管理 (两网化): the grids with their inspectors; patrols, campaigns and written reviews. */
export default function GridsPage() {
  const [tab, setTab] = useState('grids');
  return (
    <PageCard title="网格管理">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'grids', label: '网格', children: <GridsTab /> },
          { key: 'inspections', label: '巡查与检查', children: <InspectionsTab /> },
        ]}
      />
    </PageCard>
  );
}
