import { BankOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { monthLabel } from '@mwsp/domain';
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
import type { AccountDto, AccountTxn, AccountTxnInput, ProjectDto } from '../../../api';
import {
  accountClosure,
  accountStatusLabels,
  accountTxnKindLabels,
  addAccountTxn,
  getAccount,
  putAccount,
  wqk,
} from '../../../api';
import { errorText, showApiError } from '../../../../../components/feedback';
import { dayjs } from '../../../../../components/time';
import { showApiErrorOn } from '../../../components/formErrors';
import { MonthPicker, useCanWrite, useInvalidateProject, ym, ymd } from './common';
import { formatFen, inputToFen, yuanRule } from '../../../../../components/money';

const NOTICE_DAYS = 30;
const notFuture = {
  validator: (_: unknown, v?: Dayjs) =>
    v && v.isAfter(dayjs(), 'day') ? Promise.reject(new Error('日期不能晚于今天')) : Promise.resolve(),
};

interface OpenValues {
  bankName?: string;
  accountNo?: string;
  openedOn?: Dayjs;
}

function OpenAccountForm({ project }: { project: ProjectDto }) {
  const [form] = Form.useForm<OpenValues>();
  const { message } = App.useApp();
  const invalidate = useInvalidateProject(project.id);
  const save = useMutation({
    mutationFn: (v: OpenValues) =>
      putAccount(project.id, {
        bankName: (v.bankName ?? '').trim(),
        accountNo: (v.accountNo ?? '').replace(/[\s-]/g, ''),
        openedOn: ymd(v.openedOn) as string,
      }),
    onSuccess: () => {
      message.success('专用账户已登记');
      invalidate();
    },
    onError: (err) => showApiErrorOn(err, form),
  });
  const deadline = dayjs(project.contractSignedOn).add(30, 'day').format('YYYY-MM-DD');
  return (
    <Card size="small" title="登记开立专用账户" style={{ maxWidth: 640 }}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={`施工总承包单位应在工程施工合同签订之日起 30 日内开立农民工工资专用账户（本项目合同签订于 ${project.contractSignedOn}，应于 ${deadline} 前开立）。`}
      />
      <Form<OpenValues>
        form={form}
        layout="vertical"
        autoComplete="off"
        onFinish={(v) => save.mutate(v)}
        data-testid="account-open-form"
      >
        <Form.Item
          name="bankName"
          label="开户银行"
          rules={[
            { required: true, whitespace: true, message: '请输入开户银行' },
            { max: 50, message: '不超过 50 个字' },
          ]}
        >
          <Input placeholder="如：中国建设银行昆明市分行营业部" />
        </Form.Item>
        <Form.Item
          name="accountNo"
          label="账号"
          rules={[
            { required: true, whitespace: true, message: '请输入账号' },
            {
              validator: (_, v?: string) => {
                const s = (v ?? '').replace(/[\s-]/g, '');
                return !s || /^\d{8,30}$/.test(s)
                  ? Promise.resolve()
                  : Promise.reject(new Error('账号应为 8–30 位数字'));
              },
            },
          ]}
        >
          <Input inputMode="numeric" maxLength={40} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="openedOn" label="开户日期" rules={[{ required: true, message: '请选择开户日期' }, notFuture]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={save.isPending}
          icon={<BankOutlined />}
          data-testid="account-open-submit"
        >
          登记开户
        </Button>
      </Form>
    </Card>
  );
}

interface TxnValues {
  kind: AccountTxnInput['kind'];
  month?: Dayjs;
  amount?: string;
  txnDate?: Dayjs;
  ref?: string;
}

const TXN_OPTIONS: { value: AccountTxnInput['kind']; label: string }[] = [
  { value: 'allocation', label: '人工费用拨付（转入）' },
  { value: 'other_in', label: '其他转入' },
  { value: 'refund', label: '退回（转出）' },
];

function TxnModal({
  project,
  account,
  open,
  onClose,
}: {
  project: ProjectDto;
  account: AccountDto;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<TxnValues>();
  const { message } = App.useApp();
  const invalidate = useInvalidateProject(project.id);
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const save = useMutation({
    mutationFn: (v: TxnValues) =>
      addAccountTxn(project.id, {
        kind: v.kind,
        month: ym(v.month),
        amountFen: inputToFen(v.amount),
        txnDate: ymd(v.txnDate) as string,
        ref: v.ref?.trim() || undefined,
      }),
    onSuccess: () => {
      message.success('已记录账户收支');
      invalidate();
      onClose();
    },
    onError: (err) => showApiErrorOn(err, form, { amountFen: 'amount' }),
  });
  return (
    <Modal
      open={open}
      title="记录专用账户收支"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<TxnValues>
        form={form}
        layout="vertical"
        autoComplete="off"
        initialValues={{ kind: 'allocation', txnDate: dayjs(), month: dayjs().startOf('month') }}
        onFinish={(v) => save.mutate(v)}
        data-testid="account-txn-form"
      >
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={TXN_OPTIONS} />
        </Form.Item>
        <Form.Item
          name="month"
          label="所属工资月份"
          extra={kind === 'allocation' ? `建设单位应于每月 ${project.allocationDay} 日前拨付当月人工费用` : '选填'}
          rules={[{ required: kind === 'allocation', message: '请选择人工费用所属月份' }]}
        >
          <MonthPicker allowClear={kind !== 'allocation'} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="amount"
          label="金额"
          required
          extra={kind === 'refund' ? `退回金额不超过账户余额 ${formatFen(account.balanceFen)} 元` : undefined}
          rules={[
            yuanRule({ label: '金额', positive: true, maxFen: kind === 'refund' ? account.balanceFen : undefined }),
          ]}
        >
          <Input inputMode="decimal" suffix="元" />
        </Form.Item>
        <Form.Item
          name="txnDate"
          label={kind === 'refund' ? '转出日期' : '到账日期'}
          rules={[{ required: true, message: '请选择到账日期' }, notFuture]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="ref" label="银行流水号 / 凭证号" rules={[{ max: 60, message: '不超过 60 个字符' }]}>
          <Input placeholder="选填" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AccountCard({ project, account }: { project: ProjectDto; account: AccountDto }) {
  const { message, modal } = App.useApp();
  const canWrite = useCanWrite(project.status);
  const invalidate = useInvalidateProject(project.id);
  const [txnOpen, setTxnOpen] = useState(false);
  const closure = useMutation({
    mutationFn: (action: 'notice' | 'close') => accountClosure(project.id, action),
    onSuccess: (_r, action) => {
      message.success(action === 'notice' ? '已开始销户公示' : '专用账户已销户');
      invalidate();
    },
    onError: (err) => showApiError(err),
  });
  const status = accountStatusLabels[account.status];
  const noticeEnds = account.closureNoticeFrom ? dayjs(account.closureNoticeFrom).add(NOTICE_DAYS, 'day') : null;
  const finished = project.status === 'completed' || project.status === 'closed';
  const canClose = account.status === 'closing' && !!noticeEnds && !noticeEnds.isAfter(dayjs(), 'day');

  const startNotice = () =>
    modal.confirm({
      title: '确认开始销户公示？',
      content: `请确认工程已完工、农民工工资已全部结清且无拖欠。公示期 ${NOTICE_DAYS} 日，期满无异议方可销户。`,
      okText: '开始公示',
      cancelText: '取消',
      onOk: () => closure.mutateAsync('notice').catch(() => undefined),
    });
  const close = () =>
    modal.confirm({
      title: '确认销户？',
      content:
        `销户后该账户不能再用于代发工资，此操作不可撤销。当前余额 ${formatFen(account.balanceFen)} 元` +
        `${account.balanceFen > 0 ? '，请先按规定退回余额' : ''}。`,
      okText: '确认销户',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => closure.mutateAsync('close').catch(() => undefined),
    });

  return (
    <Card
      size="small"
      title={
        <Space>
          <BankOutlined />
          农民工工资专用账户
          {status && <Tag color={status.color}>{status.text}</Tag>}
          {account.openedLate && <Tag color="warning">开户超期</Tag>}
        </Space>
      }
      data-testid="account-card"
      extra={
        canWrite &&
        account.status !== 'closed' && (
          <Space>
            {account.status === 'open' && (
              <Button
                size="small"
                type="primary"
                icon={<PlusOutlined />}
                data-testid="account-txn-add"
                onClick={() => setTxnOpen(true)}
              >
                记录收支
              </Button>
            )}
            {account.status === 'open' && (
              <Tooltip title={finished ? '' : '项目竣工后方可公示销户'}>
                <Button
                  size="small"
                  disabled={!finished}
                  onClick={startNotice}
                  loading={closure.isPending && closure.variables === 'notice'}
                  data-testid="account-notice"
                >
                  销户公示
                </Button>
              </Tooltip>
            )}
            {account.status === 'closing' && (
              <Tooltip title={canClose ? '' : `公示期满（${noticeEnds?.format('YYYY-MM-DD') ?? '—'}）后方可销户`}>
                <Button
                  size="small"
                  danger
                  disabled={!canClose}
                  onClick={close}
                  loading={closure.isPending && closure.variables === 'close'}
                  data-testid="account-close"
                >
                  销户
                </Button>
              </Tooltip>
            )}
          </Space>
        )
      }
    >
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Statistic
            title="账户余额（元）"
            value={formatFen(account.balanceFen)}
            valueStyle={{ fontVariantNumeric: 'tabular-nums' }}
          />
        </Col>
        <Col xs={24} md={16}>
          <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}>
            <Descriptions.Item label="开户银行">{account.bankName}</Descriptions.Item>
            <Descriptions.Item label="账户名称">{account.accountName}</Descriptions.Item>
            <Descriptions.Item label="账号">
              <span style={{ fontFamily: 'monospace' }}>{account.accountMasked}</span>
            </Descriptions.Item>
            <Descriptions.Item label="开户日期">
              {account.openedOn}
              {account.openedLate && <Typography.Text type="warning">（超过合同签订后 30 日）</Typography.Text>}
            </Descriptions.Item>
            {account.closureNoticeFrom && (
              <Descriptions.Item label="销户公示">
                {account.closureNoticeFrom} 起，{noticeEnds?.format('YYYY-MM-DD')} 期满
              </Descriptions.Item>
            )}
            {account.closedOn && <Descriptions.Item label="销户日期">{account.closedOn}</Descriptions.Item>}
          </Descriptions>
        </Col>
      </Row>
      {canWrite && <TxnModal project={project} account={account} open={txnOpen} onClose={() => setTxnOpen(false)} />}
    </Card>
  );
}

/** 专用账户 */
export function AccountTab({ project }: { project: ProjectDto }) {
  const canWrite = useCanWrite(project.status);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const view = useQuery({
    queryKey: wqk.account(project.id, page.page, page.pageSize),
    queryFn: ({ signal }) => getAccount(project.id, page.page, page.pageSize, signal),
    placeholderData: keepPreviousData,
  });

  if (view.isPending) return <Skeleton active paragraph={{ rows: 5 }} />;
  if (view.isError)
    return <Alert type="error" showIcon message="无法加载专用账户" description={errorText(view.error)} />;
  const { account, txns } = view.data;

  if (!account) {
    return (
      <div data-testid="project-account">
        {canWrite ? <OpenAccountForm project={project} /> : <Empty description="项目尚未开立农民工工资专用账户" />}
      </div>
    );
  }

  const columns: TableColumnsType<AccountTxn> = [
    { title: '日期', dataIndex: 'txnDate', width: 110 },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 130,
      render: (v: AccountTxn['kind']) => (
        <Tag color={accountTxnKindLabels[v]?.color}>{accountTxnKindLabels[v]?.text ?? v}</Tag>
      ),
    },
    { title: '所属月份', dataIndex: 'month', width: 110, render: (v: string | null) => (v ? monthLabel(v) : '—') },
    {
      title: '金额（元）',
      dataIndex: 'amountFen',
      width: 150,
      align: 'right',
      render: (v: number, t) =>
        t.kind === 'payment' ? (
          <Typography.Text type="danger">−{formatFen(v)}</Typography.Text>
        ) : (
          <Typography.Text type="success">+{formatFen(v)}</Typography.Text>
        ),
    },
    { title: '流水号 / 凭证号', dataIndex: 'ref', ellipsis: true, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Space direction="vertical" size={16} style={{ display: 'flex' }} data-testid="project-account">
      <AccountCard project={project} account={account} />
      <Card
        size="small"
        title="账户收支明细"
        extra={
          <Button size="small" icon={<ReloadOutlined />} onClick={() => void view.refetch()}>
            刷新
          </Button>
        }
      >
        <Table<AccountTxn>
          data-testid="account-txns"
          rowKey={(t) => String(t.id)}
          size="small"
          columns={columns}
          dataSource={txns.items}
          loading={view.isFetching}
          locale={{ emptyText: <Empty description="暂无收支记录" /> }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: txns.total,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (t) => `共 ${t} 笔`,
            onChange: (p, ps) => setPage((cur) => ({ page: ps !== cur.pageSize ? 1 : p, pageSize: ps })),
          }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          工资代发支出随导入的银行代发结果记入；人工费用拨付请按月记录，逾期未拨付将触发预警。
        </Typography.Text>
      </Card>
    </Space>
  );
}
