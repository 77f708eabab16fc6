// One line about a feature, shared by the code lens, hovers on ids and completion details, so that every
// surface describes a feature the same way: score, rank, MoSCoW, when.
import type { RoadmapConfig } from '../config';
import { quarterOf } from '../plan/calendar';
import { moscowLabels } from '../roadmapModel';
import { explainScore, formatScore, scoringFormulas } from '../scoring';
import { featureFieldByName } from '../schema';
import type { Feature } from '../types';
import { escapeMarkdown } from './markdownText';

export interface Ranking {
  /** 1-based rank by score; absent for a feature without a score. */
  rank?: number;
  /** How many features of the folder have a score. */
  total: number;
}

/** "RICE 640", or undefined when the inputs are incomplete. */
export function scoreLabel(feature: Feature, config: RoadmapConfig): string | undefined {
  return feature.score === undefined
    ? undefined
    : `${config.scoring.model.toUpperCase()} ${formatScore(feature.score)}`;
}

/** When the feature is planned: its quarter, else its milestone, else the quarter of its start. */
export function whenLabel(feature: Feature): string | undefined {
  return feature.quarter ?? feature.milestone ?? (feature.start ? quarterOf(feature.start) : undefined);
}

/** The code lens text: "RICE 640 · #3 of 42 · Must · 2026-Q1". Plain text, not Markdown. */
export function lensTitle(feature: Feature, config: RoadmapConfig, ranking: Ranking): string {
  const parts = [
    scoreLabel(feature, config) ?? `${config.scoring.model.toUpperCase()} not scored`,
    ranking.rank !== undefined ? `#${ranking.rank} of ${ranking.total}` : undefined,
    feature.moscow ? moscowLabels[feature.moscow] : undefined,
    whenLabel(feature),
  ];
  return parts.filter((part): part is string => part !== undefined).join(' · ');
}

/** A feature described in Markdown: its id and title, then status, MoSCoW, dates and score. */
export function featureCard(feature: Feature, config: RoadmapConfig, ranking?: Ranking): string {
  const heading = `**${escapeMarkdown(feature.id ?? feature.file)}** · ${escapeMarkdown(feature.title ?? '(no title)')}`;
  const status = feature.status
    ? config.statuses.find((candidate) => candidate.id === feature.status)
    : undefined;
  const facts = [
    status ? `${escapeMarkdown(status.title)} (${status.category})` : undefined,
    feature.moscow ? moscowLabels[feature.moscow] : undefined,
    feature.quarter ? escapeMarkdown(feature.quarter) : undefined,
    feature.milestone ? `milestone ${escapeMarkdown(feature.milestone)}` : undefined,
    feature.start || feature.end ? `${feature.start ?? '…'} → ${feature.end ?? '…'}` : undefined,
    scoreLabel(feature, config),
    ranking?.rank !== undefined ? `#${ranking.rank} of ${ranking.total}` : undefined,
  ].filter((fact): fact is string => fact !== undefined);
  const file = `\`${feature.file.replace(/`/g, "'")}\``;
  return [heading, facts.join(' · '), file].filter((part) => part !== '').join('\n\n');
}

/** The score part of a hover: the score with its rank, and the formula with this feature's numbers filled in. */
export function scoreSection(feature: Feature, config: RoadmapConfig, ranking: Ranking): string {
  const model = config.scoring.model;
  const label = model.toUpperCase();
  const formula = `${label}: score = ${scoringFormulas[model]}`;
  const explanation = explainScore(feature, model);
  if (explanation === undefined || feature.score === undefined) {
    const inputs = featureFieldByName.get(model)?.children ?? [];
    const given = (feature[model] ?? {}) as Record<string, number | undefined>;
    const missing = inputs.filter(
      (input) => given[input.name] === undefined && !(model === 'wsjf' && input.name === 'risk_reduction'),
    );
    return [
      `**No ${label} score yet**: ${missing.length ? `add or fix ${missing.map((input) => input.name).join(', ')}` : 'an input is invalid'}.`,
      formula,
    ].join('\n\n');
  }
  const rank = ranking.rank !== undefined ? ` · rank #${ranking.rank} of ${ranking.total}` : '';
  // The explanation holds only numbers and operators computed from parsed values: safe in a code span.
  return [`**${label} score ${formatScore(feature.score)}**${rank}`, `\`${explanation}\``, formula].join(
    '\n\n',
  );
}
