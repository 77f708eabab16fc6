// `roadmap mcp` as an agent meets it: the built dist/cli.js spawned over stdio and driven by the MCP SDK's own
// client, on a copy of the sample roadmap. Every tool, the refusals, paging, concurrent writes and a file
// changed on disk between a read and a write.
import assert from 'node:assert/strict';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const repo = resolve(__dirname, '../..');
const builtCli = join(repo, 'dist/cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'roadmap-mcp-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Session {
  root: string;
  client: Client;
  call(name: string, args?: Record<string, unknown>): Promise<{ text: string; isError: boolean }>;
  close(): Promise<void>;
}

let copies = 0;
/** A fresh copy of examples/roadmap (inside a parent folder, to check nothing lands beside it) and a client. */
async function start(extraArgs: string[] = [], prepare?: (root: string) => void): Promise<Session> {
  assert.ok(existsSync(builtCli), 'dist/cli.js is missing: run `npm run build` before the unit tests');
  const parent = join(scratch, `session-${++copies}`);
  const root = join(parent, 'roadmap');
  cpSync(join(repo, 'examples/roadmap'), root, { recursive: true });
  prepare?.(root);
  const client = new Client({ name: 'roadmap-test', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [builtCli, 'mcp', root, ...extraArgs],
      stderr: 'pipe',
    }),
  );
  return {
    root,
    client,
    async call(name, args = {}) {
      const result = await client.callTool({ name, arguments: args });
      const content = result.content as { type: string; text: string }[];
      return { text: content.map((part) => part.text).join('\n'), isError: result.isError === true };
    },
    close: () => client.close(),
  };
}

const featureFile = (root: string, id: string) => {
  const name = readdirSync(join(root, 'features')).find((file) => file.startsWith(`${id}-`));
  assert.ok(name, `no file for ${id}`);
  return join(root, 'features', name);
};

/** Every file under a folder with its bytes, to prove a refused write changed nothing anywhere. */
function snapshot(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(path, readFileSync(path, 'latin1'));
    }
  return files;
}

