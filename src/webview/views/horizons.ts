// Now / Next / Later: the roadmap as a stakeholder reads it. The split is computed from status categories,
// dates and milestones, so nobody has to maintain a separate "horizon" field.
import { horizonOf, nextMilestoneId, nextWindowDays, type Horizon } from '../../core/roadmapModel';
import type { FeatureView } from '../../shared/protocol';
import { h } from '../dom';
import { categoryColour, columnsSvg, themePalette } from '../exportSvg';
import { kanbanSource } from '../mermaidText';
import { featureCard, statusNote } from './cards';
import type { RenderedView, ViewContext } from './viewTypes';

const titles: Record<Horizon, { title: string; hint: string }> = {
  now: { title: 'Now', hint: 'In progress, or scheduled over today' },
  next: { title: 'Next', hint: `Starts within ${nextWindowDays} days, or in the next milestone` },
  later: { title: 'Later', hint: 'Everything else still to do' },
  done: { title: 'Done', hint: 'Finished' },
};

export function horizonColumns(context: ViewContext): Record<Horizon, FeatureView[]> {
  const today = context.model.today;
  const next = nextMilestoneId(context.model.milestones, today);
  const groups: Record<Horizon, FeatureView[]> = { now: [], next: [], later: [], done: [] };
  for (const feature of context.features) {
    groups[horizonOf(feature, context.statusCategory(feature), today, next)].push(feature);
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

  const column = (horizon: Horizon): HTMLElement => {
    const list = h('ul', { class: 'column-body', role: 'list' });
    const fragment = document.createDocumentFragment();
    for (const feature of groups[horizon]) {
      fragment.append(featureCard(feature, statusNote(feature, statusTitles)));
    }
    list.append(fragment);
    if (groups[horizon].length === 0) list.append(h('li', { class: 'empty-column' }, 'Nothing here'));
    return h(
      'section',
      {
        class: `column horizon-${horizon}`,
        'data-horizon': horizon,
        'aria-label': `${titles[horizon].title}, ${groups[horizon].length} feature${groups[horizon].length === 1 ? '' : 's'}`,
      },
      h(
        'header',
        { class: 'column-header', title: titles[horizon].hint },
        h('span', { class: 'column-title' }, titles[horizon].title),
        h('span', { class: 'count', 'data-count': groups[horizon].length }, String(groups[horizon].length)),
        h('span', { class: 'column-hint' }, titles[horizon].hint),
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
  for (const feature of groups.done) doneList.append(featureCard(feature));
  done.append(doneList);
  done.addEventListener('toggle', () => {
    // The <details> element already shows the change; only remember it.
    if (done.open !== context.state.showDone) context.update({ showDone: done.open }, { render: false });
  });
  root.append(columns, done);

  const svgColumns = (['now', 'next', 'later'] as const).map((horizon) => ({
    title: titles[horizon].title,
    note: titles[horizon].hint,
    features: groups[horizon],
  }));
  return {
    root,
    reveal: (file) => {
      const card = root.querySelector<HTMLElement>(`.card[data-file="${CSS.escape(file)}"]`);
      if (card && !done.open && done.contains(card)) done.open = true;
      return card ?? undefined;
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
