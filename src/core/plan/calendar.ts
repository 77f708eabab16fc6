// Calendar days, the one place that decides what a date is. Feature dates are days with no time zone, so
// every computation is plain integer arithmetic on day numbers (days since 1970-01-01): no `Date.UTC` (it
// maps years below 100 to the 1900s and rolls 2026-02-31 over to March), no local-time drift. A date-time
// (`2025-09-06 21:22`, `2025-09-06T21:22:00Z`, YAML's timestamp forms) counts as the day it names, as
// written: its zone is not applied, since a plan is about days.
//
// Used by validation, quick fixes, the schedule, the exports and the panel (which imports the core).

/** Days since 1970-01-01 (negative before). */
export type Day = number;

/**
 * yyyy-mm-dd, optionally followed by a time (`T` or spaces, hh:mm, optional seconds and fraction) and an
 * optional zone (`Z`, `+02`, `+02:00`): the forms YAML 1.1 timestamps and ISO 8601 allow.
 */
const dateOrDateTime =
  /^(\d{4})-(\d{2})-(\d{2})(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[ \t]*(?:Z|z|[+-]\d{1,2}(?::?\d{2})?))?)?$/;

/** The yyyy-mm-dd day a date or date-time names, when it is a real day on the calendar; else undefined. */
export function calendarDayOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  // A plain yyyy-mm-dd (nearly every date) is read without the expression: the cross-file rules read every
  // feature's dates on each pass over the workspace.
  if (text.length === 10 && isPlainDateShape(text))
    return isCalendarDayNumbers(digitsAt(text, 0, 4), digitsAt(text, 5, 2), digitsAt(text, 8, 2))
      ? text
      : undefined;
  const match = dateOrDateTime.exec(text);
  if (!match || !isCalendarDayNumbers(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
  // A date without a time is already the calendar day.
  return match[0].length === 10 ? match[0] : `${match[1]}-${match[2]}-${match[3]}`;
}

/** Whether ten characters are digits with dashes at 4 and 7 (the shape of yyyy-mm-dd). */
function isPlainDateShape(text: string): boolean {
  for (let index = 0; index < 10; index++) {
    const code = text.charCodeAt(index);
    if (index === 4 || index === 7 ? code !== 45 /* - */ : code < 48 || code > 57) return false;
  }
  return true;
}

/** The number written by `length` ASCII digits from `start`. */
function digitsAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let index = start; index < start + length; index++) value = value * 10 + text.charCodeAt(index) - 48;
  return value;
}

function isCalendarDayNumbers(year: number, month: number, day: number): boolean {
  // Years below 100 are typos (0026-01-05), not plans for antiquity.
  return year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A date or date-time moved to another yyyy-mm-dd day, its time (if any) kept as written. */
export function withDay(value: string, day: string): string {
  return calendarDayOf(value) === undefined ? day : `${day}${value.slice(10)}`;
}

/** Whether text is exactly a yyyy-mm-dd day on the calendar (2026-02-31 is not, nor a date-time). */
export function isCalendarDate(text: string | undefined): text is string {
  return text !== undefined && calendarDayOf(text) === text;
}

/** The day number of a date or date-time, or undefined when the text is not a real calendar day. */
export function parseDay(text: string | undefined): Day | undefined {
  const day = calendarDayOf(text);
  return day === undefined
    ? undefined
    : dayOf(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8)));
}

export function formatDay(day: Day): string {
  const { year, month, date } = civilOf(day);
  return `${String(year).padStart(4, '0')}-${pad(month + 1)}-${pad(date)}`;
}

/** Whole days from one calendar date (or date-time, counted as its day) to another; undefined if either is no date. */
export function daysBetween(from: string, to: string): number | undefined {
  const start = parseDay(from);
  const end = parseDay(to);
  return start === undefined || end === undefined ? undefined : end - start;
}

/** A yyyy-mm-dd day moved by a number of days; the text must be a calendar date (see isCalendarDate). */
export function addDays(date: string, days: number): string {
  const day = parseDay(date);
  if (day === undefined) throw new RangeError(`'${date}' is not a calendar date`);
  return formatDay(day + days);
}

/** The day of a year, a 0-based month (which may run past December or before January) and a day of the month. */
export function dayOf(year: number, monthIndex: number, date = 1): Day {
  const y = year + Math.floor(monthIndex / 12);
  const m = ((monthIndex % 12) + 12) % 12;
  return daysFromCivil(y, m + 1, 1) + date - 1;
}

export function yearMonth(day: Day): { year: number; month: number } {
  const { year, month } = civilOf(day);
  return { year, month };
}

/** The day of the month, 1-based. */
export function dayOfMonth(day: Day): number {
  return civilOf(day).date;
}

/** First day of the month that contains `day`. */
export function startOfMonth(day: Day): Day {
  const { year, month } = yearMonth(day);
  return dayOf(year, month);
}

/** The first day of the month `months` after the one containing `day`. */
export function addMonths(day: Day, months: number): Day {
  const { year, month } = yearMonth(day);
  return dayOf(year, month + months);
}

/** The quarter a yyyy-mm-dd day falls in, written yyyy-Qn. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The days of a quarter written `2025-Q3` (also `2025 Q3`, `Q3 2025`, any case); inclusive last day. */
export function quarterRange(text: string | undefined): { start: Day; end: Day } | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  const yearFirst = /^(\d{4})[- ]?Q([1-4])$/i.exec(trimmed);
  const quarterFirst = yearFirst ? null : /^Q([1-4])[- ]?(\d{4})$/i.exec(trimmed);
  if (!yearFirst && !quarterFirst) return undefined;
  const year = Number(yearFirst ? yearFirst[1] : quarterFirst![2]);
  const quarter = Number(yearFirst ? yearFirst[2] : quarterFirst![1]);
  return { start: dayOf(year, (quarter - 1) * 3), end: dayOf(year, quarter * 3) - 1 };
}

/** The local calendar date as yyyy-mm-dd: "today" is the user's day, not UTC's. */
export function localToday(now: Date = new Date()): string {
  return `${String(now.getFullYear()).padStart(4, '0')}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * A date written another unambiguous way (2026/1/5, 2026.01.05, 2025-9-6 21:22) rewritten with a yyyy-mm-dd
 * day; a time after it is kept as written. Undefined when there is no such rewrite or it changes nothing.
 */
export function reformatDate(value: string): string | undefined {
  const trimmed = value.trim();
  const loose = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})((?:[Tt]|[ \t]+)\S.*)?$/.exec(trimmed);
  if (!loose) return undefined;
  const repaired = `${loose[1]}-${loose[2]!.padStart(2, '0')}-${loose[3]!.padStart(2, '0')}${loose[4] ?? ''}`;
  return repaired !== trimmed && calendarDayOf(repaired) !== undefined ? repaired : undefined;
}

const pad = (value: number) => String(value).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for every proleptic Gregorian date.
function daysFromCivil(year: number, month: number, date: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + date - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilOf(day: Day): { year: number; month: number; date: number } {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const date = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month - 1, date };
}
