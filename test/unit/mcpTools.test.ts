// The pieces of the agent tools that need no server: the manifest agrees with the one definition, argument
// checking, the path guard and the .vscode/mcp.json merge.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import {
  checkArguments,
  languageModelToolName,
  toolDefinitions,
  toolNames,
} from '../../src/core/tools/definitions';
import { workspacePathProblem } from '../../src/core/tools/host';
import { addMcpServer, type McpServerEntry } from '../../src/core/tools/mcpConfig';

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
