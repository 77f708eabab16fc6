// Every Roadmap command run through vscode.commands.executeCommand with its prompts answered by arguments;
// the effect is read back from the files, byte for byte.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import {
  exportFormats,
  exportRoadmap,
  markdownCodeFence,
  replaceMarkedSection,
  type ExportInput,
} from '../../../src/core/exporters';
import type { RoadmapApi } from '../../../src/extension';
import type { PanelOpener } from '../../../src/vscode/services';
import {
  activateRoadmap,
  exists,
  FileSnapshot,
  localToday,
  readText,
  waitFor,
  waitForIndexed,
  workspaceUri,
  writeAndSettle,
  writeText,
} from '../roadmapHelpers';

const sso = () => workspaceUri('roadmap', 'F-001-single-sign-on.md');
const audit = () => workspaceUri('roadmap', 'F-002-audit-log.md');
const offline = () => workspaceUri('roadmap', 'F-004-offline-sync.md');

/** `text` with exactly one occurrence of `from` replaced; fails when the fixture no longer has it. */
function replacedOnce(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `the fixture has exactly one '${from.trim()}'`);
  return text.replace(from, to);
}

function exportInputOf(api: RoadmapApi): ExportInput {
  const [state] = api.services.service.folderStates();
  return {
    features: state.index.features(),
    config: state.index.config,
    issuesOf: (file) => state.index.issues(file),
    today: new Date().toISOString().slice(0, 10),
  };
}

