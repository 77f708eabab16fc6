// How days read in the panel and the exports: English month abbreviations, fixed so that a chart drawn on one
// machine matches the page exported on another (no locale-dependent formatting).
import { dayOfMonth, yearMonth, type Day } from './calendar';

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mar`, or `Mar 2025` with the year. */
export function monthLabel(day: Day, withYear = false): string {
  const { year, month } = yearMonth(day);
  return withYear ? `${monthNames[month]} ${year}` : (monthNames[month] ?? '');
}

/** `Q1 2025`. */
export function quarterLabel(day: Day): string {
  const { year, month } = yearMonth(day);
  return `Q${Math.floor(month / 3) + 1} ${year}`;
}

/** A short human date such as `3 Mar 2025`. */
export function humanDate(day: Day): string {
  const { year, month } = yearMonth(day);
  return `${dayOfMonth(day)} ${monthNames[month]} ${year}`;
}
