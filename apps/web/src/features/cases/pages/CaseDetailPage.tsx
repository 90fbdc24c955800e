import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { PageCard } from '../../../components/PageCard';
import { showApiError } from '../../../components/feedback';
import { formatYuanText } from '../../../components/money';
import { formatDateTime } from '../../../components/time';
import {
  caseKeys,
  getCase,
  policeEvidenceUrl,
  postComment,
  postTransition,
  type CaseDetail,
  type CaseTransition,
} from '../api';
import { UserSelect } from '../../../components/UserSelect';
import { AttachmentsPanel } from './AttachmentsPanel';
import { CaseFacts } from './CaseFacts';
import { PenaltiesPanel } from './PenaltiesPanel';
import { ClockTag } from './ClockTag';
import { ProviderSelect } from './ProviderSelect';

const HISTORY_KIND = {
  created: '登记',
  transition: '办理',
  comment: '意见',
  assign: '指派',
  clock: '时限',
  escalation: '预警与督办',
  link: '关联',
  attachment: '附件',
} as Record<string, string>;

function historyText(c: CaseDetail, h: CaseDetail['history'][number]): string {
  if (h.kind === 'comment') return String(h.detail.body ?? '');
  if (h.kind === 'escalation') return String(h.detail.text ?? h.detail.reason ?? '');
  if (h.kind === 'clock') {
    const k = c.clocks.find((x) => x.code === h.detail.clock);
    const what = { suspend: '中止计时', resume: '恢复计时', extend: `延长 ${String(h.detail.days ?? '')} 日` }[
      h.event ?? ''
    ];
    return `${k?.name ?? ''}${what ?? ''}`;
  }
  if (h.kind === 'attachment') return `上传 ${String(h.detail.filename ?? '')}`;
  if (h.kind === 'transition') {
    const name = c.transitions.find((t) => t.event === h.event)?.name;
    const facts = detailText(h.detail);
    return `${name ?? h.event ?? ''}${h.toState ? ` → ${h.toState}` : ''}${facts ? `（${facts}）` : ''}`;
  }
  return HISTORY_KIND[h.kind] ?? h.kind;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The recorded fields of a transition: amounts in 分 as 元, dates and texts as given; user ids left out. */
function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) => {
      if (typeof v === 'number') return k.endsWith('Fen') ? formatYuanText(v) : String(v);
      if (typeof v === 'boolean') return k === 'finalAward' ? (v ? '终局裁决' : '非终局裁决') : null;
      if (typeof v === 'string') return UUID.test(v) ? null : v.length > 40 ? `${v.slice(0, 40)}…` : v;
      return null;
    })
    .filter((x): x is string => x !== null)
    .join('；');
}

interface SmallClaims {
  minimumWageFen: number;
  tier: string;
  thresholdFen: number;
  final: boolean;
}

/** 第四十七条: the small-claims final-award rule as computed by the server for an arbitration case. */
function smallClaimsText(r: SmallClaims, claimedFen: unknown): string {
  const claimed = typeof claimedFen === 'number' ? `请求 ${formatYuanText(claimedFen)}，` : '';
  return (
    `当地月最低工资 ${formatYuanText(r.minimumWageFen)}（${r.tier}）× 12 = ${formatYuanText(r.thresholdFen)}；` +
    `${claimed}${r.final ? '适用终局裁决' : '不适用终局裁决'}`
  );
}

