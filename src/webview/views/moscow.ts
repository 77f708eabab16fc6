// MoSCoW per milestone. Each milestone shows how much of its effort is Must: DSDM's rule of thumb is that
// Musts should stay under ~60% of a timebox, so the contingency (Should/Could) can absorb surprises.
import type { FeatureView, FieldEdit, Moscow, RoadmapModel } from '../../shared/protocol';
import { parseDay } from '../../core/plan/calendar';
import { humanDate } from '../../core/plan/labels';
import { closestWith, h } from '../dom';
import { columnsSvg, themePalette, type Palette } from '../exportSvg';
import { moscowTitles } from '../featureText';
import { kanbanSource } from '../mermaidText';
import { capacitySection } from './capacity';
import { cardDropZone, featureCard, wireCardDrag } from './cards';
import { cardList, mountCardLists, revealIn, virtualiseAbove, type CardList } from './virtualCards';
import type { RenderedView, ViewContext } from './viewTypes';

const noMilestone = '';
const groups: (Moscow | 'none')[] = ['must', 'should', 'could', 'wont', 'none'];

export interface MustShare {
  mustEffort: number;
  totalEffort: number;
  /** 0..1, undefined when nothing in the milestone has an effort estimate. */
  share: number | undefined;
}

/** Must effort over all estimated effort in the milestone (the whole plan, regardless of filters). */
export function mustShare(features: readonly FeatureView[]): MustShare {
  let mustEffort = 0;
  let totalEffort = 0;
  for (const feature of features) {
    if (feature.effort === undefined || feature.effort <= 0) continue;
    totalEffort += feature.effort;
    if (feature.moscow === 'must') mustEffort += feature.effort;
  }
  return { mustEffort, totalEffort, share: totalEffort > 0 ? mustEffort / totalEffort : undefined };
}

interface MilestoneColumn {
  id: string;
  title: string;
  date?: number;
  features: FeatureView[];
  plan: FeatureView[];
}

