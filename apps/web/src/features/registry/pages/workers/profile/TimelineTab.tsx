import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { getWorkerTimeline, rqk } from '../../../api';
import type { TimelineEntry } from '../../../../../api/types';
import { errorText } from '../../../../../components/feedback';
import { formatDateTime } from '../../../../../components/time';

/** Category of an event type ("employment.create" → 就业). */
const categories: { prefix: string; label: string; color: string }[] = [
  { prefix: 'worker.unmask', label: '查看完整信息', color: 'red' },
  { prefix: 'worker.merge', label: '档案合并', color: 'purple' },
  { prefix: 'worker', label: '档案', color: 'blue' },
  { prefix: 'employment', label: '就业', color: 'green' },
  { prefix: 'contract', label: '合同', color: 'green' },
  { prefix: 'insurance', label: '社保', color: 'cyan' },
  { prefix: 'import', label: '批量导入', color: 'gray' },
  { prefix: 'export', label: '导出', color: 'orange' },
];

export function categoryOf(type: string): { label: string; color: string } {
  return (
    categories.find((c) => type === c.prefix || type.startsWith(`${c.prefix}.`) || type.startsWith(`${c.prefix}_`)) ?? {
      label: type,
      color: 'gray',
    }
  );
}

/** The actor is documented as a name; tolerate an object with a display name or username. */
export function actorName(actor: unknown): string {
  if (typeof actor === 'string' && actor.trim()) return actor;
  if (actor && typeof actor === 'object') {
    const a = actor as { displayName?: unknown; username?: unknown; name?: unknown };
    for (const v of [a.displayName, a.name, a.username]) if (typeof v === 'string' && v.trim()) return v;
  }
  return '系统';
}

export function useWorkerTimeline(workerId: string) {
  return useQuery({
    queryKey: rqk.timeline(workerId),
    queryFn: ({ signal }) => getWorkerTimeline(workerId, signal),
  });
}

/** 时间线 (一人一档): GET /api/workers/:id/timeline, newest first. */
export function TimelineTab({ workerId }: { workerId: string }) {
  const timeline = useWorkerTimeline(workerId);
  const entries: TimelineEntry[] = timeline.data ?? [];

  return (
    <div data-testid="worker-timeline">
      {timeline.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : timeline.isError ? (
        <Alert type="error" showIcon message="无法加载时间线" description={errorText(timeline.error)} />
      ) : entries.length === 0 ? (
        <Empty description="暂无档案记录" />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={entries.map((e, i) => {
            const cat = categoryOf(e.type);
            return {
              key: `${e.ts}-${i}`,
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
                    经办人：{actorName(e.actor)}
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
