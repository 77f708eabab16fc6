// The Roadmap tree: a projection of the index (grouped, sorted, filtered; its rows are built in treeNodes.ts) that
// is rebuilt in memory when the index or the view options change; getChildren never reads a file. Dropping
// features on a group writes that group's field through the FeatureWriter, like every other edit.
import * as vscode from 'vscode';
import { plural } from '../core/plural';
import type { GroupBy, SortBy } from '../core/roadmapModel';
import { formatScore } from '../core/scoring';
import { commandIds, contextKeys, featuresViewId } from './commandIds';
import { toRange } from './convert';
import type { RoadmapServices } from './services';
import {
  isFeatureNode,
  isMoreNode,
  projectGroups,
  savedViewsGroup,
  type FeatureNode,
  type GroupNode,
  type MoreNode,
  type RepairGroupNode,
  type RepairNode,
  type SavedViewsNode,
  type TreeNode,
} from './treeNodes';
import { pictureNodes, pictureOf, pictureTreeItem, type PictureNode, type TreePicture } from './treePicture';
import { featureTooltip, statusIcon } from './treeRows';

export const groupByValues: readonly GroupBy[] = [
  'status',
  'moscow',
  'milestone',
  'quarter',
  'owner',
  'goal',
  'team',
];
export const sortByValues: readonly SortBy[] = ['score', 'title', 'date', 'id'];

/** The tree's own drag-and-drop mime type: `application/vnd.code.tree.<view id in lower case>`. */
export const featureDragMime = `application/vnd.code.tree.${featuresViewId.toLowerCase()}`;

/** Chosen by the Group By / Sort By commands for this workspace; the settings are the default. */
const groupByStateKey = 'roadmap.tree.groupBy';
const sortByStateKey = 'roadmap.tree.sortBy';

export interface MoveResult {
  /** Files whose field was written (features already in the group are not counted). */
  changed: vscode.Uri[];
  refused: { uri: vscode.Uri; reason: string }[];
}

/** Rows a "Show N more…" row adds: bounded, so that one activation never costs seconds. */
const moreRows = 1000;
/**
 * VS Code holds a tree's refresh back until 200 ms pass without another change to its rows or its message (the
 * extension host debounces them together): progress that changed the message every batch kept a large folder's
 * tree from filling until the reading ended. So the message changes only when its text does, and progress at
 * most this often.
 */
const progressMessageMs = 500;

/**
 * How long after its creation the tree may wait to hear that its view is shown before it takes the view for
 * hidden. VS Code says so in a message that answers the view's creation, but at a window's start that message
 * waits behind the activation of other extensions (0.3 s was too short under load).
 */
const visibilityWaitMs = 600;

