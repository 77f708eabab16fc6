// A roadmap diff as the panel's baseline mode draws it: per feature still in the roadmap, the kinds of change
// (badges), the baseline's dates where they moved (ghost bars) and a one-line summary; and the removed ones.
import type { BaselineFeatureView, BaselineKind, BaselineView } from '../../shared/protocol';
import type { FeatureChange, RoadmapDiff } from './diff';
import { formatValue } from './text';

/** The kinds of a change, most telling first: new; moved in time; re-prioritised (MoSCoW, score, rank); changed. */
export function baselineKinds(change: FeatureChange): BaselineKind[] {
  if (change.change === 'added') return ['new'];
  const kinds: BaselineKind[] = [];
  if (change.slips?.some((slip) => (slip.field === 'start' || slip.field === 'end') && slip.days !== 0))
    kinds.push('moved');
  if (change.fields.some((field) => field.field === 'moscow') || change.rank || change.score)
    kinds.push('reprioritised');
  return kinds.length > 0 ? kinds : ['changed'];
}

function featureView(change: FeatureChange): BaselineFeatureView {
  const view: BaselineFeatureView = {
    file: change.file,
    id: change.id ?? change.file,
    kinds: baselineKinds(change),
    summary:
      change.change === 'added'
        ? 'new since the baseline'
        : change.fields
            .map(
              (field) =>
                `${field.field} ${formatValue(field.before, field.field)} → ${formatValue(field.after, field.field)}`,
            )
            .join('; '),
  };
  for (const slip of change.slips ?? []) {
    if (slip.field === 'start') view.start = slip.before;
    if (slip.field === 'end') view.end = slip.before;
  }
  const slip =
    change.slips?.find((entry) => entry.field === 'end') ??
    change.slips?.find((entry) => entry.field === 'start');
  if (slip) view.slipDays = slip.days;
  return view;
}

export function baselineView(diff: RoadmapDiff, ref: string): BaselineView {
  return {
    ref,
    features: diff.features.filter((change) => change.change !== 'removed').map(featureView),
    removed: diff.features
      .filter((change) => change.change === 'removed')
      .map((change) => ({ id: change.id ?? change.file, title: change.title ?? '' })),
  };
}