describe('Roadmap commands', () => {
  let api: RoadmapApi;
  let snapshot: FileSnapshot;
  /** Files a test may create or change; all are put back after each test. */
  const touched = () => [
    sso(),
    audit(),
    offline(),
    workspaceUri('roadmap', 'F-005-bulk-export-csv-and-json.md'),
    workspaceUri('roadmap', 'F-005-team-s-template-feature.md'),
    workspaceUri('roadmap', 'F-005-collision.md'),
    workspaceUri('roadmap', 'F-005-collision-2.md'),
    workspaceUri('roadmap', 'F-006-second-in-a-row.md'),
    workspaceUri('roadmap', 'F-970-stored-score.md'),
    workspaceUri('.roadmap', 'templates', 'feature.md'),
    workspaceUri('docs', 'ROADMAP.md'),
  ];

  before(async () => {
    api = await activateRoadmap();
  });

  beforeEach(async () => {
    snapshot = await FileSnapshot.take(api, touched());
  });

  afterEach(async () => {
    await snapshot.restore();
  });

  describe('New Feature', () => {
    it('writes the built-in template with the answers, the next id and a slug, and opens it', async () => {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('roadmap.newFeature', {
        title: 'Bulk export: CSV "and" JSON',
        status: 'idea',
        moscow: 'should',
        reach: 500,
        impact: 2,
        confidence: 80,
        effort: 2,
        milestone: 'M1',
      });
      assert.equal(uri?.toString(), workspaceUri('roadmap', 'F-005-bulk-export-csv-and-json.md').toString());
      assert.equal(
        await readText(uri),
        [
          '---',
          'id: F-005',
          'title: "Bulk export: CSV \\"and\\" JSON"',
          'status: idea',
          'moscow: should',
          'rice:',
          '  reach: 500 # people or accounts per quarter',
          '  impact: 2 # 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal',
          '  confidence: 80% # 100% high, 80% medium, 50% low',
          '  effort: 2 # person-months',
          'owner:',
          'team:',
          'milestone: M1',
          'quarter:',
          'start:',
          'end:',
          'depends_on: []',
          'goal:',
          'tags: []',
          'evidence: []',
          '---',
          '',
          '# Bulk export: CSV "and" JSON',
          '',
          '## Problem',
          '',
          'Who is struggling, with what, and how often? What does it cost them today?',
          '',
          '## Proposed solution',
          '',
          'The smallest change that solves the problem.',
          '',
          '## Tasks',
          '',
          '- [ ] Spec',
          '- [ ] Build',
          '- [ ] Docs',
          '',
          '## Evidence',
          '',
          '- Link tickets, feedback posts and call notes here and in `evidence:`.',
          '',
        ].join('\n'),
      );
      assert.equal(
        vscode.window.activeTextEditor?.document.uri.toString(),
        uri.toString(),
        'the new file is open',
      );
      const feature = api.services.service.lookup(uri)?.parsed.feature;
      assert.equal(feature?.score, 400, '500 × 2 × 80% ÷ 2');
      assert.deepEqual(api.services.service.issues(uri), [], 'the new file is valid');

      // Indexed at once: a second feature right after gets the next id, not the same one.
      const second = await vscode.commands.executeCommand<vscode.Uri>('roadmap.newFeature', {
        title: 'Second in a row',
      });
      assert.equal(second?.toString(), workspaceUri('roadmap', 'F-006-second-in-a-row.md').toString());
      assert.match(
        await readText(second),
        /^---\nid: F-006\ntitle: Second in a row\nstatus: idea\nmoscow:\nrice:\n {2}reach: # people/,
      );
    });

    it("fills the team's .roadmap/templates/feature.md, escaping the title for its quotes", async () => {
      await writeText(
        workspaceUri('.roadmap', 'templates', 'feature.md'),
        [
          '---',
          'id: {{id}}',
          'title: "{{title}}"',
          'status: {{status}}',
          'moscow: {{moscow}}',
          'rice:',
          '  reach: 0 # per quarter',
          '  impact: 1',
          '  confidence: 50%',
          '  effort: 1',
          'milestone: {{milestone}}',
          'created: {{today}}',
          '---',
          '',
          '# {{title}}',
          '',
          'Team template body for {{id}}.',
          '',
        ].join('\n'),
      );
      const uri = await vscode.commands.executeCommand<vscode.Uri>('roadmap.newFeature', {
        title: `Team's "template" feature`,
        status: 'planned',
        reach: 300,
        impact: 0.5,
        confidence: 100,
        effort: 3,
      });
      assert.equal(uri?.toString(), workspaceUri('roadmap', 'F-005-team-s-template-feature.md').toString());
      assert.equal(
        await readText(uri),
        [
          '---',
          'id: F-005',
          `title: "Team's \\"template\\" feature"`,
          'status: planned',
          'moscow:',
          'rice:',
          '  reach: 300 # per quarter',
          '  impact: 0.5',
          '  confidence: 100%',
          '  effort: 3',
          'milestone:',
          `created: ${localToday()}`,
          '---',
          '',
          `# Team's "template" feature`,
          '',
          'Team template body for F-005.',
          '',
        ].join('\n'),
      );
    });

    it('never overwrites an existing file and refuses answers that make no valid feature', async () => {
      const existing = workspaceUri('roadmap', 'F-005-collision.md');
      await writeText(existing, 'Notes, not a feature.\n');
      const uri = await vscode.commands.executeCommand<vscode.Uri>('roadmap.newFeature', {
        title: 'Collision',
      });
      assert.equal(uri?.toString(), workspaceUri('roadmap', 'F-005-collision-2.md').toString());
      assert.equal(await readText(existing), 'Notes, not a feature.\n');

      const refused = await vscode.commands.executeCommand<vscode.Uri | undefined>('roadmap.newFeature', {
        title: 'Nope',
        status: 'bogus',
      });
      assert.equal(refused, undefined);
      assert.equal(await exists(workspaceUri('roadmap', 'F-006-nope.md')), false);
    });
  });

  describe('feature edits', () => {
    it('Set Status and Set MoSCoW write one value, byte for byte', async () => {
      const original = await readText(sso());
      assert.equal(await vscode.commands.executeCommand('roadmap.setStatus', sso(), 'shipped'), true);
      const shipped = replacedOnce(original, 'status: planned\n', 'status: shipped\n');
      assert.equal(await readText(sso()), shipped);
      assert.equal(await vscode.commands.executeCommand('roadmap.setMoscow', sso(), 'could'), true);
      assert.equal(await readText(sso()), replacedOnce(shipped, 'moscow: must\n', 'moscow: could\n'));
    });

    it('accepts a tree node, several targets, an id, or the active editor as the target', async () => {
      await waitForIndexed(api, audit(), await readText(audit()));
      const [auditText, offlineText, ssoText] = await Promise.all([
        readText(audit()),
        readText(offline()),
        readText(sso()),
      ]);
      const node = api.tree.nodeOf(audit());
      assert.ok(node);
      assert.equal(
        await vscode.commands.executeCommand('roadmap.setMoscow', [node, offline()], 'could'),
        true,
      );
      assert.equal(await readText(audit()), replacedOnce(auditText, 'moscow: should\n', 'moscow: could\n'));
      assert.equal(await readText(offline()), replacedOnce(offlineText, 'moscow: wont\n', 'moscow: could\n'));

      assert.equal(await vscode.commands.executeCommand('roadmap.setStatus', 'F-001', 'idea'), true);
      assert.equal(await readText(sso()), replacedOnce(ssoText, 'status: planned\n', 'status: idea\n'));

      await vscode.window.showTextDocument(offline());
      assert.equal(await vscode.commands.executeCommand('roadmap.setStatus', undefined, 'dropped'), true);
      assert.equal(
        await readText(offline()),
        replacedOnce(
          replacedOnce(offlineText, 'moscow: wont\n', 'moscow: could\n'),
          'status: planned\n',
          'status: dropped\n',
        ),
      );

      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      assert.equal(
        await vscode.commands.executeCommand('roadmap.setStatus', undefined, 'idea'),
        false,
        'no target, no edit',
      );
    });

    it('refuses values outside the config and leaves the file alone', async () => {
      const original = await readText(sso());
      assert.equal(await vscode.commands.executeCommand('roadmap.setStatus', sso(), 'finished'), false);
      assert.equal(await vscode.commands.executeCommand('roadmap.setMoscow', sso(), 'maybe'), false);
      assert.equal(await vscode.commands.executeCommand('roadmap.scoreRice', sso(), { impact: 4 }), false);
      assert.equal(await readText(sso()), original);
    });

    it('Score with RICE writes the inputs, and the score when the file stores one', async () => {
      const original = await readText(sso());
      assert.equal(
        await vscode.commands.executeCommand('roadmap.scoreRice', sso(), {
          reach: 1000,
          impact: 3,
          confidence: 100,
          effort: 4,
        }),
        true,
      );
      assert.equal(
        await readText(sso()),
        replacedOnce(
          original,
          'rice: { reach: 400, impact: 2, confidence: 80%, effort: 2 }\n',
          'rice: { reach: 1000, impact: 3, confidence: 100%, effort: 4 }\n',
        ),
        'no score: is added to a file that had none',
      );

      const stored = workspaceUri('roadmap', 'F-970-stored-score.md');
      const text =
        '---\nid: F-970\ntitle: Stored score\nstatus: idea\nrice:\n  reach: 400 # accounts\n  impact: 2\n  confidence: 80%\n  effort: 2\nscore: 320\n---\n';
      await writeAndSettle(api, stored, text);
      assert.equal(
        await vscode.commands.executeCommand('roadmap.scoreRice', stored, { reach: 1000, impact: 3 }),
        true,
      );
      assert.equal(
        await readText(stored),
        '---\nid: F-970\ntitle: Stored score\nstatus: idea\nrice:\n  reach: 1000 # accounts\n  impact: 3\n  confidence: 80%\n  effort: 2\nscore: 1200\n---\n',
      );
    });
  });

  describe('navigation', () => {
    let opened: { focusId?: string }[];
    let originalOpen: PanelOpener['open'];

    beforeEach(() => {
      opened = [];
      originalOpen = api.services.panel.open;
      api.services.panel.open = async (options = {}) => {
        opened.push(options);
      };
    });

    afterEach(() => {
      api.services.panel.open = originalOpen;
    });

    it('Open Feature File puts the cursor on the first front-matter line; Go to Feature finds by id', async () => {
      assert.equal(String(await vscode.commands.executeCommand('roadmap.openFeature', sso())), String(sso()));
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.toString(), sso().toString());
      assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [1, 0]);

      assert.equal(
        String(await vscode.commands.executeCommand('roadmap.goToFeature', 'F-002')),
        String(audit()),
      );
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), audit().toString());
      assert.equal(await vscode.commands.executeCommand('roadmap.goToFeature', 'F-404'), undefined);
    });

    it('Open Roadmap and Reveal in Roadmap Panel open the panel, on the feature', async () => {
      await vscode.commands.executeCommand('roadmap.openRoadmap');
      await vscode.commands.executeCommand('roadmap.revealInPanel', api.tree.nodeOf(audit()));
      assert.deepEqual(opened, [{}, { focusId: 'F-002' }]);
    });

    it('Copy Feature Id puts the id on the clipboard', async () => {
      assert.equal(await vscode.commands.executeCommand('roadmap.copyId', sso()), 'F-001');
      assert.equal(await vscode.env.clipboard.readText(), 'F-001');
    });
  });

  describe('workspace', () => {
    let outDir: string;

    before(() => {
      outDir = mkdtempSync(join(tmpdir(), 'roadmap-export-'));
    });

    after(() => {
      rmSync(outDir, { recursive: true, force: true });
    });

    it('Export Roadmap writes every format to the given file', async () => {
      for (const format of exportFormats) {
        const target = vscode.Uri.file(join(outDir, `roadmap-${format}.out`));
        const written = await vscode.commands.executeCommand<vscode.Uri>('roadmap.export', format, target);
        assert.equal(written?.toString(), target.toString());
        const text = await readText(target);
        assert.ok(text.length > 0, `${format} is not empty`);
        assert.equal(text, exportRoadmap(format, exportInputOf(api)), `${format} is the exporter's output`);
      }
    });

    it('Publish Site writes the indexed roadmap as a site, and refuses a folder holding something else', async () => {
      const target = vscode.Uri.file(join(outDir, 'site'));
      const index = await vscode.commands.executeCommand<vscode.Uri>('roadmap.publishSite', target);
      assert.equal(index?.toString(), vscode.Uri.joinPath(target, 'index.html').toString());
      assert.match(await readText(index), /<div id="root" class="root">/);
      const data = await readText(vscode.Uri.joinPath(target, 'data.js'));
      const features = api.services.service.folderStates().flatMap((state) => state.index.features());
      assert.ok(features.length > 0);
      for (const feature of features) assert.ok(data.includes(JSON.stringify(feature.file)), feature.file);
      assert.ok(await exists(vscode.Uri.joinPath(target, 'features', 'F-001.html')));
      for (const asset of ['site.js', 'site.css', 'mermaid.min.js'])
        assert.ok(await exists(vscode.Uri.joinPath(target, 'assets', asset)), asset);

      const busy = vscode.Uri.file(join(outDir, 'busy'));
      const notes = vscode.Uri.joinPath(busy, 'notes.txt');
      await writeText(notes, 'mine');
      assert.equal(await vscode.commands.executeCommand('roadmap.publishSite', busy), undefined);
      assert.equal(await readText(notes), 'mine');
    });

    it('Insert or Update Roadmap in Markdown inserts a marked block, then updates only the block', async () => {
      const uri = workspaceUri('docs', 'ROADMAP.md');
      const original = '# Plan\n\nHand-written intro.\n';
      await writeText(uri, original);

      assert.equal(await vscode.commands.executeCommand('roadmap.updateMarkdown', uri, 'table'), true);
      const first = await readText(uri);
      assert.equal(first, replaceMarkedSection(original, exportRoadmap('markdown', exportInputOf(api))));
      assert.ok(first.startsWith(`${original}\n<!-- roadmap:start -->\n`));

      // People write around the block; a later run replaces the block and nothing else.
      const edited = first.replace('Hand-written intro.', 'Hand-written intro, edited.') + '\nOutro.\n';
      await writeAndSettle(api, uri, edited);
      const auditText = await readText(audit());
      await vscode.commands.executeCommand('roadmap.setStatus', audit(), 'shipped');
      await waitFor(
        'the index to see F-002 shipped',
        () => api.services.service.lookup(audit())?.parsed.feature?.status === 'shipped',
        [api.services.service.onDidChange],
      );
      assert.notEqual(await readText(audit()), auditText);

      assert.equal(await vscode.commands.executeCommand('roadmap.updateMarkdown', uri, 'gantt'), true);
      const second = await readText(uri);
      const gantt = markdownCodeFence('mermaid', exportRoadmap('mermaid-gantt', exportInputOf(api)));
      assert.equal(second, replaceMarkedSection(edited, gantt));
      const before = (text: string) => text.slice(0, text.indexOf('<!-- roadmap:start -->'));
      const after = (text: string) => text.slice(text.indexOf('<!-- roadmap:end -->'));
      assert.equal(before(second), before(edited));
      assert.equal(after(second), after(edited));
      assert.match(second, /<!-- roadmap:start -->\n\n```mermaid\ngantt\n/);

      // Nothing changed since: running again leaves the file as it is.
      assert.equal(await vscode.commands.executeCommand('roadmap.updateMarkdown', uri, 'gantt'), true);
      assert.equal(await readText(uri), second);
    });

    it('Validate Workspace reports the problems of every feature file, open or not', async () => {
      const { service } = api.services;
      const expected = service.allFeatures().reduce((sum, { uri }) => sum + service.issues(uri).length, 0);
      assert.ok(expected > 0, 'the fixture has problems to report');
      assert.equal(await vscode.commands.executeCommand('roadmap.validateWorkspace'), expected);
      const withProblems = service.allFeatures().find(({ uri }) => service.issues(uri).length > 0)!;
      assert.equal(
        vscode.languages.getDiagnostics(withProblems.uri).length,
        service.issues(withProblems.uri).length,
      );
    });

    it('Refresh Index re-reads the workspace; Show Log runs', async () => {
      const count = api.services.service.featureCount();
      await vscode.commands.executeCommand('roadmap.refresh');
      assert.equal(api.services.service.featureCount(), count);
      await vscode.commands.executeCommand('roadmap.showLog');
    });
  });
});
