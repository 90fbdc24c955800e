import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useMe } from '../../../auth/MeProvider';
import { UserSelect } from '../../../components/UserSelect';
import { showApiError } from '../../../components/feedback';
import { RegionTreeSelect } from '../../../components/regions/RegionTreeSelect';
import {
  INSPECTION_KIND_LABELS,
  INSPECTION_STATUS_LABELS,
  createInspection,
  getGrids,
  getInspections,
  inspectionKeys,
  patchInspection,
  type Inspection,
  type InspectionBody,
  type InspectionKind,
} from '../api';

const KINDS = Object.keys(INSPECTION_KIND_LABELS) as InspectionKind[];

interface FormValues {
  kind: InspectionKind;
  title: string;
  gridId?: string;
  regionCode?: string;
  dates: [Dayjs, Dayjs | null];
  inspectorIds: string[];
  employers?: { name: string; submitted?: boolean; findings?: string }[];
  findings?: string;
}

/** Register a patrol of a grid, a special campaign over an area, or a written review of employers. */
function InspectionModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? 'patrol';
  const qc = useQueryClient();
  const { message } = App.useApp();
  const grids = useQuery({
    queryKey: inspectionKeys.grids({ page: 1, pageSize: 200 }),
    queryFn: ({ signal }) => getGrids({ page: 1, pageSize: 200 }, signal),
  });
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body: InspectionBody = {
        kind: v.kind,
        title: v.title,
        gridId: v.gridId ?? null,
        regionCode: v.regionCode ?? null,
        startsOn: v.dates[0].format('YYYY-MM-DD'),
        endsOn: v.dates[1] ? v.dates[1].format('YYYY-MM-DD') : null,
        inspectorIds: v.inspectorIds ?? [],
        employers: (v.employers ?? []).map((e) => ({
          name: e.name,
          submitted: !!e.submitted,
          findings: e.findings ?? null,
        })),
        findings: v.findings ?? null,
      };
      return createInspection(body);
    },
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: inspectionKeys.all });
      message.success(`已登记${a.kindName}「${a.title}」`);
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal
      open
      width={640}
      title="登记巡查与检查"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText="保存"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'patrol', inspectorIds: [] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="kind" label="类别">
          <Segmented options={KINDS.map((k) => ({ value: k, label: INSPECTION_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="title" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input
            maxLength={100}
            placeholder={
              kind === 'campaign' ? '如：冬季根治欠薪专项行动' : kind === 'review' ? '如：2026 年度书面审查' : ''
            }
          />
        </Form.Item>
        {kind === 'patrol' ? (
          <Form.Item name="gridId" label="巡查网格" rules={[{ required: true, message: '请选择网格' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={grids.isLoading}
              options={(grids.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="regionCode" label="检查范围" rules={[{ required: true, message: '请选择检查范围' }]}>
            <RegionTreeSelect />
          </Form.Item>
        )}
        <Form.Item name="dates" label="起止日期" rules={[{ required: true, message: '请选择开始日期' }]}>
          <DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="inspectorIds" label="检查人员">
          <UserSelect max={20} />
        </Form.Item>
        {kind === 'review' && (
          <Form.List name="employers">
            {(fields, { add, remove }) => (
              <Form.Item label="被审查单位">
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写单位名称' }]}>
                      <Input placeholder="单位名称" maxLength={100} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'submitted']} valuePropName="checked">
                      <Checkbox>已报送材料</Checkbox>
                    </Form.Item>
                    <Form.Item name={[f.name, 'findings']}>
                      <Input placeholder="审查意见" maxLength={500} />
                    </Form.Item>
                    <MinusCircleOutlined aria-label="移除" onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ submitted: false })}>
                  添加单位
                </Button>
              </Form.Item>
            )}
          </Form.List>
        )}
        <Form.Item name="findings" label="检查情况">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 巡查与检查: routine patrols, special campaigns and written reviews. */
export function InspectionsTab() {
  const { can } = useMe();
  const handle = can('rights:handle');
  const [kind, setKind] = useState<InspectionKind | 'all'>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = useMemo(() => ({ kind: kind === 'all' ? undefined : kind, page, pageSize }), [kind, page, pageSize]);
  const list = useQuery({
    queryKey: inspectionKeys.activities(query),
    queryFn: ({ signal }) => getInspections(query, signal),
    placeholderData: keepPreviousData,
  });
  const [adding, setAdding] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const finish = useMutation({
    mutationFn: (a: Inspection) => patchInspection(a.id, { status: 'done' }),
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: inspectionKeys.all });
      message.success(`「${a.title}」已完成`);
    },
    onError: (err) => showApiError(err),
  });

  const columns: TableColumnsType<Inspection> = [
    { title: '类别', dataIndex: 'kindName', width: 100 },
    { title: '名称', dataIndex: 'title' },
    { title: '网格 / 范围', key: 'where', render: (_, a) => a.gridName ?? a.regionName ?? a.regionCode },
    { title: '日期', key: 'dates', render: (_, a) => (a.endsOn ? `${a.startsOn} 至 ${a.endsOn}` : a.startsOn) },
    {
      title: '检查人员',
      dataIndex: 'inspectors',
      render: (v: Inspection['inspectors']) => (v.length ? v.map((i) => i.displayName).join('、') : '—'),
    },
    {
      title: '书面审查',
      key: 'review',
      render: (_, a) => (a.kind === 'review' ? `已报送 ${a.submittedCount}/${a.employers.length}` : '—'),
    },
    {
      title: '状态',
      dataIndex: 'status',
      render: (v: Inspection['status']) => (
        <Tag color={v === 'done' ? 'green' : 'blue'}>{INSPECTION_STATUS_LABELS[v]}</Tag>
      ),
    },
    ...(handle
      ? [
          {
            title: '操作',
            key: 'op',
            render: (_: unknown, a: Inspection) =>
              a.status === 'open' ? (
                <Button type="link" size="small" onClick={() => finish.mutate(a)}>
                  完成
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented
          value={kind}
          onChange={(v) => {
            setKind(v as InspectionKind | 'all');
            setPage(1);
          }}
          options={[
            { value: 'all', label: '全部' },
            ...KINDS.map((k) => ({ value: k, label: INSPECTION_KIND_LABELS[k] })),
          ]}
        />
        {handle && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            登记巡查与检查
          </Button>
        )}
      </Space>
      <Table<Inspection>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        locale={{ emptyText: '暂无记录' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showTotal: (n) => `共 ${n} 条`,
          onChange: (p, size) => {
            setPage(p);
            setPageSize(size);
          },
        }}
      />
      {adding && <InspectionModal onClose={() => setAdding(false)} />}
    </Space>
  );
}
