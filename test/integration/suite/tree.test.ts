// The Roadmap tree in a real VS Code: it mirrors the index (groups, counts, order), follows files changed on
// disk, filters, and turns a drop on a group into an exact front-matter edit.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { groupFeatures, type GroupBy, type SortBy } from '../../../src/core/roadmapModel';
import type { RoadmapApi } from '../../../src/extension';
import type { FeatureNode, GroupNode, TreeNode } from '../../../src/vscode/treeNodes';
import {
  isTreePicture,
  pictureNodes,
  pictureTreeItem,
  type PictureNode,
} from '../../../src/vscode/treePicture';
import {
  activateRoadmap,
  FileSnapshot,
  readText,
  waitFor,
  workspaceUri,
  writeAndSettle,
  writeText,
} from '../roadmapHelpers';

const groupByValues: GroupBy[] = ['status', 'moscow', 'milestone', 'quarter', 'owner', 'goal', 'team'];
const sortByValues: SortBy[] = ['score', 'title', 'date', 'id'];
const dragMime = 'application/vnd.code.tree.roadmap.features';

/** The tree's root as group nodes (the tree has no other kind at the root). */
function groups(api: RoadmapApi): GroupNode[] {
  return api.tree.getChildren().filter((node): node is GroupNode => node.kind === 'group');
}

function featuresOf(api: RoadmapApi, group: TreeNode): FeatureNode[] {
  return api.tree.getChildren(group).filter((node): node is FeatureNode => node.kind === 'feature');
}

/** What the tree shows, as plain data: [group label, count, feature files in order]. */
function shown(api: RoadmapApi): [string, string, string[]][] {
  return groups(api).map((group) => {
    const item = api.tree.getTreeItem(group);
    return [
      String(item.label),
      String(item.description),
      featuresOf(api, group).map((node) => node.feature.file),
    ];
  });
}

/** The same, computed straight from the index with the core's grouping. */
function expectedFromIndex(api: RoadmapApi, groupBy: GroupBy, sortBy: SortBy): [string, string, string[]][] {
  const [state] = api.services.service.folderStates();
  return groupFeatures(state.index.features(), groupBy, state.index.config, sortBy).map((group) => [
    group.label,
    String(group.features.length),
    group.features.map((feature) => feature.file),
  ]);
}

/** A tooltip's text as it renders: appendText escapes punctuation and turns spaces into &nbsp;. */
function rendered(markdown: vscode.MarkdownString): string {
  return markdown.value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
}

function themeIcon(item: vscode.TreeItem): { id: string; color?: string } {
  assert.ok(item.iconPath instanceof vscode.ThemeIcon, 'the icon is a ThemeIcon');
  return { id: item.iconPath.id, color: item.iconPath.color?.id };
}

