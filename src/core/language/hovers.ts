// Hover content for the front-matter, as Markdown text: what a field means (with its scale), what a value
// means, the score with its formula filled in, and the feature behind an id. Rule problems need nothing here:
// the editor shows a diagnostic's message in the same hover.
import type { RoadmapConfig } from '../config';
import type { FeatureFile } from '../featureFile';
import { parseConfidence } from '../validation/numbers';
import { moscowRubric } from '../schema';
import type { Feature, Span } from '../types';
import { fieldDocumentation, resolveField, type ResolvedField } from './fieldDocs';
import { featureCard, scoreSection, type Ranking } from './featureSummary';
import { escapeMarkdown } from './markdownText';
import { pathAt } from './yamlPath';
import { plural } from '../plural';

export interface HoverInput {
  parsed: FeatureFile;
  offset: number;
  config: RoadmapConfig;
  /** The features of the file's workspace folder. */
  features: readonly Feature[];
  rankingOf: (feature: Feature) => Ranking;
}

export interface HoverContent {
  markdown: string;
  span: Span;
}

const separator = '\n\n---\n\n';

export function hoverAt(input: HoverInput): HoverContent | undefined {
  const hit = pathAt(input.parsed, input.offset);
  if (!hit) return undefined;
  const field = resolveField(hit.path, input.config);
  if (!field) return undefined;
  const feature = input.parsed.feature;
  const scoring =
    feature && field.name === input.config.scoring.model
      ? scoreSection(feature, input.config, input.rankingOf(feature))
      : undefined;
  const sections: string[] = [];
  if (hit.on === 'key') {
    sections.push(fieldDocumentation(field, input.config));
  } else {
    const about = valueHover(field, hit.path, hit.value, input);
    if (about) sections.push(about);
  }
  if (scoring) sections.push(scoring);
  return sections.length > 0 ? { markdown: sections.join(separator), span: hit.span } : undefined;
}

function valueHover(
  field: ResolvedField,
  path: readonly (string | number)[],
  value: unknown,
  input: HoverInput,
): string | undefined {
  const { config } = input;
  const text = value === null || value === undefined ? '' : String(value);
  switch (field.spec?.kind) {
    case 'idList': {
      if (typeof path[1] !== 'number') return undefined;
      const targets = input.features.filter((candidate) => candidate.id === text);
      // An unknown id has its diagnostic; there is nothing more to say about it.
      return targets.length > 0
        ? targets.map((target) => featureCard(target, config, input.rankingOf(target))).join(separator)
        : undefined;
    }
    case 'id': {
      const dependents = input.features.filter((candidate) => candidate.dependsOn.includes(text));
      if (dependents.length === 0) return `No feature depends on **${escapeMarkdown(text)}** yet.`;
      const list = dependents.map(
        (dependent) =>
          `- **${escapeMarkdown(dependent.id ?? dependent.file)}** · ${escapeMarkdown(dependent.title ?? '')}`,
      );
      return [`Depended on by ${plural(dependents.length, 'feature')}:`, ...list].join('\n');
    }
    case 'status': {
      const status = config.statuses.find((candidate) => candidate.id.toLowerCase() === text.toLowerCase());
      return status
        ? `**${escapeMarkdown(status.title)}** — status category: ${status.category}.`
        : undefined;
    }
    case 'enum': {
      const entry = moscowRubric.find((candidate) => candidate.value === text.toLowerCase());
      return entry ? `**${entry.label}** — ${entry.meaning}` : undefined;
    }
    case 'impactTier': {
      const tier = field.spec.rubric?.find((candidate) => candidate.value === Number(value));
      return tier ? `**Impact ${tier.value} · ${tier.label}** — ${tier.meaning}` : undefined;
    }
    case 'confidence': {
      const percent = parseConfidence(value);
      const tier = field.spec.rubric?.find((candidate) => candidate.value === percent);
      return tier ? `**Confidence ${tier.value}% · ${tier.label}** — ${tier.meaning}` : undefined;
    }
    case 'milestone': {
      const milestone = config.milestones.find((candidate) => candidate.id === text);
      return milestone
        ? `**${escapeMarkdown(milestone.title)}**${milestone.date ? ` — due ${milestone.date}` : ''}`
        : undefined;
    }
    case 'goal': {
      const goal = config.goals.find((candidate) => candidate.id === text);
      return goal ? `**Goal:** ${escapeMarkdown(goal.title)}` : undefined;
    }
    default:
      return undefined;
  }
}
