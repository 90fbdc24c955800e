import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { EmployerSelect } from '../../../components/EmployerSelect';
import { PageCard } from '../../../components/PageCard';
import { showApiError } from '../../../components/feedback';
import { RegionTreeSelect } from '../../../components/regions/RegionTreeSelect';
import { useMe } from '../../../auth/MeProvider';
import {
  createClass,
  getClasses,
  getInstitutions,
  SUBSIDY_PAYEE_LABELS,
  TRAINING_MODE_LABELS,
  TRAINING_TYPE_LABELS,
  trainingKeys,
  type ClassInput,
  type TrainingClass,
} from '../api';
import { occupationOptions } from './InstitutionsPage';

const DATE_RULE = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式应为 YYYY-MM-DD' };
const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** 开班: at an approved institution within its validity, for an occupation it may train. */
function ClassModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const [form] = Form.useForm<ClassInput>();
  const { message } = App.useApp();
  const mode = Form.useWatch('mode', form);
  const institutions = useQuery({
    queryKey: trainingKeys.institutions({ status: 'approved', pageSize: 200 }),
    queryFn: ({ signal }) => getInstitutions({ status: 'approved', page: 1, pageSize: 200 }, signal),
  });
  const save = useMutation({
    mutationFn: (v: ClassInput) => createClass(v),
    onSuccess: (c) => {
      message.success('已开班');
      onCreated(c.id);
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal
      open
      title="开设培训班"
      okText="开班"
      width={640}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ trainingType: 'employment_skill', mode: 'open', subsidised: true, payee: 'person' }}
      >
        <Form.Item
          name="name"
          label="班级名称"
          rules={[{ required: true, whitespace: true, message: '请填写班级名称' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="institutionId"
          label="培训机构（已认定）"
          rules={[{ required: true, message: '请选择培训机构' }]}
        >
          <Select
            loading={institutions.isFetching}
            options={(institutions.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))}
          />
        </Form.Item>
        <Form.Item
          name="occupationCode"
          label="职业（工种）"
          rules={[{ required: true, message: '请选择职业（工种）' }]}
        >
          <Select showSearch optionFilterProp="label" options={occupationOptions} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="trainingType" label="培训类型" style={{ flex: 1 }}>
            <Select options={options(TRAINING_TYPE_LABELS)} />
          </Form.Item>
          <Form.Item name="mode" label="培训模式" style={{ flex: 1 }}>
            <Select options={options(TRAINING_MODE_LABELS)} />
          </Form.Item>
        </Space.Compact>
        {mode && mode !== 'open' && (
          <Form.Item name="employerId" label="用人单位" rules={[{ required: true, message: '请选择用人单位' }]}>
            <EmployerSelect />
          </Form.Item>
        )}
        <Space.Compact block>
          <Form.Item name="startDate" label="开始日期" rules={[{ required: true, message: '请填写' }, DATE_RULE]}>
            <Input placeholder="2026-03-10" />
          </Form.Item>
          <Form.Item name="endDate" label="结束日期" rules={[{ required: true, message: '请填写' }, DATE_RULE]}>
            <Input placeholder="2026-03-31" />
          </Form.Item>
          <Form.Item name="sessions" label="课次" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={1} max={1000} />
          </Form.Item>
          <Form.Item name="capacity" label="计划人数" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={1} max={10000} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="regionCode" label="培训地点" rules={[{ required: true, message: '请选择培训地点' }]}>
          <RegionTreeSelect />
        </Form.Item>
        <Form.Item name="teacher" label="授课教师">
          <Input maxLength={50} />
        </Form.Item>
        <Space>
          <Form.Item name="subsidised" label="补贴性培训" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="payee" label="补贴对象">
            <Select style={{ width: 120 }} options={options(SUBSIDY_PAYEE_LABELS)} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** /training/classes — 培训班: the classes of the caller's scope; a class opens its enrolments and attendance. */
export default function ClassesPage() {
  const navigate = useNavigate();
  const { can } = useMe();
  const qc = useQueryClient();
  const [query, setQuery] = useState({ page: 1, pageSize: 20, q: undefined as string | undefined });
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    queryKey: trainingKeys.classes(query),
    queryFn: ({ signal }) => getClasses(query, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<TrainingClass> = [
    { title: '班级', dataIndex: 'name', render: (v: string) => <Typography.Link>{v}</Typography.Link> },
    { title: '职业（工种）', dataIndex: 'occupationName', width: 140 },
    {
      title: '类型',
      dataIndex: 'trainingType',
      width: 150,
      render: (v: TrainingClass['trainingType'], r) => (
        <Space size={4}>
          {TRAINING_TYPE_LABELS[v]}
          {r.mode !== 'open' && <Tag color="blue">{TRAINING_MODE_LABELS[r.mode]}</Tag>}
        </Space>
      ),
    },
    { title: '培训时间', width: 200, render: (_: unknown, r) => `${r.startDate} 至 ${r.endDate}` },
    { title: '人数', width: 100, render: (_: unknown, r) => `${r.enrolled} / ${r.capacity}` },
    { title: '培训机构', dataIndex: 'institutionName', ellipsis: true },
  ];
  return (
    <PageCard
      title="培训班"
      extra={
        <Space>
          <Input.Search
            placeholder="班级名称"
            allowClear
            onSearch={(v) => setQuery({ ...query, page: 1, q: v.trim() || undefined })}
            style={{ width: 220 }}
          />
          {can('training:handle') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              开班
            </Button>
          )}
        </Space>
      }
    >
      <Table<TrainingClass>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        onRow={(r) => ({ onClick: () => void navigate(`/training/classes/${r.id}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (n) => `共 ${n} 个班`,
          onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
        }}
      />
      {adding && (
        <ClassModal
          onClose={() => setAdding(false)}
          onCreated={(id) => {
            void qc.invalidateQueries({ queryKey: trainingKeys.all });
            void navigate(`/training/classes/${id}`);
          }}
        />
      )}
    </PageCard>
  );
}
