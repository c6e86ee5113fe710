/**
 * Mainland China's public holidays and make-up working days (调休), as the State Council's General Office
 * publishes them each autumn for the next year. Source of 2026: 国务院办公厅关于2026年部分节假日安排的通知
 * (4 November 2025, Xinhua; e.g. https://politics.gmw.cn/2025-11/04/content_38391083.htm).
 * Holidays close the whole day; make-up days (上班) are weekend dates worked on the weekday schedule.
 * 2027's schedule was not available from a source that could be checked when this list was written: import it
 * from an iCal feed (Admin → SLA) or add it here, with its source, once published.
 */

/** Consecutive dates from `from` to `to` (inclusive), YYYY-MM-DD. */
function span(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export interface HolidayList {
  /** Stable id used by the API and the console (`cn-2026`). */
  id: string;
  year: number;
  holidays: string[];
  workdays: string[];
  source: string;
}

export const CHINA_MAINLAND_2026: HolidayList = Object.freeze({
  id: 'cn-2026',
  year: 2026,
  holidays: [
    ...span('2026-01-01', '2026-01-03'), // 元旦
    ...span('2026-02-15', '2026-02-23'), // 春节
    ...span('2026-04-04', '2026-04-06'), // 清明节
    ...span('2026-05-01', '2026-05-05'), // 劳动节
    ...span('2026-06-19', '2026-06-21'), // 端午节
    ...span('2026-09-25', '2026-09-27'), // 中秋节
    ...span('2026-10-01', '2026-10-07'), // 国庆节
  ],
  // 上班: 1月4日(周日), 2月14日(周六), 2月28日(周六), 5月9日(周六), 9月20日(周日), 10月10日(周六).
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  source: '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)',
}) as HolidayList;

/** The ready lists an admin can add to a calendar. */
export const HOLIDAY_LISTS: readonly HolidayList[] = [CHINA_MAINLAND_2026];
