import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useMe } from '../../../auth/MeProvider';
import { PageCard } from '../../../components/PageCard';
import { showApiError } from '../../../components/feedback';
import { PAGE_SIZES } from '../../../components/listParams';
import { RegionTreeSelect } from '../../../components/regions/RegionTreeSelect';
import {
  activateMediationOrg,
  createMediationOrg,
  deactivateMediationOrg,
  getMediationOrgs,
  MEDIATION_ORG_KIND_LABELS,
  mediationKeys,
  updateMediationOrg,
  type MediationOrg,
  type MediationOrgKind,
  type MediationOrgQuery,
} from '../api';

const KIND_OPTIONS = Object.entries(MEDIATION_ORG_KIND_LABELS).map(([value, label]) => ({ value, label }));

interface Values {
  kind: MediationOrgKind;
  name: string;
  regionCode: string;
  contact?: string;
  mediators?: string;
}

/** 新建/编辑调解组织: mediators typed as names, separated by commas or spaces. */
function OrgModal({ org, onClose }: { org: MediationOrg | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const mediators = (v.mediators ?? '').split(/[\s,，、]+/).filter(Boolean);
      const contact = v.contact?.trim() || null;
      return org
        ? updateMediationOrg(org.id, { kind: v.kind, name: v.name, contact, mediators })
        : createMediationOrg({ kind: v.kind, name: v.name, regionCode: v.regionCode, contact, mediators });
    },
    onSuccess: () => {
      message.success(org ? '已保存' : '已登记调解组织');
      void qc.invalidateQueries({ queryKey: mediationKeys.all });
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal
      open
      title={org ? '编辑调解组织' : '登记调解组织'}
      okText="保存"
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          org
            ? {
                kind: org.kind,
                name: org.name,
                regionCode: org.regionCode,
                contact: org.contact ?? '',
                mediators: org.mediators.join('、'),
              }
            : { kind: 'township' }
        }
      >
        <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={KIND_OPTIONS} />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="regionCode" label="所在地" rules={[{ required: true, message: '请选择所在地' }]}>
          <RegionTreeSelect disabled={org !== null} />
        </Form.Item>
        <Form.Item name="contact" label="联系方式">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="mediators" label="调解员" extra="填写姓名，多个用顿号或逗号分隔">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** /mediation-orgs — 调解组织: enterprise committees, township and street organisations, trade unions, chambers. */
export default function MediationOrgsPage() {
  const { can } = useMe();
  const canWrite = can('rights:handle');
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const [query, setQuery] = useState<MediationOrgQuery>({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<MediationOrg | null | undefined>(undefined);
  const list = useQuery({
    queryKey: mediationKeys.list(query),
    queryFn: ({ signal }) => getMediationOrgs(query, signal),
    placeholderData: keepPreviousData,
  });
  const toggle = useMutation({
    mutationFn: (o: MediationOrg) => (o.active ? deactivateMediationOrg(o.id) : activateMediationOrg(o.id)),
    onSuccess: (o) => {
      message.success(o.active ? '已恢复启用' : '已停用');
      void qc.invalidateQueries({ queryKey: mediationKeys.all });
    },
    onError: (err) => showApiError(err),
  });
  const confirmToggle = (o: MediationOrg) =>
    o.active
      ? modal.confirm({
          title: `确认停用「${o.name}」？`,
          content: '停用后不再接受新的调解申请，已受理的调解案件不受影响。',
          okText: '停用',
          okButtonProps: { danger: true },
          onOk: () => toggle.mutateAsync(o),
        })
      : toggle.mutate(o);

  const columns: TableColumnsType<MediationOrg> = [
    { title: '名称', dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: '类别', dataIndex: 'kindName', width: 200 },
    { title: '所在地', dataIndex: 'regionName', width: 180, render: (v: string | null, o) => v ?? o.regionCode },
    { title: '联系方式', dataIndex: 'contact', width: 150, render: (v: string | null) => v || '—' },
    {
      title: '调解员',
      dataIndex: 'mediators',
      render: (v: string[]) => (v.length ? v.join('、') : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: '状态',
      dataIndex: 'active',
      width: 80,
      render: (v: boolean) => (v ? <Tag color="success">在用</Tag> : <Tag>已停用</Tag>),
    },
  ];
  if (canWrite)
    columns.push({
      title: '操作',
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_, o) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(o)}>
            编辑
          </Button>
          <Button type="link" size="small" danger={o.active} onClick={() => confirmToggle(o)}>
            {o.active ? '停用' : '启用'}
          </Button>
        </Space>
      ),
    });

  return (
    <PageCard
      title="调解组织"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            登记调解组织
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="搜索调解组织名称"
          allowClear
          enterButton="搜索"
          onSearch={(v) => setQuery({ ...query, q: v.trim() || undefined, page: 1 })}
          style={{ width: 300 }}
        />
        <Select
          allowClear
          placeholder="全部类别"
          style={{ width: 220 }}
          options={KIND_OPTIONS}
          onChange={(kind?: MediationOrgKind) => setQuery({ ...query, kind, page: 1 })}
        />
        <Select
          value={query.active === undefined ? 'all' : query.active ? 'true' : 'false'}
          style={{ width: 120 }}
          onChange={(v: 'all' | 'true' | 'false') =>
            setQuery({ ...query, active: v === 'all' ? undefined : v === 'true', page: 1 })
          }
          options={[
            { value: 'all', label: '全部状态' },
            { value: 'true', label: '在用' },
            { value: 'false', label: '已停用' },
          ]}
        />
      </Space>
      <Table<MediationOrg>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 900 }}
        pagination={{
          current: Number(query.page ?? 1),
          pageSize: Number(query.pageSize ?? 20),
          total: list.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 个`,
          onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
        }}
      />
      {editing !== undefined && <OrgModal org={editing} onClose={() => setEditing(undefined)} />}
    </PageCard>
  );
}
