import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Input, List, Row, Spin, Tree, Typography } from 'antd';
import type { GetRef } from 'antd';
import { useCallback, useEffect, useRef, useState, type Key } from 'react';
import { qk, searchRegions } from '../../../../api/endpoints';
import { useRegionTree } from '../../../../components/regions/useRegionTree';
import { useSystemInfo } from '../../../../components/useSystemInfo';
import { LevelTag, RegionDetailPanel } from './RegionDetailPanel';

type TreeRef = GetRef<typeof Tree>;

export default function RegionsPage() {
  const { data: info } = useSystemInfo();
  const { root, treeData, loadChildren, reveal } = useRegionTree();
  const [selected, setSelected] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [q, setQ] = useState('');
  const treeRef = useRef<TreeRef>(null);

  // Open the city on first load.
  useEffect(() => {
    if (!root.data) return;
    const code = root.data.code;
    setSelected((s) => s ?? code);
    if (root.data.hasChildren) {
      void loadChildren(code).then(() => setExpanded((keys) => (keys.includes(code) ? keys : [...keys, code])));
    }
  }, [root.data, loadChildren]);

  const search = useQuery({
    queryKey: qk.regionSearch(q),
    queryFn: ({ signal }) => searchRegions(q, signal),
    enabled: q.length > 0,
    staleTime: 5 * 60_000,
  });

  const select = useCallback(
    async (code: string) => {
      setSelected(code);
      const result = await reveal(code);
      if (!result) return;
      setExpanded((keys) => [...new Set([...keys, ...result.expand])]);
      window.setTimeout(() => treeRef.current?.scrollTo({ key: code, align: 'top', offset: 40 }), 50);
    },
    [reveal],
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9} xl={8}>
        <Card variant="borderless" title={`行政区划${info?.city ? `（${info.city.name}）` : ''}`}>
          <Input.Search
            placeholder="按名称搜索行政区划"
            allowClear
            enterButton="搜索"
            maxLength={50}
            onSearch={(v) => setQ(v.trim())}
            onChange={(e) => {
              if (!e.target.value) setQ('');
            }}
            style={{ marginBottom: 12 }}
          />
          {q && (
            <div style={{ marginBottom: 12 }}>
              <Typography.Text type="secondary">
                搜索“{q}”
                {search.data
                  ? `，共 ${search.data.length} 条${search.data.length >= 50 ? '（最多显示 50 条）' : ''}`
                  : ''}
              </Typography.Text>
              <List
                size="small"
                bordered
                loading={search.isFetching}
                dataSource={search.data ?? []}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未找到匹配的区划" /> }}
                style={{ maxHeight: 260, overflow: 'auto', marginTop: 4 }}
                renderItem={(r) => (
                  <List.Item
                    onClick={() => void select(r.code)}
                    style={{ cursor: 'pointer', background: r.code === selected ? '#e6f4ff' : undefined }}
                    extra={<LevelTag level={r.level} />}
                  >
                    <List.Item.Meta title={r.name} description={r.fullName} />
                  </List.Item>
                )}
              />
            </div>
          )}
          {root.isPending ? (
            <Spin tip="正在加载区划…">
              <div style={{ height: 120 }} />
            </Spin>
          ) : root.isError ? (
            <Alert type="error" showIcon message="无法加载区划树" />
          ) : (
            <Tree
              ref={treeRef}
              showLine
              blockNode
              height={560}
              treeData={treeData}
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys)}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => {
                if (keys.length > 0) setSelected(String(keys[0]));
              }}
              loadData={(node) => loadChildren(String(node.key)).then(() => undefined)}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={15} xl={16}>
        <RegionDetailPanel code={selected} onSelect={(code) => void select(code)} />
      </Col>
    </Row>
  );
}
