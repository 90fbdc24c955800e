import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { PageCard } from '../../../components/PageCard';
import { showApiError } from '../../../components/feedback';
import { RegionTreeSelect } from '../../../components/regions/RegionTreeSelect';
import { useMe } from '../../../auth/MeProvider';
import {
  createInstitution,
  getInstitutions,
  INSTITUTION_KIND_LABELS,
  INSTITUTION_STATUS_LABELS,
  OCCUPATIONS,
  trainingKeys,
  updateInstitution,
  type Institution,
  type InstitutionInput,
} from '../api';

const STATUS_COLOR = { pending: 'gold', approved: 'green', revoked: 'default' } as const;
const DATE_RULE = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式应为 YYYY-MM-DD' };
export const occupationOptions = OCCUPATIONS.map((o) => ({ value: o.code, label: `${o.code} ${o.name}` }));

/** 登记培训机构: a new institution starts 待认定. */
function InstitutionModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<InstitutionInput>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: InstitutionInput) => createInstitution(v),
    onSuccess: async () => {
      message.success('已登记，待认定');
      await qc.invalidateQueries({ queryKey: trainingKeys.all });
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal open title="登记培训机构" okText="登记" onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ kind: 'designated' }}>
        <Form.Item
          name="name"
          label="机构名称"
          rules={[{ required: true, whitespace: true, message: '请填写机构名称' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label="机构类别" rules={[{ required: true }]}>
          <Select options={Object.entries(INSTITUTION_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="regionCode" label="所在地" rules={[{ required: true, message: '请选择所在地' }]}>
          <RegionTreeSelect />
        </Form.Item>
        <Form.Item
          name="occupations"
          label="可培训职业（工种）"
          rules={[{ required: true, message: '请至少选择一个' }]}
        >
          <Select mode="multiple" showSearch optionFilterProp="label" options={occupationOptions} />
        </Form.Item>
        <Form.Item name="contact" label="联系方式">
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 认定: approve with a validity (有效期). */
function ApproveModal({ institution, onClose }: { institution: Institution; onClose: () => void }) {
  const [form] = Form.useForm<{ validFrom: string; validTo: string }>();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { validFrom: string; validTo: string }) =>
      updateInstitution(institution.id, { status: 'approved', ...v }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: trainingKeys.all });
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal open title={`认定：${institution.name}`} okText="认定" onCancel={onClose} onOk={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="validFrom" label="有效期起" rules={[{ required: true, message: '请填写有效期起' }, DATE_RULE]}>
          <Input placeholder="2026-01-01" />
        </Form.Item>
        <Form.Item name="validTo" label="有效期止" rules={[{ required: true, message: '请填写有效期止' }, DATE_RULE]}>
          <Input placeholder="2028-12-31" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** /training/institutions — 培训机构: the register of designated institutions, technical schools and enterprises. */
export default function InstitutionsPage() {
  const { can } = useMe();
  const qc = useQueryClient();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const [approving, setApproving] = useState<Institution | null>(null);
  const query = { ...page, q: q || undefined };
  const list = useQuery({
    queryKey: trainingKeys.institutions(query),
    queryFn: ({ signal }) => getInstitutions(query, signal),
    placeholderData: keepPreviousData,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => updateInstitution(id, { status: 'revoked' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: trainingKeys.all }),
    onError: (err) => showApiError(err),
  });
  const approver = can('training:approve');
  const columns: TableColumnsType<Institution> = [
    { title: '机构名称', dataIndex: 'name' },
    { title: '类别', dataIndex: 'kind', width: 140, render: (v: Institution['kind']) => INSTITUTION_KIND_LABELS[v] },
    {
      title: '认定状态',
      dataIndex: 'status',
      width: 100,
      render: (v: Institution['status']) => <Tag color={STATUS_COLOR[v]}>{INSTITUTION_STATUS_LABELS[v]}</Tag>,
    },
    {
      title: '有效期',
      width: 200,
      render: (_: unknown, r) => (r.validTo ? `${r.validFrom ?? '—'} 至 ${r.validTo}` : '—'),
    },
    { title: '可培训职业', dataIndex: 'occupations', render: (v: string[]) => v.join('、') },
    ...(approver
      ? [
          {
            title: '操作',
            width: 140,
            render: (_: unknown, r: Institution) => (
              <Space>
                <Button size="small" onClick={() => setApproving(r)}>
                  认定
                </Button>
                {r.status === 'approved' && (
                  <Button
                    size="small"
                    danger
                    onClick={() =>
                      Modal.confirm({
                        title: `撤销“${r.name}”的认定？`,
                        content: '撤销后该机构不能再开班。',
                        okText: '撤销',
                        onOk: () => revoke.mutateAsync(r.id),
                      })
                    }
                  >
                    撤销
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <PageCard
      title="培训机构"
      extra={
        <Space>
          <Input.Search placeholder="机构名称" allowClear onSearch={(v) => setQ(v.trim())} style={{ width: 220 }} />
          {approver && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              登记培训机构
            </Button>
          )}
        </Space>
      }
    >
      <Table<Institution>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (n) => `共 ${n} 家`,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
      />
      {adding && <InstitutionModal onClose={() => setAdding(false)} />}
      {approving && <ApproveModal institution={approving} onClose={() => setApproving(null)} />}
    </PageCard>
  );
}
