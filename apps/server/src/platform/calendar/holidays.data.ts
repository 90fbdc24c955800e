/**
 * Statutory holidays (法定节假日) and adjusted working days (调休上班) of China, per year,
 * as published in the State Council General Office's annual notices. Source and caveats:
 * shared/reference/local_facts.md §1. Staff can edit the years in the database; this is the seed.
 *
 * `holiday` = every day off in an official range, weekend days inside the range included.
 * `workday` = a Saturday or Sunday that is an adjusted working day.
 * Only dates inside `year` are listed: the 2024 元旦 range began on 2023-12-30 (Sat) and
 * 2023-12-31 (Sun), which are weekend days anyway.
 */

export interface CalendarDay {
  /** 'YYYY-MM-DD' */
  date: string;
  kind: 'holiday' | 'workday';
  /** e.g. '春节'; for a working day '春节调休上班'. */
  name: string;
}

export interface CalendarYear {
  year: number;
  /** True when the year's notice has not been published: the days are derived, not official. */
  provisional: boolean;
  source: string;
  days: CalendarDay[];
}

const DAY_MS = 86_400_000;

/** Every date from `from` to `to` inclusive (UTC arithmetic on plain dates). */
function dates(from: string, to: string = from): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

const holiday = (name: string, from: string, to?: string): CalendarDay[] =>
  dates(from, to).map((date) => ({ date, kind: 'holiday', name }));

const workdays = (holidayName: string, ...days: string[]): CalendarDay[] =>
  days.map((date) => ({ date, kind: 'workday', name: `${holidayName}调休上班` }));

function calendarYear(year: number, provisional: boolean, source: string, days: CalendarDay[][]): CalendarYear {
  return { year, provisional, source, days: days.flat().sort((a, b) => a.date.localeCompare(b.date)) };
}

export const CALENDAR_YEARS: CalendarYear[] = [
  calendarYear(2024, false, '国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）', [
    holiday('元旦', '2024-01-01'),
    holiday('春节', '2024-02-10', '2024-02-17'),
    workdays('春节', '2024-02-04', '2024-02-18'),
    holiday('清明节', '2024-04-04', '2024-04-06'),
    workdays('清明节', '2024-04-07'),
    holiday('劳动节', '2024-05-01', '2024-05-05'),
    workdays('劳动节', '2024-04-28', '2024-05-11'),
    holiday('端午节', '2024-06-08', '2024-06-10'),
    holiday('中秋节', '2024-09-15', '2024-09-17'),
    workdays('中秋节', '2024-09-14'),
    holiday('国庆节', '2024-10-01', '2024-10-07'),
    workdays('国庆节', '2024-09-29', '2024-10-12'),
  ]),
  calendarYear(2025, false, '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）', [
    holiday('元旦', '2025-01-01'),
    holiday('春节', '2025-01-28', '2025-02-04'),
    workdays('春节', '2025-01-26', '2025-02-08'),
    holiday('清明节', '2025-04-04', '2025-04-06'),
    holiday('劳动节', '2025-05-01', '2025-05-05'),
    workdays('劳动节', '2025-04-27'),
    holiday('端午节', '2025-05-31', '2025-06-02'),
    // National Day and Mid-Autumn (10-06) combined: 8 days.
    holiday('国庆节、中秋节', '2025-10-01', '2025-10-08'),
    workdays('国庆节、中秋节', '2025-09-28', '2025-10-11'),
  ]),
  calendarYear(
    2026,
    false,
    '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日；文号报道为国办发明电〔2025〕7号，待核实）',
    [
      holiday('元旦', '2026-01-01', '2026-01-03'),
      workdays('元旦', '2026-01-04'),
      holiday('春节', '2026-02-15', '2026-02-23'),
      workdays('春节', '2026-02-14', '2026-02-28'),
      holiday('清明节', '2026-04-04', '2026-04-06'),
      holiday('劳动节', '2026-05-01', '2026-05-05'),
      workdays('劳动节', '2026-05-09'),
      holiday('端午节', '2026-06-19', '2026-06-21'),
      holiday('中秋节', '2026-09-25', '2026-09-27'),
      holiday('国庆节', '2026-10-01', '2026-10-07'),
      // The notice lists 09-20 under 国庆节, not 中秋节.
      workdays('国庆节', '2026-09-20', '2026-10-10'),
    ],
  ),
  calendarYear(
    2027,
    true,
    '暂定：国务院2027年节假日安排通知尚未发布，仅按《全国年节及纪念日放假办法》第二条和农历推算法定假日，未含调休，待核实',
    [
      holiday('元旦', '2027-01-01'),
      holiday('春节', '2027-02-05', '2027-02-08'),
      holiday('清明节', '2027-04-05'),
      holiday('劳动节', '2027-05-01', '2027-05-02'),
      holiday('端午节', '2027-06-09'),
      holiday('中秋节', '2027-09-15'),
      holiday('国庆节', '2027-10-01', '2027-10-03'),
    ],
  ),
];