/** The form a transition asks for, built from its declared fields; confirmation first when the type says so. */
function TransitionModal({ c, t, onClose }: { c: CaseDetail; t: CaseTransition; onClose: () => void }) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: (fields: Record<string, unknown>) => postTransition(c.id, t.event, fields),
    onSuccess: (next) => {
      qc.setQueryData(caseKeys.detail(c.id), next);
      void qc.invalidateQueries({ queryKey: caseKeys.all });
      message.success(`已${t.name}`);
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  const submit = (v: Record<string, unknown>) => {
    const fields: Record<string, unknown> = {};
    for (const f of t.fields) {
      const x = v[f.field];
      if (x === undefined || x === null || x === '') continue;
      if (f.kind === 'date') fields[f.field] = (x as Dayjs).format('YYYY-MM-DD');
      else if (f.kind === 'users' && Array.isArray(x) && x.length === 0) continue;
      else fields[f.field] = x;
    }
    if (t.confirm)
      modal.confirm({
        title: `确认${t.name}？`,
        content: '此操作将记入办理记录，不可撤回。',
        onOk: () => run.mutate(fields),
      });
    else run.mutate(fields);
  };
  return (
    <Modal
      open
      title={t.name}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={run.isPending}
      okText="确定"
    >
      {t.fields.length === 0 && <Typography.Paragraph>确认执行「{t.name}」？</Typography.Paragraph>}
      {t.documents.length > 0 && (
        <Typography.Paragraph type="secondary" data-testid="transition-documents">
          须先在「附件」中上传：{t.documents.map((d) => d.label).join('、')}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={submit}>
        {t.fields.map((f) => (
          <Form.Item
            key={f.field}
            name={f.field}
            label={f.label}
            extra={f.kind === 'users' && f.min ? `至少选择 ${f.min} 人` : undefined}
            rules={
              f.optional
                ? []
                : [{ required: true, message: f.kind === 'users' ? `请选择${f.label}` : `请填写${f.label}` }]
            }
          >
            {f.field === 'providerId' ? (
              <ProviderSelect />
            ) : f.kind === 'text' ? (
              <Input.TextArea rows={3} maxLength={2000} />
            ) : f.kind === 'date' ? (
              <DatePicker style={{ width: '100%' }} />
            ) : f.kind === 'fen' || f.kind === 'days' || f.kind === 'count' ? (
              <InputNumber min={f.kind === 'fen' ? 0 : 1} precision={0} style={{ width: '100%' }} />
            ) : f.kind === 'choice' ? (
              <Select options={(f.options ?? []).map((o) => ({ value: o, label: o }))} />
            ) : (
              <UserSelect data-testid={`users-${f.field}`} />
            )}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

/** /cases/:id — a case: its clocks counting down, its history, and the actions the user may take. */
export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: caseKeys.detail(id), queryFn: ({ signal }) => getCase(id, signal) });
  const [acting, setActing] = useState<CaseTransition | null>(null);
  const [comment, setComment] = useState('');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const addComment = useMutation({
    mutationFn: () => postComment(id, comment),
    onSuccess: (next) => {
      qc.setQueryData(caseKeys.detail(id), next);
      setComment('');
      message.success('意见已记录');
    },
    onError: (err) => showApiError(err),
  });
  if (q.isLoading) return <Skeleton active />;
  const c = q.data;
  if (!c) return <Empty description="案件不存在" />;
  return (
    <PageCard
      title={
        <Space wrap>
          <span>{c.title}</span>
          <Tag color="blue">{c.typeName}</Tag>
          <Tag>{c.stateName}</Tag>
          {c.tags.map((x) => (
            <Tag key={x.code} color={x.priority ? 'green' : 'blue'}>
              {x.label}
            </Tag>
          ))}
          {c.groupSize ? <Tag color="red">群体性 {c.groupSize} 人</Tag> : null}
          {c.escalated ? <Tag color="volcano">已升级督办</Tag> : null}
        </Space>
      }
      extra={
        <Space wrap>
          {c.type === 'police_transfer' && (
            <Button
              icon={<PrinterOutlined />}
              onClick={() => window.open(policeEvidenceUrl(c.id), '_blank', 'noopener')}
              data-testid="police-evidence"
            >
              打印移送材料
            </Button>
          )}
          {c.transitions.map((t) => (
            <Button key={t.event} onClick={() => setActing(t)} danger={t.confirm} data-testid={`transition-${t.event}`}>
              {t.name}
            </Button>
          ))}
        </Space>
      }
    >
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card size="small" title="法定时限">
          {c.clocks.length === 0 ? (
            <Typography.Text type="secondary">暂无</Typography.Text>
          ) : (
            <Space direction="vertical">
              {c.clocks.map((k) => (
                <ClockTag key={k.code} clock={k} />
              ))}
            </Space>
          )}
          {c.escalationReason && (
            <Typography.Paragraph type="danger" style={{ marginTop: 8, marginBottom: 0 }}>
              督办原因：{c.escalationReason}
            </Typography.Paragraph>
          )}
        </Card>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label="所在地">{c.regionName ?? c.regionCode}</Descriptions.Item>
          <Descriptions.Item label="承办人">{c.assigneeName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="登记时间">{formatDateTime(c.createdAt)}</Descriptions.Item>
          <Descriptions.Item label="结案时间">{c.closedAt ? formatDateTime(c.closedAt) : '—'}</Descriptions.Item>
          {typeof c.data.summary === 'string' && (
            <Descriptions.Item label={c.type === 'complaint' ? '投诉事项' : '请求事项'} span={2}>
              {c.data.summary}
            </Descriptions.Item>
          )}
          {typeof c.data.orgName === 'string' && (
            <Descriptions.Item label="调解组织" span={2}>
              {c.data.orgName}
            </Descriptions.Item>
          )}
          {c.type === 'arbitration' && (
            <Descriptions.Item label="小额终局（第四十七条）" span={2}>
              {c.data.smallClaims
                ? smallClaimsText(c.data.smallClaims as SmallClaims, c.data.claimedFen)
                : '未配置本地最低工资标准，无法判断'}
            </Descriptions.Item>
          )}
        </Descriptions>
        <CaseFacts c={c} />
        {c.type === 'inspection' && <PenaltiesPanel caseId={c.id} />}
        <AttachmentsPanel caseId={c.id} closed={c.closedAt !== null} />
        <Card size="small" title="办理记录">
          <Timeline
            items={c.history.map((h) => ({
              key: h.id,
              color: h.kind === 'escalation' ? 'red' : h.kind === 'comment' ? 'gray' : 'blue',
              children: (
                <Space direction="vertical" size={0}>
                  <Typography.Text>
                    <Tag>{HISTORY_KIND[h.kind] ?? h.kind}</Tag>
                    {historyText(c, h)}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {formatDateTime(h.at)} {h.actorName ?? '系统'}
                  </Typography.Text>
                </Space>
              ),
            }))}
          />
          <Space.Compact style={{ width: '100%' }}>
            <Input
              placeholder="填写办理意见"
              value={comment}
              maxLength={2000}
              onChange={(e) => setComment(e.target.value)}
            />
            <Button
              type="primary"
              disabled={!comment.trim()}
              loading={addComment.isPending}
              onClick={() => addComment.mutate()}
            >
              记录
            </Button>
          </Space.Compact>
        </Card>
      </Space>
      {acting && <TransitionModal c={c} t={acting} onClose={() => setActing(null)} />}
    </PageCard>
  );
}
