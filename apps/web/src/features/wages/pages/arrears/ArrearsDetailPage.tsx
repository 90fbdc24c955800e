import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  MoneyCollectOutlined,
  ReloadOutlined,
  StopOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { arrearsEvidenceUrl, arrearsStatusLabels, getArrearsCase, wqk } from '../../api';
import type { ArrearsDetail, ArrearsItem, ArrearsPayment, ArrearsPaymentSource } from '../../api';
import { useCan } from '../../../../auth/MeProvider';
import { DetailFallback } from '../../../../components/DetailFallback';
import { formatDateTime, today } from '../../../../components/time';
import { ListDefaulterModal } from '../../components/DefaulterModals';
import { IntegrityBadge } from '../../components/IntegrityBadge';
import { CloseCaseModal, OrderModal, PaymentModal, TransferModal } from './ArrearsModals';
import { paymentSourceColors, paymentSourceLabels } from './labels';
import { LabelTag, monthText } from '../../../../components/display';
import { formatFen, formatYuanText, MoneyCell } from '../../../../components/money';

type ModalKind = 'payment' | 'order' | 'transfer' | 'close' | 'defaulter' | null;

function ItemsTable({ items }: { items: ArrearsItem[] }) {
  const sorted = [...items].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.month.localeCompare(b.month));
  return (
    <Table<ArrearsItem>
      data-testid="arrears-items"
      size="small"
      rowKey={(r) => String(r.id)}
      dataSource={sorted}
      pagination={sorted.length > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 条` } : false}
      locale={{ emptyText: <Empty description="暂无欠薪明细" /> }}
      scroll={{ x: 760 }}
      columns={[
        { title: '姓名', dataIndex: 'name', width: 90 },
        {
          title: '身份证号',
          dataIndex: 'idMasked',
          width: 190,
          render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
        },
        { title: '欠薪月份', dataIndex: 'month', width: 110, render: (v: string) => monthText(v) },
        {
          title: '欠薪金额（元）',
          dataIndex: 'amountFen',
          width: 130,
          align: 'right',
          render: (v: number) => <MoneyCell fen={v} />,
        },
        {
          title: '已支付（元）',
          dataIndex: 'paidFen',
          width: 130,
          align: 'right',
          render: (v: number) => <MoneyCell fen={v} />,
        },
        {
          title: '未支付（元）',
          key: 'left',
          width: 130,
          align: 'right',
          render: (_, r) => <MoneyCell fen={r.amountFen - r.paidFen} danger />,
        },
        {
          title: '状态',
          key: 'state',
          width: 90,
          render: (_, r) =>
            r.paidFen >= r.amountFen ? (
              <Tag color="success">已清偿</Tag>
            ) : r.paidFen > 0 ? (
              <Tag color="warning">部分支付</Tag>
            ) : (
              <Tag color="error">未支付</Tag>
            ),
        },
      ]}
      summary={(rows) => {
        const amount = rows.reduce((s, r) => s + r.amountFen, 0);
        const paid = rows.reduce((s, r) => s + r.paidFen, 0);
        return rows.length > 1 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={3}>
              <Typography.Text strong>{sorted.length > 20 ? '本页合计' : '合计'}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {formatFen(amount)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              {formatFen(paid)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              <Typography.Text type="danger">{formatFen(amount - paid)}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={6} />
          </Table.Summary.Row>
        ) : null;
      }}
    />
  );
}

function PaymentsTable({ payments }: { payments: ArrearsPayment[] }) {
  const sorted = [...payments].sort((a, b) => a.onDate.localeCompare(b.onDate));
  return (
    <Table<ArrearsPayment>
      data-testid="arrears-payments"
      size="small"
      rowKey={(r) => String(r.id)}
      dataSource={sorted}
      pagination={false}
      locale={{ emptyText: <Empty description="尚未登记支付" /> }}
      columns={[
        { title: '支付日期', dataIndex: 'onDate', width: 110 },
        {
          title: '资金来源',
          dataIndex: 'source',
          width: 150,
          render: (v: ArrearsPaymentSource) => <Tag color={paymentSourceColors[v]}>{paymentSourceLabels[v] ?? v}</Tag>,
        },
        {
          title: '金额（元）',
          dataIndex: 'amountFen',
          width: 130,
          align: 'right',
          render: (v: number) => <MoneyCell fen={v} />,
        },
        { title: '备注', dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

function OrderCard({ c, canWrite, onOrder }: { c: ArrearsDetail; canWrite: boolean; onOrder: () => void }) {
  const now = today();
  const ignored = !!c.orderDueOn && c.orderDueOn < now && c.outstandingFen > 0;
  return (
    <Card title="限期支付令" variant="borderless" size="small" data-testid="arrears-order">
      {c.orderNo ? (
        <>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="文号">{c.orderNo}</Descriptions.Item>
            <Descriptions.Item label="下达日期">{c.orderedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="期限届满">
              {c.orderDueOn ? (
                <Typography.Text type={ignored ? 'danger' : undefined} strong={ignored}>
                  {c.orderDueOn}
                </Typography.Text>
              ) : (
                '—'
              )}
            </Descriptions.Item>
          </Descriptions>
          {ignored && <Alert type="error" showIcon message="逾期未足额支付" style={{ marginTop: 8 }} />}
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未下达限期支付令">
          {canWrite && c.status === 'confirmed' && (
            <Button icon={<FileProtectOutlined />} onClick={onOrder} data-testid="arrears-order-open">
              下达限期支付令
            </Button>
          )}
        </Empty>
      )}
    </Card>
  );
}

function CriminalCard({ c, canWrite, onTransfer }: { c: ArrearsDetail; canWrite: boolean; onTransfer: () => void }) {
  const met = c.criminal.met;
  const transferred = !!c.transferredOn;
  const now = today();
  const disabledReason = transferred
    ? '案件已移送'
    : c.status === 'closed'
      ? '案件已结案'
      : !met
        ? '未达到“数额较大”标准，不能移送'
        : c.status !== 'ordered' || !c.orderNo
          ? '须先下达限期支付令，逾期仍不支付的方可移送'
          : c.orderDueOn && c.orderDueOn >= now
            ? `限期支付令的期限（${c.orderDueOn}）尚未届满`
            : undefined;
  return (
    <Card title="涉嫌拒不支付劳动报酬罪" variant="borderless" size="small" data-testid="arrears-criminal">
      <Space direction="vertical" style={{ width: '100%' }}>
        <div>
          {met ? (
            <Tag color="red" icon={<WarningOutlined />} data-testid="criminal-met">
              已达到立案追诉数额标准
            </Tag>
          ) : (
            <Tag color="default" data-testid="criminal-not-met">
              未达到立案追诉数额标准
            </Tag>
          )}
        </div>
        <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="criminal-explanation">
          {c.criminal.explanation}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          依据法释〔2013〕3号，仅为金额要件的提示；有能力支付而不支付、经责令支付后仍不支付等其他要件需经办人员核实。
        </Typography.Text>
        {transferred ? (
          <Alert
            type="warning"
            showIcon
            message={`已于 ${c.transferredOn} 移送公安机关`}
            description={c.transferNote ?? undefined}
          />
        ) : (
          canWrite && (
            <Tooltip title={disabledReason}>
              <Button
                danger
                icon={<StopOutlined />}
                disabled={!!disabledReason}
                onClick={onTransfer}
                data-testid="arrears-transfer"
              >
                移送公安
              </Button>
            </Tooltip>
          )
        )}
      </Space>
    </Card>
  );
}

function AdvancesCard({ c }: { c: ArrearsDetail }) {
  const a = c.advances;
  const pct = a.emergencyFen > 0 ? Math.round((a.recoveredFen / a.emergencyFen) * 100) : 0;
  return (
    <Card title="应急周转金" variant="borderless" size="small" data-testid="arrears-advances">
      {a.emergencyFen <= 0 ? (
        <Typography.Text type="secondary">本案未动用应急周转金垫付。</Typography.Text>
      ) : (
        <>
          <Row gutter={8}>
            <Col span={8}>
              <Statistic title="已垫付" value={formatFen(a.emergencyFen)} suffix="元" valueStyle={{ fontSize: 16 }} />
            </Col>
            <Col span={8}>
              <Statistic title="已追偿" value={formatFen(a.recoveredFen)} suffix="元" valueStyle={{ fontSize: 16 }} />
            </Col>
            <Col span={8}>
              <Statistic
                title="待追偿"
                value={formatFen(a.outstandingAdvanceFen)}
                suffix="元"
                valueStyle={{ fontSize: 16, color: a.outstandingAdvanceFen > 0 ? '#cf1322' : undefined }}
              />
            </Col>
          </Row>
          <Progress percent={pct} size="small" format={(p) => `追偿 ${p}%`} style={{ marginTop: 8 }} />
        </>
      )}
    </Card>
  );
}

/** /arrears/:id — one arrears case. */
export default function ArrearsDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const canWrite = can('arrears:write');
  const [modal, setModal] = useState<ModalKind>(null);
  const kase = useQuery({
    queryKey: wqk.arrearsCase(id),
    queryFn: ({ signal }) => getArrearsCase(id, signal),
    enabled: !!id,
  });

  if (!kase.isSuccess) return <DetailFallback query={kase} subject="案件" listPath="/arrears" rows={8} />;

  const c = kase.data;
  const closed = c.status === 'closed';
  const paidPct = c.amountFen > 0 ? Math.min(100, Math.round((c.paidFen / c.amountFen) * 100)) : 0;
  const canPay =
    canWrite &&
    !closed &&
    ((c.outstandingFen > 0 && c.status !== 'transferred') || c.advances.outstandingAdvanceFen > 0);
  const closeBlocked =
    c.outstandingFen > 0 && c.status !== 'transferred'
      ? `尚欠 ${formatYuanText(c.outstandingFen)}，清偿后方可结案（或移送公安后结案）`
      : undefined;
  const close = () => setModal(null);
  const openEvidence = () => window.open(arrearsEvidenceUrl(c.id), '_blank', 'noopener');

  return (
    <Flex vertical gap={16}>
      <Card variant="borderless" data-testid="arrears-detail">
        <Flex justify="space-between" align="flex-start" wrap gap={16}>
          <Space size={8} wrap style={{ flex: 'none', maxWidth: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              欠薪案件 #{c.seq}
            </Typography.Title>
            <LabelTag value={c.status} labels={arrearsStatusLabels} />
          </Space>
          <Space wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/arrears')}>
              返回列表
            </Button>
            <Button icon={<ReloadOutlined />} onClick={() => void kase.refetch()}>
              刷新
            </Button>
            <Button icon={<FileTextOutlined />} onClick={openEvidence} data-testid="arrears-evidence">
              证据材料
            </Button>
            {canPay && (
              <Button
                type="primary"
                icon={<MoneyCollectOutlined />}
                onClick={() => setModal('payment')}
                data-testid="arrears-payment"
              >
                登记支付
              </Button>
            )}
            {canWrite && c.status === 'confirmed' && !c.orderNo && (
              <Button
                icon={<FileProtectOutlined />}
                onClick={() => setModal('order')}
                data-testid="arrears-order-button"
              >
                下达限期支付令
              </Button>
            )}
            {canWrite && (
              <Button danger onClick={() => setModal('defaulter')} data-testid="arrears-list-defaulter">
                列入失信名单
              </Button>
            )}
            {canWrite && !closed && (
              <Tooltip title={closeBlocked}>
                <Button
                  icon={<CheckCircleOutlined />}
                  disabled={!!closeBlocked}
                  onClick={() => setModal('close')}
                  data-testid="arrears-close"
                >
                  结案
                </Button>
              </Tooltip>
            )}
          </Space>
        </Flex>
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 8 }}>{c.summary}</Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label="工程项目">
            {c.projectId ? <Link to={`/projects/${c.projectId}`}>{c.projectName ?? '—'}</Link> : (c.projectName ?? '—')}
          </Descriptions.Item>
          <Descriptions.Item label="欠薪责任单位">
            <Space size={4} wrap>
              <span>{c.employerName}</span>
              <IntegrityBadge employerId={c.employerId} />
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="涉及">
            {c.workers} 人 · {c.months} 个月
          </Descriptions.Item>
          <Descriptions.Item label="立案时间">{formatDateTime(c.createdAt)}</Descriptions.Item>
        </Descriptions>
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={12} md={6}>
            <Statistic title="欠薪总额" value={formatFen(c.amountFen)} suffix="元" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="已支付" value={formatFen(c.paidFen)} suffix="元" valueStyle={{ color: '#389e0d' }} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title="未清偿"
              value={formatFen(c.outstandingFen)}
              suffix="元"
              valueStyle={{ color: c.outstandingFen > 0 ? '#cf1322' : undefined }}
            />
          </Col>
          <Col xs={12} md={6}>
            <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 4 }}>清偿进度</div>
            <Progress percent={paidPct} status={paidPct >= 100 ? 'success' : 'active'} />
          </Col>
        </Row>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card title={`欠薪明细（按人员、月份）`} variant="borderless">
              <ItemsTable items={c.items} />
            </Card>
            <Card
              title="支付记录"
              variant="borderless"
              extra={
                canPay && (
                  <Button size="small" icon={<MoneyCollectOutlined />} onClick={() => setModal('payment')}>
                    登记支付
                  </Button>
                )
              }
            >
              <PaymentsTable payments={c.payments} />
              {c.payments.length > 0 && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                  支付合计{' '}
                  {formatYuanText(
                    c.payments.filter((p) => p.source !== 'recovery').reduce((s, p) => s + p.amountFen, 0),
                  )}
                  （不含追偿归还）
                </Typography.Paragraph>
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <OrderCard c={c} canWrite={canWrite} onOrder={() => setModal('order')} />
            <CriminalCard c={c} canWrite={canWrite} onTransfer={() => setModal('transfer')} />
            <AdvancesCard c={c} />
          </Flex>
        </Col>
      </Row>

      {canWrite && (
        <>
          <PaymentModal c={c} open={modal === 'payment'} onClose={close} />
          <OrderModal c={c} open={modal === 'order'} onClose={close} />
          <TransferModal c={c} open={modal === 'transfer'} onClose={close} />
          <CloseCaseModal c={c} open={modal === 'close'} onClose={close} />
          <ListDefaulterModal
            open={modal === 'defaulter'}
            onClose={close}
            employerId={c.employerId}
            caseId={c.id}
            criminal={{ met: c.criminal.met, explanation: c.criminal.explanation, seq: c.seq }}
            reason={
              `${c.summary}（欠薪案件 #${c.seq}，欠薪 ${formatYuanText(c.amountFen)}，` +
              `未清偿 ${formatYuanText(c.outstandingFen)}）`
            }
          />
        </>
      )}
    </Flex>
  );
}
