// `.roadmap/views.yaml`: the team's saved views of the roadmap panel (a view, its filters with any number of
// values each, the search text and the zoom), committed next to the config so that everyone shares them.
// Reading is forgiving (a bad entry is skipped with a problem naming it); writing edits the YAML document,
// so comments and the order of the other views are kept.
import { isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { isSavedView, type SavedView } from '../shared/protocol';

export const savedViewsPath = '.roadmap/views.yaml';

export interface SavedViewsFile {
  views: SavedView[];
  /** One line per entry that was skipped, and why. */
  problems: string[];
}

const zooms = ['month', 'quarter', 'year'];

function normalise(raw: unknown): SavedView | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const entry = raw as Record<string, unknown>;
  const filters: Record<string, string[]> = {};
  if (typeof entry.filters === 'object' && entry.filters !== null && !Array.isArray(entry.filters)) {
    for (const [key, value] of Object.entries(entry.filters as Record<string, unknown>)) {
      // A single value may be written without a list: `team: platform`.
      const values = Array.isArray(value) ? value : [value];
      filters[key] = values.filter((v) => v !== null && v !== undefined).map(String);
    }
  }
  const view: SavedView = {
    name: typeof entry.name === 'string' ? entry.name.trim() : '',
    view: entry.view as SavedView['view'],
    filters,
  };
  if (typeof entry.text === 'string' && entry.text !== '') view.text = entry.text;
  if (typeof entry.zoom === 'string' && zooms.includes(entry.zoom))
    view.zoom = entry.zoom as SavedView['zoom'];
  return isSavedView(view) ? view : undefined;
}

export function parseSavedViews(text: string): SavedViewsFile {
  const result: SavedViewsFile = { views: [], problems: [] };
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0) {
    result.problems.push(`${savedViewsPath} is not valid YAML: ${document.errors[0]!.message}`);
    return result;
  }
  const root: unknown = document.toJS();
  if (root === null || root === undefined) return result;
  const list = (root as { views?: unknown }).views;
  if (!Array.isArray(list)) {
    result.problems.push(`${savedViewsPath} should have a \`views:\` list.`);
    return result;
  }
  const seen = new Set<string>();
  list.forEach((raw, index) => {
    const view = normalise(raw);
    if (!view) {
      result.problems.push(
        `${savedViewsPath}: entry ${index + 1} needs a name and a view (timeline, board, horizons, moscow, priority, dependencies, capacity).`,
      );
      return;
    }
    if (seen.has(view.name)) {
      result.problems.push(`${savedViewsPath}: '${view.name}' is saved twice; the first one is used.`);
      return;
    }
    seen.add(view.name);
    result.views.push(view);
  });
  return result;
}

function plain(view: SavedView): Record<string, unknown> {
  const filters = Object.fromEntries(Object.entries(view.filters).filter(([, values]) => values.length > 0));
  const out: Record<string, unknown> = { name: view.name, view: view.view };
  if (view.zoom) out.zoom = view.zoom;
  if (view.text) out.text = view.text;
  if (Object.keys(filters).length > 0) out.filters = filters;
  return out;
}

/** The file's text with `view` added, or replacing the saved view of the same name. */
export function upsertSavedView(text: string, view: SavedView): string {
  const document = parseDocument(text.trim() === '' ? 'views: []\n' : text);
  if (document.errors.length > 0) throw new Error(`${savedViewsPath} is not valid YAML; fix it first.`);
  if (!isMap(document.contents))
    throw new Error(`${savedViewsPath} should be a mapping with a \`views:\` list.`);
  let views = document.get('views', true);
  if (!isSeq(views)) {
    views = new YAMLSeq();
    document.set('views', views);
  }
  const seq = views as YAMLSeq;
  // Block style: one view per entry reads (and diffs) better than `views: [...]`.
  seq.flow = false;
  const node = document.createNode(plain(view));
  const existing = seq.items.findIndex(
    (item) => isMap(item) && String(item.get('name')).trim() === view.name,
  );
  if (existing >= 0) seq.items[existing] = node;
  else seq.items.push(node);
  return document.toString();
}
