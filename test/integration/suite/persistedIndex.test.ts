// The persisted index in a real VS Code: a second start shows what the first one persisted before it reads a
// single feature file, then revalidates by size and modification time, so that a file changed or deleted
// while no window was open is seen, and only that file is read again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Log } from '../../../src/vscode/log';
import { localFiles } from '../../../src/vscode/localFiles';
import { RoadmapService, type RoadmapChange } from '../../../src/vscode/roadmapService';
import type { TreePicture } from '../../../src/vscode/treePicture';
import { activateRoadmap, exists, readText, workspaceUri, writeText } from '../roadmapHelpers';

/** The persisted index file in a storage folder (beside it: the first picture). */
/** The first picture file in the storage folder, if any. */
async function pictureFileIn(storage: vscode.Uri): Promise<vscode.Uri | undefined> {
  const names = (await vscode.workspace.fs.readDirectory(storage)).map(([name]) => name);
  const picture = names.find((name) => name.startsWith('picture-') && name.endsWith('.txt'));
  return picture === undefined ? undefined : vscode.Uri.joinPath(storage, picture);
}

async function indexFileIn(storage: vscode.Uri): Promise<vscode.Uri> {
  const names = (await vscode.workspace.fs.readDirectory(storage)).map(([name]) => name);
  const index = names.find((name) => name.startsWith('index-') && name.endsWith('.txt'));
  assert.ok(index, `an index among ${names.join(', ')}`);
  return vscode.Uri.joinPath(storage, index);
}

const feature = (id: string, title: string) => `---\nid: ${id}\ntitle: ${title}\nstatus: planned\n---\n`;

