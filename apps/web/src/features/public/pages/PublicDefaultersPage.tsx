import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Grid, Input, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { PublicDefaulter } from '../../wages/api';
import { errorText } from '../../../components/feedback';
import { getPublicDefaulters, publicQk } from '../api';
import { HOTLINE, PublicShell } from './PublicShell';

const PAGE_SIZES = [10, 20, 50];

/** /public/defaulters — the defaulter list as published to everyone (listed entries only). */
export default function PublicDefaultersPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const pageParam = Number(params.get('page') ?? '1');
  const sizeParam = Number(params.get('pageSize') ?? '10');
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const pageSize = PAGE_SIZES.includes(sizeParam) ? sizeParam : 10;
  const [search, setSearch] = useState(q);
  const narrow = !Grid.useBreakpoint().md;
  useEffect(() => setSearch(q), [q]);

  const update = (next: { q?: string; page?: number; pageSize?: number }) => {
    const merged = { q, page, pageSize, ...next };
    const out: Record<string, string> = {};
    if (merged.q) out.q = merged.q;
    if (merged.page && merged.page !== 1) out.page = String(merged.page);
    if (merged.pageSize && merged.pageSize !== 10) out.pageSize = String(merged.pageSize);
    setParams(out, { replace: true });
  };

  const list = useQuery({
    queryKey: publicQk.defaulters(q, page, pageSize),
    queryFn: ({ signal }) => getPublicDefaulters({ q: q || undefined, page, pageSize }, signal),
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });

  const columns: TableColumnsType<PublicDefaulter> = [
    {
      title: '单位名称',
      dataIndex: 'employerName',
      width: 240,
      render: (v: string, d) => (
        <div>
          <div>
            <strong>{v}</strong>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
            {d.creditCode}
          </Typography.Text>
        </div>
      ),
    },
    { title: '失信事由', dataIndex: 'reason', width: 320 },
    {
      title: '列入依据',
      dataIndex: 'basis',
      width: 280,
      render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text>,
    },
    { title: '列入日期', dataIndex: 'listedOn', width: 110 },
    { title: '有效期至', dataIndex: 'expiresOn', width: 110 },
  ];

  // Phones: one stacked cell per unit, nothing off screen.
  const narrowColumns: TableColumnsType<PublicDefaulter> = [
    {
      title: '失信单位',
      key: 'all',
      render: (_, d) => (
        <Space direction="vertical" size={2} style={{ width: '100%' }}>
          <strong style={{ wordBreak: 'break-all' }}>{d.employerName}</strong>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
            {d.creditCode}
          </Typography.Text>
          <span>失信事由：{d.reason}</span>
          <Typography.Text type="secondary">列入依据：{d.basis}</Typography.Text>
          <span>
            列入日期 {d.listedOn} · 有效期至 {d.expiresOn}
          </span>
        </Space>
      ),
    },
  ];

  return (
    <PublicShell title="拖欠农民工工资失信联合惩戒对象名单" maxWidth={1160}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {'依据《保障农民工工资支付条例》和《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》（人社部令第45号）公示。' +
            '列入名单的用人单位及其责任人员在政府资金支持、政府采购、招投标、融资贷款、市场准入、评优评先等方面依法受到限制。' +
            '名单有效期 '}
          3
          年，期满自动移出；提前移出的不再公示。对公示信息有异议的，可向作出列入决定的人力资源社会保障部门提出；举报欠薪请拨打{' '}
          {HOTLINE}。
        </Typography.Paragraph>
        <Card variant="borderless">
          <Input.Search
            placeholder="输入单位名称或统一社会信用代码"
            allowClear
            enterButton="查询"
            value={search}
            maxLength={60}
            onChange={(e) => {
              setSearch(e.target.value);
              if (!e.target.value && q) update({ q: undefined, page: 1 });
            }}
            onSearch={(v) => update({ q: v.trim() || undefined, page: 1 })}
            style={{ maxWidth: 420, marginBottom: 16 }}
            data-testid="public-defaulters-search"
          />
          {list.isError && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              message="名单加载失败"
              description={errorText(list.error)}
            />
          )}
          <Table<PublicDefaulter>
            data-testid="public-defaulters-table"
            showHeader={!narrow}
            rowKey={(d) => `${d.creditCode}-${d.listedOn}`}
            columns={narrow ? narrowColumns : columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={narrow ? undefined : { x: 1060 }}
            locale={{ emptyText: <Empty description={q ? `未找到与“${q}”相关的失信单位` : '当前名单中暂无单位'} /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: !narrow,
              simple: narrow,
              pageSizeOptions: PAGE_SIZES,
              showTotal: (t) => `共 ${t} 家单位`,
              onChange: (nextPage, nextSize) =>
                update({ page: nextSize !== pageSize ? 1 : nextPage, pageSize: nextSize }),
            }}
          />
        </Card>
      </Space>
    </PublicShell>
  );
}
