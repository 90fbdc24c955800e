import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Descriptions, Empty, Result, Skeleton, Table, Tag, Typography } from 'antd';
import { getRegion, getRegionChildren, qk } from '../../../../api/endpoints';
import { regionLevelLabels } from '../../../../api/labels';
import type { Region } from '../../../../api/types';
import { errorText } from '../../../../components/feedback';

interface Props {
  code: string | null;
  onSelect: (code: string) => void;
}

const levelColors: Record<number, string> = { 1: 'red', 2: 'volcano', 3: 'orange', 4: 'green', 5: 'cyan' };

export function LevelTag({ level }: { level: number }) {
  return <Tag color={levelColors[level]}>{regionLevelLabels[level] ?? `第${level}级`}</Tag>;
}

export function RegionDetailPanel({ code, onSelect }: Props) {
  const detail = useQuery({
    queryKey: qk.region(code ?? ''),
    queryFn: ({ signal }) => getRegion(code as string, signal),
    enabled: !!code,
    staleTime: 10 * 60_000,
    meta: { silent: true },
  });
  const hasChildren = !!detail.data?.hasChildren;
  const children = useQuery({
    queryKey: qk.regionChildren(code ?? ''),
    queryFn: ({ signal }) => getRegionChildren(code as string, signal),
    enabled: !!code && hasChildren,
    staleTime: 10 * 60_000,
  });

  if (!code) {
    return (
      <Card variant="borderless">
        <Empty description="请在左侧选择或搜索行政区划" />
      </Card>
    );
  }
  if (detail.isPending) {
    return (
      <Card variant="borderless">
        <Skeleton active />
      </Card>
    );
  }
  if (detail.isError) {
    return (
      <Card variant="borderless">
        <Result status="warning" title="无法加载区划信息" subTitle={errorText(detail.error)} />
      </Card>
    );
  }
  const r = detail.data;
  const trail = [...r.ancestors, r];

  return (
    <Card variant="borderless" title={r.name} extra={<LevelTag level={r.level} />}>
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={trail.map((a, i) => ({
          key: a.code,
          title:
            i === trail.length - 1 ? (
              a.name
            ) : (
              <Typography.Link onClick={() => onSelect(a.code)}>{a.name}</Typography.Link>
            ),
        }))}
      />
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 140 } }}
        items={[
          { key: 'code', label: '区划代码', children: <Typography.Text copyable>{r.code}</Typography.Text> },
          { key: 'name', label: '名称', children: r.name },
          { key: 'level', label: '级别', children: regionLevelLabels[r.level] ?? r.level },
          { key: 'fullName', label: '全称', children: r.fullName },
          {
            key: 'ancestors',
            label: '上级区划',
            children: r.ancestors.length > 0 ? r.ancestors.map((a) => a.name).join(' / ') : '无（顶级区划）',
          },
          { key: 'hasChildren', label: '下级区划', children: r.hasChildren ? '有' : '无' },
        ]}
      />
      {hasChildren && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            下级区划
          </Typography.Title>
          <Table<Region>
            size="small"
            rowKey="code"
            loading={children.isPending}
            dataSource={children.data ?? []}
            pagination={{ pageSize: 10, showSizeChanger: false, showTotal: (t) => `共 ${t} 个` }}
            locale={{ emptyText: <Empty description="暂无下级区划" /> }}
            columns={[
              { title: '区划代码', dataIndex: 'code', width: 160 },
              {
                title: '名称',
                dataIndex: 'name',
                render: (name: string, row) => (
                  <Typography.Link onClick={() => onSelect(row.code)}>{name}</Typography.Link>
                ),
              },
              { title: '级别', dataIndex: 'level', width: 100, render: (lvl: number) => <LevelTag level={lvl} /> },
            ]}
          />
        </>
      )}
    </Card>
  );
}
