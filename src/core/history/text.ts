// Writing history values for people: plain text for terminals, Markdown for pull-request comments and chat.
// Text from feature files and commit messages is untrusted: it is made inert for each medium here, once.
import type { FieldValue } from './fields';
import { plural } from '../plural';

/** A value as people read it: lists comma-separated, confidence as a percentage, absent as a dash. */
export function formatValue(value: FieldValue, field = ''): string {
  if (value === null) return '—';
  if (typeof value === 'number' && field.endsWith('.confidence') && field.startsWith('rice'))
    return `${value}%`;
  if (Array.isArray(value)) return value.map((item) => formatValue(item)).join(', ');
  if (typeof value === 'object') {
    if (typeof value.url === 'string')
      return typeof value.note === 'string' ? `${value.url} (${value.note})` : value.url;
    return JSON.stringify(value);
  }
  return String(value);
}

/** Signed days, as a slip reads: "+14 days", "−3 days". */
export function formatDays(days: number): string {
  const size = Math.abs(days);
  return `${days > 0 ? '+' : days < 0 ? '−' : '±'}${plural(size, 'day')}`;
}

/** Control characters (terminal escape sequences included) shown as escapes, never sent to a terminal raw. */
export function plainText(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** What can start markup inside a line (the only place this text goes): emphasis, code, links, HTML, pipes. */
const inlineMarkup = /[\\`*_[\]<>|~]/g;

/**
 * Text for one line or table cell of a GitHub comment or a chat message. Only punctuation that can form markup
 * inside a line is escaped, so ids such as F-001 stay searchable; `&` cannot form an entity, and `@` cannot
 * mention anyone (a zero-width space after it, as bots do). Line breaks become spaces: a table row stays one row.
 */
export function commentText(text: string): string {
  return plainText(text.replace(/\r?\n/g, ' '))
    .replace(inlineMarkup, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/@/g, '@\u200b');
}

/** A commit id as people quote it. */
export function shortCommit(commit: string | null): string {
  return commit ? commit.slice(0, 7) : 'working tree';
}
