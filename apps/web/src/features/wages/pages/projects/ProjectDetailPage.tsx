import { ArrowLeftOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Descriptions, Flex, Space, Tabs, Tag, Typography } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { ProjectDto } from '../../api';
import { getProject, projectCategoryLabels, projectStatusLabels, wqk } from '../../api';
import { DetailFallback } from '../../../../components/DetailFallback';
import { InstitutionIndicators, ProjectLevelTag } from '../../components/tags';
import { AccountTab } from './detail/AccountTab';
import { AttendanceTab } from './detail/AttendanceTab';
import { BankPaymentsTab } from './detail/BankPaymentsTab';
import { BasicTab } from './detail/BasicTab';
import { DepositTab } from './detail/DepositTab';
import { PayrollTab } from './detail/PayrollTab';
import { ProjectTimelineTab } from './detail/ProjectTimelineTab';
import { ProjectWarningsTab } from './detail/ProjectWarningsTab';
import { UnitsTeamsTab } from './detail/UnitsTeamsTab';
import { WorkersTab } from './detail/WorkersTab';
import { Yuan } from '../../../../components/money';

const TABS = [
  'basic',
  'units',
  'workers',
  'attendance',
  'payroll',
  'bank',
  'account',
  'deposit',
  'warnings',
  'timeline',
] as const;
type TabKey = (typeof TABS)[number];

function Header({
  project,
  onRefresh,
  refreshing,
}: {
  project: ProjectDto;
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const navigate = useNavigate();
  const status = projectStatusLabels[project.status];
  return (
    <Card variant="borderless" data-testid="project-header">
      <Flex justify="space-between" align="flex-start" wrap gap={16}>
        <div style={{ minWidth: 0, flex: '1 1 640px' }}>
          <Space size={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="project-title">
              {project.name}
            </Typography.Title>
            <ProjectLevelTag level={project.warningLevel} count={project.openWarnings} />
            {status && <Tag color={status.color}>{status.text}</Tag>}
          </Space>
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 2, lg: 3, xl: 4, xxl: 4 }} style={{ marginTop: 8 }}>
            <Descriptions.Item label="项目编号">
              <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                {project.code}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="所在地">{project.regionName ?? project.regionCode}</Descriptions.Item>
            <Descriptions.Item label="工程类别">
              {projectCategoryLabels[project.category] ?? project.category}
            </Descriptions.Item>
            <Descriptions.Item label="合同金额">
              <Yuan fen={project.contractAmountFen} />
              &nbsp;元
            </Descriptions.Item>
            <Descriptions.Item label="施工总承包">{project.contractorName}</Descriptions.Item>
            <Descriptions.Item label="建设单位">{project.clientName}</Descriptions.Item>
            <Descriptions.Item label="在场人数">{project.workersOnSite} 人</Descriptions.Item>
            <Descriptions.Item label="六项制度">
              <InstitutionIndicators flags={project.institutions} />
            </Descriptions.Item>
          </Descriptions>
        </div>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/projects')}>
            返回列表
          </Button>
          <Button icon={<ReloadOutlined />} loading={refreshing} onClick={onRefresh}>
            刷新
          </Button>
        </Space>
      </Flex>
    </Card>
  );
}

/** /projects/:id — 项目详情 */
export default function ProjectDetailPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as TabKey) : 'basic';
  const project = useQuery({
    queryKey: wqk.project(id),
    queryFn: ({ signal }) => getProject(id, signal),
    enabled: !!id,
  });

  if (!project.isSuccess) return <DetailFallback query={project} subject="项目" listPath="/projects" />;
  const p = project.data;

  return (
    <Space direction="vertical" size={16} style={{ display: 'flex' }} key={p.id}>
      <Header project={p} onRefresh={() => void project.refetch()} refreshing={project.isFetching} />
      <Card variant="borderless">
        <Tabs
          data-testid="project-tabs"
          activeKey={tab}
          onChange={(key) =>
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                if (key === 'basic') next.delete('tab');
                else next.set('tab', key);
                return next;
              },
              { replace: true },
            )
          }
          items={[
            { key: 'basic', label: '基本信息', children: <BasicTab project={p} /> },
            { key: 'units', label: '参建单位与班组', children: <UnitsTeamsTab project={p} /> },
            { key: 'workers', label: '实名人员', children: <WorkersTab project={p} /> },
            { key: 'attendance', label: '考勤', children: <AttendanceTab project={p} /> },
            { key: 'payroll', label: '工资台账', children: <PayrollTab project={p} /> },
            { key: 'bank', label: '银行代发', children: <BankPaymentsTab project={p} /> },
            { key: 'account', label: '专用账户', children: <AccountTab project={p} /> },
            { key: 'deposit', label: '保证金', children: <DepositTab project={p} /> },
            {
              key: 'warnings',
              label: (
                <Badge count={p.openWarnings} size="small" offset={[8, -2]}>
                  <span>
                    {p.openWarnings > 0 && <WarningOutlined style={{ color: '#cf1322', marginInlineEnd: 4 }} />}
                    预警
                  </span>
                </Badge>
              ),
              children: <ProjectWarningsTab project={p} />,
            },
            { key: 'timeline', label: '动态', children: <ProjectTimelineTab projectId={p.id} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