export class RoadmapTree
  implements vscode.TreeDataProvider<TreeNode>, vscode.TreeDragAndDropController<TreeNode>, vscode.Disposable
{
  readonly dragMimeTypes = [featureDragMime, 'text/uri-list'];
  readonly dropMimeTypes = [featureDragMime];

  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  readonly view: vscode.TreeView<TreeNode>;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  /** The groups as last projected, or the last window's first picture; rebuilt by getChildren after a change. */
  private projection: (GroupNode | RepairGroupNode | SavedViewsNode | PictureNode)[] | undefined;
  private filterText = '';
  /** Features in the groups as last projected (with the filter applied). */
  private shown = 0;
  /** Open groups of the current projection whose rows VS Code has not fetched yet (none projected: undefined). */
  private unfetched: Set<TreeNode> | undefined;
  private readonly populatedWaiters: (() => void)[] = [];
  private readonly createdAt = Date.now();
  /** Rows shown in the groups a person asked to see more of, by group id: kept when the tree is projected again. */
  private readonly shownRows = new Map<string, number>();
  /** The message above the tree as last set, and when progress last changed it. */
  private shownMessage: string | undefined;
  private progressShownAt = 0;

  constructor(private readonly services: RoadmapServices) {
    this.view = vscode.window.createTreeView(featuresViewId, {
      treeDataProvider: this,
      dragAndDropController: this,
      canSelectMany: true,
      showCollapseAll: true,
    });
    this.disposables.push(
      this.view,
      // The end of a start that found every file as restored: the rows shown are current.
      services.service.onDidChange((change) => change.sameAsShown || this.invalidate()),
      // Counts of files read while a folder is indexed: the tree says how far it has come as it fills.
      services.service.onDidProgress((progress) => {
        if (progress && Date.now() - this.progressShownAt < progressMessageMs) return;
        this.progressShownAt = progress ? Date.now() : 0;
        this.showMessage();
      }),
      services.panel.savedViews.onDidChange(() => this.invalidate()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        // Editing the setting is a newer choice than the last Group By / Sort By command: follow it.
        if (event.affectsConfiguration('roadmap.tree.groupBy'))
          void this.workspaceState.update(groupByStateKey, undefined);
        if (event.affectsConfiguration('roadmap.tree.sortBy'))
          void this.workspaceState.update(sortByStateKey, undefined);
        if (event.affectsConfiguration('roadmap.tree')) this.invalidate();
      }),
    );
    void vscode.commands.executeCommand('setContext', contextKeys.treeFiltered, false);
  }

  private get workspaceState(): vscode.Memento {
    return this.services.context.workspaceState;
  }

  get groupBy(): GroupBy {
    const chosen =
      this.workspaceState.get<string>(groupByStateKey) ??
      vscode.workspace.getConfiguration('roadmap.tree').get<string>('groupBy');
    return groupByValues.find((value) => value === chosen) ?? 'status';
  }

  get sortBy(): SortBy {
    const chosen =
      this.workspaceState.get<string>(sortByStateKey) ??
      vscode.workspace.getConfiguration('roadmap.tree').get<string>('sortBy');
    return sortByValues.find((value) => value === chosen) ?? 'score';
  }

  get filter(): string {
    return this.filterText;
  }

  async setGroupBy(groupBy: GroupBy): Promise<void> {
    await this.workspaceState.update(groupByStateKey, groupBy);
    this.invalidate();
  }

  async setSortBy(sortBy: SortBy): Promise<void> {
    await this.workspaceState.update(sortByStateKey, sortBy);
    this.invalidate();
  }

  /** Shows only features matching `text` (see parseFilter); '' shows everything. */
  setFilter(text: string): void {
    this.filterText = text.trim();
    const filtered = this.filterText !== '';
    this.view.description = filtered ? `Filter: ${this.filterText}` : undefined;
    void vscode.commands.executeCommand('setContext', contextKeys.treeFiltered, filtered);
    this.invalidate();
  }

  /**
   * Resolves once VS Code has fetched the rows of every open group of the tree as it is now (what a person sees
   * first), with true; soon when the view is hidden, with false. The service waits for it before its heavier
   * work.
   */
  async whenPopulated(): Promise<boolean> {
    if (!this.view.visible && !(await this.becomesVisible())) return false;
    await new Promise<void>((resolve) => {
      this.populatedWaiters.push(resolve);
      this.notePopulated();
    });
    return true;
  }

  private becomesVisible(): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (visible: boolean) => {
        clearTimeout(timer);
        subscription.dispose();
        resolve(visible);
      };
      const timer = setTimeout(() => done(false), this.createdAt + visibilityWaitMs - Date.now());
      const subscription = this.view.onDidChangeVisibility((event) => event.visible && done(true));
    });
  }

  private notePopulated(): void {
    if (this.unfetched?.size !== 0) return;
    for (const resolve of this.populatedWaiters.splice(0)) resolve();
  }

  private invalidate(): void {
    this.projection = undefined;
    this.unfetched = undefined;
    this.changeEmitter.fire(undefined);
  }

  // --- TreeDataProvider ------------------------------------------------------------------------------------

  getChildren(node?: TreeNode): TreeNode[] {
    if (node) {
      if (this.unfetched?.delete(node)) this.notePopulated();
      return this.childrenOf(node);
    }
    if (!this.projection) {
      const picture = this.startingPicture();
      this.projection = picture
        ? pictureNodes(picture.roots)
        : projectGroups(this.services.service, this.groupBy, this.sortBy, this.filterText, this.shownRows);
      const saved = savedViewsGroup(this.services.panel.savedViews.views());
      if (saved) this.projection.unshift(saved);
      this.shown = this.projection.reduce(
        (sum, group) => sum + (group.kind === 'group' ? group.children.length : 0),
        0,
      );
      this.showMessage();
      this.unfetched = new Set(
        this.projection.filter((group) =>
          group.kind === 'group'
            ? group.expanded && group.children.length > 0
            : group.kind === 'repairGroup' || (group.kind === 'picture' && group.children.length > 0),
        ),
      );
      this.notePopulated();
    }
    return this.projection;
  }

  private childrenOf(node: TreeNode): TreeNode[] {
    if (node.kind === 'group')
      return node.shown < node.children.length
        ? [...node.children.slice(0, node.shown), node.more]
        : node.children;
    return node.kind === 'repairGroup' || node.kind === 'savedViews' || node.kind === 'picture'
      ? node.children
      : [];
  }

  private showMessage(): void {
    const message = this.message();
    if (message === this.shownMessage) return;
    this.shownMessage = message;
    this.view.message = message;
  }

  /** Above the tree: how far indexing has come, else what the filter shows, else why the tree is empty. */
  private message(): string | undefined {
    const progress = this.services.service.progress;
    if (progress && progress.total > 0)
      return `Indexing feature files… ${progress.done.toLocaleString('en-US')} / ${progress.total.toLocaleString('en-US')}`;
    // A filtered tree says so where the user looks (the Clear Filter button replaces Filter in the title).
    const shown = this.shown;
    return this.filterText === ''
      ? this.emptyWorkspaceMessage()
      : shown === 0
        ? `No feature matches “${this.filterText}”.`
        : `Filtered by “${this.filterText}”: ${plural(shown, 'feature')} shown.`;
  }

  /** Above the welcome view of an indexed workspace with no feature: how much Markdown was looked at. */
  private emptyWorkspaceMessage(): string | undefined {
    const service = this.services.service;
    if (!service.isIndexed || service.featureCount() > 0) return undefined;
    const scanned = service.folderStates().reduce((total, state) => total + state.scanned, 0);
    return `No feature found among ${plural(scanned, 'Markdown file')} scanned.`;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'feature' ||
      node.kind === 'more' ||
      node.kind === 'repair' ||
      node.kind === 'savedView' ||
      node.kind === 'picture'
      ? node.parent
      : undefined;
  }

  /**
   * The last window's first picture while the service shows it, when it was drawn with this grouping and order
   * (a filter is never persisted: a window starts unfiltered).
   */
  private startingPicture(): TreePicture | undefined {
    const tree = this.services.service.firstPicture?.tree;
    return tree && tree.groupBy === this.groupBy && tree.sortBy === this.sortBy && this.filterText === ''
      ? tree
      : undefined;
  }

  /** The tree's first screen as the next window opens it (unfiltered, long groups cut): persisted with the index. */
  picture(): TreePicture {
    // The rows shown, when they are the next window's first screen: projecting 10,000 features again costs.
    const projected = this.projection?.every((node) => node.kind !== 'picture') && this.projection;
    const current =
      this.filterText === '' &&
      this.shownRows.size === 0 &&
      projected &&
      projected.filter((node) => node.kind === 'group' || node.kind === 'repairGroup');
    return {
      groupBy: this.groupBy,
      sortBy: this.sortBy,
      roots: pictureOf<TreeNode>(
        current || projectGroups(this.services.service, this.groupBy, this.sortBy, '', new Map()),
        (node) => this.childrenOf(node),
        (node) => this.getTreeItem(node),
      ),
    };
  }

  /**
   * A feature's tooltip is built when it is hovered, not for every row: at 10,000 features building them all
   * held the tree back by seconds.
   */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind === 'feature')
      item.tooltip = featureTooltip(node.feature, node.folder.index.config, node.issues);
    return item;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group':
        return this.groupItem(node);
      case 'feature':
        return this.featureItem(node);
      case 'more':
        return moreItem(node);
      case 'repairGroup': {
        const item = new vscode.TreeItem('Needs repair', vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.description = String(node.children.length);
        item.iconPath = new vscode.ThemeIcon(
          'warning',
          new vscode.ThemeColor('problemsWarningIcon.foreground'),
        );
        item.tooltip = `${plural(node.children.length, 'feature file')} whose front-matter does not parse: not on the roadmap until repaired. Click one to go to its error.`;
        item.contextValue = 'repairGroup';
        return item;
      }
      case 'repair':
        return this.repairItem(node);
      case 'savedViews': {
        const item = new vscode.TreeItem('Saved views', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = String(node.children.length);
        item.iconPath = new vscode.ThemeIcon('bookmark');
        item.tooltip = 'Views of the roadmap panel saved in .roadmap/views.yaml';
        item.contextValue = 'savedViews';
        return item;
      }
      case 'picture':
        return pictureTreeItem(node);
      case 'savedView': {
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = node.view;
        item.iconPath = new vscode.ThemeIcon('eye');
        item.contextValue = 'savedView';
        item.command = {
          command: commandIds.openSavedView,
          title: 'Open Saved View',
          arguments: [node.name],
        };
        return item;
      }
    }
  }

  private repairItem(node: RepairNode): vscode.TreeItem {
    const item = new vscode.TreeItem(
      node.file.split('/').pop() ?? node.file,
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.id;
    item.resourceUri = node.uri;
    item.description = node.issue?.message ?? 'front-matter does not parse';
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    const lines = this.services.service.lineIndexOf(node.uri);
    const range = node.issue && lines ? toRange(node.issue.span, lines) : new vscode.Range(0, 0, 0, 0);
    item.tooltip = `${node.file}: ${node.issue?.message ?? 'the front-matter does not parse'} (line ${range.start.line + 1}). Click to go to the error.`;
    item.contextValue = 'repair';
    item.command = {
      command: 'vscode.open',
      title: 'Go to the Error',
      arguments: [node.uri, { selection: range }],
    };
    return item;
  }

  /** The current node of a feature file, for reveal and for tests. */
  nodeOf(uri: vscode.Uri): FeatureNode | undefined {
    const ref = this.services.service.lookup(uri);
    if (!ref) return undefined;
    for (const group of this.getChildren()) {
      if (group.kind !== 'group' || group.folder !== ref.folder) continue;
      const found = group.children.find((child) => child.feature.file === ref.file);
      if (found) return found;
    }
    return undefined;
  }

  /** The "Needs repair" node of a file whose front-matter does not parse, for reveal and for tests. */
  repairNodeOf(uri: vscode.Uri): RepairNode | undefined {
    for (const group of this.getChildren())
      if (group.kind === 'repairGroup')
        return group.children.find((child) => child.uri.toString() === uri.toString());
    return undefined;
  }

  /** Selects a feature in the tree (expanding its group, and showing its row if it was after "Show N more…"). */
  async reveal(uri: vscode.Uri, options: { select?: boolean; focus?: boolean } = {}): Promise<boolean> {
    const node = this.nodeOf(uri);
    if (!node) return false;
    const group = node.parent;
    const position = group.children.indexOf(node);
    if (position >= group.shown) this.showRows(group, position + 1);
    await this.view.reveal(node, {
      select: options.select ?? true,
      focus: options.focus ?? false,
      expand: true,
    });
    return true;
  }

  /**
   * What a "Show N more…" row does: its group shows its next rows, and the first of them takes the selection
   * and focus, so that a keyboard user goes on from where the row was.
   */
  async showMore(node: unknown): Promise<void> {
    if (!isMoreNode(node)) return;
    const group = node.parent;
    const firstHidden = group.children[group.shown];
    this.showRows(group, group.shown + moreRows);
    const next = firstHidden && this.nodeOf(firstHidden.uri);
    if (next && this.view.visible) await this.view.reveal(next, { select: true, focus: true });
  }

  /** Shows at least `count` rows of a group (as far as it has), now and when the tree is projected again. */
  private showRows(group: GroupNode, count: number): void {
    const shown = Math.min(group.children.length, Math.max(group.shown, count));
    this.shownRows.set(group.id, shown);
    if (shown === group.shown) return;
    group.shown = shown;
    // A node of an older projection is unknown to the view: the whole tree is projected again then.
    if (this.projection?.includes(group)) this.changeEmitter.fire(group);
    else this.invalidate();
  }

  private groupItem(node: GroupNode): vscode.TreeItem {
    const item = new vscode.TreeItem(
      node.label,
      node.children.length === 0
        ? vscode.TreeItemCollapsibleState.None
        : node.expanded
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = node.id;
    item.description = String(node.children.length);
    item.tooltip = `${plural(node.children.length, 'feature')}. Drop features here to set ${node.key === '' ? `no ${node.groupBy}` : `${node.groupBy}: ${node.key}`}.`;
    item.contextValue = node.key === '' ? 'group.none' : 'group';
    if (node.groupBy === 'status' && node.key !== '') {
      item.iconPath = statusIcon(node.folder.index.config.statuses.find((status) => status.id === node.key));
    }
    return item;
  }

  private featureItem(node: FeatureNode): vscode.TreeItem {
    const { feature } = node;
    const config = node.folder.index.config;
    const errors = node.issues.filter((issue) => issue.severity === 'error').length;
    const item = new vscode.TreeItem(
      feature.title ?? feature.id ?? feature.file,
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.id;
    item.resourceUri = node.uri;
    item.description = [
      feature.score === undefined ? undefined : formatScore(feature.score),
      feature.id,
      errors > 0 ? plural(errors, 'error') : undefined,
    ]
      .filter((part) => part !== undefined)
      .join(' · ');
    item.iconPath =
      errors > 0
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
        : statusIcon(config.statuses.find((status) => status.id === feature.status));
    item.contextValue = errors > 0 ? 'feature.hasErrors' : 'feature';
    item.command = { command: commandIds.openFeature, title: 'Open Feature File', arguments: [node.uri] };
    return item;
  }

  // --- Drag and drop ---------------------------------------------------------------------------------------

  handleDrag(source: readonly TreeNode[], dataTransfer: vscode.DataTransfer): void {
    const features = source.filter(isFeatureNode);
    if (features.length === 0) return;
    dataTransfer.set(
      featureDragMime,
      new vscode.DataTransferItem(features.map((node) => node.uri.toString())),
    );
    // Dropped on an editor, the files open.
    dataTransfer.set(
      'text/uri-list',
      new vscode.DataTransferItem(features.map((node) => node.uri.toString()).join('\r\n')),
    );
  }

  async handleDrop(target: TreeNode | undefined, dataTransfer: vscode.DataTransfer): Promise<void> {
    const group = target?.kind === 'feature' || target?.kind === 'more' ? target.parent : target;
    const item = dataTransfer.get(featureDragMime);
    if (!group || group.kind !== 'group' || !item) return;
    const uris = (await draggedUris(item))
      .filter((entry): entry is string => typeof entry === 'string')
      .map((entry) => vscode.Uri.parse(entry));
    const result = await this.moveToGroup(uris, group.key, group.groupBy);
    for (const refusal of result.refused) {
      void vscode.window.showWarningMessage(
        `Could not move ${vscode.workspace.asRelativePath(refusal.uri)}: ${refusal.reason}`,
      );
    }
  }

  /**
   * Sets the grouping field of each feature to the group's value ('' removes the field): what a drop on a
   * group does. The writes are minimal front-matter edits, one file at a time.
   */
  async moveToGroup(
    featureUris: readonly vscode.Uri[],
    groupKey: string,
    groupBy: GroupBy = this.groupBy,
  ): Promise<MoveResult> {
    const result: MoveResult = { changed: [], refused: [] };
    for (const uri of featureUris) {
      const write = await this.services.writer.setFields(uri, [
        { path: [groupBy], value: groupKey === '' ? undefined : groupKey },
      ]);
      if (!write.ok) result.refused.push({ uri, reason: write.reason });
      else if (write.changed) result.changed.push(uri);
    }
    return result;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

// ---------------------------------------------------------------------------------------------------------

/** "Show 1,000 more…": a row that acts like a button (a click or Enter runs its command). */
function moreItem(node: MoreNode): vscode.TreeItem {
  const group = node.parent;
  const hidden = group.children.length - group.shown;
  const next = Math.min(hidden, moreRows);
  const count = (value: number) => value.toLocaleString('en-US');
  const item = new vscode.TreeItem(`Show ${count(next)} more…`, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  if (next < hidden) item.description = `${count(hidden)} not shown`;
  item.iconPath = new vscode.ThemeIcon('unfold');
  item.tooltip = `${group.label}: ${count(group.shown)} of ${count(group.children.length)} features shown. Show the next ${count(next)}.`;
  item.accessibilityInformation = {
    label: `Show ${next} more features of ${group.label}, ${hidden} not shown`,
    role: 'button',
  };
  item.contextValue = 'more';
  item.command = { command: commandIds.treeShowMore, title: 'Show More Features', arguments: [node] };
  return item;
}

/** Within this tree VS Code hands back the array set in handleDrag; anything else arrives serialised. */
async function draggedUris(item: vscode.DataTransferItem): Promise<unknown[]> {
  const value: unknown = item.value;
  if (Array.isArray(value)) return value;
  try {
    const parsed: unknown = JSON.parse(await item.asString());
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}
