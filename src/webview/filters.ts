// The filter bar shared by every view, and the predicate it stands for. The bar is built once and only its
// options are refreshed when a new model arrives, so typing in the search box never loses focus or caret.
import type { FeatureView, RoadmapModel } from '../shared/protocol';
import { h } from './dom';
import { emptyFilters, filterKeys, type FilterKey, type Filters } from './state';
import { plural } from '../core/plural';

/** The option value for "features that have no value here" (no owner, no milestone...). */
export const noneValue = '__none__';

const labels: Record<FilterKey, string> = {
  status: 'Status',
  moscow: 'MoSCoW',
  team: 'Team',
  owner: 'Owner',
  tag: 'Tag',
  milestone: 'Milestone',
  goal: 'Goal',
};

const moscowTitles: Record<string, string> = {
  must: 'Must',
  should: 'Should',
  could: 'Could',
  wont: "Won't",
};

function fieldValues(feature: FeatureView, key: FilterKey): string[] {
  switch (key) {
    case 'tag':
      return feature.tags;
    case 'status':
      return [feature.status];
    default: {
      const value = feature[key];
      return value === undefined || value === '' ? [] : [value];
    }
  }
}

export function matchesFilters(feature: FeatureView, filters: Filters): boolean {
  for (const key of filterKeys) {
    const wanted = filters[key];
    if (wanted.length === 0) continue;
    const values = fieldValues(feature, key);
    const accepted = wanted.some((value) =>
      value === noneValue ? values.length === 0 : values.includes(value),
    );
    if (!accepted) return false;
  }
  const query = filters.text.trim().toLowerCase();
  if (query === '') return true;
  const haystack = [
    feature.id,
    feature.title,
    feature.owner,
    feature.team,
    feature.milestone,
    feature.goal,
    feature.status,
    ...feature.tags,
  ]
    .filter((part) => part !== undefined)
    .join(' ')
    .toLowerCase();
  return query.split(/\s+/).every((term) => haystack.includes(term));
}

export function isFiltering(filters: Filters): boolean {
  return filters.text.trim() !== '' || filterKeys.some((key) => filters[key].length > 0);
}

/** [value, label] pairs for one select, in a stable, readable order. */
function optionsFor(model: RoadmapModel, key: FilterKey): [string, string][] {
  const seen = new Map<string, string>();
  if (key === 'status') for (const status of model.statuses) seen.set(status.id, status.title);
  if (key === 'milestone') for (const milestone of model.milestones) seen.set(milestone.id, milestone.title);
  if (key === 'goal') for (const goal of model.goals) seen.set(goal.id, goal.title);
  if (key === 'moscow') for (const [value, title] of Object.entries(moscowTitles)) seen.set(value, title);
  const extra = new Set<string>();
  let hasNone = false;
  for (const feature of model.features) {
    const values = fieldValues(feature, key);
    if (values.length === 0) hasNone = true;
    for (const value of values) if (!seen.has(value)) extra.add(value);
  }
  const options: [string, string][] = [...seen.entries()];
  for (const value of [...extra].sort((a, b) => a.localeCompare(b))) options.push([value, value]);
  if (hasNone && key !== 'status') options.push([noneValue, '(none)']);
  return options;
}

export class FilterBar {
  readonly element: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly selects = new Map<FilterKey, HTMLSelectElement>();
  private readonly count: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private readonly repair: HTMLDetailsElement;
  private readonly clearButton: HTMLButtonElement;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private model: RoadmapModel | undefined;