describe('Persisted index', () => {
  let storage: vscode.Uri;
  const changed = workspaceUri('roadmap', 'F-960-persisted.md');
  const deleted = workspaceUri('roadmap', 'F-961-persisted.md');
  const dependent = workspaceUri('roadmap', 'F-962-persisted.md');
  const log = new Log();
  const services: RoadmapService[] = [];
  const start = () => {
    const service = new RoadmapService(log, { storage, version: 'test', localFiles });
    services.push(service);
    return service;
  };

  before(async () => {
    const api = await activateRoadmap();
    // A storage of the test's own: the extension's live service persists into the workspace storage.
    storage = vscode.Uri.joinPath(
      api.services.context.globalStorageUri,
      `persisted-index-test-${Date.now()}`,
    );
  });

  after(async () => {
    for (const service of services) service.dispose();
    log.dispose();
    for (const uri of [changed, deleted, dependent, storage])
      if (await exists(uri)) await vscode.workspace.fs.delete(uri, { recursive: true });
  });

  it('starts from the persisted index and sees the files changed and deleted while closed', async () => {
    await writeText(changed, feature('F-960', 'Before closing'));
    await writeText(deleted, feature('F-961', 'Deleted while closed'));
    // A cross-file issue: restored files get theirs from the cross-file rules, run after the first picture.
    await writeText(
      dependent,
      `${feature('F-962', 'Depends on nothing known').slice(0, -4)}depends_on: [F-NOPE]\n---\n`,
    );

    // The first window: indexes everything from disk and persists it.
    const first = start();
    await first.refresh();
    assert.equal(first.lastStart.restored, 0, 'nothing persisted before the first start');
    assert.ok(first.lastStart.read.includes('roadmap/F-960-persisted.md'));
    await first.persistIndex();
    const total = first.featureCount();
    first.dispose();

    // While no window is open: one file edited (another size), one deleted.
    await writeText(changed, feature('F-960', 'Edited while the window was closed'));
    await vscode.workspace.fs.delete(deleted);

    // The second window: the persisted index shows at once (the first change event after its first picture),
    // still as it was...
    const second = start();
    const shownFirst = new Promise<{ count: number; title?: string; deleted: boolean }>((resolve) => {
      const subscription = second.onDidChange(() => {
        // The last window's first picture comes before (see the test below): this is about the index itself.
        if (second.firstPicture) return;
        subscription.dispose();
        resolve({
          count: second.featureCount(),
          title: second.lookup(changed)?.parsed.feature?.title,
          deleted: !!second.lookup(deleted),
        });
      });
    });
    const indexed = second.refresh();
    const restored = await shownFirst;
    // (Files with unsaved edits in an editor are not persisted: they may be fewer than `total`.)
    assert.ok(restored.count > 0 && restored.count <= total, `${restored.count} of ${total} shown at once`);
    assert.deepEqual(
      { title: restored.title, deleted: restored.deleted },
      { title: 'Before closing', deleted: true },
    );

    // ...then corrected once every file is stat'ed: only the edited file is read again.
    await indexed;
    assert.ok(second.lastStart.restored >= total, `restored ${second.lastStart.restored} of ${total}`);
    assert.ok(second.lastStart.read.includes('roadmap/F-960-persisted.md'), 'the edited file is read');
    for (const unchanged of ['F-001-single-sign-on.md', 'F-002-audit-log.md', 'F-003-dark-mode.md'])
      assert.ok(!second.lastStart.read.includes(`roadmap/${unchanged}`), `${unchanged} is not read again`);
    assert.deepEqual(second.lastStart.dropped, ['roadmap/F-961-persisted.md']);
    assert.equal(second.lookup(changed)?.parsed.feature?.title, 'Edited while the window was closed');
    assert.equal(second.lookup(deleted), undefined);
    assert.equal(second.featureCount(), total - 1);
    assert.ok(
      second.issues(dependent).some((issue) => issue.code === 'unknown-dependency'),
      'the cross-file rules ran over the restored files',
    );
    assert.ok(!second.lastStart.read.includes('roadmap/F-962-persisted.md'), 'from the persisted index');
    // Positions of a restored file's issues come from its front-matter, with no text kept.
    assert.equal(second.indexedText(changed), undefined);
    assert.equal(await second.textOf(changed), await readText(changed));
  });

  it('ignores a damaged persisted index, says so, and indexes from disk', async () => {
    const service = start();
    await service.refresh();
    await service.persistIndex();
    const file = await indexFileIn(storage);
    // Cut in the middle of its records, as a disk filling up would leave it.
    const text = await readText(file);
    await writeText(file, text.slice(0, Math.floor(text.length * 0.75)));
    const again = start();
    await again.refresh();
    assert.equal(again.lastStart.restored, 0);
    assert.equal(again.featureCount(), service.featureCount());
  });

  it("draws the last window's first picture before it parses an index, and only while it matches them", async () => {
    // What the tree showed: the service persists it as it is and gives it back (the tree's side is in tree.test).
    const tree: TreePicture = {
      groupBy: 'status',
      sortBy: 'score',
      roots: [{ id: 'group:planned', label: 'Planned', collapsible: 2, children: [] }],
    };
    const views = { shown: () => Promise.resolve(true), picture: () => tree };
    const first = start();
    first.start(views);
    await first.whenIndexed();
    // A picture is written only when nothing changed while the indexes were written (a late file event of an
    // earlier test can come in then, on a busy machine): persist until one is written with them.
    const earlier = await pictureFileIn(storage);
    if (earlier) await vscode.workspace.fs.delete(earlier);
    for (let attempt = 0; attempt < 10 && !(await pictureFileIn(storage)); attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200));
      await first.persistIndex();
    }
    assert.ok(await pictureFileIn(storage), 'a first picture was written');
    const persisted = first.summary();
    assert.ok(persisted.features > 0 && persisted.errors > 0, JSON.stringify(persisted));
    first.dispose();

    // The next window: the first change draws the picture, before any index is parsed...
    const next = () => {
      const service = start();
      const changes: (RoadmapChange & { picture: boolean; summary: typeof persisted; parsed: number })[] = [];
      service.onDidChange((change) =>
        changes.push({
          ...change,
          picture: service.firstPicture !== undefined,
          summary: service.summary(),
          parsed: service.featureCount(),
        }),
      );
      service.start(views);
      return { service, changes };
    };
    const second = next();
    await second.service.whenIndexed();
    const [drawn, restored] = second.changes;
    assert.deepEqual(
      { picture: drawn.picture, summary: drawn.summary, parsed: drawn.parsed, uris: drawn.uris.length },
      { picture: true, summary: persisted, parsed: 0, uris: 0 },
    );
    assert.deepEqual(second.service.firstPicture, undefined, 'only until the index is restored');
    // ...the restored index then shows the same, cross-file issues included...
    assert.deepEqual(
      { picture: restored.picture, summary: restored.summary },
      { picture: false, summary: persisted },
    );
    // ...and nothing changed on disk: the last change names every file for the diagnostics, the views keep theirs.
    const last = second.changes.at(-1)!;
    assert.equal(last.sameAsShown, true);
    assert.ok(last.uris.length >= persisted.features);
    assert.deepEqual(second.service.summary(), persisted);
    second.service.dispose();

    // A file edited while closed: it is read again, and the views are told.
    await writeText(changed, feature('F-960', 'Edited again while closed'));
    const third = next();
    await third.service.whenIndexed();
    assert.equal(third.changes[0].picture, true);
    assert.equal(third.changes.at(-1)!.sameAsShown, false);
    assert.equal(third.service.lookup(changed)?.parsed.feature?.title, 'Edited again while closed');
    // That start persists again (the index changed): wait for it, then rewrite the index file as another window
    // could have: a picture that does not go with the index file as it is now is never drawn.
    await third.service.persistIndex();
    third.service.dispose();
    const uri = await indexFileIn(storage);
    await writeText(uri, `${await readText(uri)}\n`);
    const fourth = next();
    await fourth.service.whenIndexed();
    assert.ok(
      fourth.changes.every((change) => !change.picture),
      'no picture drawn',
    );
    assert.equal(fourth.service.featureCount(), persisted.features);
    fourth.service.dispose();
  });
});
