// The pieces of the agent tools that need no server: the manifest agrees with the one definition, argument
// checking, the path guard, the .vscode/mcp.json merge, and the tools over an in-memory host.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { checkArguments, toolDefinitions } from '../../src/core/tools/definitions';
import { languageModelToolName, toolNames } from '../../src/core/tools/toolNames';
import { defaultConfig, parseConfig, type RoadmapConfig } from '../../src/core/config';
import { kep } from '../../src/core/presets/kep';
import { presetConfig } from '../../src/core/presets/presets';
import { createDiscovery } from '../../src/core/discovery';
import {
  workspacePathProblem,
  type ToolHost,
  type ToolWorkspace,
  type WriteOutcome,
} from '../../src/core/tools/host';
import { addMcpServer, type McpServerEntry } from '../../src/core/tools/mcpConfig';
import { RoadmapTools } from '../../src/core/tools/roadmapTools';
import { WorkspaceIndex } from '../../src/core/workspaceIndex';

const repo = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

describe('tool definitions', () => {
  test('package.json languageModelTools are the core definitions, in order, with activation events', () => {
    const contributed = manifest.contributes.languageModelTools as {
      name: string;
      displayName: string;
      modelDescription: string;
      inputSchema: unknown;
    }[];
    assert.deepEqual(
      contributed.map((tool) => tool.name),
      toolDefinitions.map((definition) => languageModelToolName(definition.name)),
    );
    for (const [index, definition] of toolDefinitions.entries()) {
      assert.equal(contributed[index].displayName, definition.title);
      assert.equal(contributed[index].modelDescription, definition.description);
      assert.deepEqual(contributed[index].inputSchema, definition.inputSchema, definition.name);
      assert.ok(manifest.activationEvents.includes(`onLanguageModelTool:${contributed[index].name}`));
    }
    assert.deepEqual(
      toolDefinitions.map((definition) => definition.name),
      [...toolNames],
    );
  });

  test('checkArguments: types, enums, ranges, required and unknown properties', () => {
    const list = toolDefinitions.find((definition) => definition.name === 'list_features')!.inputSchema;
    assert.equal(checkArguments(list, {}), undefined);
    assert.equal(
      checkArguments(list, { status: ['planned', 'idea'], limit: 5, fields: ['score'] }),
      undefined,
    );
    assert.match(checkArguments(list, { limit: 0 })!, /at least 1/);
    assert.match(checkArguments(list, { limit: 2.5 })!, /integer/);
    assert.match(checkArguments(list, { sort: 'colour' })!, /one of score, rank, end, id/);
    assert.match(checkArguments(list, { fields: ['secret'] })!, /fields'\[0\]/);
    assert.match(checkArguments(list, { colour: 'red' })!, /unknown argument 'colour'/);
    assert.match(checkArguments(list, [])!, /must be object/);
    const get = toolDefinitions.find((definition) => definition.name === 'get_feature')!.inputSchema;
    assert.match(checkArguments(get, {})!, /need 'id'/);
    assert.match(checkArguments(get, { id: 7 })!, /'id' must be string/);
    const create = toolDefinitions.find((definition) => definition.name === 'create_feature')!.inputSchema;
    assert.equal(checkArguments(create, { title: 'x', 'rice.reach': 10, owner: 'ana' }), undefined);
    // A property named like Object.prototype's members is just an unknown argument.
    assert.match(checkArguments(get, { id: 'F-1', constructor: 1 })!, /unknown argument 'constructor'/);
  });
});

describe('workspacePathProblem', () => {
  test('keeps paths inside the workspace and to Markdown', () => {
    assert.equal(workspacePathProblem('features/F-001-sso.md'), undefined);
    assert.equal(workspacePathProblem('.roadmap/templates/feature.md'), undefined);
    for (const path of [
      '../outside.md',
      'features/../../outside.md',
      '/etc/passwd.md',
      'C:/Windows/x.md',
      'features\\..\\x.md',
      'features//x.md',
      './x.md',
      'features/x.md\u0000.txt',
      '',
      'features/notes.txt',
    ])
      assert.ok(workspacePathProblem(path), path);
  });
});

describe('addMcpServer', () => {
  const entry: McpServerEntry = {
    type: 'stdio',
    command: 'node',
    args: ['cli.js', 'mcp', '${workspaceFolder}'],
  };

  test('creates the file when there is none', () => {
    const edit = addMcpServer(undefined, entry);
    assert.ok(edit.ok);
    assert.equal(edit.outcome, 'created');
    assert.deepEqual(JSON.parse(edit.text), { servers: { roadmap: entry } });
  });

  test('adds to an existing file, keeping other servers, inputs, key order and indentation', () => {
    const existing =
      '{\n\t"inputs": [{ "id": "token", "type": "promptString" }],\n\t"servers": {\n\t\t"github": { "type": "http", "url": "https://example.com/mcp" }\n\t}\n}\n';
    const edit = addMcpServer(existing, entry);
    assert.ok(edit.ok);
    assert.equal(edit.outcome, 'added');
    const parsed = JSON.parse(edit.text);
    assert.deepEqual(Object.keys(parsed), ['inputs', 'servers']);
    assert.deepEqual(Object.keys(parsed.servers), ['github', 'roadmap']);
    assert.deepEqual(parsed.inputs, [{ id: 'token', type: 'promptString' }]);
    assert.match(edit.text, /^\t"inputs"/m);
    const again = addMcpServer(edit.text, entry);
    assert.ok(again.ok);
    assert.equal(again.outcome, 'unchanged');
    assert.equal(again.text, edit.text);
    const moved = addMcpServer(edit.text, { ...entry, args: ['other/cli.js', 'mcp', '${workspaceFolder}'] });
    assert.ok(moved.ok);
    assert.equal(moved.outcome, 'updated');
    assert.equal(JSON.parse(moved.text).servers.github.url, 'https://example.com/mcp');
  });

  test('leaves files it cannot read as JSON alone, with a reason', () => {
    for (const text of ['{ // mine\n "servers": {} }', '[1, 2]', '{ "servers": [] }', '{ "servers": {}, }']) {
      const edit = addMcpServer(text, entry);
      assert.equal(edit.ok, false, text);
      assert.ok(!edit.ok && /left as it is/.test(edit.reason));
    }
  });
});

/** The tools over files in memory: the host contract without a process, and races made deterministic. */
class MemoryHost implements ToolHost {
  readOnly = false;
  /** The config to use instead of `.roadmap/config.yaml`'s (a preset's). */
  config: RoadmapConfig | undefined;
  /** Called after each read, so a test can change a file between the tool's read and its write. */
  afterRead: (file: string) => void = () => {};

  constructor(readonly files: Map<string, string>) {}

  async load(): Promise<ToolWorkspace> {
    const configText = this.files.get('.roadmap/config.yaml');
    const { config, problems } =
      configText === undefined
        ? { config: this.config ?? defaultConfig(), problems: [] }
        : parseConfig(configText);
    const index = new WorkspaceIndex(config);
    const discovery = createDiscovery(config);
    for (const [file, text] of this.files) if (discovery.isCandidate(file)) index.update(file, text);
    index.flush();
    return { config, configProblems: problems, configText, index };
  }

  async read(file: string): Promise<string | undefined> {
    const text = this.files.get(file);
    this.afterRead(file);
    return text;
  }

  async replace(file: string, expected: string, updated: string): Promise<WriteOutcome> {
    if (this.files.get(file) !== expected) return { ok: false, reason: `${file} changed on disk` };
    this.files.set(file, updated);
    return { ok: true };
  }

  async create(file: string, text: string): Promise<WriteOutcome> {
    if (this.files.has(file)) return { ok: false, reason: 'exists', exists: true };
    this.files.set(file, text);
    return { ok: true };
  }
}

const feature = (id: string, extra = '') =>
  `---\nid: ${id}\ntitle: Feature ${id}\nstatus: planned\n${extra}---\n\nBody of ${id}.\n`;

describe('RoadmapTools over a host', () => {
  test('a file changed between the read and the write is refused, the other edit kept', async () => {
    const host = new MemoryHost(new Map([['roadmap/F-001.md', feature('F-001')]]));
    const tools = new RoadmapTools(host);
    host.afterRead = (file) => {
      host.afterRead = () => {};
      host.files.set(file, host.files.get(file)!.replace('Body of', 'Edited body of'));
    };
    const result = await tools.call('update_feature', { id: 'F-001', set: { status: 'shipped' } });
    assert.equal(result.isError, true);
    assert.match(result.text, /changed on disk/);
    assert.match(host.files.get('roadmap/F-001.md')!, /status: planned\n[\s\S]*Edited body of F-001/);
  });

  test('a KEP (kep.yaml: YAML metadata without fences) is updated in place', async () => {
    const metadata = 'title: Rolling restarts\nkep-number: 1002\nowning-sig: sig-apps\nstatus: provisional\n';
    const host = new MemoryHost(new Map([['keps/sig-apps/1002-rolling-restarts/kep.yaml', metadata]]));
    host.config = presetConfig({ preset: kep, base: '', detected: true }, () => undefined).config;
    const result = await new RoadmapTools(host).call('update_feature', {
      id: '1002',
      set: { status: 'implementable', team: 'sig-node' },
    });
    assert.ok(!result.isError, result.text);
    assert.equal(
      host.files.get('keps/sig-apps/1002-rolling-restarts/kep.yaml'),
      'title: Rolling restarts\nkep-number: 1002\nowning-sig: sig-node\nstatus: implementable\n',
    );
  });

  test('a file whose YAML does not parse is never edited', async () => {
    const broken = '---\nid: F-001\ntitle: [unclosed\n---\n';
    const host = new MemoryHost(
      new Map([
        ['roadmap/F-001.md', broken],
        ['roadmap/F-002.md', feature('F-002')],
      ]),
    );
    const result = await new RoadmapTools(host).call('update_feature', {
      id: 'F-002',
      set: { depends_on: ['F-001'] },
    });
    // F-001 has no readable id, so depending on it adds an error: refused.
    assert.equal(result.isError, true);
    assert.match(result.text, /unknown-dependency/);
    assert.equal(host.files.get('roadmap/F-001.md'), broken);
  });

  test('duplicate ids are reported, not guessed between', async () => {
    const host = new MemoryHost(
      new Map([
        ['roadmap/a.md', feature('F-001')],
        ['roadmap/b.md', feature('F-001')],
      ]),
    );
    const result = await new RoadmapTools(host).call('get_feature', { id: 'F-001' });
    assert.equal(result.isError, true);
    assert.match(result.text, /2 features have the id F-001 \(roadmap\/a\.md, roadmap\/b\.md\)/);
  });

  test('create_feature in an empty workspace, with the built-in template when the team one is broken', async () => {
    const host = new MemoryHost(new Map([['.roadmap/templates/feature.md', 'no front-matter here\n']]));
    const result = await new RoadmapTools(host).call('create_feature', {
      title: 'First one',
      'rice.reach': 10,
    });
    assert.match(result.text, /^Created F-001 at roadmap\/F-001-first-one\.md\./);
    const text = host.files.get('roadmap/F-001-first-one.md')!;
    assert.match(text, /^status: idea$/m);
    assert.match(text, /^ {2}reach: 10 # people or accounts per quarter$/m);
  });

  test('create_feature refuses a place discovery would not read', async () => {
    const host = new MemoryHost(
      new Map([
        ['.roadmap/config.yaml', 'include: ["plans/**/*.md"]\n'],
        ['plans/F-001.md', feature('F-001')],
      ]),
    );
    const created = await new RoadmapTools(host).call('create_feature', { title: 'Next' });
    assert.match(created.text, /^Created F-002 at plans\/F-002-next\.md\./);
    const elsewhere = new MemoryHost(new Map([['.roadmap/config.yaml', 'include: ["plans/**/*.md"]\n']]));
    const refused = await new RoadmapTools(elsewhere).call('create_feature', { title: 'Next' });
    assert.match(refused.text, /would not be read as a feature file/);
    assert.equal([...elsewhere.files.keys()].length, 1);
  });

  test('roadmap_summary: a milestone whose date has passed with work left is late', async () => {
    const host = new MemoryHost(
      new Map([
        [
          '.roadmap/config.yaml',
          'milestones:\n  - { id: M0, title: Past, date: 2001-01-01 }\n  - { id: M9, title: Far, date: 2999-01-01 }\n',
        ],
        ['roadmap/F-001.md', feature('F-001', 'milestone: M0\n')],
        [
          'roadmap/F-002.md',
          feature('F-002', 'milestone: M9\nstatus: shipped\n').replace('status: planned\n', ''),
        ],
      ]),
    );
    const summary = (await new RoadmapTools(host).call('roadmap_summary', {})).text;
    assert.match(summary, /^- M0 Past \(2001-01-01\): 0\/1 done \(0%\), late: its date has passed$/m);
    assert.match(summary, /^- M9 Far \(2999-01-01\): 1\/1 done \(100%\), done$/m);
  });
});
