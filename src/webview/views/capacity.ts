// Load against capacity, per team and period (a quarter or a milestone), when the config declares capacity:
// the resource constraint the prioritisation frameworks assume. Shown above the MoSCoW columns, where the
// decision to cut or move work is made. The same sums as the `capacity` rule (src/core/planRules.ts).
import { capacityPeriods } from '../../core/planRules';
import { h } from '../dom';
import type { ViewContext } from './viewTypes';
import { plural } from '../../core/plural';

export interface CapacityCell {
  team: string;
  period: string;
  capacity: number;
  load: number;
  features: number;
}

/** Every declared team and period with its planned load (the whole plan, not only the filtered features). */
export function capacityCells(context: ViewContext): CapacityCell[] {
  const capacity = context.model.capacity ?? {};
  const cells = new Map<string, CapacityCell>();
  for (const [team, periods] of Object.entries(capacity))
    for (const [period, value] of Object.entries(periods))
      cells.set(`${team}\u0000${period}`, { team, period, capacity: value, load: 0, features: 0 });
  for (const feature of context.model.features) {
    if (!feature.team || !feature.effort || feature.moscow === 'wont' || context.isCancelled(feature))
      continue;
    for (const period of capacityPeriods(feature)) {
      const cell = cells.get(`${feature.team}\u0000${period}`);
      if (!cell) continue;
      cell.load += feature.effort;
      cell.features++;
    }
  }
  return [...cells.values()];
}

export function capacitySection(context: ViewContext): HTMLElement | undefined {
  const cells = capacityCells(context);
  if (cells.length === 0) return undefined;
  const rows = cells.map((cell) => {
    const share = cell.capacity > 0 ? cell.load / cell.capacity : cell.load > 0 ? Infinity : 0;
    const over = cell.load > cell.capacity;
    const fill = h('div', { class: `capacity-fill${over ? ' over' : ''}` });
    fill.style.width = `${Math.min(100, Math.round(share * 100))}%`;
    const load = Math.round(cell.load * 100) / 100;
    return h(
      'tr',
      { class: over ? 'over' : '', 'data-team': cell.team, 'data-period': cell.period, 'data-load': load },
      h('th', { scope: 'row' }, cell.team),
      h('td', {}, cell.period),
      h('td', { class: 'numeric' }, `${load} / ${cell.capacity}`),
      h(
        'td',
        { class: 'capacity-bar-cell' },
        h(
          'div',
          {
            class: 'capacity-track',
            role: 'meter',
            'aria-valuenow': load,
            'aria-valuemax': cell.capacity,
            'aria-label': `${cell.team} in ${cell.period}`,
          },
          fill,
        ),
      ),
      h(
        'td',
        { class: 'muted' },
        over
          ? `over by ${Math.round((cell.load - cell.capacity) * 100) / 100}`
          : plural(cell.features, 'feature'),
      ),
    );
  });
  return h(
    'details',
    { class: 'capacity', open: cells.some((cell) => cell.load > cell.capacity) },
    h(
      'summary',
      {},
      'Capacity ',
      h(
        'span',
        { class: 'hint' },
        'planned effort (person-months) against each team’s capacity in the config',
      ),
    ),
    h(
      'table',
      { class: 'capacity-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Team'),
          h('th', {}, 'Period'),
          h('th', { class: 'numeric' }, 'Load / capacity'),
          h('th', {}, ''),
          h('th', {}, ''),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
  );
}
