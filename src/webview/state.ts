// The panel's UI state: what VS Code keeps across reloads via getState/setState (the panel serializer
// re-creates the webview, and this is all it gets back). Restored state is untrusted: it may come from an
// older version of the panel, so every field is checked and defaulted on its own.
import type { ViewName } from '../shared/protocol';
import { isViewName } from './hostMessages';

export const filterKeys = ['status', 'moscow', 'team', 'owner', 'tag', 'milestone', 'goal'] as const;
export type FilterKey = (typeof filterKeys)[number];

/** Each filter accepts any of its values (none selected: everything). */
export type Filters = { text: string } & Record<FilterKey, string[]>;

export const zoomLevels = ['month', 'quarter', 'year'] as const;
export type Zoom = (typeof zoomLevels)[number];

export const swimlaneKinds = ['milestone', 'team', 'goal', 'owner'] as const;
export type Swimlane = (typeof swimlaneKinds)[number];

export const sortKeys = [
  'rank',
  'id',
  'title',
  'status',
  'moscow',
  'reach',
  'impact',
  'confidence',
  'effort',
  'score',
] as const;
export type SortKey = (typeof sortKeys)[number];
export type SortDir = 'asc' | 'desc';

export interface UiState {
  view: ViewName;
  filters: Filters;
  zoom: Zoom;
  swimlane: Swimlane;
  sort: { key: SortKey; dir: SortDir };
  /** Whether the collapsed "Done" section of the horizons view is open. */
  showDone: boolean;
  /** The feature shown in the details pane (its file key). */
  selected?: string;
  /** Per view, the scroll position and the layout key it belongs to (restored when the panel reopens). */
  scroll: Partial<Record<ViewName, { key?: string; top: number; left: number }>>;
}

export function emptyFilters(): Filters {
  return { text: '', status: [], moscow: [], team: [], owner: [], tag: [], milestone: [], goal: [] };
}

export function defaultState(): UiState {
  return {
    view: 'timeline',
    filters: emptyFilters(),
    zoom: 'quarter',
    swimlane: 'milestone',
    sort: { key: 'score', dir: 'desc' },
    showDone: false,
    scroll: {},
  };
}

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 200) : '';
}

/** A filter's values; a single string is what earlier versions saved. */
function values(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value.slice(0, 200)];
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is string => typeof item === 'string')
    .slice(0, 100)
    .map((item) => item.slice(0, 200));
}

function finite(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : 0;
}

export function restoreState(raw: unknown): UiState {
  const state = defaultState();
  if (typeof raw !== 'object' || raw === null) return state;
  const saved = raw as Record<string, unknown>;
  if (isViewName(saved.view)) state.view = saved.view;
  state.zoom = pick(saved.zoom, zoomLevels, state.zoom);
  state.swimlane = pick(saved.swimlane, swimlaneKinds, state.swimlane);
  state.showDone = saved.showDone === true;
  if (typeof saved.sort === 'object' && saved.sort !== null) {
    const sort = saved.sort as Record<string, unknown>;
    state.sort = { key: pick(sort.key, sortKeys, 'score'), dir: sort.dir === 'asc' ? 'asc' : 'desc' };
  }
  if (typeof saved.filters === 'object' && saved.filters !== null) {
    const filters = saved.filters as Record<string, unknown>;
    state.filters.text = text(filters.text);
    for (const key of filterKeys) state.filters[key] = values(filters[key]);
  }
  if (typeof saved.selected === 'string') state.selected = saved.selected.slice(0, 1000);
  if (typeof saved.scroll === 'object' && saved.scroll !== null) {
    for (const [view, position] of Object.entries(saved.scroll as Record<string, unknown>)) {
      if (!isViewName(view) || typeof position !== 'object' || position === null) continue;
      const { key, top, left } = position as Record<string, unknown>;
      state.scroll[view] = { top: finite(top), left: finite(left) };
      if (typeof key === 'string') state.scroll[view].key = key.slice(0, 200);
    }
  }
  return state;
}
