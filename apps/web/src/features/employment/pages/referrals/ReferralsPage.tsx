import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Select, Space, Table, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../../../auth/MeProvider';
import { PageCard } from '../../../../components/PageCard';
import { PAGE_SIZES, pagingFromParams, paramsFromQuery } from '../../../../components/listParams';
import { ListFiles } from '../../components/ListFiles';
import {
  employmentKeys,
  exportReferrals,
  getReferrals,
  recordFollowUp,
  recordOutcome,
  REFERRAL_OUTCOME_LABELS,
  type OutcomeInput,
  type Referral,
  type ReferralListQuery,
  type ReferralOutcome,
} from '../../api';

const OUTCOME_COLORS: Record<ReferralOutcome, string> = {
  pending: 'default',
  interviewed: 'processing',
  hired: 'success',
  refused: 'warning',
  no_show: 'error',
};
const TABS = [
  { key: 'all', label: '全部' },
  { key: 'fu30', label: '30 天回访到期' },
  { key: 'fu90', label: '90 天回访到期' },
  { key: 'double', label: '一人两岗' },
];

function queryOf(p: URLSearchParams): ReferralListQuery & { tab: string } {
  const tab = p.get('tab') ?? 'all';
  return {
    tab,
    followUpDue: tab === 'fu30' ? '30' : tab === 'fu90' ? '90' : undefined,
    doublePlacement: tab === 'double' ? true : undefined,
    ...pagingFromParams(p),
  };
}

/** /referrals — 职业介绍: referrals with their outcomes, the follow-ups due and the double placements. */
export default function ReferralsPage() {
  const { can } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const { tab, ...query } = useMemo(() => queryOf(params), [params]);
  const list = useQuery({
    queryKey: employmentKeys.referrals(query),
    queryFn: ({ signal }) => getReferrals(query, signal),
    placeholderData: keepPreviousData,
  });
  const done = async (text: string) => {
    message.success(text);
    await qc.invalidateQueries({ queryKey: employmentKeys.all });
  };
  const outcome = useMutation({
    mutationFn: ({ id, body }: { id: string; body: OutcomeInput }) => recordOutcome(id, body),
    onSuccess: () => done('已登记推荐结果'),
  });
  const followUp = useMutation({
    mutationFn: ({ id, day, still }: { id: string; day: 30 | 90; still: boolean }) => recordFollowUp(id, day, still),
    onSuccess: () => done('已登记回访'),
  });
  const columns: TableColumnsType<Referral> = [
    { title: '求职者', dataIndex: 'seekerName', width: 100 },
    { title: '岗位', dataIndex: 'jobTitle', ellipsis: true },
    { title: '用工单位', dataIndex: 'employerName', width: 200, ellipsis: true },
    {
      title: '结果',
      width: 170,
      render: (_, r) => (
        <Space size={2}>
          <Tag color={OUTCOME_COLORS[r.outcome]}>{r.outcomeName}</Tag>
          {r.doublePlacement && <Tag color="red">一人两岗</Tag>}
        </Space>
      ),
    },
    { title: '推荐人', dataIndex: 'createdBy', width: 120 },
    { title: '推荐日期', width: 110, render: (_, r) => r.createdAt.slice(0, 10) },
    {
      title: '回访',
      width: 160,
      render: (_, r) =>
        r.followUps.map((f) => (
          <div key={f.day}>
            {f.day} 天（{f.dueOn}）：{f.doneAt ? (f.stillEmployed ? '在岗' : '已离岗') : '待回访'}
          </div>
        )),
    },
    {
      title: '操作',
      width: 200,
      render: (_, r) => {
        if (!can('employment:handle')) return null;
        if (r.outcome === 'pending' || r.outcome === 'interviewed')
          return (
            <Select<OutcomeInput['outcome']>
              size="small"
              placeholder="登记结果"
              style={{ width: 140 }}
              options={(['interviewed', 'hired', 'refused', 'no_show'] as const).map((v) => ({
                value: v,
                label: REFERRAL_OUTCOME_LABELS[v],
              }))}
              onChange={(v) => outcome.mutate({ id: r.id, body: { outcome: v, source: 'staff' } })}
            />
          );
        const due = r.followUps.find((f) => !f.doneAt);
        return due ? (
          <Space>
            <a onClick={() => followUp.mutate({ id: r.id, day: due.day, still: true })}>{due.day}天回访：在岗</a>
            <a onClick={() => followUp.mutate({ id: r.id, day: due.day, still: false })}>已离岗</a>
          </Space>
        ) : null;
      },
    },
  ];
  return (
    <PageCard title="职业介绍" extra={<ListFiles title="职业介绍" exportFile={() => exportReferrals(query)} />}>
      <Tabs activeKey={tab} items={TABS} onChange={(k) => setParams({ tab: k })} />
      <Table<Referral>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1100 }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 条`,
          onChange: (page, pageSize) => setParams({ ...paramsFromQuery({ page, pageSize }), tab }),
        }}
      />
    </PageCard>
  );
}
