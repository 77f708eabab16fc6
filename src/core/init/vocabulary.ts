// What other formats' words mean in ours: status names → board categories, and field names teams use for our
// fields. Shared by `roadmap init` (which guesses a config) and the presets (which read a format's own list
// of statuses, such as Backlog.md's config.yml).
import type { StatusCategory } from '../types';

const doneWords =
  /\b(done|closed|shipped|merged|final|finished|complete|completed|implemented|released|resolved|delivered|accepted|living|launched|dropped|rejected|withdrawn|cancel+ed|abandoned|replaced|superseded|deprecated|obsolete|archived|won'?t|moved|stagnant|declined|retired)\b/;
const doingWords =
  /\b(doing|in[ -_]?progress|wip|active|started|ongoing|review|reviewing|in[ -_]?review|testing|qa|implementable|implementing|last[ -_]?call|building|blocked|development|in[ -_]?development)\b/;

/** The board category a status name suggests: done/closed/shipped/merged/final… are done, in progress… doing. */
export function statusCategoryOf(name: string): StatusCategory {
  const words = name.toLowerCase().replace(/[_-]+/g, ' ');
  if (doneWords.test(words)) return 'done';
  if (doingWords.test(words.replace(/ /g, '-')) || doingWords.test(words)) return 'doing';
  return 'todo';
}

/**
 * Front-matter keys other tools use for our fields. Keys are compared lowercased, with `-` and spaces read
 * as `_`; only keys a file actually uses become aliases.
 */
export const fieldSynonyms: Readonly<Record<string, string>> = {
  identifier: 'id',
  key: 'id',
  name: 'title',
  summary: 'title',
  state: 'status',
  stage: 'status',
  assignee: 'owner',
  assignees: 'owner',
  owners: 'owner',
  author: 'owner',
  authors: 'owner',
  lead: 'owner',
  responsible: 'owner',
  squad: 'team',
  labels: 'tags',
  label: 'tags',
  keywords: 'tags',
  categories: 'tags',
  topics: 'tags',
  dependencies: 'depends_on',
  depends: 'depends_on',
  depends_on: 'depends_on',
  dependson: 'depends_on',
  requires: 'depends_on',
  blocked_by: 'depends_on',
  after: 'depends_on',
  due: 'end',
  due_date: 'end',
  deadline: 'end',
  target_date: 'end',
  end_date: 'end',
  finish: 'end',
  // `created` is deliberately not `start`: the day a ticket was filed is not when work starts, and reading it
  // so makes dependency-schedule fire on every dependency between old tickets.
  start_date: 'start',
  starts: 'start',
  release: 'milestone',
  version: 'milestone',
  target_version: 'milestone',
  sprint: 'milestone',
  iteration: 'milestone',
  objective: 'goal',
  epic: 'goal',
  priority: 'moscow',
  percent_complete: 'progress',
  completion: 'progress',
};

/** Our field for a key another tool wrote, if it is a known synonym. */
export function canonicalFieldOf(key: string): string | undefined {
  const normalised = key.toLowerCase().replace(/[-\s]+/g, '_');
  return Object.hasOwn(fieldSynonyms, normalised) ? fieldSynonyms[normalised] : undefined;
}
