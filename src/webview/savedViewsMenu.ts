// The toolbar's "Views" menu: the team's saved views from .roadmap/views.yaml, and "Save current view…",
// which hands the current view, filters and zoom to the host (it asks for the name and writes the file).
import type { SavedView } from '../shared/protocol';
import { h } from './dom';
import { emptyFilters, filterKeys, type UiState } from './state';

const saveChoice = '__save__';

/** The part of the UI state a saved view names. */
export function savedViewOf(state: UiState, title: string): SavedView {
  const filters: Record<string, string[]> = {};
  for (const key of filterKeys) if (state.filters[key].length > 0) filters[key] = [...state.filters[key]];
  const parts = Object.entries(filters).map(([key, values]) => `${key}: ${values.join(', ')}`);
  const view: SavedView = {
    name: [title, ...parts].join(' · '),
    view: state.view,
    filters,
    zoom: state.zoom,
  };
  if (state.filters.text.trim() !== '') view.text = state.filters.text.trim();
  return view;
}

export function stateOfSavedView(view: SavedView): Pick<UiState, 'view' | 'filters'> & Partial<UiState> {
  const filters = emptyFilters();
  for (const key of filterKeys) filters[key] = [...(view.filters[key] ?? [])];
  filters.text = view.text ?? '';
  return view.zoom ? { view: view.view, filters, zoom: view.zoom } : { view: view.view, filters };
}

export class SavedViewsMenu {
  readonly element: HTMLSelectElement;
  private views: SavedView[] = [];

  constructor(
    private readonly apply: (view: SavedView) => void,
    private readonly save: () => void,
  ) {
    this.element = h('select', {
      class: 'saved-views',
      'aria-label': 'Saved views',
      'data-action': 'saved-views',
      title: 'Saved views (.roadmap/views.yaml)',
    });
    this.element.addEventListener('change', () => {
      const choice = this.element.value;
      this.element.value = '';
      if (choice === saveChoice) this.save();
      else {
        const view = this.find(choice);
        if (view) this.apply(view);
      }
    });
    this.fill();
  }

  find(name: string): SavedView | undefined {
    return this.views.find((view) => view.name === name);
  }

  setViews(views: SavedView[]): void {
    this.views = views;
    this.fill();
  }

  private fill(): void {
    this.element.replaceChildren(
      h('option', { value: '' }, 'Views'),
      ...this.views.map((view) => h('option', { value: view.name }, view.name)),
      h('option', { value: saveChoice }, 'Save current view…'),
    );
    this.element.value = '';
  }
}
