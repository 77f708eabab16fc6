// Backlog.md (https://github.com/MrLesk/Backlog.md): one Markdown task per file under `backlog/` (tasks,
// drafts, completed, archive), milestones as files in `backlog/milestones/`, and the board's statuses in
// `backlog/config.yml`. Task ids were once `task-N` and are now `BACK-N` (any case): the same task.
import { parse } from 'yaml';
import { statusCategoryOf } from '../init/vocabulary';
import type { Preset } from './preset';

/** Backlog.md's own default columns, used when config.yml is absent or lists none. */
const defaultColumns = ['To Do', 'In Progress', 'Done'];

/** Where the backlog folder is: `backlog/` or the older `.backlog/`, or the root when linting the folder itself. */
function locate(found: readonly string[]): string | undefined {
  for (const folder of ['backlog/', '.backlog/'])
    if (found.includes(`${folder}config.yml`) || found.some((file) => file.startsWith(`${folder}tasks/`)))
      return folder;
  const tasksHere = found.some((file) => /^tasks\/[a-z]+-\d[^/]*\.md$/i.test(file));
  return tasksHere && found.includes('config.yml') ? '' : undefined;
}

/** The board's columns from config.yml (`statuses: [To Do, In Progress, Done]`); the defaults when unreadable. */
function columnsOf(configText: string | undefined): { columns: string[]; milestones: string[] } {
  let raw: unknown;
  try {
    raw = configText === undefined ? undefined : parse(configText, { maxAliasCount: 100 });
  } catch {
    raw = undefined;
  }
  const settings = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const texts = (value: unknown) =>
    Array.isArray(value)
      ? value.filter((item) => typeof item === 'string' || typeof item === 'number').map(String)
      : [];
  const columns = texts(settings.statuses);
  return { columns: columns.length > 0 ? columns : defaultColumns, milestones: texts(settings.milestones) };
}

export const backlogMd: Preset = {
  name: 'backlog-md',
  title: 'Backlog.md',
  signature: [
    'backlog/config.yml',
    'backlog/tasks/*.md',
    '.backlog/config.yml',
    '.backlog/tasks/*.md',
    'config.yml',
    'tasks/*.md',
  ],
  locate,
  reads: (base) => [`${base}config.yml`],
  config(base, read) {
    const { columns, milestones } = columnsOf(read(`${base}config.yml`));
    return {
      include: ['tasks', 'drafts', 'completed', 'archive/tasks', 'archive/drafts'].map(
        (folder) => `${base}${folder}/**/*.md`,
      ),
      // Drafts may carry a `Draft` status that is no board column: known, so a draft is not an error.
      statuses: [...(columns.some((column) => /^draft$/i.test(column)) ? [] : ['Draft']), ...columns].map(
        (column) => ({ id: column, title: column, category: statusCategoryOf(column) }),
      ),
      milestones: milestones.map((milestone) => ({ id: milestone, title: milestone })),
      milestoneFiles: `${base}{milestones,archive/milestones}/*.md`,
      aliases: { assignee: 'owner', labels: 'tags', dependencies: 'depends_on', priority: 'moscow' },
      ids: { caseInsensitive: true, prefixes: { 'task-': 'BACK-' } },
      fields: {
        owner: { empty: ['', '[]'] },
        moscow: { map: { high: 'must', medium: 'should', low: 'could' } },
        reporter: { type: 'string' },
        created_date: { type: 'date', description: 'When the task was created (a date and time).' },
        updated_date: { type: 'date' },
        completed_date: { type: 'date' },
        parent_task_id: { type: 'string' },
        parent: { type: 'string' },
        subtasks: { type: 'list' },
        references: { type: 'list' },
        documentation: { type: 'list' },
        ordinal: { type: 'number' },
        branch: { type: 'string' },
        type: { type: 'string' },
        onStatusChange: { type: 'string' },
      },
      // Backlog.md writes keys that vary between its versions; a key we do not know is not a problem here.
      rules: { 'unknown-field': 'off' },
    };
  },
};
