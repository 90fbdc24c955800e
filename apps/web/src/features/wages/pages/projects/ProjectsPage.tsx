import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { ProjectLevel, ProjectListItem, ProjectListQuery, ProjectStatus } from '../../api';
import {
  getProjects,
  projectCategoryLabels,
  projectLevelOptions,
  projectStatusLabels,
  projectStatusOptions,
  wqk,
} from '../../api';
import { useCan } from '../../../../auth/MeProvider';
import { PageCard } from '../../../../components/PageCard';
import { RegionTreeSelect } from '../../../../components/regions/RegionTreeSelect';
import { InstitutionIndicators, ProjectLevelTag } from '../../components/tags';
import { ProjectFormModal } from './ProjectFormModal';
import { Yuan } from '../../../../components/money';

const DEFAULT_QUERY: ProjectListQuery = { page: 1, pageSize: 20 };

/** The list state survives a visit to a project (memory only). */
let remembered: { query: ProjectListQuery; q: string } = { query: DEFAULT_QUERY, q: '' };

/** /projects — 工程建设项目 */
export default function ProjectsPage() {
  const can = useCan();
  const navigate = useNavigate();
  const [query, setQueryState] = useState<ProjectListQuery>(remembered.query);
  const [q, setQState] = useState(remembered.q);
  const [formOpen, setFormOpen] = useState(false);

  const setQuery = (update: (cur: ProjectListQuery) => ProjectListQuery) =>
    setQueryState((cur) => {
      const next = update(cur);
      remembered = { ...remembered, query: next };
      return next;
    });
  const setQ = (v: string) => {
    remembered = { ...remembered, q: v };
    setQState(v);
  };
  const filter = (patch: Partial<ProjectListQuery>) => setQuery((cur) => ({ ...cur, ...patch, page: 1 }));

  const projects = useQuery({
    queryKey: wqk.projects(query),
    queryFn: ({ signal }) => getProjects(query, signal),
    placeholderData: keepPreviousData,
  });

  const hasFilters = !!(query.q || query.regionCode || query.status || query.level);
  const reset = () => {
    setQ('');
    setQuery((cur) => ({ ...DEFAULT_QUERY, pageSize: cur.pageSize }));
  };

  const columns: TableColumnsType<ProjectListItem> = [
    {
      title: '项目名称',
      dataIndex: 'name',
      width: 260,
      fixed: 'left',
      render: (v: string, p) => (
        <div>
          <Typography.Link>{v}</Typography.Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
              {p.code}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: '预警等级',
      dataIndex: 'warningLevel',
      width: 120,
      render: (v: ProjectLevel, p) => <ProjectLevelTag level={v} count={p.openWarnings} />,
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (v: ProjectStatus) =>
        projectStatusLabels[v] ? <Tag color={projectStatusLabels[v].color}>{projectStatusLabels[v].text}</Tag> : v,
    },
    {
      title: '六项制度',
      dataIndex: 'institutions',
      width: 250,
      render: (v: ProjectListItem['institutions']) => (v ? <InstitutionIndicators flags={v} /> : '—'),
    },
    {
      title: '所在地',
      dataIndex: 'regionName',
      width: 160,
      ellipsis: true,
      render: (v: string | null, p) => v ?? p.regionCode,
    },
    {
      title: '类别',
      dataIndex: 'category',
      width: 90,
      render: (v: ProjectListItem['category']) => projectCategoryLabels[v] ?? v,
    },
    { title: '施工总承包单位', dataIndex: 'contractorName', width: 200, ellipsis: true },
    { title: '建设单位', dataIndex: 'clientName', width: 180, ellipsis: true },
    { title: '在场人数', dataIndex: 'workersOnSite', width: 90, align: 'right' },
    {
      title: '合同金额（元）',
      dataIndex: 'contractAmountFen',
      width: 150,
      align: 'right',
      render: (v: number) => <Yuan fen={v} />,
    },
    {
      title: '工期',
      key: 'period',
      width: 200,
      render: (_, p) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {p.startDate} 至 {p.plannedEndDate}
        </Typography.Text>
      ),
    },
  ];

  return (
    <PageCard
      title="工程建设项目"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void projects.refetch()}>
            刷新
          </Button>
          {can('wages:write') && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="project-new" onClick={() => setFormOpen(true)}>
              登记项目
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap align="start" style={{ marginBottom: 16 }}>
        <Input.Search
          data-testid="project-search"
          placeholder="项目名称或编号"
          allowClear
          enterButton="搜索"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            if (!e.target.value && query.q) filter({ q: undefined });
          }}
          onSearch={(v) => filter({ q: v.trim() || undefined })}
          style={{ width: 260 }}
        />
        <RegionTreeSelect
          placeholder="所在区划（全部）"
          value={query.regionCode}
          onChange={(v) => filter({ regionCode: v })}
          style={{ width: 220 }}
        />
        <Select<ProjectStatus | undefined>
          data-testid="project-status-filter"
          allowClear
          placeholder="项目状态"
          value={query.status}
          onChange={(v) => filter({ status: v })}
          options={projectStatusOptions}
          style={{ width: 120 }}
        />
        <Select<ProjectLevel | undefined>
          data-testid="project-level-filter"
          allowClear
          placeholder="预警等级"
          value={query.level}
          onChange={(v) => filter({ level: v })}
          options={projectLevelOptions}
          style={{ width: 130 }}
        />
        {hasFilters && <Button onClick={reset}>重置</Button>}
      </Space>
      <Table<ProjectListItem>
        data-testid="projects-table"
        rowKey="id"
        columns={columns}
        dataSource={projects.data?.items ?? []}
        loading={projects.isFetching}
        scroll={{ x: 1800 }}
        onRow={(p) => ({ onClick: () => void navigate(`/projects/${p.id}`), style: { cursor: 'pointer' } })}
        locale={{
          emptyText: <Empty description={hasFilters ? '没有符合条件的项目' : '暂无工程建设项目，请先登记项目'} />,
        }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: projects.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (t) => `共 ${t} 个项目`,
          onChange: (page, pageSize) =>
            setQuery((cur) => ({ ...cur, page: pageSize !== cur.pageSize ? 1 : page, pageSize })),
        }}
      />
      <ProjectFormModal
        open={formOpen}
        onClose={() => setFormOpen(false)}
        onCreated={(p) => navigate(`/projects/${p.id}`)}
      />
    </PageCard>
  );
}
