import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { insuranceTypeLabels } from '../../../../../api/labels';
import { addInsuranceTransfer, putWorkerInsurance, rqk } from '../../../api';
import type { InsuranceItem, InsuranceType, TimelineEntry, Worker } from '../../../../../api/types';
import { useCan } from '../../../../../auth/MeProvider';
import { showApiError } from '../../../../../components/feedback';
import { useCodeTables } from '../../../components/useCodeTables';
import { NationalRegionSelect } from '../../../../../components/regions/NationalRegionSelect';
import { useRegionNames } from '../../../../../components/regions/useRegionNames';
import { dayjs, formatDateTime } from '../../../../../components/time';
import { actorName, useWorkerTimeline } from './TimelineTab';

interface RowValues {
  enrolled: boolean;
  since?: Dayjs | null;
  placeRegionCode?: string;
}

type Values = { items: Record<string, RowValues> };

function useInsuranceTypes() {
  const codes = useCodeTables();
  return useMemo(() => {
    const fromApi = codes.tables.insuranceTypes;
    if (fromApi.length > 0) return fromApi;
    return Object.entries(insuranceTypeLabels).map(([code, name]) => ({ code, name }));
  }, [codes.tables.insuranceTypes]);
}

function TransferModal({ worker, open, onClose }: { worker: Worker; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ type: InsuranceType; fromRegionCode: string; toRegionCode: string; date: Dayjs }>();
  const types = useInsuranceTypes();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const add = useMutation({
    mutationFn: (v: { type: InsuranceType; fromRegionCode: string; toRegionCode: string; date: Dayjs }) =>
      addInsuranceTransfer(worker.id, {
        type: v.type,
        fromRegionCode: v.fromRegionCode,
        toRegionCode: v.toRegionCode,
        date: v.date.format('YYYY-MM-DD'),
      }),
    onSuccess: () => {
      message.success('已登记转移接续');
      void qc.invalidateQueries({ queryKey: rqk.worker(worker.id) });
      void qc.invalidateQueries({ queryKey: rqk.timeline(worker.id) });
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal
      open={open}
      title="登记社保转移接续"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={add.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <Form form={form} layout="vertical" initialValues={{ date: dayjs() }} onFinish={(v) => add.mutate(v)}>
        <Form.Item name="type" label="险种" rules={[{ required: true, message: '请选择险种' }]}>
          <Select options={types.map((t) => ({ value: t.code, label: t.name }))} placeholder="请选择" />
        </Form.Item>
        <Form.Item name="fromRegionCode" label="转出地" rules={[{ required: true, message: '请选择转出地' }]}>
          <NationalRegionSelect />
        </Form.Item>
        <Form.Item
          name="toRegionCode"
          label="转入地"
          dependencies={['fromRegionCode']}
          rules={[
            { required: true, message: '请选择转入地' },
            ({ getFieldValue }) => ({
              validator: (_, v?: string) =>
                v && v === getFieldValue('fromRegionCode')
                  ? Promise.reject(new Error('转入地不能与转出地相同'))
                  : Promise.resolve(),
            }),
          ]}
        >
          <NationalRegionSelect />
        </Form.Item>
        <Form.Item name="date" label="办理日期" rules={[{ required: true, message: '请选择办理日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs().endOf('day'))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Transfers recorded on the worker's timeline (the contract has no separate list call). */
function isTransfer(e: TimelineEntry): boolean {
  return /transfer/i.test(e.type);
}

/** 社会保险: five insurance types (PUT the whole set) and the transfers. */
export function InsuranceTab({ worker }: { worker: Worker }) {
  const can = useCan();
  const canWrite = can('registry:write') && worker.status === 'active';
  const types = useInsuranceTypes();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [transferOpen, setTransferOpen] = useState(false);
  const timeline = useWorkerTimeline(worker.id);
  const transfers = (timeline.data ?? []).filter(isTransfer).map((e, key) => ({ ...e, key }));
  const names = useRegionNames(worker.insurance.map((i) => i.placeRegionCode));
  const watched = Form.useWatch('items', form);

  const initial = useMemo<Values>(() => {
    const items: Record<string, RowValues> = {};
    for (const t of types) {
      const cur = worker.insurance.find((i) => i.type === t.code);
      items[t.code] = {
        enrolled: !!cur?.enrolled,
        since: cur?.since ? dayjs(cur.since) : null,
        placeRegionCode: cur?.placeRegionCode ?? undefined,
      };
    }
    return { items };
  }, [types, worker.insurance]);

  useEffect(() => {
    if (canWrite) form.setFieldsValue(initial);
  }, [canWrite, form, initial]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const items: InsuranceItem[] = types.map((t) => {
        const row = v.items?.[t.code];
        const enrolled = !!row?.enrolled;
        return {
          type: t.code as InsuranceType,
          enrolled,
          since: enrolled && row?.since ? row.since.format('YYYY-MM-DD') : null,
          placeRegionCode: enrolled ? (row?.placeRegionCode ?? null) : null,
        };
      });
      return putWorkerInsurance(worker.id, items);
    },
    onSuccess: () => {
      message.success('参保信息已保存');
      void qc.invalidateQueries({ queryKey: rqk.worker(worker.id) });
      void qc.invalidateQueries({ queryKey: rqk.timeline(worker.id) });
    },
    onError: (err) => showApiError(err, form),
  });

  return (
    <Space direction="vertical" size="large" style={{ display: 'flex' }}>
      <Card size="small" title="参保情况" variant="outlined">
        {canWrite ? (
          <Form<Values> form={form} initialValues={initial} onFinish={(v) => save.mutate(v)} layout="vertical">
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={types}
              columns={[
                { title: '险种', dataIndex: 'name', width: 120 },
                {
                  title: '参保',
                  key: 'enrolled',
                  width: 100,
                  render: (_, t) => (
                    <Form.Item name={['items', t.code, 'enrolled']} valuePropName="checked" noStyle>
                      <Switch checkedChildren="已参保" unCheckedChildren="未参保" />
                    </Form.Item>
                  ),
                },
                {
                  title: '参保时间',
                  key: 'since',
                  width: 180,
                  render: (_, t) => {
                    const enrolled = !!watched?.[t.code]?.enrolled;
                    return (
                      <Form.Item
                        name={['items', t.code, 'since']}
                        style={{ marginBottom: 0 }}
                        rules={enrolled ? [{ required: true, message: '请选择参保时间' }] : []}
                      >
                        <DatePicker
                          disabled={!enrolled}
                          style={{ width: '100%' }}
                          disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
                        />
                      </Form.Item>
                    );
                  },
                },
                {
                  title: '参保地',
                  key: 'place',
                  render: (_, t) => {
                    const enrolled = !!watched?.[t.code]?.enrolled;
                    return (
                      <Form.Item
                        name={['items', t.code, 'placeRegionCode']}
                        style={{ marginBottom: 0 }}
                        rules={enrolled ? [{ required: true, message: '请选择参保地' }] : []}
                      >
                        <NationalRegionSelect disabled={!enrolled} />
                      </Form.Item>
                    );
                  },
                },
              ]}
            />
            <Space style={{ marginTop: 12 }}>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                保存参保信息
              </Button>
              <Button onClick={() => form.setFieldsValue(initial)}>撤销修改</Button>
            </Space>
          </Form>
        ) : (
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={types}
            columns={[
              { title: '险种', dataIndex: 'name', width: 120 },
              {
                title: '参保',
                key: 'enrolled',
                width: 100,
                render: (_, t) =>
                  worker.insurance.find((i) => i.type === t.code)?.enrolled ? (
                    <Tag color="success">已参保</Tag>
                  ) : (
                    <Tag>未参保</Tag>
                  ),
              },
              {
                title: '参保时间',
                key: 'since',
                width: 140,
                render: (_, t) => worker.insurance.find((i) => i.type === t.code)?.since ?? '—',
              },
              {
                title: '参保地',
                key: 'place',
                render: (_, t) => {
                  const code = worker.insurance.find((i) => i.type === t.code)?.placeRegionCode;
                  return code ? (names[code]?.fullName ?? code) : '—';
                },
              },
            ]}
          />
        )}
      </Card>

      <Card
        size="small"
        title="转移接续记录"
        variant="outlined"
        extra={
          canWrite && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setTransferOpen(true)}>
              登记转移接续
            </Button>
          )
        }
      >
        {timeline.isError ? (
          <Alert type="error" showIcon message="无法加载转移接续记录" />
        ) : (
          <Table<TimelineEntry & { key: number }>
            size="small"
            loading={timeline.isPending}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={transfers}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无转移接续记录" /> }}
            columns={[
              { title: '登记时间', dataIndex: 'ts', width: 170, render: (v: string) => formatDateTime(v) },
              { title: '内容', dataIndex: 'summary' },
              {
                title: '经办人',
                dataIndex: 'actor',
                width: 120,
                render: (v: unknown) => actorName(v),
              },
            ]}
          />
        )}
      </Card>
      <TransferModal worker={worker} open={transferOpen} onClose={() => setTransferOpen(false)} />
    </Space>
  );
}
