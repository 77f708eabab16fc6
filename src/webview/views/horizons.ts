// Now / Next / Later: the roadmap as a stakeholder reads it. The split is computed from status categories,
// dates and milestones, so nobody has to maintain a separate "horizon" field.
import {
  horizonContext,
  horizonHints,
  horizonOf,
  horizonTitles,
  type Horizon,
} from '../../core/plan/horizons';
import type { FeatureView } from '../../shared/protocol';
import { h } from '../dom';
import { categoryColour, columnsSvg, themePalette } from '../exportSvg';
import { kanbanSource } from '../mermaidText';
import { featureCard, statusNote } from './cards';
import { cardList, mountCardLists, revealIn, type CardList } from './virtualCards';
import type { RenderedView, ViewContext } from './viewTypes';
import { plural } from '../../core/plural';

/** Done cards built per click of "Show more". */
const donePage = 200;

export function horizonColumns(context: ViewContext): Record<Horizon, FeatureView[]> {
  const horizons = horizonContext(context.model.milestones, context.model.today);
  const groups: Record<Horizon, FeatureView[]> = { now: [], next: [], later: [], done: [] };
  for (const feature of context.features) {
    groups[horizonOf(feature, context.statusCategory(feature), horizons)].push(feature);
  }
  // Highest value first inside each horizon: that is the order a product review walks through.
  for (const list of Object.values(groups))
    list.sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity));
  return groups;
}

export function renderHorizons(context: ViewContext): RenderedView {
  const groups = horizonColumns(context);
  const statusTitles = new Map(context.model.statuses.map((status) => [status.id, status.title]));
  const root = h('div', { class: 'view horizons', 'data-view': 'horizons' });
  const columns = h('div', { class: 'columns' });

  let selected = context.selected;
  const lists: CardList[] = [];
  const column = (horizon: Horizon): HTMLElement => {
    const cards = cardList(
      groups[horizon],
      (feature) => featureCard(feature, statusNote(feature, statusTitles)),
      { class: 'column-body', selected: () => selected },
    );
    lists.push(cards);
    const list = cards.element;
    if (groups[horizon].length === 0) list.append(h('li', { class: 'empty-column' }, 'Nothing here'));
    return h(
      'section',
      {
        class: `column horizon-${horizon}`,
        'data-horizon': horizon,
        'aria-label': `${horizonTitles[horizon]}, ${plural(groups[horizon].length, 'feature')}`,
      },
      h(
        'header',
        { class: 'column-header', title: horizonHints[horizon] },
        h('span', { class: 'column-title' }, horizonTitles[horizon]),
        h('span', { class: 'count', 'data-count': groups[horizon].length }, String(groups[horizon].length)),
        h('span', { class: 'column-hint' }, horizonHints[horizon]),
      ),
      list,
    );
  };

  columns.append(column('now'), column('next'), column('later'));
  const done = h(
    'details',
    { class: 'done-section', 'data-horizon': 'done', open: context.state.showDone },
    h('summary', {}, `Done (${groups.done.length})`),
  );
  const doneList = h('ul', { class: 'done-list', role: 'list' });
  // Done work is folded away by default, and a large roadmap has thousands of it: a page of cards is built,
  // more on request.
  let doneShown = 0;
  const more = h('button', { type: 'button', class: 'link-button', 'data-action': 'show-more-done' });
  const showDone = (upTo: number): void => {
    const fragment = document.createDocumentFragment();
    for (const feature of groups.done.slice(doneShown, upTo)) {
      const card = featureCard(feature);
      if (feature.file === selected) card.classList.add('selected');
      fragment.append(card);
    }
    doneList.append(fragment);
    doneShown = Math.max(doneShown, Math.min(upTo, groups.done.length));
    more.hidden = doneShown >= groups.done.length;
    more.textContent = `Show ${Math.min(donePage, groups.done.length - doneShown)} more of ${groups.done.length - doneShown}`;
  };
  more.addEventListener('click', () => showDone(doneShown + donePage));
  done.append(doneList, more);
  showDone(donePage);
  done.addEventListener('toggle', () => {
    // The <details> element already shows the change; only remember it.
    if (done.open !== context.state.showDone) context.update({ showDone: done.open }, { render: false });
  });
  root.append(columns, done);

  const svgColumns = (['now', 'next', 'later'] as const).map((horizon) => ({
    title: horizonTitles[horizon],
    note: horizonHints[horizon],
    features: groups[horizon],
  }));
  return {
    root,
    mounted: () => mountCardLists(lists),
    select: (file) => {
      selected = file;
    },
    reveal: (file) => {
      const card = revealIn(lists, file);
      if (card) return card;
      const index = groups.done.findIndex((feature) => feature.file === file);
      if (index === -1) return undefined;
      done.open = true;
      showDone(Math.ceil((index + 1) / donePage) * donePage);
      return doneList.querySelector<HTMLElement>(`.card[data-file="${CSS.escape(file)}"]`) ?? undefined;
    },
    toSvg: () => {
      const palette = themePalette();
      return columnsSvg('Now / Next / Later', svgColumns, palette, (feature) =>
        categoryColour(palette, context.statusCategory(feature)),
      );
    },
    toMermaid: () => kanbanSource(svgColumns),
  };
}
