// The Roadmap tree's rows as data: the groups, feature rows, "Show N more…" rows, "Needs repair" files and saved
// views that a projection of the index makes (grouped, sorted, filtered), in memory and without reading a file.
// How VS Code is told about them (tree items, messages, reveal, drag and drop) is in tree.ts.
import * as vscode from 'vscode';
import { groupFeatures, type GroupBy, type SortBy } from '../core/roadmapModel';
import type { Feature, Issue } from '../core/types';
import type { SavedView } from '../shared/protocol';
import type { FolderState, RoadmapService } from './roadmapService';
import { matchesFilter, parseFilter } from './treeFilter';
import type { PictureNode } from './treePicture';

export interface GroupNode {
  readonly kind: 'group';
  readonly id: string;
  readonly folder: FolderState;
  readonly groupBy: GroupBy;
  /** The field value its features share; '' for the "No <field>" group. */
  readonly key: string;
  readonly label: string;
  readonly children: FeatureNode[];
  /** Shown open at first: every group of a small roadmap; in a large one, the first groups (see featureGroups). */
  expanded: boolean;
  /** How many of its children it shows (a long group shows its first rows, then a "Show N more…" row). */
  shown: number;
  /** The "Show N more…" row after the rows shown, while some are not. */
  readonly more: MoreNode;
}

/** The last row of a long group: activating it (click, Enter) shows the group's next rows. */
export interface MoreNode {
  readonly kind: 'more';
  readonly id: string;
  readonly parent: GroupNode;
}

export interface FeatureNode {
  readonly kind: 'feature';
  readonly id: string;
  readonly uri: vscode.Uri;
  readonly feature: Feature;
  readonly folder: FolderState;
  readonly parent: GroupNode;
  readonly issues: readonly Issue[];
}

/** A feature file whose front-matter does not parse: still shown, under "Needs repair", with its error. */
export interface RepairNode {
  readonly kind: 'repair';
  readonly id: string;
  readonly uri: vscode.Uri;
  readonly file: string;
  readonly issue: Issue | undefined;
  readonly folder: FolderState;
  readonly parent: RepairGroupNode;
}

export interface RepairGroupNode {
  readonly kind: 'repairGroup';
  readonly id: string;
  readonly children: RepairNode[];
}

/** The team's saved views of the panel (.roadmap/views.yaml): a click opens the panel on one. */
export interface SavedViewsNode {
  readonly kind: 'savedViews';
  readonly id: string;
  readonly children: SavedViewNode[];
}

export interface SavedViewNode {
  readonly kind: 'savedView';
  readonly id: string;
  readonly name: string;
  readonly view: string;
  readonly parent: SavedViewsNode;
}

export type TreeNode =
  | GroupNode
  | FeatureNode
  | MoreNode
  | RepairGroupNode
  | RepairNode
  | SavedViewsNode
  | SavedViewNode
  | PictureNode;

export function isFeatureNode(value: unknown): value is FeatureNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Partial<FeatureNode>).kind === 'feature' &&
    (value as Partial<FeatureNode>).uri instanceof vscode.Uri
  );
}

export function isMoreNode(value: unknown): value is MoreNode {
  return typeof value === 'object' && value !== null && (value as Partial<MoreNode>).kind === 'more';
}

/**
 * VS Code fetches every row of an open group before it draws the tree, and each row costs the workbench about
 * 0.4 ms: at 10,000 features a first group of 1,779 rows held the tree back by 0.7 s. So a group shows its
 * first rows, then a "Show N more…" row that shows the next ones, and groups open at first while their rows
 * fit a budget.
 */
const firstRows = 200;
/** Feature rows shown open when the tree is built (a screen holds far fewer); groups beyond it start collapsed. */
const expandedRowsBudget = 200;

/**
 * The groups of every folder's features, with "Needs repair" first when a file needs it (saved views are added
 * by the tree). `shownRows` keeps the rows a person asked to see in a long group, by group id.
 */
