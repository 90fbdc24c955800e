import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { getProjectTimeline, wqk } from '../../../api';
import { errorText } from '../../../../../components/feedback';
import { formatDateTime } from '../../../../../components/time';

/** Event type prefix → category shown as a tag. */
const categories: { prefix: string; label: string; color: string }[] = [
  { prefix: 'project.unit', label: '参建单位', color: 'geekblue' },
  { prefix: 'project.team', label: '班组', color: 'geekblue' },
  { prefix: 'project.worker', label: '实名人员', color: 'cyan' },
  { prefix: 'project.attendance', label: '考勤', color: 'cyan' },
  { prefix: 'project', label: '项目', color: 'blue' },
  { prefix: 'unit', label: '参建单位', color: 'geekblue' },
  { prefix: 'team', label: '班组', color: 'geekblue' },
  { prefix: 'worker', label: '实名人员', color: 'cyan' },
  { prefix: 'attendance', label: '考勤', color: 'cyan' },
  { prefix: 'payroll.adjusted', label: '台账更正', color: 'purple' },
  { prefix: 'payroll', label: '工资台账', color: 'green' },
  { prefix: 'adjustment', label: '更正分录', color: 'purple' },
  { prefix: 'bank', label: '银行代发', color: 'green' },
  { prefix: 'account', label: '专用账户', color: 'gold' },
  { prefix: 'deposit', label: '保证金', color: 'gold' },
  { prefix: 'warning', label: '预警', color: 'red' },
  { prefix: 'arrears', label: '欠薪案件', color: 'volcano' },
  { prefix: 'import', label: '导入', color: 'gray' },
];

function categoryOf(type: string) {
  return (
    categories.find((c) => type === c.prefix || type.startsWith(`${c.prefix}.`) || type.startsWith(`${c.prefix}_`)) ?? {
      label: type,
      color: 'gray',
    }
  );
}

/** 动态: GET /api/projects/:id/timeline, newest first. */
export function ProjectTimelineTab({ projectId }: { projectId: string }) {
  const timeline = useQuery({
    queryKey: wqk.timeline(projectId),
    queryFn: ({ signal }) => getProjectTimeline(projectId, signal),
  });
  // The server answers newest first.
  const entries = timeline.data ?? [];

  return (
    <div data-testid="project-timeline">
      <div style={{ textAlign: 'right', marginBottom: 8 }}>
        <Button
          size="small"
          icon={<ReloadOutlined />}
          onClick={() => void timeline.refetch()}
          loading={timeline.isFetching && !timeline.isPending}
        >
          刷新
        </Button>
      </div>
      {timeline.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : timeline.isError ? (
        <Alert type="error" showIcon message="无法加载项目动态" description={errorText(timeline.error)} />
      ) : entries.length === 0 ? (
        <Empty description="暂无项目动态" />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={entries.map((e) => {
            const cat = categoryOf(e.type);
            return {
              key: String(e.id),
              color: cat.color,
              children: (
                <div>
                  <div>
                    <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
                      {formatDateTime(e.ts)}
                    </Typography.Text>
                    <Tag color={cat.color === 'gray' ? undefined : cat.color}>{cat.label}</Tag>
                  </div>
                  <div style={{ marginTop: 4 }}>{e.summary}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    经办人：{e.actor || '系统'}
                  </Typography.Text>
                </div>
              ),
            };
          })}
        />
      )}
    </div>
  );
}
