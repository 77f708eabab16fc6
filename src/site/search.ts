// The header's search box on every page: ids, titles and tags of features, milestones and goals, from data.js.
// Results are links; Arrow Down moves into them, Escape closes them.
import type { SearchEntry } from '../core/site/siteData';
import { h } from '../webview/dom';
import { plural } from '../core/plural';

const maxResults = 20;
const kindTitles: Record<SearchEntry['kind'], string> = {
  feature: 'Feature',
  milestone: 'Milestone',
  goal: 'Goal',
};

export function matches(entries: readonly SearchEntry[], query: string): SearchEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const scored: { entry: SearchEntry; score: number }[] = [];
  for (const entry of entries) {
    const id = entry.id.toLowerCase();
    const haystack = `${id} ${entry.title.toLowerCase()} ${entry.tags.join(' ').toLowerCase()}`;
    if (!words.every((word) => haystack.includes(word))) continue;
    // Exact ids first, then id prefixes, then the rest in site order.
    const score = id === words[0] ? 0 : id.startsWith(words[0]) ? 1 : 2;
    scored.push({ entry, score });
  }
  return scored.sort((a, b) => a.score - b.score).map((item) => item.entry);
}

export function wireSearch(entries: readonly SearchEntry[], siteRoot: string): void {
  const input = document.getElementById('site-search-input');
  const list = document.getElementById('site-search-results');
  const status = document.getElementById('site-search-status');
  if (!(input instanceof HTMLInputElement) || !list || !status) return;
  input.disabled = false;
  const close = () => {
    list.hidden = true;
  };
  const show = () => {
    const found = matches(entries, input.value);
    list.replaceChildren(
      ...found
        .slice(0, maxResults)
        .map((entry) =>
          h(
            'li',
            {},
            h(
              'a',
              { href: `${siteRoot}${entry.page}` },
              h('span', { class: 'search-kind' }, kindTitles[entry.kind]),
              ' ',
              h('span', { class: 'feature-id' }, entry.id),
              ' ',
              entry.title,
            ),
          ),
        ),
    );
    const query = input.value.trim();
    status.textContent =
      query === ''
        ? ''
        : `${plural(found.length, 'result')}${found.length > maxResults ? `, first ${maxResults} shown` : ''}`;
    list.hidden = query === '' || found.length === 0;
  };
  input.addEventListener('input', show);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
    if (event.key === 'ArrowDown' && !list.hidden) {
      event.preventDefault();
      list.querySelector('a')?.focus();
    }
    if (event.key === 'Enter') {
      const first = list.querySelector('a');
      if (first && !list.hidden) first.click();
    }
  });
  list.addEventListener('keydown', (event) => {
    const links = [...list.querySelectorAll('a')];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = index + (event.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) input.focus();
      else links[Math.min(next, links.length - 1)]?.focus();
    }
    if (event.key === 'Escape') {
      close();
      input.focus();
    }
  });
  document.addEventListener('click', (event) => {
    if (!(event.target instanceof Node) || !input.parentElement?.contains(event.target)) close();
  });
}
