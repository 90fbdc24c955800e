import { Space, Tag, Tooltip, Typography } from 'antd';
import { CLOCK_LEVEL_LABELS, type CaseClock } from '../api';

const COLORS = { normal: 'green', amber: 'gold', red: 'red' } as const;

/** A statutory clock: its countdown in working (or calendar) days, amber at 80 %, red when overdue. */
export function ClockTag({ clock }: { clock: CaseClock }) {
  const unit = clock.unit === 'working' ? '个工作日' : '天';
  let text: string;
  if (clock.stopped) text = `已办结（用时 ${clock.used}${unit}）`;
  else if (clock.suspended) text = '已中止计时';
  else if (clock.remaining < 0) text = `已超期 ${-clock.remaining}${unit}`;
  else text = `剩余 ${clock.remaining}${unit}`;
  const extension = clock.extension ? `，已批准延长 ${clock.extension}${unit}` : '';
  const color = clock.stopped || clock.suspended ? 'default' : COLORS[clock.level];
  return (
    <Space size={4} wrap>
      <Typography.Text strong>{clock.name}</Typography.Text>
      <Tooltip title={`法定 ${clock.budget}${unit}${extension}；起算 ${clock.startedOn}`}>
        <Tag color={color} data-testid={`clock-${clock.code}`}>
          {text}
        </Tag>
      </Tooltip>
      {clock.dueOn && !clock.stopped && <Typography.Text type="secondary">到期日 {clock.dueOn}</Typography.Text>}
      {!clock.stopped && !clock.suspended && clock.level !== 'normal' && (
        <Tag color={COLORS[clock.level]}>{CLOCK_LEVEL_LABELS[clock.level]}</Tag>
      )}
      {clock.missingYears.length > 0 && (
        <Tag color="orange">{clock.missingYears.join('、')} 年工作日历未录入，仅按周末计算</Tag>
      )}
    </Space>
  );
}
