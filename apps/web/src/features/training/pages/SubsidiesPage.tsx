import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { saveFile } from '../../../components/download';
import { PageCard } from '../../../components/PageCard';
import { showApiError } from '../../../components/feedback';
import { formatFen, MoneyCell } from '../../../components/money';
import { formatDateTime } from '../../../components/time';
import { useMe } from '../../../auth/MeProvider';
import {
  approveClaim,
  CLAIM_STATUS_LABELS,
  createBatch,
  exportBatch,
  exportClaims,
  getBatches,
  getClaims,
  rejectClaim,
  SUBSIDY_PAYEE_LABELS,
  trainingKeys,
  type Batch,
  type Claim,
} from '../api';
import { RulesTab } from './RulesTab';

const STATUS_COLOR: Record<Claim['status'], string> = {
  pending_township: 'gold',
  pending_county: 'gold',
  pending_city: 'orange',
  approved: 'blue',
  paid: 'green',
  rejected: 'default',
};

function ClaimsTable({ queue }: { queue: boolean }) {
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = { ...page, ...(queue ? { queue: 'mine' as const } : {}) };
  const list = useQuery({
    queryKey: trainingKeys.claims(query),
    queryFn: ({ signal }) => getClaims(query, signal),
    placeholderData: keepPreviousData,
  });
  const done = async (text: string) => {
    message.success(text);
    await qc.invalidateQueries({ queryKey: trainingKeys.all });
  };
  const approve = useMutation({
    mutationFn: (id: string) => approveClaim(id),
    onSuccess: (c) => done(`已审核通过：${CLAIM_STATUS_LABELS[c.status]}`),
    onError: (err) => showApiError(err),
  });
  const reject = useMutation({
    mutationFn: (v: { id: string; note: string }) => rejectClaim(v.id, v.note),
    onSuccess: () => done('已退回'),
    onError: (err) => showApiError(err),
  });
  const askReject = (c: Claim) => {
    let note = '';
    modal.confirm({
      title: `退回 ${c.workerName} 的补贴申请`,
      content: <Input.TextArea rows={3} placeholder="退回理由（必填）" onChange={(e) => (note = e.target.value)} />,
      okText: '退回',
      okButtonProps: { danger: true },
      onOk: () => reject.mutateAsync({ id: c.id, note }),
    });
  };
  const columns: TableColumnsType<Claim> = [
    { title: '学员', dataIndex: 'workerName', width: 90 },
    { title: '适用标准', dataIndex: 'ruleName', ellipsis: true },
    { title: '金额（元）', dataIndex: 'amountFen', width: 120, render: (v: number) => <MoneyCell fen={v} /> },
    { title: '补贴对象', dataIndex: 'payee', width: 90, render: (v: Claim['payee']) => SUBSIDY_PAYEE_LABELS[v] },
    { title: '收款人', dataIndex: 'payeeName', width: 160, ellipsis: true },
    {
      title: '状态',
      dataIndex: 'status',
      width: 150,
      render: (v: Claim['status']) => <Tag color={STATUS_COLOR[v]}>{CLAIM_STATUS_LABELS[v]}</Tag>,
    },
    { title: '申报时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      width: 160,
      render: (_: unknown, c) =>
        c.canApprove ? (
          <Space size={4}>
            <Button
              size="small"
              type="primary"
              onClick={() =>
                modal.confirm({
                  title: `审核通过 ${c.workerName} 的补贴 ${formatFen(c.amountFen)} 元？`,
                  content: c.basis.join('；'),
                  okText: '审核通过',
                  onOk: () => approve.mutateAsync(c.id),
                })
              }
            >
              通过
            </Button>
            <Button size="small" danger onClick={() => askReject(c)}>
              退回
            </Button>
          </Space>
        ) : null,
    },
  ];
  const download = useMutation({
    mutationFn: () => exportClaims({}),
    onSuccess: (file) => saveFile(file, '培训补贴申请.xlsx'),
    onError: (err) => showApiError(err),
  });
  return (
    <>
      {!queue && (
        <Space style={{ marginBottom: 12 }}>
          <Button onClick={() => download.mutate()} loading={download.isPending}>
            导出名单（Excel）
          </Button>
          <Typography.Text type="secondary">账号脱敏，导出留痕</Typography.Text>
        </Space>
      )}
      <Table<Claim>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1100 }}
        expandable={{
          expandedRowRender: (c) => (
            <Typography.Text type="secondary">
              {c.basis.join('；')}；账号 {c.accountMasked}（{c.bankName}）；
              {c.steps.map((s) => `${s.by ?? ''} ${s.action} ${s.note ?? ''}`).join(' → ')}
            </Typography.Text>
          ),
        }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (n) => `共 ${n} 件`,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
      />
    </>
  );
}

function BatchesTable() {
  const qc = useQueryClient();
  const { can } = useMe();
  const { message } = App.useApp();
  const [county, setCounty] = useState('');
  const batches = useQuery({ queryKey: trainingKeys.batches, queryFn: ({ signal }) => getBatches(signal) });
  const create = useMutation({
    mutationFn: () => createBatch(county.trim()),
    onSuccess: async (b) => {
      message.success(`已生成批次 ${b.batchNo}：${b.claims} 笔，${formatFen(b.totalFen)} 元`);
      await qc.invalidateQueries({ queryKey: trainingKeys.all });
    },
    onError: (err) => showApiError(err),
  });
  const download = useMutation({
    mutationFn: (b: Batch) => exportBatch(b.id),
    onSuccess: (file, b) => saveFile(file, `培训补贴代发_${b.batchNo}.xlsx`),
    onError: (err) => showApiError(err),
  });
  const approver = can('training:approve');
  return (
    <>
      {approver && (
        <Space style={{ marginBottom: 12 }}>
          <Input
            placeholder="区（县）代码，如 530102"
            value={county}
            onChange={(e) => setCounty(e.target.value)}
            style={{ width: 220 }}
          />
          <Button
            type="primary"
            disabled={!/^\d{6}$/.test(county.trim())}
            onClick={() =>
              Modal.confirm({
                title: '生成拨付批次',
                content: '该区（县）全部已审批的补贴申请将列入本批次并标记为已拨付。',
                okText: '生成',
                onOk: () => create.mutateAsync(),
              })
            }
          >
            生成拨付批次
          </Button>
        </Space>
      )}
      <Table<Batch>
        rowKey="id"
        size="middle"
        loading={batches.isFetching}
        dataSource={batches.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '批次号', dataIndex: 'batchNo' },
          { title: '笔数', dataIndex: 'claims', width: 80 },
          { title: '金额（元）', dataIndex: 'totalFen', width: 140, render: (v: number) => <MoneyCell fen={v} /> },
          { title: '生成时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
          {
            title: '银行代发文件',
            width: 140,
            render: (_: unknown, b) =>
              approver ? (
                <Button size="small" onClick={() => download.mutate(b)}>
                  导出 Excel
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );
}

/** /training/subsidies — 培训补贴: the approval queue, every claim, the standards, the payment batches. */
export default function SubsidiesPage() {
  const { can } = useMe();
  return (
    <PageCard title="培训补贴">
      <Tabs
        items={[
          ...(can('training:approve') ? [{ key: 'queue', label: '待我审核', children: <ClaimsTable queue /> }] : []),
          { key: 'all', label: '全部申请', children: <ClaimsTable queue={false} /> },
          { key: 'rules', label: '补贴标准', children: <RulesTab /> },
          { key: 'batches', label: '拨付批次', children: <BatchesTable /> },
        ]}
      />
    </PageCard>
  );
}
