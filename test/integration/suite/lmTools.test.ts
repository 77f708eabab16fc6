// The agent tools inside the real VS Code: registered through vscode.lm, listed in vscode.lm.tools, invoked
// with vscode.lm.invokeTool, writing through the extension's writer; and the MCP setup command.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { nextFeatureId } from '../../../src/core/featureTemplate';
import { toolDefinitions } from '../../../src/core/tools/definitions';
import { languageModelToolName } from '../../../src/core/tools/toolNames';
import type { RoadmapApi } from '../../../src/extension';
import {
  activateRoadmap,
  exists,
  FileSnapshot,
  readText,
  waitFor,
  workspaceUri,
  writeText,
} from '../roadmapHelpers';

const sso = () => workspaceUri('roadmap', 'F-001-single-sign-on.md');
/** The file create_feature will write: the next free id (other suites may have added features) and the slug. */
const created = (api: RoadmapApi) => {
  const id = nextFeatureId(api.services.service.folderStates()[0].index.features());
  return { id, uri: workspaceUri('roadmap', `${id}-sneaky-escape.md`) };
};
const mcpJson = () => workspaceUri('.vscode', 'mcp.json');

async function invoke(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return result.content
    .map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : ''))
    .join('');
}

describe('Language-model tools', () => {
  let api: RoadmapApi;
  let snapshot: FileSnapshot;

  before(async () => {
    api = await activateRoadmap();
  });

  beforeEach(async () => {
    snapshot = await FileSnapshot.take(api, [sso(), created(api).uri, mcpJson()]);
  });

  afterEach(async () => {
    await snapshot.restore();
  });

  it('registers every tool, listed in vscode.lm.tools with its object input schema', async () => {
    const names = toolDefinitions.map((definition) => languageModelToolName(definition.name));
    await waitFor(
      'the roadmap tools to be listed',
      () => names.every((name) => vscode.lm.tools.some((tool) => tool.name === name)),
      [],
    );
    for (const name of names) {
      const tool = vscode.lm.tools.find((candidate) => candidate.name === name)!;
      assert.equal((tool.inputSchema as { type?: string } | undefined)?.type, 'object', name);
      assert.ok(tool.tags.includes('roadmap'), name);
    }
  });

  it('lists, gets and validates through vscode.lm.invokeTool', async () => {
    const planned = await invoke('roadmap_list_features', {
      status: 'planned',
      sort: 'id',
      fields: ['status'],
    });
    const lines = planned.split('\n').slice(1);
    assert.ok(
      lines.some((line) => line.startsWith('F-001 · Single sign-on · planned')),
      planned,
    );
    for (const line of lines) assert.match(line, / · planned$/);
    const feature = JSON.parse(await invoke('roadmap_get_feature', { id: 'F-002' }));
    assert.deepEqual(
      feature.dependsOn.map((dependency: { id: string }) => dependency.id),
      ['F-001'],
    );
    await assert.rejects(
      invoke('roadmap_get_feature', { id: '../.roadmap/config.yaml' }),
      /No feature has the id/,
    );
    assert.match(
      await invoke('roadmap_validate', {}),
      /problems? .* in \d+ features\.|No problems in \d+ features\./,
    );
    assert.match(await invoke('roadmap_summary', {}), /^Top 5 open features by score/m);
  });

  it('refuses an update that adds an error, leaving the file and its document untouched', async () => {
    const before = await readText(sso());
    await assert.rejects(
      invoke('roadmap_update_feature', { id: 'F-001', set: { 'rice.impact': 4 } }),
      /rice-impact-scale/,
    );
    assert.equal(await readText(sso()), before);
  });

  it('writes a valid update through the writer: one line changed, saved, indexed', async () => {
    const before = await readText(sso());
    const result = await invoke('roadmap_update_feature', { id: 'F-001', set: { status: 'in-progress' } });
    assert.match(result, /^Updated F-001/);
    assert.equal(await readText(sso()), before.replace('\nstatus: planned\n', '\nstatus: in-progress\n'));
    assert.equal(api.services.service.lookup(sso())?.parsed.feature?.status, 'in-progress');
  });

  it('creates a feature inside the workspace whatever its title says', async () => {
    const { id, uri } = created(api);
    const result = await invoke('roadmap_create_feature', { title: 'Sneaky ../../../escape' });
    assert.ok(result.startsWith(`Created ${id} at roadmap/${id}-sneaky-escape.md.`), result);
    assert.ok(await exists(uri));
    assert.match(await readText(uri), /^title: Sneaky \.\.\/\.\.\/\.\.\/escape$/m);
  });

  it('Add MCP Server to Workspace writes .vscode/mcp.json and merges with an existing one', async () => {
    await writeText(
      mcpJson(),
      '{\n  "servers": {\n    "other": { "type": "http", "url": "https://example.com/mcp" }\n  }\n}\n',
    );
    await vscode.commands.executeCommand('roadmap.addMcpServer');
    const config = JSON.parse(await readText(mcpJson()));
    assert.equal(config.servers.other.url, 'https://example.com/mcp');
    assert.equal(config.servers.roadmap.type, 'stdio');
    assert.deepEqual(config.servers.roadmap.args.slice(1), ['mcp', '${workspaceFolder}']);
    assert.match(config.servers.roadmap.args[0], /dist[\\/]cli\.js$/);
    const text = await readText(mcpJson());
    await vscode.commands.executeCommand('roadmap.addMcpServer');
    assert.equal(await readText(mcpJson()), text, 'a second run changes nothing');
  });
});