export function moscowColumns(model: RoadmapModel, shown: readonly FeatureView[]): MilestoneColumn[] {
  const columns = new Map<string, MilestoneColumn>();
  const dated = [...model.milestones].map((milestone, order) => ({
    milestone,
    order,
    day: parseDay(milestone.date),
  }));
  // Dated milestones in date order, then undated ones as configured.
  dated.sort((a, b) => (a.day ?? Infinity) - (b.day ?? Infinity) || a.order - b.order);
  for (const { milestone, day } of dated) {
    columns.set(milestone.id, {
      id: milestone.id,
      title: milestone.title,
      date: day,
      features: [],
      plan: [],
    });
  }
  const columnFor = (feature: FeatureView): MilestoneColumn => {
    const id = feature.milestone ?? noMilestone;
    let column = columns.get(id);
    if (!column) {
      column = { id, title: id === noMilestone ? 'No milestone' : id, features: [], plan: [] };
      columns.set(id, column);
    }
    return column;
  };
  for (const feature of model.features) columnFor(feature).plan.push(feature);
  for (const feature of shown) columnFor(feature).features.push(feature);
  const result = [...columns.values()];
  // "No milestone" always last.
  result.sort((a, b) => Number(a.id === noMilestone) - Number(b.id === noMilestone));
  return result;
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function budgetMeter(share: MustShare, budget: number): HTMLElement {
  if (share.share === undefined) {
    return h(
      'div',
      { class: 'budget budget-none' },
      h('span', { class: 'budget-text' }, 'No effort estimates'),
    );
  }
  const over = share.share > budget;
  const fill = h('div', { class: 'budget-fill' });
  fill.style.width = percent(Math.min(1, share.share));
  const line = h('div', { class: 'budget-line', title: `Budget ${percent(budget)}` });
  line.style.left = percent(budget);
  return h(
    'div',
    {
      class: `budget${over ? ' over' : ''}`,
      'data-must-share': share.share.toFixed(3),
      title: `Must effort ${share.mustEffort} of ${share.totalEffort} (${percent(share.share)}); budget ${percent(budget)}`,
    },
    h(
      'div',
      {
        class: 'budget-track',
        role: 'meter',
        'aria-valuemin': 0,
        'aria-valuemax': 100,
        'aria-valuenow': Math.round(share.share * 100),
        'aria-label': 'Must share of effort',
      },
      fill,
      line,
    ),
    h(
      'span',
      { class: 'budget-text' },
      `Must ${percent(share.share)} of effort`,
      over ? ` · over ${percent(budget)} budget` : '',
    ),
  );
}

export function renderMoscow(context: ViewContext): RenderedView {
  const columns = moscowColumns(context.model, context.features);
  const byFile = new Map(context.features.map((feature) => [feature.file, feature]));
  const milestoneIds = new Set(context.model.milestones.map((milestone) => milestone.id));
  const root = h('div', { class: 'view moscow', 'data-view': 'moscow' });
  const lanes = h('div', { class: 'columns' });

  /** Drops a feature into a MoSCoW group of a milestone: one edit of its priority and, if moved, milestone. */
  const moveTo = (feature: FeatureView, moscow: Moscow | 'none', milestone: string): void => {
    const edits: FieldEdit[] = [];
    if ((feature.moscow ?? 'none') !== moscow)
      edits.push({ field: 'moscow', value: moscow === 'none' ? '' : moscow });
    // The "No milestone" column (and milestones the config does not list) only take a priority.
    if (milestone !== noMilestone && milestoneIds.has(milestone) && feature.milestone !== milestone)
      edits.push({ field: 'milestone', value: milestone });
    if (edits.length === 0) return;
    context.post({ type: 'setFields', file: feature.file, revision: feature.revision, edits, edit: 0 });
    const local: Partial<FeatureView> = {};
    for (const edit of edits)
      (local as Record<string, unknown>)[edit.field] = edit.value === '' ? undefined : edit.value;
    context.applyLocally(feature.file, local);
  };

  let selected = context.selected;
  const lists: CardList[] = [];
  for (const column of columns) {
    const body = h('div', { class: 'column-body' });
    for (const group of groups) {
      const members = column.features
        .filter((feature) => (feature.moscow ?? 'none') === group)
        .sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity));
      // Every priority has a group to drop into; "Unclassified" only when something is.
      if (members.length === 0 && group === 'none') continue;
      const cards = cardList(members, (feature) => featureCard(feature, { draggable: true }), {
        class: 'group-list',
        selected: () => selected,
        scroller: () => body,
        // The groups share their column's scroller: draw what is in view once the column is long.
        virtualise: column.features.length > virtualiseAbove,
      });
      lists.push(cards);
      const list = cards.element;
      if (members.length === 0) list.append(h('li', { class: 'empty-group' }, 'Drop here'));
      const section = h(
        'div',
        { class: `moscow-group group-${group}`, 'data-moscow': group, 'data-milestone': column.id },
        h(
          'h4',
          { class: 'group-title' },
          h(
            'span',
            { class: `chip moscow-${group}` },
            group === 'none' ? 'Unclassified' : moscowTitles[group],
          ),
          h('span', { class: 'count' }, String(members.length)),
          h('span', { class: 'group-order', title: 'Cards are ordered by score, highest first' }, 'by score'),
        ),
        list,
      );
      cardDropZone(section, (file) => {
        const feature = byFile.get(file);
        if (feature) moveTo(feature, group, column.id);
      });
      body.append(section);
    }
    if (column.features.length === 0) body.append(h('p', { class: 'empty-column' }, 'No features'));
    lanes.append(
      h(
        'section',
        { class: 'column', 'data-milestone': column.id, 'aria-label': column.title },
        h(
          'header',
          { class: 'column-header stacked' },
          h(
            'div',
            { class: 'column-title-row' },
            h('span', { class: 'column-title' }, column.title),
            column.date === undefined
              ? undefined
              : h('span', { class: 'column-date' }, humanDate(column.date)),
            h('span', { class: 'count' }, String(column.features.length)),
          ),
          budgetMeter(mustShare(column.plan), context.model.mustBudget),
        ),
        body,
      ),
    );
  }
  const capacity = capacitySection(context);
  if (capacity) root.append(capacity);
  root.append(lanes);
  wireCardDrag(root);
  // Alt+Up/Down moves a card to the next higher or lower priority, as a drag would.
  root.addEventListener('keydown', (event) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    const card = closestWith(event.target, 'data-file');
    const feature = byFile.get(card?.getAttribute('data-file') ?? '');
    if (!feature) return;
    event.preventDefault();
    const order = groups.slice(0, 4);
    const index = order.indexOf(feature.moscow ?? 'wont');
    const next = order[index + (event.key === 'ArrowUp' ? -1 : 1)];
    if (next && next !== feature.moscow) moveTo(feature, next, feature.milestone ?? noMilestone);
  });
  const svgColumns = columns.map((column) => {
    const share = mustShare(column.plan).share;
    return {
      title: column.title,
      note: share === undefined ? 'No effort estimates' : `Must ${percent(share)} of effort`,
      features: [...column.features].sort(
        (a, b) => groups.indexOf(a.moscow ?? 'none') - groups.indexOf(b.moscow ?? 'none'),
      ),
    };
  });
  const moscowColour = (palette: Palette, feature: FeatureView): string =>
    feature.moscow === 'must'
      ? palette.error
      : feature.moscow === 'should'
        ? palette.doing
        : feature.moscow === 'could'
          ? palette.todo
          : palette.muted;
  return {
    root,
    scroller: lanes,
    mounted: () => mountCardLists(lists),
    select: (file) => {
      selected = file;
    },
    reveal: (file) => revealIn(lists, file),
    toSvg: () => {
      const palette = themePalette();
      return columnsSvg('MoSCoW by milestone', svgColumns, palette, (feature) =>
        moscowColour(palette, feature),
      );
    },
    toMermaid: () => kanbanSource(svgColumns),
  };
}