describe('Roadmap tree', () => {
  let api: RoadmapApi;

  before(async () => {
    api = await activateRoadmap();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('roadmap.tree.groupBy', 'status');
    await vscode.commands.executeCommand('roadmap.tree.sortBy', 'score');
    await vscode.commands.executeCommand('roadmap.tree.clearFilter');
  });

  it('persists its first screen as plain rows that draw as its own rows do', async () => {
    // A filter and a group shown further are this window's: the next one opens unfiltered, groups cut.
    await vscode.commands.executeCommand('roadmap.tree.filter', 'no feature is called this');
    const picture = api.tree.picture();
    const stored: unknown = JSON.parse(JSON.stringify(picture));
    assert.ok(isTreePicture(stored));
    assert.deepEqual(
      { groupBy: stored.groupBy, sortBy: stored.sortBy },
      { groupBy: 'status', sortBy: 'score' },
    );
    await vscode.commands.executeCommand('roadmap.tree.clearFilter');
    // Unfiltered, the rows shown are taken as they are: the same picture.
    api.tree.getChildren();
    assert.deepEqual(JSON.parse(JSON.stringify(api.tree.picture())), stored);
    const plain = (item: vscode.TreeItem) => ({
      id: item.id,
      label: item.label,
      description: item.description,
      icon: item.iconPath instanceof vscode.ThemeIcon ? themeIcon(item) : undefined,
      state: item.collapsibleState,
      resource: item.resourceUri?.toString(),
      // A click opens the row's file; the "Show N more…" row waits for the tree's own rows.
      command: item.command?.arguments?.[0] instanceof vscode.Uri ? item.command.command : undefined,
      target: (item.command?.arguments?.[0] as vscode.Uri | undefined)?.toString(),
    });
    const compare = (drawn: readonly PictureNode[], live: readonly TreeNode[]) => {
      assert.deepEqual(
        drawn.map((node) => plain(pictureTreeItem(node))),
        live.map((node) => plain(api.tree.getTreeItem(node))),
      );
      live.forEach((node, i) => {
        if (api.tree.getTreeItem(node).collapsibleState === vscode.TreeItemCollapsibleState.Expanded)
          compare(drawn[i].children, api.tree.getChildren(node));
        else assert.deepEqual(drawn[i].children, []);
      });
    };
    const live = api.tree.getChildren().filter((node) => node.kind !== 'savedViews');
    assert.ok(live.some((node) => node.kind === 'group' && node.children.length > 0));
    compare(pictureNodes(stored.roots), live);
  });

  it("draws the last window's first picture at a start, then its own rows with the same ids", async () => {
    const { service } = api.services;
    await service.whenIndexed();
    // What a window persists (the index and its first picture); a start of the service then reads them back.
    await service.persistIndex();
    const rows = (nodes: readonly TreeNode[]) => nodes.map((node) => `${node.kind} ${node.id}`);
    const drawn = new Promise<string[]>((resolve) => {
      const subscription = service.onDidChange(() => {
        if (!service.firstPicture) return;
        subscription.dispose();
        resolve(rows(api.tree.getChildren()));
      });
    });
    await service.refresh();
    const picture = await drawn;
    const own = rows(api.tree.getChildren());
    assert.ok(own.some((row) => row.startsWith('group ')));
    // The picture's rows stand in for the tree's own, one for one (saved views are always the tree's own).
    assert.deepEqual(
      picture.map((row) => row.replace(/^picture /, '')),
      own.map((row) => row.replace(/^(group|repairGroup) /, '')),
    );
    assert.ok(picture.some((row) => row.startsWith('picture ')));
  });

  it('activates on the fixture and groups by status, with counts, as the index says', () => {
    assert.equal(api.tree.groupBy, 'status');
    assert.equal(api.tree.sortBy, 'score');
    assert.ok(api.services.service.featureCount() >= 4);
    assert.deepEqual(shown(api), expectedFromIndex(api, 'status', 'score'));
    // Configured statuses come first, in board order, even when empty: they are drop targets.
    const labels = shown(api).map(([label]) => label);
    assert.deepEqual(labels.slice(0, 5), ['Idea', 'Planned', 'In progress', 'Shipped', 'Dropped']);
    // Other suites add fixture files too; only this suite's own facts are pinned: F-001 (320) before F-004 (6).
    const [, count, files] = shown(api).find(([label]) => label === 'Planned')!;
    assert.ok(Number(count) >= 2 && Number(count) === files.length);
    const planned = files.filter((file) => /F-00[14]/.test(file));
    assert.deepEqual(planned, ['roadmap/F-001-single-sign-on.md', 'roadmap/F-004-offline-sync.md']);
  });

  it('groups by every field and sorts every way through the Group By and Sort By commands', async () => {
    for (const groupBy of groupByValues) {
      assert.equal(await vscode.commands.executeCommand('roadmap.tree.groupBy', groupBy), groupBy);
      for (const sortBy of sortByValues) {
        assert.equal(await vscode.commands.executeCommand('roadmap.tree.sortBy', sortBy), sortBy);
        assert.deepEqual(
          shown(api),
          expectedFromIndex(api, groupBy, sortBy),
          `grouped by ${groupBy}, sorted by ${sortBy}`,
        );
      }
    }
    await vscode.commands.executeCommand('roadmap.tree.groupBy', 'owner');
    const owners = shown(api).map(([label, count]) => `${label}:${count}`);
    for (const owner of ['ana:1', 'ben:1', 'chloe:1', 'dev:1'])
      assert.ok(owners.includes(owner), `${owner} in ${owners.join(', ')}`);
  });

  it('shows each feature as its title, "score · id", a status icon, and opens it on click', () => {
    const sso = api.tree.nodeOf(workspaceUri('roadmap', 'F-001-single-sign-on.md'));
    assert.ok(sso, 'F-001 is in the tree');
    const item = api.tree.getTreeItem(sso);
    assert.equal(item.label, 'Single sign-on');
    // 400 × 2 × 80% ÷ 2
    assert.equal(item.description, '320 · F-001');
    assert.equal(item.contextValue, 'feature');
    assert.deepEqual(themeIcon(item), { id: 'circle-outline', color: 'charts.blue' });
    assert.equal(item.command?.command, 'roadmap.openFeature');
    assert.equal(String(item.command?.arguments?.[0]), String(sso.uri));
    assert.equal(item.resourceUri?.toString(), sso.uri.toString());
    assert.equal(api.tree.getParent(sso), sso.parent);

    const audit = api.tree.nodeOf(workspaceUri('roadmap', 'F-002-audit-log.md'))!;
    assert.equal(themeIcon(api.tree.getTreeItem(audit)).id, 'play-circle');

    // Built on hover (resolveTreeItem), not with every row.
    assert.equal(item.tooltip, undefined);
    const tooltip = api.tree.resolveTreeItem(item, sso).tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.ok(!tooltip.isTrusted, 'the tooltip is not trusted');
    assert.ok(!tooltip.supportHtml, 'the tooltip renders no HTML');
    for (const expected of ['F-001', 'Planned', 'Must', '400 × 2 × 80% ÷ 2 = 320', 'ana', 'M1']) {
      assert.ok(rendered(tooltip).includes(expected), `tooltip mentions ${expected}: ${tooltip.value}`);
    }
  });

  describe('with files of its own', () => {
    const brokenUri = () => workspaceUri('roadmap', 'F-950-tree-broken.md');
    const dragUri = () => workspaceUri('roadmap', 'F-960-tree-drag.md');
    const plainUri = () => workspaceUri('roadmap', 'F-961-tree-no-milestone.md');
    let snapshot: FileSnapshot;

    beforeEach(async () => {
      snapshot = await FileSnapshot.take(api, [brokenUri(), dragUri(), plainUri()]);
    });

    afterEach(async () => {
      await snapshot.restore();
    });

    it('reflects a feature file created, edited and deleted on disk', async () => {
      const uri = brokenUri();
      const timings: string[] = [];
      const timed = async (what: string, action: () => Promise<void>, condition: () => boolean) => {
        const started = Date.now();
        await action();
        // The file watcher, the index and the tree together have one second.
        await waitFor(what, condition, [api.tree.onDidChangeTreeData], 1000);
        timings.push(`${what} ${Date.now() - started} ms`);
      };
      await timed(
        'created',
        () => writeText(uri, '---\nid: F-950\ntitle: Fresh from disk\nstatus: idea\n---\n'),
        () => api.tree.nodeOf(uri)?.parent.key === 'idea',
      );
      await timed(
        'edited',
        () => writeText(uri, '---\nid: F-950\ntitle: Edited on disk\nstatus: shipped\n---\n'),
        () =>
          api.tree.nodeOf(uri)?.feature.title === 'Edited on disk' &&
          api.tree.nodeOf(uri)?.parent.key === 'shipped',
      );
      const shipped = groups(api).find((group) => group.key === 'shipped')!;
      assert.equal(api.tree.getTreeItem(shipped).description, String(featuresOf(api, shipped).length));
      await timed(
        'deleted',
        () => Promise.resolve(vscode.workspace.fs.delete(uri)),
        () => !api.tree.nodeOf(uri),
      );
      console.log(`      tree caught up: ${timings.join(', ')}`);
      assert.deepEqual(shown(api), expectedFromIndex(api, 'status', 'score'));
    });

    it('marks a feature with errors and keeps file text inert in its tooltip', async () => {
      const uri = brokenUri();
      const title = 'Evil *title* <img src=x> [run](command:workbench.action.quit) $(zap)';
      const text = `---\nid: F-950\ntitle: "${title}"\nstatus: planned\nrice: { reach: 10, impact: 4, confidence: 80%, effort: 1 }\n---\n`;
      await writeText(uri, text);
      await waitFor('the broken feature in the tree', () => !!api.tree.nodeOf(uri), [
        api.tree.onDidChangeTreeData,
      ]);
      const item = api.tree.getTreeItem(api.tree.nodeOf(uri)!);
      assert.equal(item.contextValue, 'feature.hasErrors');
      assert.deepEqual(themeIcon(item), { id: 'error', color: 'errorForeground' });
      assert.equal(item.description, 'F-950 · 1 error');
      const tooltip = api.tree.resolveTreeItem(item, api.tree.nodeOf(uri)!).tooltip as vscode.MarkdownString;
      assert.ok(!tooltip.isTrusted && !tooltip.supportHtml);
      assert.ok(rendered(tooltip).includes('1 error'), tooltip.value);
      assert.ok(rendered(tooltip).includes('impact'), 'the problem is listed');
      assert.ok(!tooltip.value.includes('[run](command:'), `the link is escaped: ${tooltip.value}`);
      assert.ok(tooltip.value.includes('\\*title\\*'), `emphasis is escaped: ${tooltip.value}`);
      assert.ok(
        !tooltip.value.includes(' $(zap)'),
        `theme icons from the file are escaped: ${tooltip.value}`,
      );
    });

    it('filters by words, tag: and owner:, shows the filter, and clears it', async () => {
      await writeAndSettle(
        api,
        dragUri(),
        '---\nid: F-960\ntitle: Filter target\nstatus: idea\nowner: Zoe\ntags: [enterprise, security]\n---\n',
      );
      const visibleFiles = () =>
        groups(api).flatMap((group) => featuresOf(api, group).map((node) => node.feature.file));

      assert.equal(await vscode.commands.executeCommand('roadmap.tree.filter', 'owner:ana'), 'owner:ana');
      assert.deepEqual(visibleFiles(), ['roadmap/F-001-single-sign-on.md']);
      assert.equal(api.tree.view.description, 'Filter: owner:ana');
      assert.deepEqual(
        groups(api).map((group) => group.key),
        ['planned'],
        'groups without matches are hidden while filtering',
      );

      await vscode.commands.executeCommand('roadmap.tree.filter', 'tag:Security owner:zoe');
      assert.deepEqual(visibleFiles(), ['roadmap/F-960-tree-drag.md']);
      await vscode.commands.executeCommand('roadmap.tree.filter', 'audit');
      assert.deepEqual(visibleFiles(), ['roadmap/F-002-audit-log.md']);
      await vscode.commands.executeCommand('roadmap.tree.filter', 'no-such-thing');
      assert.deepEqual(visibleFiles(), []);
      assert.match(api.tree.view.message ?? '', /No feature matches/);

      await vscode.commands.executeCommand('roadmap.tree.clearFilter');
      assert.equal(api.tree.filter, '');
      assert.equal(api.tree.view.description, undefined);
      assert.deepEqual(shown(api), expectedFromIndex(api, 'status', 'score'));
    });

    const dragText = [
      '---',
      '# Dragged around by the tree suite: comments, quoting and unknown keys must survive.',
      'id: F-960',
      `title: 'Drag me: "quoted"'`,
      'status: planned   # keep this comment',
      'moscow: should',
      'rice: { reach: 100, impact: 1, confidence: 80%, effort: 1 }',
      'milestone: M1',
      'segment: enterprise',
      '---',
      'Body stays.',
      '',
    ].join('\n');

    it('sets the status when a feature is dropped on a status group, byte for byte', async () => {
      const uri = dragUri();
      await writeAndSettle(api, uri, dragText);
      await waitFor('the dragged feature in the tree', () => api.tree.nodeOf(uri)?.parent.key === 'planned', [
        api.tree.onDidChangeTreeData,
      ]);

      const dataTransfer = new vscode.DataTransfer();
      await api.tree.handleDrag([api.tree.nodeOf(uri)!], dataTransfer);
      assert.ok(dataTransfer.get(dragMime), 'the drag carries the tree mime type');
      const inProgress = groups(api).find((group) => group.key === 'in-progress')!;
      await api.tree.handleDrop(inProgress, dataTransfer);

      const expected = dragText.replace('status: planned   # keep', 'status: in-progress   # keep');
      assert.equal(await readText(uri), expected);
      await waitFor(
        'the feature under In progress',
        () => api.tree.nodeOf(uri)?.parent.key === 'in-progress',
        [api.tree.onDidChangeTreeData],
      );

      // Dropping on a feature drops on its group; moveToGroup is the same edit without a drag.
      const result = await api.tree.moveToGroup([uri], 'shipped');
      assert.deepEqual(result.refused, []);
      assert.equal(result.changed.length, 1);
      assert.equal(
        await readText(uri),
        dragText.replace('status: planned   # keep', 'status: shipped   # keep'),
      );
    });

    it('removes the field when features are dropped on the "No milestone" group', async () => {
      await writeAndSettle(
        api,
        plainUri(),
        '---\nid: F-961\ntitle: Without a milestone\nstatus: idea\n---\n',
      );
      await writeAndSettle(api, dragUri(), dragText);
      await vscode.commands.executeCommand('roadmap.tree.groupBy', 'milestone');
      await waitFor(
        'both files in the tree',
        () =>
          api.tree.nodeOf(dragUri())?.parent.key === 'M1' && api.tree.nodeOf(plainUri())?.parent.key === '',
        [api.tree.onDidChangeTreeData],
      );
      const none = groups(api).find((group) => group.key === '')!;
      assert.equal(api.tree.getTreeItem(none).label, 'No milestone');

      const dataTransfer = new vscode.DataTransfer();
      await api.tree.handleDrag([api.tree.nodeOf(dragUri())!], dataTransfer);
      await api.tree.handleDrop(none, dataTransfer);
      assert.equal(await readText(dragUri()), dragText.replace('milestone: M1\n', ''));

      // And back: a drop on a milestone group inserts the field where the schema puts it.
      const result = await api.tree.moveToGroup([dragUri(), plainUri()], 'M2');
      assert.equal(result.changed.length, 2);
      assert.equal(await readText(dragUri()), dragText.replace('milestone: M1\n', 'milestone: M2\n'));
      assert.equal(
        await readText(plainUri()),
        '---\nid: F-961\ntitle: Without a milestone\nstatus: idea\nmilestone: M2\n---\n',
      );
    });

    it('refuses to move a file whose front-matter does not parse, and leaves it alone', async () => {
      const broken = '---\nid: F-960\ntitle: [unclosed\nstatus: idea\n---\n';
      await writeAndSettle(api, dragUri(), broken);
      const result = await api.tree.moveToGroup([dragUri()], 'shipped', 'status');
      assert.equal(result.refused.length, 1);
      assert.match(result.refused[0].reason, /YAML/);
      assert.equal(await readText(dragUri()), broken);
    });
  });

  describe('a group longer than its first rows', () => {
    const count = 230;
    const folder = () => workspaceUri('roadmap', 'tree-more');
    const fileOf = (n: number) => vscode.Uri.joinPath(folder(), `T-M-${String(n).padStart(3, '0')}.md`);
    const groupOf = (groupBy: GroupBy) =>
      groups(api).find((group) => group.groupBy === groupBy && group.key === `tree-more-${groupBy}`);

    before(async function () {
      this.timeout(60_000);
      await vscode.commands.executeCommand('roadmap.tree.groupBy', 'owner');
      for (let n = 1; n <= count; n++)
        await writeText(
          fileOf(n),
          `---\nid: T-M-${n}\ntitle: Long group ${n}\nstatus: idea\nowner: tree-more-owner\nteam: tree-more-team\n---\n`,
        );
      await waitFor(
        `the ${count} features of tree-more in the tree`,
        () => groupOf('owner')?.children.length === count,
        [api.tree.onDidChangeTreeData],
        50_000,
      );
    });

    after(async function () {
      this.timeout(60_000);
      await vscode.workspace.fs.delete(folder(), { recursive: true });
      await waitFor(
        'the tree-more features to leave the index',
        () => !api.services.service.lookup(fileOf(1)) && !api.services.service.lookup(fileOf(count)),
        [api.services.service.onDidChange],
        50_000,
      );
    });

    it('shows the first 200 rows, then a "Show 30 more…" row that keyboard users activate with Enter', async () => {
      await vscode.commands.executeCommand('roadmap.tree.groupBy', 'owner');
      const group = groupOf('owner')!;
      const rows = api.tree.getChildren(group);
      assert.equal(rows.length, 201);
      assert.equal(featuresOf(api, group).length, 200);
      const more = rows[200];
      assert.equal(more.kind, 'more');
      assert.equal(api.tree.getParent(more), group);
      const item = api.tree.getTreeItem(more);
      assert.equal(item.label, 'Show 30 more…');
      assert.equal(item.command?.command, 'roadmap.tree.showMore');
      assert.equal(item.accessibilityInformation?.role, 'button');
      // The group's count is the whole group's.
      assert.equal(api.tree.getTreeItem(group).description, String(count));

      // Focus the row as a keyboard user would reach it, then Enter (bound to list.select in a tree view).
      await vscode.commands.executeCommand('roadmap.features.focus');
      await api.tree.view.reveal(more, { select: true, focus: true });
      await vscode.commands.executeCommand('list.select');
      await waitFor(
        'the rest of the group to show',
        () => featuresOf(api, groupOf('owner')!).length === count,
        [api.tree.onDidChangeTreeData],
      );
      const shownRows = api.tree.getChildren(groupOf('owner')!);
      assert.ok(!shownRows.some((node) => node.kind === 'more'), 'no "more" row once all are shown');
      // The first row that was hidden takes the focus and selection: the keyboard goes on from there.
      const firstHidden = featuresOf(api, groupOf('owner')!)[200];
      await waitFor(
        'the first row that was hidden to be selected',
        () => api.tree.view.selection[0]?.id === firstHidden.id,
        [api.tree.view.onDidChangeSelection],
      );

      // Projected again (another sort, or any change to the index), the group still shows all its rows.
      await vscode.commands.executeCommand('roadmap.tree.sortBy', 'title');
      assert.equal(featuresOf(api, groupOf('owner')!).length, count);
    });

    it('shows the row of a feature revealed beyond the first rows', async () => {
      await vscode.commands.executeCommand('roadmap.tree.groupBy', 'team');
      const group = groupOf('team')!;
      assert.equal(featuresOf(api, group).length, 200);
      const last = group.children[count - 1];
      assert.equal(await api.tree.reveal(last.uri), true);
      assert.equal(featuresOf(api, groupOf('team')!).length, count);
      assert.deepEqual(
        api.tree.view.selection.map((node) => node.id),
        [last.id],
      );
    });
  });

  it('reveals a feature in the view through getParent', async () => {
    const uri = workspaceUri('roadmap', 'F-002-audit-log.md');
    assert.equal(await api.tree.reveal(uri), true);
    assert.deepEqual(
      api.tree.view.selection.map((node) =>
        node.kind === 'feature' ? node.feature.id : node.kind === 'group' ? node.key : node.id,
      ),
      ['F-002'],
    );
  });
});
