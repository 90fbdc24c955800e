import {
  ArrowLeftOutlined,
  AuditOutlined,
  CheckCircleOutlined,
  EditOutlined,
  ReloadOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { WARNING_LEVEL_NAMES } from '@mwsp/domain';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Row,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { getWarning, getWarningRules, warningActionLabels, wqk } from '../../api';
import type { WarningAction, WarningActionKind, WarningDetail, WarningLevel, WarningWorker } from '../../api';
import { useCan } from '../../../../auth/MeProvider';
import { DetailFallback } from '../../../../components/DetailFallback';
import { formatDateTime } from '../../../../components/time';
import { CreateArrearsModal } from './CreateArrearsModal';
import { DetailValues } from './DetailValues';
import { useDepartmentsByCode } from './useDepartmentsByCode';
import { ActWarningModal, AssignWarningModal, CloseWarningModal } from './WarningActionModals';
import { DueDate, monthText } from '../../../../components/display';
import { LevelTag, WarningStatusTag } from '../../components/tags';
import { formatYuanText, MoneyCell } from '../../../../components/money';

const ACTION_COLORS: Record<WarningActionKind, string> = {
  detected: 'red',
  level_changed: 'orange',
  assigned: 'blue',
  acted: 'blue',
  escalated: 'red',
  closed: 'green',
  cleared: 'gray',
};

function ActionTimeline({ actions }: { actions: WarningAction[] }) {
  if (actions.length === 0) return <Empty description="暂无处置记录" />;
  const sorted = [...actions].sort((a, b) => a.ts.localeCompare(b.ts));
  return (
    <Timeline
      data-testid="warning-timeline"
      style={{ marginTop: 8 }}
      items={sorted.map((a) => ({
        key: String(a.id),
        color: ACTION_COLORS[a.action] ?? 'gray',
        children: (
          <div>
            <div>
              <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
                {formatDateTime(a.ts)}
              </Typography.Text>
              <Tag color={ACTION_COLORS[a.action] === 'gray' ? undefined : ACTION_COLORS[a.action]}>
                {warningActionLabels[a.action] ?? a.action}
              </Tag>
            </div>
            {a.note && <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>{a.note}</div>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {a.actorName ? `经办人：${a.actorName}` : '系统自动'}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

function WorkersTable({ workers }: { workers: WarningWorker[] }) {
  return (
    <Table<WarningWorker>
      data-testid="warning-workers"
      size="small"
      rowKey="projectWorkerId"
      dataSource={workers}
      pagination={workers.length > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 人` } : false}
      locale={{ emptyText: <Empty description="该预警不涉及具体人员" /> }}
      scroll={{ x: 720 }}
      columns={[
        { title: '姓名', dataIndex: 'name', width: 90 },
        {
          title: '身份证号',
          dataIndex: 'idMasked',
          width: 190,
          render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
        },
        { title: '出勤天数', dataIndex: 'days', width: 90, align: 'right' },
        {
          title: '应发工资（元）',
          dataIndex: 'netFen',
          width: 130,
          align: 'right',
          render: (v: number) => <MoneyCell fen={v} />,
        },
        {
          title: '已发放（元）',
          dataIndex: 'paidFen',
          width: 130,
          align: 'right',
          render: (v: number) => <MoneyCell fen={v} />,
        },
        {
          title: '未发放（元）',
          key: 'owed',
          width: 130,
          align: 'right',
          render: (_, w) => <MoneyCell fen={Math.max(0, (w.netFen ?? 0) - (w.paidFen ?? 0))} danger />,
        },
      ]}
    />
  );
}

type ModalKind = 'assign' | 'act' | 'close' | 'arrears' | null;

function Header({ w, onRefresh, onOpen }: { w: WarningDetail; onRefresh: () => void; onOpen: (m: ModalKind) => void }) {
  const can = useCan();
  const navigate = useNavigate();
  const departments = useDepartmentsByCode();
  const live = w.status !== 'closed' && w.status !== 'cleared';
  const handle = can('warnings:handle') && live;
  const dept = w.departmentName ?? departments.nameOf(w.departmentCode);

  return (
    <Card variant="borderless" data-testid="warning-detail">
      <Flex justify="space-between" align="flex-start" wrap gap={16}>
        <Space size={8} wrap style={{ flex: 'none', maxWidth: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            预警 #{w.seq}：{w.ruleName}
          </Typography.Title>
          <LevelTag level={w.level} suffix="预警" />
          <WarningStatusTag status={w.status} />
          {w.overdue && live && <Tag color="red">逾期未办结</Tag>}
          {w.escalation > 0 && <Tag color="volcano">已升级督办 {w.escalation} 次</Tag>}
        </Space>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/warnings')}>
            返回列表
          </Button>
          <Button icon={<ReloadOutlined />} onClick={onRefresh}>
            刷新
          </Button>
          {handle && (
            <>
              <Button icon={<SendOutlined />} onClick={() => onOpen('assign')} data-testid="warning-assign">
                分派
              </Button>
              <Button icon={<EditOutlined />} onClick={() => onOpen('act')} data-testid="warning-act">
                记录处置
              </Button>
              <Button icon={<CheckCircleOutlined />} onClick={() => onOpen('close')} data-testid="warning-close">
                办结
              </Button>
            </>
          )}
          {can('arrears:write') && w.status !== 'cleared' && (
            <Button
              type="primary"
              danger
              icon={<AuditOutlined />}
              onClick={() => onOpen('arrears')}
              data-testid="warning-create-arrears"
            >
              确认欠薪并立案
            </Button>
          )}
        </Space>
      </Flex>
      <Typography.Paragraph style={{ marginTop: 8, marginBottom: 8 }} data-testid="warning-summary">
        {w.summary}
      </Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label="工程项目">
          <Link to={`/projects/${w.projectId}`}>{w.projectName}</Link>
          <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
            {w.projectCode}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="所属区划">{w.regionName ?? w.regionCode}</Descriptions.Item>
        <Descriptions.Item label="所属月份">{monthText(w.month)}</Descriptions.Item>
        <Descriptions.Item label="涉及人数">{w.workersAffected} 人</Descriptions.Item>
        <Descriptions.Item label="涉及金额">{formatYuanText(w.amountFen)}</Descriptions.Item>
        <Descriptions.Item label="办理期限">
          <DueDate dueOn={w.dueOn} overdue={w.overdue && live} />
        </Descriptions.Item>
        <Descriptions.Item label="承办部门">
          {dept ?? <Typography.Text type="secondary">未分派</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label="承办人">
          {w.assigneeName ?? <Typography.Text type="secondary">未指定</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label="首次发现">{formatDateTime(w.firstDetectedAt)}</Descriptions.Item>
        <Descriptions.Item label="最近检测">{formatDateTime(w.lastDetectedAt)}</Descriptions.Item>
        {w.closedAt && <Descriptions.Item label="办结时间">{formatDateTime(w.closedAt)}</Descriptions.Item>}
        {w.clearedAt && <Descriptions.Item label="自动消除时间">{formatDateTime(w.clearedAt)}</Descriptions.Item>}
      </Descriptions>
      {w.result && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 8 }}
          message="办结结果"
          description={w.result}
          data-testid="warning-result"
        />
      )}
      {w.status === 'cleared' && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 8 }}
          message="该预警已自动消除：最近一次扫描未再发现此问题（如已补发工资、补录台账等）。"
        />
      )}
    </Card>
  );
}

/** /warnings/:id — one warning: what fired, who is affected, what was done. */
export default function WarningDetailPage() {
  const { id = '' } = useParams();
  const [modal, setModal] = useState<ModalKind>(null);
  const warning = useQuery({
    queryKey: wqk.warning(id),
    queryFn: ({ signal }) => getWarning(id, signal),
    enabled: !!id,
  });
  const rules = useQuery({
    queryKey: wqk.warningRules,
    queryFn: ({ signal }) => getWarningRules(signal),
    staleTime: 10 * 60_000,
    meta: { silent: true },
  });

  if (!warning.isSuccess) return <DetailFallback query={warning} subject="预警" listPath="/warnings" rows={8} />;

  const w = warning.data;
  const rule = rules.data?.find((r) => r.id === w.rule);
  // The server answers `levels` as an array of levels and adds `ruleDescription` to the detail.
  const description =
    rule?.description ?? (w as WarningDetail & { ruleDescription?: string | null }).ruleDescription ?? null;
  const rawLevels = rule?.levels as unknown;
  const levels = Array.isArray(rawLevels)
    ? rawLevels.map((l) => WARNING_LEVEL_NAMES[l as WarningLevel] ?? String(l)).join('、')
    : typeof rawLevels === 'string'
      ? rawLevels
      : '';
  const close = () => setModal(null);

  return (
    <Flex vertical gap={16}>
      <Header w={w} onRefresh={() => void warning.refetch()} onOpen={setModal} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card title="触发情况" variant="borderless" data-testid="warning-fired">
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                <Typography.Text strong>{rule?.name ?? w.ruleName}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  （{monthText(w.month, '项目整体')}）
                </Typography.Text>
              </Typography.Paragraph>
              {description && (
                <Typography.Paragraph type="secondary" data-testid="warning-rule-description">
                  规则说明：{description}
                  {levels ? `（预警等级：${levels}）` : ''}
                </Typography.Paragraph>
              )}
              <DetailValues detail={w.detail} />
            </Card>
            <Card title={`涉及人员（${w.workers.length} 人）`} variant="borderless">
              <WorkersTable workers={w.workers} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="处置记录" variant="borderless">
            <ActionTimeline actions={w.actions} />
          </Card>
        </Col>
      </Row>
      <AssignWarningModal warning={w} open={modal === 'assign'} onClose={close} />
      <ActWarningModal warning={w} open={modal === 'act'} onClose={close} />
      <CloseWarningModal warning={w} open={modal === 'close'} onClose={close} />
      <CreateArrearsModal warning={w} open={modal === 'arrears'} onClose={close} />
    </Flex>
  );
}
