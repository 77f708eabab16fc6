// The site's deep links: the view and its filters live in the address's fragment (#view=board&tag=security),
// so a link can be shared and opens the same view, from disk as from any static host. The fragment is read
// through the panel's own restoreState, which checks every value.
import { defaultState, filterKeys, type UiState } from '../webview/state';

export function stateFromHash(hash: string): unknown {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  // A filter may hold several values: one parameter each (tag=a&tag=b).
  const filters: Record<string, string | string[]> = { text: params.get('q') ?? '' };
  for (const key of filterKeys) filters[key] = params.getAll(key);
  const [sortKey, sortDir] = (params.get('sort') ?? '').split('-');
  return {
    view: params.get('view') ?? undefined,
    zoom: params.get('zoom') ?? undefined,
    swimlane: params.get('lanes') ?? undefined,
    showDone: params.get('done') === '1',
    sort: sortKey ? { key: sortKey, dir: sortDir } : undefined,
    filters,
  };
}

/** Only what differs from the defaults, so that plain links stay short. */
export function hashFromState(state: UiState): string {
  const defaults = defaultState();
  const params = new URLSearchParams();
  params.set('view', state.view);
  if (state.zoom !== defaults.zoom) params.set('zoom', state.zoom);
  if (state.swimlane !== defaults.swimlane) params.set('lanes', state.swimlane);
  if (state.showDone) params.set('done', '1');
  if (state.sort.key !== defaults.sort.key || state.sort.dir !== defaults.sort.dir)
    params.set('sort', `${state.sort.key}-${state.sort.dir}`);
  if (state.filters.text) params.set('q', state.filters.text);
  for (const key of filterKeys) for (const value of state.filters[key]) params.append(key, value);
  return `#${params.toString()}`;
}
