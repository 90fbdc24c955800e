import { PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type {
  DepositDto,
  DepositForm,
  DepositMovement,
  DepositMovementInput,
  DepositQuote,
  ProjectDto,
} from '../../../api';
import {
  addDepositMovement,
  depositFormLabels,
  depositFormOptions,
  depositMovementLabels,
  depositStatusLabels,
  getDepositQuote,
  putDeposit,
  wqk,
} from '../../../api';
import { errorText } from '../../../../../components/feedback';
import { dayjs } from '../../../../../components/time';
import { showApiErrorOn } from '../../../components/formErrors';
import { useCanWrite, useInvalidateProject, ymd } from './common';
import { fenToInput, formatBp, formatFen, inputToFen, Yuan, yuanRule } from '../../../../../components/money';

const notFuture = {
  validator: (_: unknown, v?: Dayjs) =>
    v && v.isAfter(dayjs(), 'day') ? Promise.reject(new Error('日期不能晚于今天')) : Promise.resolve(),
};

function QuoteCard({ quote, loading, error }: { quote?: DepositQuote; loading: boolean; error: unknown }) {
  return (
    <Card size="small" title="保证金测算" data-testid="deposit-quote">
      {loading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : error || !quote ? (
        <Alert type="error" showIcon message="无法测算保证金" description={errorText(error)} />
      ) : (
        <>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Statistic
                title="施工总承包单位等级"
                value={quote.grade}
                suffix={
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    级
                  </Typography.Text>
                }
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="存储比例" value={quote.exempt ? '免缴' : formatBp(quote.rateBp)} />
            </Col>
            <Col xs={24} md={12}>
              <Statistic title="应存金额（元）" value={quote.exempt ? '0.00' : formatFen(quote.requiredFen)} />
            </Col>
          </Row>
          <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
            <Descriptions.Item label="等级说明">{quote.gradeName}</Descriptions.Item>
            <Descriptions.Item label="测算依据">{quote.basis}</Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            依据《工程建设领域农民工工资保证金规定》（人社部发〔2021〕65号）按施工总承包单位守法诚信等级差异化确定。
          </Typography.Text>
        </>
      )}
    </Card>
  );
}

interface DepositValues {
  form: DepositForm;
  amount?: string;
  bankName?: string;
  letterNo?: string;
  validUntil?: Dayjs;
  depositedOn?: Dayjs;
}

function RecordDepositForm({ project, quote }: { project: ProjectDto; quote?: DepositQuote }) {
  const [form] = Form.useForm<DepositValues>();
  const { message } = App.useApp();
  const invalidate = useInvalidateProject(project.id);
  const kind = Form.useWatch('form', form);
  const letter = kind === 'bank_guarantee' || kind === 'insurance';

  useEffect(() => {
    if (!quote) return;
    form.setFieldsValue({
      form: quote.exempt ? 'exempt' : 'cash',
      amount: quote.exempt ? undefined : fenToInput(quote.requiredFen),
    });
  }, [quote, form]);

  const save = useMutation({
    mutationFn: (v: DepositValues) =>
      putDeposit(project.id, {
        form: v.form,
        amountFen: v.form === 'exempt' ? undefined : inputToFen(v.amount),
        bankName: letter ? v.bankName?.trim() : undefined,
        letterNo: letter ? v.letterNo?.trim() : undefined,
        validUntil: letter ? ymd(v.validUntil) : undefined,
        depositedOn: ymd(v.depositedOn) as string,
      }),
    onSuccess: () => {
      message.success('工资保证金已登记');
      invalidate();
    },
    onError: (err) => showApiErrorOn(err, form, { amountFen: 'amount' }),
  });

  return (
    <Card size="small" title="登记保证金存储">
      <Form<DepositValues>
        form={form}
        layout="vertical"
        autoComplete="off"
        initialValues={{ form: 'cash', depositedOn: dayjs() }}
        onFinish={(v) => save.mutate(v)}
        data-testid="deposit-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="form"
              label="存储形式"
              rules={[
                { required: true, message: '请选择存储形式' },
                {
                  validator: (_, v?: DepositForm) =>
                    v === 'exempt' && quote && !quote.exempt
                      ? Promise.reject(new Error('不符合免缴条件，请选择其他存储形式'))
                      : Promise.resolve(),
                },
              ]}
            >
              <Select options={depositFormOptions} />
            </Form.Item>
          </Col>
          {kind !== 'exempt' && (
            <Col xs={24} md={8}>
              <Form.Item
                name="amount"
                label={letter ? '保函 / 保单金额' : '存储金额'}
                required
                rules={[
                  yuanRule({ label: '金额', positive: true }),
                  {
                    validator: (_, v?: string) => {
                      if (!quote || quote.exempt || !v) return Promise.resolve();
                      try {
                        return inputToFen(v) < quote.requiredFen
                          ? Promise.reject(new Error(`不得低于应存金额 ${formatFen(quote.requiredFen)} 元`))
                          : Promise.resolve();
                      } catch {
                        return Promise.resolve();
                      }
                    },
                  },
                ]}
              >
                <Input inputMode="decimal" suffix="元" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={8}>
            <Form.Item
              name="depositedOn"
              label={kind === 'exempt' ? '免缴确认日期' : letter ? '出具日期' : '存储日期'}
              rules={[{ required: true, message: '请选择日期' }, notFuture]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {letter && (
            <>
              <Col xs={24} md={8}>
                <Form.Item
                  name="bankName"
                  label={kind === 'insurance' ? '承保机构' : '出具银行'}
                  rules={[
                    {
                      required: true,
                      whitespace: true,
                      message: kind === 'insurance' ? '请输入承保机构' : '请输入出具银行',
                    },
                    { max: 50, message: '不超过 50 个字' },
                  ]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="letterNo"
                  label={kind === 'insurance' ? '保单号' : '保函编号'}
                  rules={[
                    { required: true, whitespace: true, message: '请输入编号' },
                    { max: 60, message: '不超过 60 个字符' },
                  ]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="validUntil"
                  label="有效期至"
                  rules={[
                    { required: true, message: '请选择有效期' },
                    {
                      validator: (_, v?: Dayjs) =>
                        v && v.isBefore(dayjs(), 'day')
                          ? Promise.reject(new Error('保函（保单）已过期'))
                          : Promise.resolve(),
                    },
                    {
                      validator: (_, v?: Dayjs) =>
                        v && v.format('YYYY-MM-DD') < project.plannedEndDate
                          ? Promise.reject(new Error(`有效期不得早于计划竣工日期（${project.plannedEndDate}）`))
                          : Promise.resolve(),
                    },
                  ]}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
        <Button
          type="primary"
          htmlType="submit"
          loading={save.isPending}
          icon={<SafetyCertificateOutlined />}
          data-testid="deposit-submit"
        >
          登记
        </Button>
      </Form>
    </Card>
  );
}

type MoveKind = DepositMovementInput['kind'];
const MOVE_TITLE: Record<MoveKind, string> = { drawdown: '动用保证金', topup: '补足保证金', return: '退还保证金' };

function MovementModal({
  project,
  deposit,
  kind,
  onClose,
}: {
  project: ProjectDto;
  deposit: DepositDto;
  kind: MoveKind | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ amount?: string; onDate?: Dayjs; note?: string }>();
  const { message, modal } = App.useApp();
  const invalidate = useInvalidateProject(project.id);

  useEffect(() => {
    if (!kind) return;
    form.resetFields();
    const amount =
      kind === 'topup'
        ? Math.max(0, deposit.requiredFen - deposit.balanceFen)
        : kind === 'return'
          ? deposit.balanceFen
          : undefined;
    form.setFieldsValue({ onDate: dayjs(), amount: amount ? fenToInput(amount) : undefined });
  }, [kind, deposit, form]);

  const save = useMutation({
    mutationFn: (v: { amount?: string; onDate?: Dayjs; note?: string }) =>
      addDepositMovement(project.id, {
        kind: kind as MoveKind,
        amountFen: inputToFen(v.amount),
        onDate: ymd(v.onDate) as string,
        note: v.note?.trim() || undefined,
      }),
    onSuccess: () => {
      message.success(`${MOVE_TITLE[kind as MoveKind]}已登记`);
      invalidate();
      onClose();
    },
    onError: (err) => showApiErrorOn(err, form, { amountFen: 'amount' }),
  });

  const submit = (v: { amount?: string; onDate?: Dayjs; note?: string }) => {
    if (kind === 'return' || kind === 'drawdown') {
      modal.confirm({
        title: kind === 'return' ? '确认退还保证金？' : '确认动用保证金？',
        content:
          kind === 'return'
            ? '请确认工程已完工、工资已全部结清且公示期满无投诉。退还后记录不可撤销。'
            : '动用保证金用于支付被拖欠的农民工工资；动用后施工总承包单位须在 10 个工作日内补足。记录不可撤销。',
        okText: '确认',
        okButtonProps: { danger: true },
        cancelText: '取消',
        onOk: () => save.mutateAsync(v).catch(() => undefined),
      });
      return;
    }
    save.mutate(v);
  };

  const max = kind === 'drawdown' || kind === 'return' ? deposit.balanceFen : undefined;

  return (
    <Modal
      open={!!kind}
      title={kind ? MOVE_TITLE[kind] : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="提交"
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <Form form={form} layout="vertical" autoComplete="off" onFinish={submit} data-testid="deposit-movement-form">
        <Typography.Paragraph type="secondary">
          当前余额 {formatFen(deposit.balanceFen)} 元，应存 {formatFen(deposit.requiredFen)} 元
        </Typography.Paragraph>
        <Form.Item
          name="amount"
          label="金额"
          required
          extra={kind === 'return' ? '退还时须一次退还全部余额' : undefined}
          rules={[yuanRule({ label: '金额', positive: true, maxFen: max })]}
        >
          <Input inputMode="decimal" suffix="元" disabled={kind === 'return'} />
        </Form.Item>
        <Form.Item name="onDate" label="日期" rules={[{ required: true, message: '请选择日期' }, notFuture]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="note"
          label={kind === 'drawdown' ? '动用原因' : '备注'}
          rules={[
            { required: kind === 'drawdown', whitespace: true, message: '请填写动用原因（如欠薪案件编号）' },
            { max: 200, message: '不超过 200 个字' },
          ]}
        >
          <Input.TextArea rows={2} showCount maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DepositCard({ project, deposit }: { project: ProjectDto; deposit: DepositDto }) {
  const canWrite = useCanWrite(project.status);
  const [moving, setMoving] = useState<MoveKind | null>(null);
  const status = depositStatusLabels[deposit.status];
  const live = deposit.status === 'held' || deposit.status === 'topup_due';
  const short = deposit.requiredFen - deposit.balanceFen;
  const finished = project.status === 'completed' || project.status === 'closed';

  const columns: TableColumnsType<DepositMovement> = [
    { title: '日期', dataIndex: 'onDate', width: 110 },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 90,
      render: (v: DepositMovement['kind']) => (
        <Tag color={depositMovementLabels[v]?.color}>{depositMovementLabels[v]?.text ?? v}</Tag>
      ),
    },
    {
      title: '金额（元）',
      dataIndex: 'amountFen',
      width: 140,
      align: 'right',
      render: (v: number, m) => (
        <Yuan fen={v} type={m.kind === 'drawdown' || m.kind === 'return' ? 'danger' : undefined} />
      ),
    },
    { title: '说明', dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Card
      size="small"
      data-testid="deposit-card"
      title={
        <Space>
          <SafetyCertificateOutlined />
          工资保证金
          {status && <Tag color={status.color}>{status.text}</Tag>}
        </Space>
      }
      extra={
        canWrite &&
        live && (
          <Space>
            <Button
              size="small"
              danger
              disabled={deposit.balanceFen <= 0}
              onClick={() => setMoving('drawdown')}
              data-testid="deposit-drawdown"
            >
              动用
            </Button>
            <Button
              size="small"
              icon={<PlusOutlined />}
              disabled={short <= 0}
              onClick={() => setMoving('topup')}
              data-testid="deposit-topup"
            >
              补足
            </Button>
            <Tooltip title={finished ? '' : '项目竣工后方可退还保证金'}>
              <Button
                size="small"
                disabled={deposit.balanceFen <= 0 || !finished}
                onClick={() => setMoving('return')}
                data-testid="deposit-return"
              >
                退还
              </Button>
            </Tooltip>
          </Space>
        )
      }
    >
      {deposit.status === 'topup_due' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={`保证金已被动用，须于 ${deposit.topupDueOn ?? '规定期限'} 前补足 ${formatFen(Math.max(0, short))} 元`}
        />
      )}
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Statistic title="存储形式" value={depositFormLabels[deposit.form] ?? deposit.form} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="存储比例" value={deposit.form === 'exempt' ? '免缴' : formatBp(deposit.rateBp)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="应存（元）" value={formatFen(deposit.requiredFen)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title="余额（元）"
            value={formatFen(deposit.balanceFen)}
            valueStyle={short > 0 && live ? { color: '#cf1322' } : undefined}
          />
        </Col>
      </Row>
      <Descriptions size="small" bordered column={2} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="测算依据" span={2}>
          {deposit.basis}
        </Descriptions.Item>
        <Descriptions.Item label="存储日期">{deposit.depositedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="补足期限">{deposit.topupDueOn ?? '—'}</Descriptions.Item>
        {(deposit.form === 'bank_guarantee' || deposit.form === 'insurance') && (
          <>
            <Descriptions.Item label={deposit.form === 'insurance' ? '承保机构' : '出具银行'}>
              {deposit.bankName ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={deposit.form === 'insurance' ? '保单号' : '保函编号'}>
              {deposit.letterNo ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label="有效期至">
              {deposit.validUntil ?? '—'}
              {deposit.validUntil && deposit.validUntil < dayjs().format('YYYY-MM-DD') && (
                <Tag color="error" style={{ marginInlineStart: 8 }}>
                  已过期
                </Tag>
              )}
            </Descriptions.Item>
          </>
        )}
        {deposit.returnedOn && <Descriptions.Item label="退还日期">{deposit.returnedOn}</Descriptions.Item>}
      </Descriptions>
      <Typography.Title level={5} style={{ fontSize: 14 }}>
        收支记录
      </Typography.Title>
      <Table<DepositMovement>
        data-testid="deposit-movements"
        rowKey={(m) => String(m.id)}
        size="small"
        columns={columns}
        dataSource={deposit.movements ?? []}
        pagination={(deposit.movements?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: <Empty description="暂无收支记录" /> }}
      />
      {canWrite && <MovementModal project={project} deposit={deposit} kind={moving} onClose={() => setMoving(null)} />}
    </Card>
  );
}

/** 保证金 */
export function DepositTab({ project }: { project: ProjectDto }) {
  const canWrite = useCanWrite(project.status);
  const quote = useQuery({
    queryKey: wqk.depositQuote(project.id),
    queryFn: ({ signal }) => getDepositQuote(project.id, signal),
    enabled: !project.deposit,
  });
  return (
    <Space direction="vertical" size={16} style={{ display: 'flex' }} data-testid="project-deposit">
      {project.deposit ? (
        <DepositCard project={project} deposit={project.deposit} />
      ) : (
        <>
          <QuoteCard quote={quote.data} loading={quote.isPending} error={quote.error} />
          {canWrite ? (
            <RecordDepositForm project={project} quote={quote.data} />
          ) : (
            <Empty description="项目尚未登记工资保证金" />
          )}
        </>
      )}
    </Space>
  );
}