export function projectGroups(
  service: RoadmapService,
  groupBy: GroupBy,
  sortBy: SortBy,
  filterText: string,
  shownRows: ReadonlyMap<string, number>,
): (GroupNode | RepairGroupNode)[] {
  const groups = featureGroups(service, groupBy, sortBy, filterText, shownRows);
  const repair = repairGroup(service);
  return repair ? [repair, ...groups] : groups;
}

function featureGroups(
  service: RoadmapService,
  groupBy: GroupBy,
  sortBy: SortBy,
  filterText: string,
  shownRows: ReadonlyMap<string, number>,
): GroupNode[] {
  const terms = parseFilter(filterText);
  const states = service.folderStates().filter((state) => state.index.size > 0);
  const groups: GroupNode[] = [];
  for (const state of states) {
    const features = state.index.features().filter((feature) => matchesFilter(feature, terms));
    for (const group of groupFeatures(features, groupBy, state.index.config, sortBy)) {
      // While filtering, groups without matches are noise; otherwise configured groups stay as drop targets.
      if (terms.length > 0 && group.features.length === 0) continue;
      const id = `group:${state.folder.uri.toString()}:${groupBy}:${group.key}`;
      const node: GroupNode = {
        kind: 'group',
        id,
        folder: state,
        groupBy,
        key: group.key,
        label: states.length > 1 ? `${group.label} · ${state.folder.name}` : group.label,
        children: [],
        expanded: true,
        shown: Math.min(group.features.length, shownRows.get(id) ?? firstRows),
        more: {
          kind: 'more',
          id: `more:${id}`,
          get parent() {
            return node;
          },
        },
      };
      for (const feature of group.features) node.children.push(new FeatureRow(service, state, feature, node));
      groups.push(node);
    }
  }
  // Groups open in order while the rows they show fit the budget (the first non-empty one always does); the
  // others show their count and open on a click.
  let budget = expandedRowsBudget;
  for (const node of groups) {
    node.expanded = node.shown <= budget;
    if (node.shown > 0) budget = node.expanded ? budget - node.shown : 0;
  }
  const first = groups.find((node) => node.children.length > 0);
  if (first) first.expanded = true;
  return groups;
}

/** Files with front-matter that did not parse (the status bar counts them; so must the tree). */
function repairGroup(service: RoadmapService): RepairGroupNode | undefined {
  const group: RepairGroupNode = { kind: 'repairGroup', id: 'repair', children: [] };
  for (const state of service.folderStates()) {
    for (const file of state.index.files()) {
      const parsed = state.index.get(file);
      if (!parsed || parsed.feature) continue;
      const uri = service.uriOf(state, file);
      const issue = state.index.issues(file).find((candidate) => candidate.severity === 'error');
      group.children.push({
        kind: 'repair',
        id: `repair:${uri.toString()}`,
        uri,
        file,
        issue,
        folder: state,
        parent: group,
      });
    }
  }
  return group.children.length > 0 ? group : undefined;
}

/** The team's saved views, when it has any. */
export function savedViewsGroup(views: readonly SavedView[]): SavedViewsNode | undefined {
  if (views.length === 0) return undefined;
  const group: SavedViewsNode = { kind: 'savedViews', id: 'savedViews', children: [] };
  for (const view of views)
    group.children.push({
      kind: 'savedView',
      id: `savedView:${view.name}`,
      name: view.name,
      view: view.view,
      parent: group,
    });
  return group;
}

/**
 * A feature's row. Its Uri, id and issues are worked out when asked for: a projection makes a row for every
 * feature (10,000 at that size, again after every change), and VS Code asks only for the rows a group shows.
 */
class FeatureRow implements FeatureNode {
  readonly kind = 'feature' as const;
  private knownUri: vscode.Uri | undefined;

  constructor(
    private readonly service: RoadmapService,
    readonly folder: FolderState,
    readonly feature: Feature,
    readonly parent: GroupNode,
  ) {}

  get uri(): vscode.Uri {
    return (this.knownUri ??= this.service.uriOf(this.folder, this.feature.file));
  }

  get id(): string {
    return `feature:${this.uri.toString()}`;
  }

  get issues(): readonly Issue[] {
    return this.folder.index.issues(this.feature.file);
  }
}
