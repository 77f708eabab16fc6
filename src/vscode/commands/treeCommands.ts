// The Roadmap tree's own view options: group, sort, filter, and the rows a long group shows. They change the
// projection, never a file.
import * as vscode from 'vscode';
import type { GroupBy, SortBy } from '../../core/roadmapModel';
import { commandIds } from '../commandIds';
import { pickValue } from '../pickers';
import { groupByValues, sortByValues, type RoadmapTree } from '../tree';
import type { CommandHandler } from './commandHandlers';

const groupByLabels: Record<GroupBy, string> = {
  status: 'Status',
  moscow: 'MoSCoW priority',
  milestone: 'Milestone',
  quarter: 'Quarter',
  owner: 'Owner',
  goal: 'Goal',
  team: 'Team',
};

const sortByLabels: Record<SortBy, string> = {
  score: 'Score (highest first)',
  title: 'Title (A–Z)',
  date: 'Date (earliest first)',
  id: 'Id',
};

export function treeCommands(tree: RoadmapTree) {
  return {
    [commandIds.treeGroupBy]: (value) => groupBy(tree, value),
    [commandIds.treeSortBy]: (value) => sortBy(tree, value),
    [commandIds.treeFilter]: (text) => filter(tree, text),
    [commandIds.treeClearFilter]: () => tree.setFilter(''),
    [commandIds.treeShowMore]: (node) => tree.showMore(node),
  } satisfies Record<string, CommandHandler>;
}

async function groupBy(tree: RoadmapTree, value: unknown): Promise<GroupBy | undefined> {
  const current = tree.groupBy;
  const chosen =
    groupByValues.find((candidate) => candidate === value) ??
    (await pickValue(
      groupByValues.map((candidate) => ({
        value: candidate,
        label: groupByLabels[candidate],
        description: candidate === current ? 'current' : undefined,
      })),
      { title: 'Group Features By', current },
    ));
  if (chosen) await tree.setGroupBy(chosen);
  return chosen;
}

async function sortBy(tree: RoadmapTree, value: unknown): Promise<SortBy | undefined> {
  const current = tree.sortBy;
  const chosen =
    sortByValues.find((candidate) => candidate === value) ??
    (await pickValue(
      sortByValues.map((candidate) => ({
        value: candidate,
        label: sortByLabels[candidate],
        description: candidate === current ? 'current' : undefined,
      })),
      { title: 'Sort Features By', current },
    ));
  if (chosen) await tree.setSortBy(chosen);
  return chosen;
}

async function filter(tree: RoadmapTree, text: unknown): Promise<string | undefined> {
  const chosen =
    typeof text === 'string'
      ? text
      : await vscode.window.showInputBox({
          title: 'Filter Features',
          prompt:
            'Words match id, title, owner, team and tags; narrow with tag:x, owner:x, team:x, status:x, moscow:x, milestone:x, goal:x, quarter:x',
          placeHolder: 'sso owner:ana tag:enterprise',
          value: tree.filter,
        });
  if (chosen === undefined) return undefined;
  tree.setFilter(chosen);
  return tree.filter;
}
