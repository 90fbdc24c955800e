// 确认欠薪并立案: creates an arrears case from a warning's affected workers (POST /api/arrears).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fenToYuan, parseYuan } from '@mwsp/domain';
import { Alert, App, Checkbox, DatePicker, Empty, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { createArrears, getProject, unitRoleLabels, wqk } from '../../api';
import type { WarningDetail, WarningWorker } from '../../api';
import { useCan } from '../../../../auth/MeProvider';
import { showApiError } from '../../../../components/feedback';
import { EmployerSelect } from '../../../../components/EmployerSelect';
import { dayjs } from '../../../../components/time';
import { monthText } from '../../../../components/display';
import { formatFen, formatYuanText } from '../../../../components/money';

interface Row {
  include: boolean;
  amount: string;
}

interface Values {
  employerId?: string;
  month?: Dayjs;
  summary: string;
  items: Row[];
}

const owed = (w: WarningWorker) => Math.max(0, (w.netFen ?? 0) - (w.paidFen ?? 0));

function defaultSummary(w: WarningDetail): string {
  const total = w.workers.reduce((s, x) => s + owed(x), 0);
  const people = w.workers.filter((x) => owed(x) > 0).length;
  const month = w.month ? monthText(w.month) : '';
  return (
    `${w.projectName}${month ? ` ${month}` : ''}拖欠 ${people} 名农民工工资共 ${formatYuanText(total)}` +
    `（由预警 #${w.seq}“${w.ruleName}”核实立案）`
  );
}

export function CreateArrearsModal({
  warning,
  open,
  onClose,
}: {
  warning: WarningDetail;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const can = useCan();
  const workers = warning.workers;

  const project = useQuery({
    queryKey: wqk.project(warning.projectId),
    queryFn: ({ signal }) => getProject(warning.projectId, signal),
    enabled: open && can('wages:read'),
    staleTime: 60_000,
    meta: { silent: true },
  });

  const employerOptions = useMemo(() => {
    const p = project.data;
    if (!p) return [];
    const seen = new Set<string>();
    const out: { value: string; label: string }[] = [];
    const add = (id: string, label: string) => {
      if (!id || seen.has(id)) return;
      seen.add(id);
      out.push({ value: id, label });
    };
    add(p.contractorId, `${p.contractorName}（施工总承包单位）`);
    for (const u of p.units) add(u.employerId, `${u.employerName}（${unitRoleLabels[u.role] ?? '分包单位'}）`);
    return out;
  }, [project.data]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      summary: defaultSummary(warning),
      month: warning.month ? dayjs(warning.month) : undefined,
      items: workers.map((w) => ({
        include: owed(w) > 0,
        amount: owed(w) > 0 ? fenToYuan(owed(w), { grouping: false }) : '',
      })),
    });
    // Reset only when opened (a refetch of the warning must not wipe the officer's edits).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, form, warning.id]);

  useEffect(() => {
    if (open && project.data && !form.getFieldValue('employerId'))
      form.setFieldsValue({ employerId: project.data.contractorId });
  }, [open, project.data, form]);

  const items = (Form.useWatch('items', form) as Row[] | undefined) ?? [];
  const selected = items.filter((r) => r?.include);
  const totalFen = selected.reduce((s, r) => {
    const p = parseYuan(r.amount ?? '');
    return s + (p.ok ? p.fen : 0);
  }, 0);

  const create = useMutation({
    mutationFn: (v: Values) => {
      const month = warning.month ?? (v.month as Dayjs).format('YYYY-MM-01');
      return createArrears({
        projectId: warning.projectId,
        employerId: v.employerId as string,
        warningId: warning.id,
        summary: v.summary.trim(),
        items: workers
          .map((w, i) => ({ w, row: v.items[i] }))
          .filter(({ row }) => row?.include)
          .map(({ w, row }) => {
            const p = parseYuan(row.amount);
            return { projectWorkerId: w.projectWorkerId, month, amountFen: p.ok ? p.fen : 0 };
          }),
      });
    },
    onSuccess: (res) => {
      message.success('欠薪案件已立案');
      void qc.invalidateQueries({ queryKey: wqk.arrearsAll });
      void qc.invalidateQueries({ queryKey: wqk.warning(warning.id) });
      onClose();
      // navigate() is fire-and-forget: the router reports a failed navigation itself (error boundary).
      void navigate(res?.id ? `/arrears/${res.id}` : '/arrears');
    },
    onError: (err) => showApiError(err, form),
  });

  const submit = (v: Values) => {
    if (selected.length === 0) {
      message.warning('请至少勾选一名被欠薪人员');
      return;
    }
    create.mutate(v);
  };

  return (
    <Modal
      open={open}
      title="确认欠薪并立案"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="立案"
      okButtonProps={{ disabled: workers.length === 0, 'data-testid': 'arrears-create-ok' }}
      confirmLoading={create.isPending}
      destroyOnHidden
      maskClosable={false}
      width={880}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={`预警 #${warning.seq}：${warning.ruleName}（${monthText(warning.month)}）`}
        description="金额默认按该月应发（实发）工资减已代发金额预填，请根据核实情况修改。立案后案件进入限期支付、清偿和移送流程。"
      />
      <Form form={form} layout="vertical" onFinish={submit} autoComplete="off" data-testid="arrears-create-form">
        <Space align="start" wrap style={{ width: '100%' }} styles={{ item: { minWidth: 260 } }}>
          <Form.Item
            name="employerId"
            label="欠薪责任单位"
            rules={[{ required: true, message: '请选择欠薪责任单位' }]}
            style={{ minWidth: 380 }}
          >
            {employerOptions.length > 0 ? (
              <Select options={employerOptions} placeholder="请选择" data-testid="arrears-create-employer" />
            ) : (
              <EmployerSelect placeholder={project.isFetching ? '正在加载项目参建单位…' : '输入单位名称搜索'} />
            )}
          </Form.Item>
          {!warning.month && (
            <Form.Item name="month" label="欠薪月份" rules={[{ required: true, message: '请选择欠薪月份' }]}>
              <DatePicker
                picker="month"
                format="YYYY年M月"
                disabledDate={(d) => d.isAfter(dayjs().endOf('month'))}
                style={{ width: 200 }}
              />
            </Form.Item>
          )}
        </Space>
        <Form.Item
          name="summary"
          label="案情摘要"
          rules={[
            { required: true, whitespace: true, message: '请填写案情摘要' },
            { min: 4, message: '案情摘要不少于 4 个字' },
            { max: 500, message: '不超过 500 个字符' },
          ]}
        >
          <Input.TextArea rows={2} showCount maxLength={500} />
        </Form.Item>
        {workers.length === 0 ? (
          <Empty description="该预警没有列出具体人员，无法按人员立案；请先在项目工资台账中核实欠薪人员和金额。" />
        ) : (
          <Table<WarningWorker>
            size="small"
            rowKey="projectWorkerId"
            dataSource={workers}
            pagination={workers.length > 10 ? { pageSize: 10, size: 'small' } : false}
            data-testid="arrears-create-items"
            columns={[
              {
                title: '立案',
                key: 'include',
                width: 60,
                render: (_, __, i) => (
                  <Form.Item name={['items', i, 'include']} valuePropName="checked" noStyle>
                    <Checkbox
                      aria-label="纳入立案"
                      onChange={() => void form.validateFields([['items', i, 'amount']]).catch(() => undefined)}
                    />
                  </Form.Item>
                ),
              },
              { title: '姓名', dataIndex: 'name', width: 90 },
              {
                title: '身份证号',
                dataIndex: 'idMasked',
                width: 180,
                render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
              },
              { title: '出勤天数', dataIndex: 'days', width: 80, align: 'right' },
              {
                title: '应发（元）',
                dataIndex: 'netFen',
                width: 110,
                align: 'right',
                render: (v: number) => formatFen(v),
              },
              {
                title: '已发（元）',
                dataIndex: 'paidFen',
                width: 110,
                align: 'right',
                render: (v: number) => formatFen(v),
              },
              {
                title: '欠薪金额（元）',
                key: 'amount',
                width: 170,
                render: (_, w, i) => (
                  <Form.Item
                    name={['items', i, 'amount']}
                    style={{ margin: 0 }}
                    dependencies={[['items', i, 'include']]}
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: (_r, v?: string) => {
                          if (!getFieldValue(['items', i, 'include'])) return Promise.resolve();
                          const p = parseYuan(v ?? '');
                          if (!p.ok) return Promise.reject(new Error(p.message));
                          if (p.fen <= 0) return Promise.reject(new Error('金额应大于 0'));
                          return Promise.resolve();
                        },
                      }),
                    ]}
                  >
                    <Input
                      inputMode="decimal"
                      suffix="元"
                      placeholder="0.00"
                      disabled={!items[i]?.include}
                      aria-label={`${w.name} 欠薪金额`}
                    />
                  </Form.Item>
                ),
              },
            ]}
          />
        )}
        {workers.length > 0 && (
          <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }} data-testid="arrears-create-total">
            已选 <Typography.Text strong>{selected.length}</Typography.Text> 人，立案金额合计{' '}
            <Typography.Text strong type="danger">
              {formatYuanText(totalFen)}
            </Typography.Text>
          </Typography.Paragraph>
        )}
      </Form>
    </Modal>
  );
}
