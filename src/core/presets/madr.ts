// MADR architecture decision records (https://adr.github.io/madr/): `NNNN-title.md` files in docs/decisions
// (or the older doc/adr, docs/adr), with optional front-matter: status, date, decision-makers. The id is the
// file's number; the title is the Markdown heading, so it is not required in the front-matter.
import { statusList, type Preset } from './preset';

const folders = [
  'docs/decisions/',
  'docs/adr/',
  'doc/adr/',
  'docs/architecture/decisions/',
  'adr/',
  'decisions/',
];
const record = /^\d{4}-[^/]+\.md$/;

export const madr: Preset = {
  name: 'madr',
  title: 'MADR decision records',
  signature: folders.map((folder) => `${folder}*.md`),
  locate: (found) =>
    folders.find(
      (folder) =>
        found.filter((file) => file.startsWith(folder) && record.test(file.slice(folder.length))).length >= 2,
    ),
  config: (base) => ({
    include: [`${base}[0-9][0-9][0-9][0-9]-*.md`],
    statuses: statusList({
      proposed: 'todo',
      accepted: 'done',
      rejected: 'done',
      deprecated: 'done',
      superseded: 'done',
    }),
    required: ['id'],
    ids: { fromPath: '(?:^|/)(\\d{4})-[^/]+\\.md$' },
    aliases: { 'decision-makers': 'owner', deciders: 'owner' },
    fields: {
      date: { type: 'date' },
      consulted: { type: 'list' },
      informed: { type: 'list' },
    },
  }),
};
