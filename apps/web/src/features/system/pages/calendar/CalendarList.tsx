import { Empty, Table, Tag } from 'antd';
import type { CalendarDay } from '../../../../api/types';
import { weekdayOf } from '../../../../components/time';

export function CalendarList({ days }: { days: CalendarDay[] }) {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <Table<CalendarDay>
      rowKey="date"
      size="small"
      dataSource={sorted}
      pagination={false}
      locale={{ emptyText: <Empty description="本年度尚未登记节假日安排" /> }}
      columns={[
        { title: '日期', dataIndex: 'date', width: 130 },
        { title: '星期', key: 'weekday', width: 90, render: (_, d) => weekdayOf(d.date) },
        {
          title: '类型',
          dataIndex: 'kind',
          width: 110,
          render: (k: CalendarDay['kind']) =>
            k === 'holiday' ? <Tag color="red">休（放假）</Tag> : <Tag color="blue">班（调休上班）</Tag>,
        },
        { title: '名称', dataIndex: 'name' },
      ]}
    />
  );
}
