import { Calendar, Flex, Tag, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { CalendarDay } from '../../../../api/types';
import { dayjs } from '../../../../components/time';

function initialValue(year: number): Dayjs {
  const today = dayjs();
  return today.year() === year ? today : dayjs(`${year}-01-01`);
}

/** Month/year calendar marking holidays (休, red) and adjusted working days (班). */
export function CalendarView({ year, days }: { year: number; days: CalendarDay[] }) {
  const byDate = useMemo(() => new Map(days.map((d) => [d.date, d])), [days]);
  const [value, setValue] = useState<Dayjs>(() => initialValue(year));

  useEffect(() => {
    setValue(initialValue(year));
  }, [year]);

  const range: [Dayjs, Dayjs] = [dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)];

  return (
    <Calendar
      value={value}
      onChange={setValue}
      onPanelChange={setValue}
      validRange={range}
      cellRender={(current, info) => {
        if (info.type === 'date') {
          const day = byDate.get(current.format('YYYY-MM-DD'));
          if (!day) return null;
          return (
            <Tooltip title={`${day.name}（${day.kind === 'holiday' ? '放假' : '调休上班'}）`}>
              <Flex vertical align="flex-start" gap={2}>
                <Tag color={day.kind === 'holiday' ? 'red' : 'blue'} className="calendar-cell-tag">
                  {day.kind === 'holiday' ? '休' : '班'}
                </Tag>
                <span style={{ fontSize: 12, color: day.kind === 'holiday' ? '#cf1322' : '#0958d9' }}>{day.name}</span>
              </Flex>
            </Tooltip>
          );
        }
        if (info.type === 'month') {
          const prefix = current.format('YYYY-MM');
          const inMonth = days.filter((d) => d.date.startsWith(prefix));
          const holidays = inMonth.filter((d) => d.kind === 'holiday').length;
          const workdays = inMonth.length - holidays;
          if (inMonth.length === 0) return null;
          return (
            <Flex gap={4} wrap>
              {holidays > 0 && <Tag color="red">休 {holidays} 天</Tag>}
              {workdays > 0 && <Tag color="blue">班 {workdays} 天</Tag>}
            </Flex>
          );
        }
        return info.originNode;
      }}
    />
  );
}
