import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Result, Row, Segmented, Skeleton, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { getCalendar, getCalendarGaps, systemKeys } from '../../api';
import { useCan } from '../../../../auth/MeProvider';
import { errorText } from '../../../../components/feedback';
import { TIME_ZONE, dayjs } from '../../../../components/time';
import { CalendarEditor } from './CalendarEditor';
import { CalendarList } from './CalendarList';
import { CalendarView } from './CalendarView';
import { DeadlineCalculator } from './DeadlineCalculator';
import { ReprojectionProgress } from './ReprojectionProgress';

export default function CalendarPage() {
  const can = useCan();
  const canWrite = can('calendar:write');
  const currentYear = dayjs().tz(TIME_ZONE).year();
  const [year, setYear] = useState(currentYear);
  const calendar = useQuery({
    queryKey: systemKeys.calendar(year),
    queryFn: ({ signal }) => getCalendar(year, signal),
    meta: { silent: true },
  });
  const data = calendar.data;
  const gaps = useQuery({
    queryKey: ['calendar', 'gaps'],
    queryFn: ({ signal }) => getCalendarGaps(signal),
    enabled: canWrite,
    meta: { silent: true },
  });
  const gapYears = gaps.data?.years ?? [];
  const holidays = data?.days.filter((d) => d.kind === 'holiday').length ?? 0;
  const workdays = (data?.days.length ?? 0) - holidays;

  let body;
  if (calendar.isPending) body = <Skeleton active paragraph={{ rows: 10 }} />;
  else if (calendar.isError)
    body = (
      <Result
        status="warning"
        title={`无法加载 ${year} 年工作日历`}
        subTitle={errorText(calendar.error)}
        extra={<Button onClick={() => void calendar.refetch()}>重试</Button>}
      />
    );
  else if (data)
    body = (
      <>
        {canWrite && <ReprojectionProgress />}
        {gapYears.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="calendar-gaps"
            message={`${gapYears.join('、')} 年工作日历尚未录入`}
            description="有在办案件的法定时限跨入这些年份，目前仅按周末计算到期日。录入该年度放假安排后，所有在办时限将自动重新计算。"
          />
        )}
        {data.provisional && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={`${year} 年节假日安排为暂定`}
            description="国务院办公厅尚未发布（或本系统尚未录入）该年度正式的放假安排，期限计算结果可能变化，请以正式通知为准。"
          />
        )}
        <Tabs
          items={[
            { key: 'calendar', label: '日历', children: <CalendarView year={year} days={data.days} /> },
            { key: 'list', label: `列表（${data.days.length}）`, children: <CalendarList days={data.days} /> },
            ...(canWrite ? [{ key: 'edit', label: '编辑', children: <CalendarEditor calendar={data} /> }] : []),
          ]}
        />
      </>
    );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={17}>
        <Card
          variant="borderless"
          title={
            <Space>
              工作日历
              {data && (
                <>
                  <Tag color="red">休 {holidays} 天</Tag>
                  <Tag color="blue">调休上班 {workdays} 天</Tag>
                </>
              )}
            </Space>
          }
          extra={
            <Segmented<number>
              value={year}
              onChange={setYear}
              options={[currentYear, currentYear + 1].map((y) => ({ value: y, label: `${y} 年` }))}
            />
          }
        >
          {body}
        </Card>
      </Col>
      <Col xs={24} xl={7}>
        <DeadlineCalculator />
      </Col>
    </Row>
  );
}
