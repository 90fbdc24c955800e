import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Col, Form, InputNumber, Modal, Progress, Row, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { EChart } from '../../../components/charts/EChart';
import { PageCard } from '../../../components/PageCard';
import { showApiError } from '../../../components/feedback';
import { RegionTreeSelect } from '../../../components/regions/RegionTreeSelect';
import { useMe } from '../../../auth/MeProvider';
import { getTargets, putTarget, TRAINING_TYPE_LABELS, trainingKeys, type Target, type TargetInput } from '../api';

const THIS_YEAR = new Date().getFullYear();

function TargetModal({ year, onClose }: { year: number; onClose: () => void }) {
  const [form] = Form.useForm<TargetInput>();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: TargetInput) => putTarget(v),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: trainingKeys.all });
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal open title="设定培训目标" okText="保存" onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ year }}>
        <Form.Item name="regionCode" label="地区" rules={[{ required: true, message: '请选择地区' }]}>
          <RegionTreeSelect />
        </Form.Item>
        <Form.Item name="year" label="年度" rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="trainingType" label="培训类型（不选为全部）">
          <Select
            allowClear
            options={Object.entries(TRAINING_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="personTimes" label="目标人次" rules={[{ required: true, message: '请填写目标人次' }]}>
          <InputNumber min={1} max={100_000_000} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** /training/targets — 培训目标: yearly person-time targets by region and type, progress from completions. */
export default function TargetsPage() {
  const { can } = useMe();
  const [year, setYear] = useState(THIS_YEAR);
  const [editing, setEditing] = useState(false);
  const targets = useQuery({ queryKey: trainingKeys.targets(year), queryFn: ({ signal }) => getTargets(year, signal) });
  const items = targets.data?.items ?? [];
  const label = (t: Target) => `${t.regionName}${t.trainingType ? `·${TRAINING_TYPE_LABELS[t.trainingType]}` : ''}`;
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { data: items.map(label) },
    grid: { left: 60, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: months.map((m) => `${Number(m.slice(5))}月`) },
    yAxis: { type: 'value', name: '累计结业人次' },
    series: items.map((t) => {
      let sum = 0;
      return {
        name: label(t),
        type: 'line',
        data: months.map((m) => (sum += t.byMonth.find((b) => b.month === m)?.completed ?? 0)),
      };
    }),
  };
  // 目标与完成: each region's person-times target beside its completions (the leaders' view, Scope 13).
  const progress = {
    tooltip: { trigger: 'axis' },
    legend: { data: ['目标人次', '已结业人次'] },
    grid: { left: 70, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: items.map(label) },
    yAxis: { type: 'value', name: '人次' },
    series: [
      { name: '目标人次', type: 'bar', data: items.map((t) => t.personTimes), itemStyle: { color: '#d9d9d9' } },
      { name: '已结业人次', type: 'bar', data: items.map((t) => t.completed) },
    ],
  };
  const columns: TableColumnsType<Target> = [
    { title: '地区', render: (_: unknown, t) => label(t) },
    { title: '目标人次', dataIndex: 'personTimes', width: 120, render: (v: number) => v.toLocaleString('zh-CN') },
    { title: '已结业人次', dataIndex: 'completed', width: 120, render: (v: number) => v.toLocaleString('zh-CN') },
    {
      title: '完成进度',
      dataIndex: 'progressPct',
      width: 240,
      render: (v: number) => <Progress percent={Math.min(100, v)} format={() => `${v}%`} size="small" />,
    },
  ];
  return (
    <PageCard
      title="培训目标"
      extra={
        <Space>
          <Select
            value={year}
            onChange={setYear}
            options={[THIS_YEAR - 2, THIS_YEAR - 1, THIS_YEAR, THIS_YEAR + 1].map((y) => ({
              value: y,
              label: `${y} 年`,
            }))}
          />
          {can('training:approve') && (
            <Button type="primary" onClick={() => setEditing(true)}>
              设定目标
            </Button>
          )}
        </Space>
      }
    >
      {items.length > 0 && (
        <Row gutter={16}>
          <Col xs={24} lg={10}>
            <Typography.Title level={5}>各地区目标与完成</Typography.Title>
            <EChart option={progress} />
          </Col>
          <Col xs={24} lg={14}>
            <Typography.Title level={5}>逐月累计结业人次</Typography.Title>
            <EChart option={option} />
          </Col>
        </Row>
      )}
      <Table<Target>
        rowKey="id"
        size="middle"
        loading={targets.isFetching}
        dataSource={items}
        columns={columns}
        pagination={false}
      />
      {editing && <TargetModal year={year} onClose={() => setEditing(false)} />}
    </PageCard>
  );
}