  constructor(
    private filters: Filters,
    private readonly onChange: (filters: Filters) => void,
  ) {
    this.search = h('input', {
      type: 'search',
      class: 'filter-search',
      placeholder: 'Search id, title, owner, tag…',
      'aria-label': 'Search features',
      'data-filter': 'text',
      spellcheck: 'false',
    });
    this.search.value = filters.text;
    // Debounced: with thousands of features a re-render per keystroke would make typing lag.
    this.search.addEventListener('input', () => {
      if (this.searchTimer !== undefined) clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.set({ text: this.search.value }), 120);
    });
    this.search.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.search.value !== '') {
        this.search.value = '';
        this.set({ text: '' });
      }
    });
    // On a narrow panel the selects fold away behind this button (CSS shows it only there).
    this.toggle = h(
      'button',
      {
        type: 'button',
        class: 'secondary filter-toggle',
        'aria-expanded': 'false',
        'data-action': 'toggle-filters',
      },
      'Filters',
    );
    this.toggle.addEventListener('click', () => {
      const expanded = !this.element.classList.contains('expanded');
      this.element.classList.toggle('expanded', expanded);
      this.toggle.setAttribute('aria-expanded', String(expanded));
    });
    this.element = h(
      'div',
      { class: 'filter-bar', role: 'search', 'aria-label': 'Filters' },
      this.search,
      this.toggle,
    );
    for (const key of filterKeys) {
      const select = h('select', { 'data-filter': key, 'aria-label': labels[key] });
      // One select per filter, several values: picking a value adds it (or takes it out again), "All" clears.
      select.addEventListener('change', () => {
        const picked = select.value;
        const current = this.filters[key];
        const next =
          picked === ''
            ? []
            : current.includes(picked)
              ? current.filter((value) => value !== picked)
              : [...current, picked];
        this.set({ [key]: next });
        this.fillSelect(key);
      });
      this.selects.set(key, select);
      this.element.append(
        h('label', { class: 'filter' }, h('span', { class: 'filter-label' }, labels[key]), select),
      );
    }
    this.clearButton = h(
      'button',
      { type: 'button', class: 'link-button', 'data-action': 'clear-filters' },
      'Clear',
    );
    this.clearButton.addEventListener('click', () => this.reset());
    this.count = h('span', { class: 'filter-count', role: 'status', 'aria-live': 'polite' });
    this.repair = h('details', { class: 'needs-repair', hidden: true });
    this.element.append(this.clearButton, this.count, this.repair);
  }

  reset(): void {
    this.replace(emptyFilters());
  }

  /** Shows other filters (a saved view, a restored state) and reports them. */
  replace(filters: Filters): void {
    this.filters = filters;
    this.search.value = filters.text;
    for (const key of this.selects.keys()) this.fillSelect(key);
    this.onChange(this.filters);
  }

  private set(change: Partial<Filters>): void {
    this.filters = { ...this.filters, ...change };
    this.onChange(this.filters);
  }

  update(model: RoadmapModel): void {
    this.model = model;
    for (const key of this.selects.keys()) this.fillSelect(key);
  }

  private fillSelect(key: FilterKey): void {
    const select = this.selects.get(key);
    if (!select || !this.model) return;
    const current = this.filters[key];
    const options = optionsFor(this.model, key);
    // A saved filter whose value vanished stays visible, so the user can see why the view is empty.
    for (const value of current)
      if (!options.some(([known]) => known === value)) options.push([value, value]);
    const fragment = document.createDocumentFragment();
    fragment.append(h('option', { value: '' }, 'All'));
    if (current.length > 1)
      fragment.append(h('option', { value: '__several__', disabled: true }, `${current.length} selected`));
    for (const [value, label] of options)
      fragment.append(h('option', { value }, current.includes(value) ? `✓ ${label}` : label));
    select.replaceChildren(fragment);
    select.value = current.length === 0 ? '' : current.length === 1 ? current[0]! : '__several__';
    select.classList.toggle('active', current.length > 0);
    select.title = current.length > 0 ? `${labels[key]}: ${current.join(', ')}` : `${labels[key]}: all`;
  }

  /** Files whose front-matter does not parse: counted, listed, each one click from its error. */
  setNeedsRepair(entries: readonly { file: string; message: string }[], open: (file: string) => void): void {
    this.repair.hidden = entries.length === 0;
    if (entries.length === 0) return;
    const summary = h(
      'summary',
      { title: 'Feature files whose front-matter does not parse' },
      `⚠ ${entries.length} need${entries.length === 1 ? 's' : ''} repair`,
    );
    const list = h('ul', { class: 'repair-list' });
    for (const entry of entries) {
      const button = h(
        'button',
        {
          type: 'button',
          class: 'link-button',
          'data-repair': entry.file,
          title: 'Open the file at its error',
        },
        entry.file,
      );
      button.addEventListener('click', () => open(entry.file));
      list.append(h('li', {}, button, h('span', { class: 'muted' }, ` ${entry.message}`)));
    }
    this.repair.replaceChildren(summary, list);
  }

  /** `loading`: the model is still arriving in parts, and will have this many features. */
  setCount(shown: number, total: number, loading?: number): void {
    this.count.textContent =
      loading !== undefined
        ? `Loading ${plural(loading, 'feature')}…`
        : shown === total
          ? plural(total, 'feature')
          : `${shown} of ${plural(total, 'feature')}`;
    this.clearButton.hidden = !isFiltering(this.filters);
    const active = filterKeys.filter((key) => this.filters[key].length > 0).length;
    this.toggle.textContent = active > 0 ? `Filters (${active})` : 'Filters';
  }
}
