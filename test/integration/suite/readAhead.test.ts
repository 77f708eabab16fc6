// A large folder read on a worker thread in the real extension host: while this thread parses one batch, the
// worker reads (and stamps) the next ones. The index must be exactly the one this thread builds alone, editors'
// unsaved text included, and the worker must run in the extension host and read what this thread reads.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TextRead } from '../../../src/cli/parallelRead';
import { localFiles } from '../../../src/vscode/localFiles';
import { Log } from '../../../src/vscode/log';
import { RoadmapService } from '../../../src/vscode/roadmapService';
import { activateRoadmap, extensionId, waitFor, workspaceUri } from '../roadmapHelpers';

/** Four batches of the service's 250 files. */
const fileCount = 1000;
const batch = 250;

const featureText = (index: number) =>
  `---\nid: RA-${index}\ntitle: Read ahead ${index}\nstatus: ${index % 9 === 0 ? 'doing' : 'planned'}\n` +
  `depends_on: [RA-${index + 1}${index % 13 === 0 ? ', RA-MISSING' : ''}]\n` +
  (index % 50 === 0 ? 'tags: [unclosed\n' : '') +
  `---\n\n# Read ahead ${index}\n`;

/** The built extension's worker (this suite's bundle has none beside it). */
const workerScript = () =>
  join(vscode.extensions.getExtension(extensionId)!.extensionPath, 'dist/lazy/readWorker.js');

/** Resolves once `condition` holds, checked every 20 ms (a worker thread's progress fires no event here). */
async function until(description: string, condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Reading a large folder on a worker thread', () => {
  const folder = workspaceUri('roadmap', 'read-ahead');
  const edited = vscode.Uri.joinPath(folder, 'RA-7.md');
  const huge = vscode.Uri.joinPath(folder, 'RA-huge.md');
  const log = new Log();
  const services: RoadmapService[] = [];

  before(async () => {
    await activateRoadmap();
    // Written with Node at once: through workspace.fs, a thousand writes take seconds.
    mkdirSync(folder.fsPath, { recursive: true });
    for (let index = 0; index < fileCount; index++)
      writeFileSync(join(folder.fsPath, `RA-${index}.md`), featureText(index));
    // A sparse file over the size limit: skipped, as the CLI skips it.
    writeFileSync(huge.fsPath, featureText(fileCount));
    truncateSync(huge.fsPath, 65 * 1024 * 1024);
  });

  after(async () => {
    for (const service of services) service.dispose();
    log.dispose();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    rmSync(folder.fsPath, { recursive: true, force: true });
    const api = await activateRoadmap();
    await waitFor(
      'the live index to drop the read-ahead files',
      () => !api.services.service.lookup(edited),
      [api.services.service.onDidChange],
      30_000,
    );
  });

  it('the worker runs in the extension host and reads what this thread reads, stamps included', async () => {
    const files = Array.from({ length: fileCount }, (_, index) => `RA-${index}.md`);
    const ahead = await localFiles!.readAhead(folder.fsPath, files, () => false, batch, {
      from: 1,
      script: workerScript(),
    });
    assert.ok(ahead, 'the worker starts');
    // Once it has read a batch it leads: this thread takes, or awaits, what it read.
    await until('the worker to read a batch', () => ahead.deliveredChunks() > 0);
    const reads: TextRead[] = [];
    for (let start = 0; start < files.length; start += batch) {
      await ahead.whenRead(start);
      for (let index = start; index < Math.min(files.length, start + batch); index++)
        reads.push(ahead.read(index));
    }
    ahead.stop();
    assert.ok(ahead.workerChunks > 0, 'batches came from the worker');
    assert.deepEqual(
      reads,
      files.map((file) => localFiles!.readIndexed(join(folder.fsPath, file), false)),
    );
  });

  it('indexes exactly what the extension host indexes alone, unsaved editor text included', async () => {
    // Unsaved text in an editor wins over the disk, whoever read the file.
    const document = await vscode.workspace.openTextDocument(edited);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.replace(document.lineAt(2).range, 'title: Edited, not saved'));

    const alone = new RoadmapService(log, { localFiles, readAhead: { from: Infinity } });
    const ahead = new RoadmapService(log, { localFiles, readAhead: { from: 1, script: workerScript() } });
    services.push(alone, ahead);
    await alone.refresh();
    await ahead.refresh();

    // Who read which batch depends on when the worker started; the index may not.
    assert.equal(alone.lastStart.readAhead, 0);
    assert.deepEqual([...ahead.lastStart.read].sort(), [...alone.lastStart.read].sort());
    assert.equal(ahead.featureCount(), alone.featureCount());
    assert.equal(ahead.lookup(edited)?.parsed.feature?.title, 'Edited, not saved');
    assert.equal(alone.lookup(huge), undefined, 'a file over 64 MB is skipped');
    assert.equal(ahead.lookup(huge), undefined, 'a file over 64 MB is skipped, read ahead too');
    for (let index = 0; index < fileCount; index++) {
      const uri = vscode.Uri.joinPath(folder, `RA-${index}.md`);
      assert.deepEqual(ahead.lookup(uri)?.parsed, alone.lookup(uri)?.parsed, `RA-${index}.md`);
      assert.deepEqual(ahead.issues(uri), alone.issues(uri), `issues of RA-${index}.md`);
    }
    const missing = alone.issues(vscode.Uri.joinPath(folder, 'RA-13.md'));
    assert.ok(
      missing.some((issue) => issue.code === 'unknown-dependency'),
      'cross-file issues among them',
    );
  });
});