describe('roadmap mcp over stdio', () => {
  let session: Session;
  before(async () => {
    session = await start();
  });
  after(() => session.close());

  test('lists the six tools, each with an object input schema, the instructions and the resources', async () => {
    const { tools } = await session.client.listTools();
    const names = tools.map((tool) => tool.name).sort();
    assert.deepEqual(names, [
      'create_feature',
      'get_feature',
      'list_features',
      'roadmap_summary',
      'update_feature',
      'validate',
    ]);
    for (const tool of tools) assert.equal(tool.inputSchema.type, 'object', tool.name);
    assert.match(session.client.getInstructions() ?? '', /refused/i);
    const { resources } = await session.client.listResources();
    assert.ok(resources.some((resource) => resource.uri === 'roadmap:///.roadmap/config.yaml'));
    assert.equal(resources.filter((resource) => resource.mimeType === 'text/markdown').length, 34);
    const feature = resources.find((resource) => resource.name.startsWith('F-028'))!;
    const read = await session.client.readResource({ uri: feature.uri });
    assert.match((read.contents[0] as { text: string }).text, /^id: F-028$/m);
    await assert.rejects(session.client.readResource({ uri: 'roadmap:///../../etc/passwd' }));
    await assert.rejects(session.client.readResource({ uri: 'roadmap:///README.md' }));
  });

  test('list_features: one compact line per feature, filters, sort, projection and paging', async () => {
    const all = await session.call('list_features', { limit: 500 });
    assert.equal(all.isError, false);
    const lines = all.text.split('\n');
    assert.match(lines[0], /^34 of 34 features match, sorted by score\./);
    assert.equal(lines.length, 35);
    assert.match(
      all.text,
      /^F-028 · Push notifications for alerts · planned · should · score \d+ · #\d+ · M3$/m,
    );

    const planned = await session.call('list_features', {
      status: 'planned',
      sort: 'id',
      fields: ['status'],
    });
    const plannedLines = planned.text.split('\n').slice(1);
    assert.ok(plannedLines.length > 0);
    for (const line of plannedLines) assert.match(line, / · planned$/);
    assert.ok(plannedLines.some((line) => line.startsWith('F-028 ')));
    const ids = plannedLines.map((line) => line.split(' · ')[0]);
    assert.deepEqual(ids, [...ids].sort());

    const several = await session.call('list_features', { status: ['planned', 'shipped'], limit: 500 });
    assert.ok(several.text.split('\n').length - 1 > plannedLines.length);

    const firstPage = await session.call('list_features', { sort: 'id', limit: 10 });
    assert.match(firstPage.text, /showing 1-10; next page: offset 10/);
    const secondPage = await session.call('list_features', { sort: 'id', limit: 10, offset: 10 });
    assert.match(secondPage.text.split('\n')[1], /^F-011 /);
    const beyond = await session.call('list_features', { offset: 100 });
    assert.match(beyond.text, /showing none/);

    const json = await session.call('list_features', {
      format: 'full',
      tag: 'mobile',
      fields: ['tags', 'score'],
    });
    const rows = JSON.parse(json.text.slice(json.text.indexOf('\n') + 1)) as { id: string; tags: string[] }[];
    assert.ok(rows.length > 0);
    for (const row of rows) assert.ok(row.tags.includes('mobile'));
    const everything = await session.call('list_features', { format: 'full', sort: 'id', limit: 1 });
    const [first] = JSON.parse(everything.text.slice(everything.text.indexOf('\n') + 1));
    assert.equal(first.id, 'F-001');
    assert.equal(first.file, 'features/F-001-single-sign-on.md');
    assert.ok(first.owner && first.status && first.milestone, 'every field without a projection');

    const text = await session.call('list_features', { text: 'APNs' });
    assert.match(text.text, /^F-028 /m, 'found by a word of its body');
    const invalid = await session.call('list_features', { sort: 'colour' });
    assert.equal(invalid.isError, true);
    assert.match(invalid.text, /sort/);
  });

  test('get_feature: front-matter, body, score, rank, diagnostics and dependencies both ways', async () => {
    const result = await session.call('get_feature', { id: 'F-028' });
    assert.equal(result.isError, false);
    const feature = JSON.parse(result.text);
    assert.equal(feature.id, 'F-028');
    assert.equal(feature.file, 'features/F-028-mobile-push-alerts.md');
    assert.match(feature.frontMatter, /^title: Push notifications for alerts$/m);
    assert.match(feature.body, /## Problem/);
    assert.equal(feature.score, 960);
    assert.equal(typeof feature.rank, 'number');
    assert.deepEqual(
      feature.dependsOn.map((dependency: { id: string }) => dependency.id),
      ['F-019', 'F-017'],
    );
    const dependents = JSON.parse((await session.call('get_feature', { id: 'F-017' })).text).dependents;
    assert.ok(dependents.some((dependent: { id: string }) => dependent.id === 'F-028'));
    const broken = JSON.parse((await session.call('get_feature', { id: 'F-027' })).text);
    assert.deepEqual(
      broken.diagnostics.map((diagnostic: { code: string }) => diagnostic.code),
      ['rice-impact-scale'],
    );
    assert.equal(broken.diagnostics[0].line, 8);
  });

  test('get_feature with a path-like id reads nothing outside the workspace', async () => {
    writeFileSync(join(scratch, 'secret.md'), '---\nid: SECRET\ntitle: outside\n---\n');
    for (const id of [
      '../secret.md',
      '../../secret',
      '/etc/passwd',
      'features/F-028-mobile-push-alerts.md',
    ]) {
      const result = await session.call('get_feature', { id });
      assert.equal(result.isError, true, id);
      assert.match(result.text, /No feature has the id/);
      assert.doesNotMatch(result.text, /outside|root:/);
    }
  });

  test('validate: the sample’s intentional problems, whole roadmap and one feature', async () => {
    const all = await session.call('validate');
    for (const code of ['rice-impact-scale', 'unknown-dependency', 'score-stale', 'rice-confidence-low'])
      assert.match(all.text, new RegExp(code));
    assert.match(all.text, /features\/F-027-mobile-offline-dashboards\.md:8 error rice-impact-scale/);
    assert.match(all.text, /4 problems \(2 errors, 1 warning/);
    const one = await session.call('validate', { id: 'F-020' });
    assert.match(one.text, /unknown-dependency/);
    assert.doesNotMatch(one.text, /rice-impact-scale/);
    const clean = await session.call('validate', { id: 'F-001' });
    assert.match(clean.text, /^No problems in F-001\.$/m);
  });

  test('roadmap_summary: milestones with progress and health, now/next/later, the top by score', async () => {
    const result = await session.call('roadmap_summary', { top: 3 });
    assert.match(result.text, /^- M1 .*: \d+\/\d+ done \(\d+%\), /m);
    assert.match(result.text, /^Now \(\d+\): /m);
    assert.match(result.text, /^Next \(\d+\): /m);
    assert.match(result.text, /^Later \(\d+\): /m);
    const top = result.text
      .split('Top 3 open features by score (#overall rank):\n')[1]
      .split('\n')
      .slice(0, 3);
    // F-013 and F-015 score higher but shipped: the first open feature is #3 overall.
    assert.match(top[0], /^#3 F-029 · Weekly metric digest email · 2400 · planned$/);
    for (const line of top) assert.doesNotMatch(line, /shipped|dropped/);
    assert.match(result.text, /Problems: 2 errors, 1 warning \(see validate\)/);
  });
});

describe('roadmap mcp between calls', () => {
  test('sees files added, changed and removed on disk, and a changed config', async () => {
    const session = await start();
    try {
      const added = join(session.root, 'features', 'F-040-added-by-hand.md');
      writeFileSync(added, '---\nid: F-040\ntitle: Added by hand\nstatus: idea\nmoscow: could\n---\n');
      assert.match(
        (await session.call('list_features', { sort: 'id', limit: 500 })).text,
        /^F-040 · Added by hand/m,
      );
      writeFileSync(added, '---\nid: F-040\ntitle: Renamed by hand\nstatus: idea\nmoscow: could\n---\n');
      assert.match((await session.call('get_feature', { id: 'F-040' })).text, /Renamed by hand/);
      rmSync(added);
      assert.match((await session.call('get_feature', { id: 'F-040' })).text, /No feature has the id/);
      const config = join(session.root, '.roadmap', 'config.yaml');
      writeFileSync(
        config,
        readFileSync(config, 'utf8').replace('rice-impact-scale: error', 'rice-impact-scale: warning'),
      );
      assert.match((await session.call('validate', { id: 'F-027' })).text, /8 warning rice-impact-scale/);
    } finally {
      await session.close();
    }
  });
});

describe('roadmap mcp writes', () => {
  test('update_feature: an impact off the scale is refused with its rule, the file byte for byte unchanged', async () => {
    const session = await start();
    try {
      const file = featureFile(session.root, 'F-028');
      const before = snapshot(join(session.root, '..'));
      const result = await session.call('update_feature', { id: 'F-028', set: { 'rice.impact': 4 } });
      assert.equal(result.isError, true);
      assert.match(result.text, /rice-impact-scale/);
      assert.match(result.text, /F-028 is unchanged/);
      assert.deepEqual(snapshot(join(session.root, '..')), before);
      assert.ok(readFileSync(file, 'utf8').includes('  impact: 1\n'));
    } finally {
      await session.close();
    }
  });

  test('update_feature: a status change rewrites that one line only', async () => {
    const session = await start();
    try {
      const file = featureFile(session.root, 'F-028');
      const before = readFileSync(file, 'utf8');
      const result = await session.call('update_feature', { id: 'F-028', set: { status: 'in-progress' } });
      assert.equal(result.isError, false, result.text);
      const after = readFileSync(file, 'utf8');
      assert.equal(after, before.replace('\nstatus: planned\n', '\nstatus: in-progress\n'));
      const changed = after.split('\n').filter((line, index) => line !== before.split('\n')[index]);
      assert.deepEqual(changed, ['status: in-progress']);
    } finally {
      await session.close();
    }
  });

  test('update_feature: nested objects, removal, body; unknown status and dangling dependency refused', async () => {
    const session = await start();
    try {
      const file = featureFile(session.root, 'F-028');
      const ok = await session.call('update_feature', {
        id: 'F-028',
        set: { rice: { impact: 2, reach: 1500 }, owner: null, tags: ['mobile', 'alerts', 'push'] },
        body: '# Push notifications for alerts\n\nRewritten.\n',
      });
      assert.equal(ok.isError, false, ok.text);
      const text = readFileSync(file, 'utf8');
      assert.match(text, /^ {2}impact: 2$/m);
      assert.match(text, /^ {2}reach: 1500$/m);
      assert.doesNotMatch(text, /^owner:/m);
      assert.match(text, /^tags: \[mobile, alerts, push\]$/m);
      assert.match(text, /---\n# Push notifications for alerts\n\nRewritten\.\n$/);
      assert.match(text, /# links to tickets|note: Diary participants/, 'the rest of the front-matter kept');

      for (const [set, code] of [
        [{ status: 'someday' }, 'invalid-enum'],
        [{ depends_on: ['F-019', 'F-404'] }, 'unknown-dependency'],
        [{ id: 'F-001' }, 'duplicate-id'],
      ] as const) {
        const refused = await session.call('update_feature', { id: 'F-028', set });
        assert.equal(refused.isError, true, JSON.stringify(set));
        assert.match(refused.text, new RegExp(code));
      }
      assert.equal(readFileSync(file, 'utf8'), text);

      const deep = await session.call('update_feature', { id: 'F-028', set: { 'rice.impact.value': 1 } });
      assert.equal(deep.isError, true);
      const missing = await session.call('update_feature', { id: 'F-999', set: { status: 'planned' } });
      assert.match(missing.text, /No feature has the id 'F-999'/);
    } finally {
      await session.close();
    }
  });

  test('problems a file already had do not block an unrelated edit', async () => {
    const session = await start();
    try {
      const result = await session.call('update_feature', { id: 'F-027', set: { status: 'in-progress' } });
      assert.equal(result.isError, false, result.text);
      assert.match(result.text, /rice-impact-scale/, 'the old problem is still reported');
      assert.match(readFileSync(featureFile(session.root, 'F-027'), 'utf8'), /^status: in-progress$/m);
    } finally {
      await session.close();
    }
  });

  test('two concurrent writes to one file both land: no lost update', async () => {
    const session = await start();
    try {
      const [first, second] = await Promise.all([
        session.call('update_feature', { id: 'F-028', set: { status: 'in-progress' } }),
        session.call('update_feature', { id: 'F-028', set: { 'rice.reach': 2000 } }),
      ]);
      assert.equal(first.isError, false, first.text);
      assert.equal(second.isError, false, second.text);
      const text = readFileSync(featureFile(session.root, 'F-028'), 'utf8');
      assert.match(text, /^status: in-progress$/m);
      assert.match(text, /^ {2}reach: 2000$/m);
    } finally {
      await session.close();
    }
  });

  test('a file changed on disk after it was read: the write with the old revision is refused', async () => {
    const session = await start();
    try {
      const file = featureFile(session.root, 'F-028');
      const { revision } = JSON.parse((await session.call('get_feature', { id: 'F-028' })).text);
      const edited = readFileSync(file, 'utf8').replace('owner: emma.novak', 'owner: someone.else');
      writeFileSync(file, edited);
      const result = await session.call('update_feature', {
        id: 'F-028',
        set: { status: 'review' },
        expectedRevision: revision,
      });
      assert.equal(result.isError, true);
      assert.match(result.text, /changed since you read it/);
      assert.equal(readFileSync(file, 'utf8'), edited);
      const fresh = JSON.parse((await session.call('get_feature', { id: 'F-028' })).text).revision;
      const retry = await session.call('update_feature', {
        id: 'F-028',
        set: { status: 'review' },
        expectedRevision: fresh,
      });
      assert.equal(retry.isError, false, retry.text);
      assert.match(readFileSync(file, 'utf8'), /^owner: someone\.else$/m);
    } finally {
      await session.close();
    }
  });

  test('create_feature: next free id, the team template, inside the workspace whatever the title', async () => {
    const session = await start();
    try {
      const outside = snapshot(scratch);
      const result = await session.call('create_feature', {
        title: '../../escape/../Offline ../ sync',
        moscow: 'could',
        milestone: 'M2',
        'rice.reach': 300,
        tags: ['mobile'],
      });
      assert.equal(result.isError, false, result.text);
      const match = /^Created (F-035) at (features\/F-035-[a-z0-9-]+\.md)\.$/m.exec(result.text);
      assert.ok(match, result.text);
      const created = readFileSync(join(session.root, match[2]), 'utf8');
      assert.match(created, /^title: "\.\.\/\.\.\/escape\/\.\.\/Offline \.\.\/ sync"$/m);
      assert.match(created, /^status: idea$/m);
      assert.match(created, /^moscow: could$/m);
      assert.match(
        created,
        /^ {2}reach: 300 # accounts or people per quarter$/m,
        "the team template's comment kept",
      );
      assert.match(created, /^created: \d{4}-\d{2}-\d{2}$/m);
      // Nothing appeared outside the workspace copy.
      const now = snapshot(scratch);
      const added = [...now.keys()].filter((path) => !outside.has(path));
      assert.deepEqual(added, [join(session.root, match[2])]);

      const second = await session.call('create_feature', { title: 'Another one' });
      assert.match(second.text, /^Created F-036 at/m);
      const bad = await session.call('create_feature', { title: 'Bad impact', 'rice.impact': 7 });
      assert.equal(bad.isError, true);
      assert.match(bad.text, /rice-impact-scale/);
      const taken = await session.call('create_feature', { title: 'Taken', id: 'F-001' });
      assert.match(taken.text, /already taken/);
      // An id is a name, never a path: a path-like one is slugged into the file name, inside features/.
      const pathId = await session.call('create_feature', {
        title: 'Path id',
        id: '../../x',
        moscow: 'could',
      });
      assert.match(pathId.text, /^Created \.\.\/\.\.\/x at features\/x-path-id\.md\.$/m);
      assert.equal(readdirSync(join(session.root, 'features')).length, 37);
      assert.deepEqual(
        [...snapshot(scratch).keys()].filter((path) => !outside.has(path) && !path.startsWith(session.root)),
        [],
      );
    } finally {
      await session.close();
    }
  });

  test('--read-only refuses every write and keeps the reads', async () => {
    const session = await start(['--read-only']);
    try {
      const before = snapshot(session.root);
      for (const [name, args] of [
        ['update_feature', { id: 'F-028', set: { status: 'review' } }],
        ['create_feature', { title: 'No' }],
      ] as const) {
        const result = await session.call(name, args);
        assert.equal(result.isError, true);
        assert.match(result.text, /read-only/);
      }
      assert.deepEqual(snapshot(session.root), before);
      assert.equal((await session.call('get_feature', { id: 'F-028' })).isError, false);
    } finally {
      await session.close();
    }
  });

  test('a feature file linked from outside the workspace is neither shown nor written', async () => {
    const outsideFile = join(scratch, 'outside-feature.md');
    writeFileSync(outsideFile, '---\nid: F-900\ntitle: Outside\nstatus: idea\nmoscow: could\n---\n');
    const session = await start([], (root) =>
      symlinkSync(outsideFile, join(root, 'features', 'F-900-link.md')),
    );
    try {
      const result = await session.call('get_feature', { id: 'F-900' });
      assert.equal(result.isError, true);
      const update = await session.call('update_feature', { id: 'F-900', set: { status: 'planned' } });
      assert.equal(update.isError, true);
      assert.match(readFileSync(outsideFile, 'utf8'), /status: idea/);
    } finally {
      await session.close();
    }
  });
});
