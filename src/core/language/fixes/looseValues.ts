// Numbers, dates and quarters written loosely (`1,200`, `3 months`, `5 March 2026`, `Q3 '26`): their readings,
// for the quick fixes to offer. A reading that is one of several is marked inexact and never preferred.
import { dayOf, formatDay, isCalendarDate } from '../../plan/calendar';

/**
 * A number written as text: `'3'` and `"1,200"` exactly; `3 months`, `~2` and `1.2k` loosely (a reading, not
 * the only one, so such a fix is never preferred).
 */
export function looseNumber(written: string): { value: number; exact: boolean } | undefined {
  const value = written.trim();
  if (/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/.test(value))
    return { value: Number(value), exact: true };
  // Thousands separators: 1,200 · 1 200 · 1_200 · 1'200 (one separator, groups of three).
  const grouped = /^([-+]?\d{1,3})([,_ '\u00a0\u202f])(\d{3}(?:\2\d{3})*)(\.\d+)?$/.exec(value);
  if (grouped) {
    return {
      value: Number(`${grouped[1]}${grouped[3].split(grouped[2]).join('')}${grouped[4] ?? ''}`),
      exact: true,
    };
  }
  const thousands = /^([-+]?\d+(?:\.\d+)?)\s*[kK]$/.exec(value);
  if (thousands) return { value: Math.round(Number(thousands[1]) * 1000), exact: false };
  const withUnit = /^~?\s*([-+]?\d+(?:\.\d+)?)\s*[A-Za-z%][\w\s.%/-]*$/.exec(value);
  if (withUnit) return { value: Number(withUnit[1]), exact: false };
  return undefined;
}

const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthOf(name: string): number | undefined {
  const lower = name.toLowerCase();
  if (lower.length < 3) return undefined;
  const index = monthNames.findIndex(
    (month) => month.startsWith(lower) || (lower === 'sept' && month === 'september'),
  );
  return index === -1 ? undefined : index + 1;
}

function calendarDate(
  year: string | number,
  month: string | number,
  day: string | number,
): string | undefined {
  const candidate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isCalendarDate(candidate) ? candidate : undefined;
}

interface DateCandidate {
  date: string;
  /** The only reading of what was written. */
  exact: boolean;
  note?: string;
}

/** A time of day after a date (` 21:22`, `T21:22:05Z`, ` 9:30 +02:00`): kept as written by every reading. */
const timeOfDay =
  /(?:[Tt]|[ \t]+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[ \t]*(?:Z|z|[+-]\d{1,2}(?::?\d{2})?))?$/;

/**
 * yyyy-mm-dd readings of a date written another way (beyond what the validator's reformatting covers). A
 * time written after the date stays after each reading: a fix never drops it.
 */
export function dateCandidates(written: string): DateCandidate[] {
  const trimmed = written.trim();
  const time = timeOfDay.exec(trimmed)?.[0] ?? '';
  return dayCandidates(trimmed.slice(0, trimmed.length - time.length)).map((candidate) => ({
    ...candidate,
    date: `${candidate.date}${time}`,
  }));
}

function dayCandidates(value: string): DateCandidate[] {
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (compact) {
    const date = calendarDate(compact[1], compact[2], compact[3]);
    return date ? [{ date, exact: true }] : [];
  }
  const numeric = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(value);
  if (numeric) {
    const dayFirst = calendarDate(numeric[3], numeric[2], numeric[1]);
    const monthFirst = calendarDate(numeric[3], numeric[1], numeric[2]);
    if (dayFirst && monthFirst && dayFirst !== monthFirst)
      return [
        { date: dayFirst, exact: false, note: 'day first' },
        { date: monthFirst, exact: false, note: 'month first' },
      ];
    const date = dayFirst ?? monthFirst;
    return date ? [{ date, exact: true }] : [];
  }
  const dayName = /^(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(value);
  const nameDay = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(value);
  const named = dayName
    ? { day: dayName[1], month: monthOf(dayName[2]), year: dayName[3] }
    : nameDay
      ? { day: nameDay[2], month: monthOf(nameDay[1]), year: nameDay[3] }
      : undefined;
  if (named?.month) {
    const date = calendarDate(named.year, named.month, named.day);
    return date ? [{ date, exact: true }] : [];
  }
  // A day past the end of its month (2026-02-30): the month's last day is a guess, not a reading.
  const overflow = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (overflow) {
    const [year, month, day] = [Number(overflow[1]), Number(overflow[2]), Number(overflow[3])];
    if (month >= 1 && month <= 12 && day > 28 && day <= 31) {
      const last = formatDay(dayOf(year, month) - 1);
      return [{ date: last, exact: false, note: 'the last day of that month' }];
    }
  }
  return [];
}

/** A yyyy-Qn reading of a quarter written another way: a month or date, 3Q2026, Q3 '26. */
export function quarterCandidate(written: string): { quarter: string; exact: boolean } | undefined {
  const value = written.trim();
  const month = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/.exec(value);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12)
    return { quarter: `${month[1]}-Q${Math.ceil(Number(month[2]) / 3)}`, exact: true };
  const numberFirst = /^([1-4])[Qq][-\s/]?(\d{4})$/.exec(value);
  if (numberFirst) return { quarter: `${numberFirst[2]}-Q${numberFirst[1]}`, exact: true };
  // Two-digit years: read as 20xx, which is a guess.
  const shortYear = /^[Qq]([1-4])[-\s/']*(\d{2})$/.exec(value) ?? /^(\d{2})[-\s/]?[Qq]([1-4])$/.exec(value);
  if (shortYear) {
    const [quarter, year] = /^[Qq]/.test(value) ? [shortYear[1], shortYear[2]] : [shortYear[2], shortYear[1]];
    return { quarter: `20${year}-Q${quarter}`, exact: false };
  }
  return undefined;
}
