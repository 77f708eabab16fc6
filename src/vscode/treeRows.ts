// How the Roadmap tree's rows look: a status's icon, and a feature row's hover (built when the row is hovered,
// see RoadmapTree.resolveTreeItem).
import * as vscode from 'vscode';
import type { RoadmapConfig, StatusDefinition } from '../core/config';
import { moscowLabels } from '../core/roadmapModel';
import { explainScore, formatScore } from '../core/scoring';
import type { Feature, Issue } from '../core/types';
import { plural } from '../core/plural';

/** The config has no "dropped" category (dropped work is done), so the conventional ids get their own icon. */
const droppedStatusIds = new Set(['dropped', 'cancelled', 'canceled', 'rejected', 'abandoned', 'wont-do']);

export function statusIcon(status: StatusDefinition | undefined): vscode.ThemeIcon {
  if (!status) return new vscode.ThemeIcon('circle-outline');
  if (droppedStatusIds.has(status.id))
    return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
  switch (status.category) {
    case 'todo':
      return new vscode.ThemeIcon('circle-outline', new vscode.ThemeColor('charts.blue'));
    case 'doing':
      return new vscode.ThemeIcon('play-circle', new vscode.ThemeColor('charts.yellow'));
    case 'done':
      return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('charts.green'));
  }
}

/** The key fields of a feature as an untrusted Markdown hover: every value from the file goes in as text. */
export function featureTooltip(
  feature: Feature,
  config: RoadmapConfig,
  issues: readonly Issue[],
): vscode.MarkdownString {
  // Theme icons on: appendText then escapes `$(...)` in file text too.
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  const line = (label: string, value: string | undefined) => {
    if (value === undefined || value === '') return;
    tooltip.appendMarkdown(`**${label}:** `);
    tooltip.appendText(value);
    tooltip.appendMarkdown('  \n');
  };
  tooltip.appendMarkdown('**');
  tooltip.appendText(feature.title ?? feature.id ?? feature.file);
  tooltip.appendMarkdown('**  \n');
  line('Id', feature.id);
  line(
    'Status',
    feature.status &&
      (config.statuses.find((status) => status.id === feature.status)?.title ?? feature.status),
  );
  line('MoSCoW', feature.moscow && moscowLabels[feature.moscow]);
  line(
    'Score',
    feature.score === undefined
      ? undefined
      : (explainScore(feature, config.scoring.model) ?? formatScore(feature.score)),
  );
  line('Owner', feature.owner);
  line('Team', feature.team);
  line('Milestone', feature.milestone);
  line('Quarter', feature.quarter);
  line('Dates', feature.start || feature.end ? `${feature.start ?? '…'} → ${feature.end ?? '…'}` : undefined);
  line('Depends on', feature.dependsOn.join(', '));
  line('Goal', feature.goal);
  line('Tags', feature.tags.join(', '));
  const errors = issues.filter((issue) => issue.severity === 'error');
  const warnings = issues.filter((issue) => issue.severity === 'warning');
  const problems = [...errors, ...warnings];
  if (problems.length > 0) {
    tooltip.appendMarkdown(
      `\n---\n**${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')}:**  \n`,
    );
    for (const issue of problems.slice(0, 5)) {
      tooltip.appendMarkdown(issue.severity === 'error' ? '$(error) ' : '$(warning) ');
      tooltip.appendText(issue.message);
      tooltip.appendMarkdown('  \n');
    }
    if (problems.length > 5) tooltip.appendText(`…and ${problems.length - 5} more.`);
  }
  return tooltip;
}
