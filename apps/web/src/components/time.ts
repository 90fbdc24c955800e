import { shanghaiDate } from '@mwsp/domain';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

export const TIME_ZONE = 'Asia/Shanghai';

/** "2025-01-02 08:03:04" in Asia/Shanghai, or "—" when empty. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.tz(TIME_ZONE).format('YYYY-MM-DD HH:mm:ss') : value;
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.tz(TIME_ZONE).format('YYYY-MM-DD') : value;
}

const weekdays = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** Weekday of a plain calendar date "YYYY-MM-DD". */
export function weekdayOf(date: string): string {
  const d = dayjs(date, 'YYYY-MM-DD');
  return d.isValid() ? weekdays[d.day()] : '';
}

export { dayjs };

/** Today in Asia/Shanghai, 'YYYY-MM-DD'. */
export function today(): string {
  return shanghaiDate();
}

/** Disable dates after today in a DatePicker. */
export const notFuture = (d: Dayjs) => d.isAfter(dayjs().endOf('day'));
