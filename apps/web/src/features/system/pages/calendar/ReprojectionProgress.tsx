import { useQuery } from '@tanstack/react-query';
import { Alert, Progress, Space } from 'antd';
import { getReprojection, reprojectionKey, type Reprojection } from '../../api';
import { formatDateTime } from '../../../../components/time';

const active = (j: Reprojection | null | undefined) => j?.status === 'pending' || j?.status === 'running';

/**
 * The re-projection of every running statutory clock after a calendar edit runs in the background (it resumes
 * after a restart): its progress while it runs (polled every 2 s), and the outcome of the last one.
 */
export function ReprojectionProgress() {
  const q = useQuery({
    queryKey: reprojectionKey,
    queryFn: ({ signal }) => getReprojection(signal),
    refetchInterval: (query) => (active(query.state.data?.job) ? 2_000 : false),
    meta: { silent: true },
  });
  const job = q.data?.job;
  if (!job || job.status === 'superseded') return null;
  if (active(job)) {
    const percent = job.total > 0 ? Math.floor((job.done / job.total) * 100) : 0;
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="reprojection-progress"
        message={`正在按新日历重新推算在办案件的法定时限（${job.reason}）`}
        description={
          <Space direction="vertical" style={{ width: '100%' }}>
            <Progress percent={percent} status="active" />
            <span>
              {job.status === 'pending'
                ? '排队中'
                : `已推算 ${job.done} / ${job.total} 个时限，到期日变化 ${job.changed} 个`}
              。推算在后台进行，服务重启后自动从中断处继续。
            </span>
          </Space>
        }
      />
    );
  }
  return (
    <Alert
      type="success"
      showIcon
      closable
      style={{ marginBottom: 16 }}
      data-testid="reprojection-done"
      message={`在办案件法定时限已按新日历重新推算：共 ${job.done} 个，到期日变化 ${job.changed} 个`}
      description={`${job.reason}，完成于 ${job.finishedAt ? formatDateTime(job.finishedAt) : '—'}`}
    />
  );
}
