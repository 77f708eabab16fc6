// Calendar arithmetic on whole UTC days. Feature dates are plain yyyy-mm-dd strings with no time zone, so
// every computation is done on day numbers (days since 1970-01-01, UTC) to avoid daylight-saving drift.

const msPerDay = 86_400_000;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a yyyy-mm-dd date, or undefined when the text is not a real calendar date. */
export function parseDay(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = isoDate.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  // Date.UTC rolls 2025-02-31 over to March; a date that does not round-trip is not a real date.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return Math.round(time / msPerDay);
}

export function formatDay(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

export function dayOf(year: number, monthIndex: number, date = 1): number {
  return Math.round(Date.UTC(year, monthIndex, date) / msPerDay);
}

export function yearMonth(day: number): { year: number; month: number } {
  const date = new Date(day * msPerDay);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() };
}

/** First day of the month that contains `day`. */
export function startOfMonth(day: number): number {
  const { year, month } = yearMonth(day);
  return dayOf(year, month);
}

export function addMonths(day: number, months: number): number {
  const { year, month } = yearMonth(day);
  return dayOf(year, month + months);
}

/** The days of a quarter written as `2025-Q3` (also `2025 Q3`, `Q3 2025`, case-insensitive). */
export function quarterRange(text: string | undefined): { start: number; end: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d{4})[- ]?Q([1-4])$/i.exec(text.trim()) ?? /^Q([1-4])[- ]?(\d{4})$/i.exec(text.trim());
  if (!match) return undefined;
  const yearFirst = /^\d{4}/.test(text.trim());
  const year = Number(yearFirst ? match[1] : match[2]);
  const quarter = Number(yearFirst ? match[2] : match[1]);
  const start = dayOf(year, (quarter - 1) * 3);
  return { start, end: dayOf(year, quarter * 3) - 1 };
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function monthLabel(day: number, withYear = false): string {
  const { year, month } = yearMonth(day);
  return withYear ? `${monthNames[month]} ${year}` : (monthNames[month] ?? '');
}

export function quarterLabel(day: number): string {
  const { year, month } = yearMonth(day);
  return `Q${Math.floor(month / 3) + 1} ${year}`;
}

/** A short human date such as `3 Mar 2025`. */
export function humanDate(day: number): string {
  const date = new Date(day * msPerDay);
  return `${date.getUTCDate()} ${monthNames[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
