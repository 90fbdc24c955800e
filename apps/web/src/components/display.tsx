// Small display helpers shared by the console's screens (labels, deadlines, months, card rows).
import { monthLabel } from '@mwsp/domain';
import { Tag, Typography } from 'antd';

/** 'YYYY-MM-01' → '2026年3月'; null → the fallback (project-wide findings). */
export function monthText(month: string | null | undefined, fallback = '全项目'): string {
  if (!month) return fallback;
  return /^\d{4}-\d{2}/.test(month) ? monthLabel(month) : month;
}

/** A coloured tag from a { text, color } label map, tolerating unknown values. */
export function LabelTag<T extends string>({
  value,
  labels,
}: {
  value: T;
  labels: Record<T, { text: string; color: string }>;
}) {
  const l = labels[value];
  return l ? <Tag color={l.color}>{l.text}</Tag> : <Tag>{value}</Tag>;
}

/** Handling deadline, red with 已逾期 when overdue. */
export function DueDate({ dueOn, overdue }: { dueOn: string | null | undefined; overdue?: boolean }) {
  if (!dueOn) return <Typography.Text type="secondary">—</Typography.Text>;
  if (!overdue) return <span>{dueOn}</span>;
  return (
    <span data-testid="overdue">
      <Typography.Text type="danger" strong>
        {dueOn}
      </Typography.Text>
      <Tag color="red" style={{ marginInlineStart: 6 }}>
        已逾期
      </Tag>
    </span>
  );
}
