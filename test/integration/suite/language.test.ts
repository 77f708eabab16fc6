// Language features in a real VS Code: diagnostics while typing (unsaved), quick fixes and fix-all applied
// through the editor's commands, completion, hover, code lens, id links, definition, references and rename.
// Every test edits only the lang-*.md fixtures, without saving; afterEach puts their text back.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { rankByScore } from '../../../src/core/roadmapModel';
import type { RoadmapApi } from '../../../src/extension';
import { activateRoadmap, exists, waitFor, waitForIndexed, workspaceUri } from '../roadmapHelpers';

const alphaUri = () => workspaceUri('roadmap', 'lang-alpha.md');
const betaUri = () => workspaceUri('roadmap', 'lang-beta.md');
const gammaUri = () => workspaceUri('roadmap', 'lang-gamma.md');
const notesUri = () => workspaceUri('roadmap', 'lang-notes.md');

type Diagnostics = readonly vscode.Diagnostic[];

const ours = (uri: vscode.Uri): vscode.Diagnostic[] =>
  vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'roadmap');

const codeOf = (diagnostic: vscode.Diagnostic): string | undefined => {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
};

/** Resolves with our diagnostics of `uri` once `predicate` holds, checking now and on each change for it. */
async function waitForDiagnostics(
  uri: vscode.Uri,
  description: string,
  predicate: (diagnostics: Diagnostics) => boolean,
  timeoutMs = 10_000,
): Promise<vscode.Diagnostic[]> {
  await waitFor(
    `${description} in ${vscode.workspace.asRelativePath(uri)} (now: ${JSON.stringify(ours(uri).map(codeOf))})`,
    () => predicate(ours(uri)),
    [vscode.languages.onDidChangeDiagnostics],
    timeoutMs,
  );
  return ours(uri);
}

/** Waits for a diagnostic with this rule code and returns it. */
async function diagnosticWithCode(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic> {
  const diagnostics = await waitForDiagnostics(uri, `a ${code} diagnostic`, (current) =>
    current.some((diagnostic) => codeOf(diagnostic) === code),
  );
  return diagnostics.find((diagnostic) => codeOf(diagnostic) === code)!;
}

/** The range of the `occurrence`-th match of `needle` in a document, shifted to a sub-part if asked. */
function rangeOf(document: vscode.TextDocument, needle: string, part = needle): vscode.Range {
  const text = document.getText();
  const start = text.indexOf(needle);
  assert.ok(start >= 0, `'${needle}' in ${vscode.workspace.asRelativePath(document.uri)}`);
  const partStart = start + needle.indexOf(part);
  return new vscode.Range(document.positionAt(partStart), document.positionAt(partStart + part.length));
}

/** The position just after `needle` (or `delta` characters into it). */
function positionAfter(
  document: vscode.TextDocument,
  needle: string,
  delta = needle.length,
): vscode.Position {
  const start = document.getText().indexOf(needle);
  assert.ok(start >= 0, `'${needle}' in ${vscode.workspace.asRelativePath(document.uri)}`);
  return document.positionAt(start + delta);
}

/** Replaces the one occurrence of `from` in an open document, without saving (as typing would). */
async function type(document: vscode.TextDocument, from: string, to: string): Promise<void> {
  const text = document.getText();
  assert.equal(
    text.split(from).length,
    2,
    `exactly one '${from}' in ${vscode.workspace.asRelativePath(document.uri)}`,
  );
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, rangeOf(document, from), to);
  assert.equal(await vscode.workspace.applyEdit(edit), true);
}

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
  );
  return (actions ?? []).filter(
    (action): action is vscode.CodeAction => 'kind' in action || 'edit' in action,
  );
}

/**
 * The quick fixes offered at a diagnostic's range. (The API command does not hand back an action's attached
 * diagnostics, so actions are told apart by title and isPreferred.)
 */
async function quickFixesFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return codeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
}

async function apply(action: vscode.CodeAction | undefined): Promise<void> {
  assert.ok(action?.edit, 'the action has an edit');
  assert.equal(await vscode.workspace.applyEdit(action.edit), true);
}

/** Applies the quick fix titled `title` (or the preferred one) for the first diagnostic with `code`. */
async function fix(uri: vscode.Uri, code: string, title?: string): Promise<vscode.CodeAction> {
  const diagnostic = await diagnosticWithCode(uri, code);
  const actions = await quickFixesFor(uri, diagnostic);
  const action = title
    ? actions.find((candidate) => candidate.title === title)
    : actions.find((candidate) => candidate.isPreferred);
  assert.ok(
    action,
    `${title ?? 'a preferred fix'} among ${JSON.stringify(actions.map((candidate) => [candidate.title, candidate.isPreferred]))}`,
  );
  assert.equal(action.kind?.value, vscode.CodeActionKind.QuickFix.value);
  await apply(action);
  return action;
}

const labelOf = (item: vscode.CompletionItem) =>
  typeof item.label === 'string' ? item.label : item.label.label;

async function completions(
  uri: vscode.Uri,
  position: vscode.Position,
  trigger?: string,
): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    position,
    trigger,
  );
  return list?.items ?? [];
}

function item(items: readonly vscode.CompletionItem[], label: string): vscode.CompletionItem {
  const found = items.find((candidate) => labelOf(candidate) === label);
  assert.ok(found, `'${label}' among ${items.map(labelOf).join(', ')}`);
  return found;
}

const markdownOf = (documentation: vscode.CompletionItem['documentation']) =>
  typeof documentation === 'string' ? documentation : (documentation?.value ?? '');

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    uri,
    position,
  );
  return (hovers ?? []).flatMap((hover) =>
    hover.contents.map((content) => {
      if (content instanceof vscode.MarkdownString) {
        // Feature files are the workspace's text: a hover must never run commands from it.
        assert.ok(!content.isTrusted, 'hover Markdown is untrusted');
        return content.value;
      }
      return typeof content === 'string' ? content : content.value;
    }),
  );
}

async function roadmapLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
    'vscode.executeCodeLensProvider',
    uri,
  );
  return (lenses ?? []).filter((lens) => lens.command?.command === 'roadmap.revealInPanel');
}

type AnyLocation = vscode.Location | vscode.LocationLink;
const targetOf = (location: AnyLocation) =>
  'targetUri' in location
    ? { uri: location.targetUri, range: location.targetSelectionRange ?? location.targetRange }
    : { uri: location.uri, range: location.range };

describe('Language features', () => {
  let api: RoadmapApi;
  /** The text of each fixture as the suite found it, to put back after each test. */
  const originals = new Map<string, string>();
  /** Files a test created. */
  const created: vscode.Uri[] = [];

  /** Opens a fixture document (remembering its pristine text the first time). */
  async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument(uri);
    if (!originals.has(uri.toString())) originals.set(uri.toString(), document.getText());
    return document;
  }

  const original = (uri: vscode.Uri) => {
    const text = originals.get(uri.toString());
    assert.ok(text !== undefined, `${uri.toString()} was opened`);
    return text;
  };

  /** The feature's rank and the number of ranked features, as the index computes them right now. */
  function rankOf(uri: vscode.Uri): { rank: number; total: number } {
    const { service } = api.services;
    const state = service.folderStateOf(uri)!;
    const ranks = rankByScore(state.index.features());
    const feature = service.lookup(uri)?.parsed.feature;
    assert.ok(feature && ranks.has(feature), 'the feature is ranked');
    return { rank: ranks.get(feature)!, total: ranks.size };
  }

  before(async () => {
    api = await activateRoadmap();
    for (const uri of [alphaUri(), betaUri(), gammaUri()])
      assert.ok(api.services.service.lookup(uri), `${uri.path} is indexed`);
  });

  afterEach(async () => {
    for (const uri of created.splice(0)) {
      const edit = new vscode.WorkspaceEdit();
      edit.deleteFile(uri, { ignoreIfNotExists: true });
      await vscode.workspace.applyEdit(edit);
      if (api.services.service.isCandidate(uri)) await waitForIndexed(api, uri, undefined);
    }
    for (const [key, text] of originals) {
      const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === key);
      if (!document) continue;
      if (document.getText() !== text) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(
          document.uri,
          new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)),
          text,
        );
        assert.equal(await vscode.workspace.applyEdit(edit), true);
      }
      // Saving the fixture's own text makes the document clean again (the disk never saw the test's edits).
      if (document.isDirty) await document.save();
      if (api.services.service.lookup(document.uri) || text.startsWith('---'))
        await waitForIndexed(api, document.uri, text);
    }
  });

  describe('diagnostics while typing', () => {
    it('an invalid value typed into an unsaved document gets its diagnostic, with the rule code and the value range', async () => {
      const alpha = await open(alphaUri());
      assert.deepEqual(ours(alpha.uri), []);
      await type(alpha, 'status: planned', 'status: plannd');
      const diagnostic = await diagnosticWithCode(alpha.uri, 'invalid-enum');
      assert.equal(alpha.isDirty, true);
      assert.deepEqual(diagnostic.range, rangeOf(alpha, 'status: plannd', 'plannd'));
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.ok(
        typeof diagnostic.code === 'object' &&
          diagnostic.code.target.toString().endsWith('#rule-invalid-enum'),
      );
      assert.match(diagnostic.message, /did you mean 'planned'/);
    });

    it('changing an id in one unsaved document flags the dependency in another open document', async () => {
      const alpha = await open(alphaUri());
      const beta = await open(betaUri());
      assert.deepEqual(ours(beta.uri), []);
      await type(alpha, 'id: L-001', 'id: L-101');
      const diagnostic = await diagnosticWithCode(beta.uri, 'unknown-dependency');
      assert.deepEqual(diagnostic.range, rangeOf(beta, 'depends_on: [L-001]', 'L-001'));
      assert.equal(alpha.isDirty, true);
      assert.equal(beta.isDirty, false);
      // And back: the dependency resolves again.
      await type(alpha, 'id: L-101', 'id: L-001');
      await waitForDiagnostics(beta.uri, 'no unknown-dependency', (current) => current.length === 0);
    });

    it('Markdown that is not a feature file gets no diagnostics and no language features', async () => {
      const outside = workspaceUri('lang-outside.md');
      created.push(outside);
      const frontmatter =
        '---\nid: X-1\nstatus: nonsense\nrice: { impact: 7 }\n---\n# Not a roadmap folder\n';
      await vscode.workspace.fs.writeFile(outside, new TextEncoder().encode(frontmatter));
      const outsideDocument = await vscode.workspace.openTextDocument(outside);
      const notes = await open(notesUri());
      await type(notes, '# Language notes', '# Language notes\n\nstatus: nonsense');
      // The notes edit was made first; once a later edit of a feature file is validated, it would have been too.
      const alpha = await open(alphaUri());
      await type(alpha, 'status: planned', 'status: plannd');
      await diagnosticWithCode(alpha.uri, 'invalid-enum');
      assert.deepEqual(ours(notes.uri), []);
      assert.deepEqual(ours(outside), []);
      assert.equal(api.services.service.lookup(outside), undefined);
      const statusValue = positionAfter(outsideDocument, 'status: ');
      // (Word-based suggestions may offer 'planned' as a word seen elsewhere: only our kinds count.)
      const offered = (await completions(outside, statusValue, ' ')).filter(
        (candidate) => candidate.kind === vscode.CompletionItemKind.EnumMember,
      );
      assert.deepEqual(offered.map(labelOf), []);
      assert.deepEqual(
        (await hoverText(outside, positionAfter(outsideDocument, 'rice', 1))).filter((text) =>
          /RICE|rice/.test(text),
        ),
        [],
      );
      assert.deepEqual(await roadmapLenses(outside), []);
      assert.deepEqual(await roadmapLenses(notes.uri), []);
      const actions = await codeActions(
        outside,
        new vscode.Range(0, 0, 5, 0),
        vscode.CodeActionKind.QuickFix.value,
      );
      assert.deepEqual(
        actions.filter((action) => action.title.startsWith('Change to')),
        [],
      );
    });

    it('rule severities come from the config: an "off" rule never shows, an "info" rule shows as information', async () => {
      const alpha = await open(alphaUri());
      // date-order is off and invalid-url is info in test/fixtures/workspace/.roadmap/config.yaml.
      await type(
        alpha,
        'quarter: 2026-Q3',
        'quarter: 2026-Q3\nstart: 2026-02-01\nend: 2026-01-01\nevidence: [ftp://example.com/x]',
      );
      const diagnostic = await diagnosticWithCode(alpha.uri, 'invalid-url');
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Information);
      assert.deepEqual(
        ours(alpha.uri).filter((candidate) => codeOf(candidate) === 'date-order'),
        [],
      );
    });
  });

  describe('quick fixes', () => {
    it('invalid-enum: change to the did-you-mean value (preferred)', async () => {
      const alpha = await open(alphaUri());
      await type(alpha, 'status: planned', 'status: plannd');
      const action = await fix(alpha.uri, 'invalid-enum');
      assert.equal(action.title, "Change to 'planned'");
      assert.equal(alpha.getText(), original(alpha.uri));
    });

    it('unknown-field: rename the key to the did-you-mean field', async () => {
      const alpha = await open(alphaUri());
      await type(alpha, 'owner: lena', 'ownr: lena');
      assert.equal((await fix(alpha.uri, 'unknown-field')).title, "Rename 'ownr' to 'owner'");
      assert.equal(alpha.getText(), original(alpha.uri));
    });

    it('unknown-field: remove the field', async () => {
      const alpha = await open(alphaUri());
      await type(alpha, 'team: tooling', 'team: tooling\nxyzzy: 1');
      await fix(alpha.uri, 'unknown-field', "Remove 'xyzzy'");
      assert.equal(alpha.getText(), original(alpha.uri));
    });

    it('rice-impact-scale: snap to the nearest tier', async () => {
      const alpha = await open(alphaUri());
      await type(alpha, 'impact: 2', 'impact: 1.8');
      assert.equal((await fix(alpha.uri, 'rice-impact-scale')).title, 'Change to 2');
      assert.equal(alpha.getText(), original(alpha.uri));
    });

    it('rice-confidence-range: normalise to a tier, in a flow mapping', async () => {
      const beta = await open(betaUri());
      await type(beta, 'confidence: 50%', 'confidence: 0%');
      await fix(beta.uri, 'rice-confidence-range');
      assert.equal(beta.getText(), original(beta.uri));
    });

    it('score-stale: recompute the stored score', async () => {
      const alpha = await open(alphaUri());
      await type(alpha, 'score: 400', 'score: 300');
      assert.equal((await fix(alpha.uri, 'score-stale')).title, 'Update score to 400');
      assert.equal(alpha.getText(), original(alpha.uri));
    });

    it('missing-field: insert a required field with a value derived from the file', async () => {
      const gamma = await open(gammaUri());
      await type(gamma, 'title: Language gamma\n', '');
      assert.equal((await fix(gamma.uri, 'missing-field')).title, "Add 'title: Language gamma'");
      assert.equal(gamma.getText(), original(gamma.uri));
    });

    it('missing-field: insert a missing rice input under rice', async () => {
      const alpha = await open(alphaUri());
      await type(alpha, '  effort: 2\n', '');
      await fix(alpha.uri, 'missing-field', "Add 'rice.effort: 3'");
      assert.equal(alpha.getText(), original(alpha.uri).replace('  effort: 2\n', '  effort: 3\n'));
    });

    it('invalid-date: reformat as yyyy-mm-dd', async () => {
      const alpha = await open(alphaUri());
      await type(alpha, 'quarter: 2026-Q3', 'quarter: 2026-Q3\nstart: 2026/7/1');
      assert.equal((await fix(alpha.uri, 'invalid-date')).title, 'Change to 2026-07-01');
      assert.equal(
        alpha.getText(),
        original(alpha.uri).replace('quarter: 2026-Q3', 'quarter: 2026-Q3\nstart: 2026-07-01'),
      );
    });

    it('invalid-quarter: rewrite as yyyy-Qn', async () => {
      const alpha = await open(alphaUri());
      await type(alpha, 'quarter: 2026-Q3', 'quarter: Q3 2026');
      await fix(alpha.uri, 'invalid-quarter');
      assert.equal(alpha.getText(), original(alpha.uri));
    });

    it('progress-range: clamp to 0..100', async () => {
      const gamma = await open(gammaUri());
      await type(gamma, 'moscow: could', 'moscow: could\nprogress: 140');
      await fix(gamma.uri, 'progress-range');
      assert.equal(
        gamma.getText(),
        original(gamma.uri).replace('moscow: could', 'moscow: could\nprogress: 100'),
      );
    });

    it('invalid-id: replace the unsafe characters', async () => {
      const gamma = await open(gammaUri());
      await type(gamma, 'id: L-003', 'id: L 003');
      await fix(gamma.uri, 'invalid-id');
      assert.equal(gamma.getText(), original(gamma.uri));
    });

    it('duplicate-id: take the next free id', async () => {
      const beta = await open(betaUri());
      await type(beta, 'id: L-002', 'id: L-001');
      await diagnosticWithCode(alphaUri(), 'duplicate-id');
      const action = await fix(beta.uri, 'duplicate-id', "Change id to 'L-004' (the next free id)");
      assert.equal(action.isPreferred, false);
      assert.equal(beta.getText(), original(beta.uri).replace('id: L-002', 'id: L-004'));
    });

    it('unknown-dependency: replace with the existing id it resembles', async () => {
      const beta = await open(betaUri());
      await type(beta, '[L-001]', '[L-0001]');
      assert.equal((await fix(beta.uri, 'unknown-dependency')).title, "Change to 'L-001' (Language alpha)");
      assert.equal(beta.getText(), original(beta.uri));
    });

    it('unknown-dependency: create a stub feature next to the file, which resolves the dependency', async () => {
      const beta = await open(betaUri());
      const stub = workspaceUri('roadmap', 'L-404.md');
      created.push(stub);
      assert.equal(await exists(stub), false);
      await type(beta, '[L-001]', '[L-001, L-404]');
      const action = await fix(beta.uri, 'unknown-dependency', "Create stub feature 'L-404'");
      assert.equal(action.isPreferred, false);
      const stubDocument = await vscode.workspace.openTextDocument(stub);
      assert.equal(
        stubDocument.getText(),
        '---\nid: L-404\ntitle: Stub for L-404\nstatus: idea\n---\n\nCreated as a stub because lang-beta.md depends on it. Describe the feature here.\n',
      );
      await waitForDiagnostics(beta.uri, 'the dependency to resolve', (current) => current.length === 0);
    });

    it('honours context.only: quick fixes for "quickfix", only fix-all for "source"', async () => {
      const alpha = await open(alphaUri());
      await type(alpha, 'status: planned', 'status: plannd');
      const diagnostic = await diagnosticWithCode(alpha.uri, 'invalid-enum');
      const quick = await codeActions(alpha.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      assert.ok(quick.some((action) => action.title === "Change to 'planned'"));
      assert.ok(
        quick.every((action) => !action.kind || vscode.CodeActionKind.QuickFix.contains(action.kind)),
      );
      const source = await codeActions(alpha.uri, diagnostic.range, vscode.CodeActionKind.Source.value);
      const mine = source.filter((action) => action.kind?.value.startsWith('source.fixAll.roadmap'));
      assert.deepEqual(
        mine.map((action) => action.title),
        ['Fix all auto-fixable roadmap problems'],
      );
      assert.ok(source.every((action) => action.title !== "Change to 'planned'"));
    });

    it('source.fixAll.roadmap applies every preferred fix of the file at once', async () => {
      const alpha = await open(alphaUri());
      await type(alpha, 'status: planned', 'status: plannd');
      await type(alpha, 'impact: 2', 'impact: 1.8');
      await type(alpha, 'quarter: 2026-Q3', 'quarter: Q3 2026');
      await diagnosticWithCode(alpha.uri, 'invalid-quarter');
      const whole = new vscode.Range(0, 0, alpha.lineCount, 0);
      const actions = await codeActions(alpha.uri, whole, 'source.fixAll.roadmap');
      assert.equal(actions.length, 1);
      assert.equal(actions[0].kind?.value, 'source.fixAll.roadmap');
      await apply(actions[0]);
      assert.equal(alpha.getText(), original(alpha.uri));
    });
  });

  describe('completion', () => {
    it('offers missing field names with schema docs, and a whole rice block as a snippet', async () => {
      const gamma = await open(gammaUri());
      await type(gamma, 'moscow: could\n', 'moscow: could\n\n');
      const line = positionAfter(gamma, 'moscow: could\n');
      const items = await completions(gamma.uri, line);
      const fields = items
        .filter((candidate) => candidate.kind === vscode.CompletionItemKind.Property)
        .map(labelOf);
      assert.ok(fields.includes('owner') && fields.includes('quarter'), fields.join(', '));
      assert.ok(!fields.includes('title') && !fields.includes('status'), 'present fields are not offered');
      const rice = item(items, 'rice');
      assert.ok(rice.insertText instanceof vscode.SnippetString);
      assert.equal(
        rice.insertText.value,
        'rice:\n  reach: ${1:1000}\n  impact: ${2|3,2,1,0.5,0.25|}\n  confidence: ${3|100%,80%,50%|}\n  effort: ${4:1}',
      );
      assert.match(markdownOf(item(items, 'quarter').documentation), /The target quarter, as yyyy-Qn/);
    });

    it('offers the configured statuses after `status: `', async () => {
      const alpha = await open(alphaUri());
      await type(alpha, 'status: planned', 'status: ');
      const items = await completions(alpha.uri, positionAfter(alpha, 'status: '), ' ');
      for (const status of ['idea', 'planned', 'in-progress', 'shipped', 'dropped']) item(items, status);
    });

    it('offers MoSCoW values with their rubric', async () => {
      const alpha = await open(alphaUri());
      const items = await completions(alpha.uri, positionAfter(alpha, 'moscow: '));
      assert.match(markdownOf(item(items, 'must').documentation), /Without it the release is a failure/);
    });

    it('offers RICE impact tiers as "2 · High" and confidence as "80% · Medium", inserting the value', async () => {
      const alpha = await open(alphaUri());
      const impact = item(await completions(alpha.uri, positionAfter(alpha, 'impact: ')), '2 · High');
      assert.equal(impact.insertText, '2');
      const confidence = item(
        await completions(alpha.uri, positionAfter(alpha, 'confidence: ')),
        '80% · Medium',
      );
      assert.equal(confidence.insertText, '80%');
    });

    it('offers other feature ids in a flow depends_on list, with titles, not itself or ids already listed', async () => {
      const beta = await open(betaUri());
      await type(beta, '[L-001]', '[L-001, ]');
      const items = await completions(beta.uri, positionAfter(beta, '[L-001, '));
      assert.equal(item(items, 'L-003').detail, 'Language gamma');
      assert.equal(item(items, 'F-001').detail, 'Single sign-on');
      const labels = items.map(labelOf);
      assert.ok(!labels.includes('L-001') && !labels.includes('L-002'), labels.join(', '));
    });

    it('offers ids in a block depends_on list', async () => {
      const gamma = await open(gammaUri());
      await type(gamma, '  - L-002\n', '  - L-002\n  - \n');
      const items = await completions(gamma.uri, positionAfter(gamma, '  - L-002\n  - '), ' ');
      item(items, 'F-002');
      const labels = items.map(labelOf);
      assert.ok(!['L-001', 'L-002', 'L-003'].some((id) => labels.includes(id)), labels.join(', '));
    });

    it('offers owners known in the workspace', async () => {
      const alpha = await open(alphaUri());
      const items = await completions(alpha.uri, positionAfter(alpha, 'owner: '));
      for (const owner of ['ana', 'ben', 'lena']) item(items, owner);
    });
  });

  describe('hover', () => {
    it('on the rice key: the score, its rank and the formula with the numbers filled in', async () => {
      const alpha = await open(alphaUri());
      const { rank, total } = rankOf(alpha.uri);
      const text = (await hoverText(alpha.uri, positionAfter(alpha, 'rice:', 1))).join('\n');
      assert.ok(text.includes('`500 × 2 × 80% ÷ 2 = 400`'), text);
      assert.ok(text.includes(`**RICE score 400** · rank #${rank} of ${total}`), text);
      assert.ok(text.includes('score = reach × impact × confidence ÷ effort'), text);
    });

    it('on a field key: its meaning and its scale', async () => {
      const alpha = await open(alphaUri());
      const text = (await hoverText(alpha.uri, positionAfter(alpha, 'moscow', 1))).join('\n');
      assert.match(text, /MoSCoW priority/);
      assert.match(text, /\| must \| Must have \|/);
    });

    it('on an id in depends_on: that feature’s title, status and score', async () => {
      const beta = await open(betaUri());
      const text = (await hoverText(beta.uri, positionAfter(beta, '[L-001', 2))).join('\n');
      assert.match(text, /Language alpha/);
      assert.match(text, /Planned \(todo\) · Should · 2026\\-Q3 · RICE 400/);
    });
  });

  describe('code lens', () => {
    it('shows score, rank, MoSCoW and quarter at the top and reveals the feature in the panel', async () => {
      const alpha = await open(alphaUri());
      const { rank, total } = rankOf(alpha.uri);
      const lenses = await roadmapLenses(alpha.uri);
      assert.equal(lenses.length, 1);
      assert.equal(lenses[0].range.start.line, 0);
      assert.equal(lenses[0].command?.title, `RICE 400 · #${rank} of ${total} · Should · 2026-Q3`);
      assert.deepEqual(lenses[0].command?.arguments?.map(String), [alpha.uri.toString()]);
    });

    it('follows unsaved edits', async () => {
      const alpha = await open(alphaUri());
      await type(alpha, 'reach: 500', 'reach: 1000');
      await waitForIndexed(api, alpha.uri, alpha.getText());
      const lenses = await roadmapLenses(alpha.uri);
      assert.match(lenses[0]?.command?.title ?? '', /^RICE 800 · #\d+ of \d+ · Should · 2026-Q3$/);
    });

    it('respects roadmap.codeLens.enabled', async () => {
      const alpha = await open(alphaUri());
      const settings = vscode.workspace.getConfiguration('roadmap');
      await settings.update('codeLens.enabled', false, vscode.ConfigurationTarget.Global);
      try {
        assert.deepEqual(await roadmapLenses(alpha.uri), []);
      } finally {
        await settings.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
      }
      assert.equal((await roadmapLenses(alpha.uri)).length, 1);
    });
  });

  describe('ids as links', () => {
    it('links each known id in depends_on to its feature file', async () => {
      const gamma = await open(gammaUri());
      const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>(
        'vscode.executeLinkProvider',
        gamma.uri,
      );
      const mine = (links ?? []).filter((link) => link.target?.path.includes('/roadmap/lang-'));
      assert.deepEqual(
        mine.map((link) => [gamma.getText(link.range), link.target?.path.split('/').pop(), link.tooltip]),
        [
          ['L-001', 'lang-alpha.md', 'L-001 · Language alpha'],
          ['L-002', 'lang-beta.md', 'L-002 · Language beta'],
        ],
      );
    });

    it('goes to the definition of an id in depends_on', async () => {
      const beta = await open(betaUri());
      const alpha = await open(alphaUri());
      const locations = await vscode.commands.executeCommand<AnyLocation[]>(
        'vscode.executeDefinitionProvider',
        beta.uri,
        positionAfter(beta, '[L-001', 2),
      );
      const targets = (locations ?? [])
        .map(targetOf)
        .filter((target) => target.uri.path.endsWith('/lang-alpha.md'));
      assert.equal(targets.length, 1);
      assert.deepEqual(targets[0].range, rangeOf(alpha, 'id: L-001', 'L-001'));
      // On the id: value itself, the definition is the id.
      const own = await vscode.commands.executeCommand<AnyLocation[]>(
        'vscode.executeDefinitionProvider',
        alpha.uri,
        positionAfter(alpha, 'id: L-001', 5),
      );
      assert.deepEqual(
        (own ?? []).map(targetOf).map((target) => [target.uri.toString(), target.range]),
        [[alpha.uri.toString(), rangeOf(alpha, 'id: L-001', 'L-001')]],
      );
    });

    it('finds every reference to an id across the folder, with its declaration', async () => {
      const alpha = await open(alphaUri());
      const beta = await open(betaUri());
      const gamma = await open(gammaUri());
      const locations = await vscode.commands.executeCommand<vscode.Location[]>(
        'vscode.executeReferenceProvider',
        alpha.uri,
        positionAfter(alpha, 'id: L-00', 4),
      );
      const found = (locations ?? [])
        .map(
          (location) =>
            `${location.uri.path.split('/').pop()}@${location.range.start.line}:${location.range.start.character}`,
        )
        .sort();
      const at = (document: vscode.TextDocument, needle: string, part: string) => {
        const range = rangeOf(document, needle, part);
        return `${document.uri.path.split('/').pop()}@${range.start.line}:${range.start.character}`;
      };
      assert.deepEqual(
        found,
        [at(alpha, 'id: L-001', 'L-001'), at(beta, '[L-001]', 'L-001'), at(gamma, '- L-001', 'L-001')].sort(),
      );
    });
  });

  describe('rename', () => {
    it('renames an id and every depends_on reference in one edit', async () => {
      const alpha = await open(alphaUri());
      const beta = await open(betaUri());
      const gamma = await open(gammaUri());
      const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>(
        'vscode.prepareRename',
        alpha.uri,
        positionAfter(alpha, 'id: L-001', 5),
      );
      assert.equal(prepared?.placeholder, 'L-001');
      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
        'vscode.executeDocumentRenameProvider',
        alpha.uri,
        positionAfter(alpha, 'id: L-001', 5),
        'L-100',
      );
      assert.ok(edit, 'a rename edit');
      assert.deepEqual(
        edit
          .entries()
          .map(([uri]) => uri.path.split('/').pop())
          .sort(),
        ['lang-alpha.md', 'lang-beta.md', 'lang-gamma.md'],
      );
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      assert.equal(alpha.getText(), original(alpha.uri).replace('id: L-001', 'id: L-100'));
      assert.equal(beta.getText(), original(beta.uri).replace('[L-001]', '[L-100]'));
      assert.equal(gamma.getText(), original(gamma.uri).replace('- L-001', '- L-100'));
    });

    it('starts from a depends_on entry too, and refuses invalid or taken ids', async () => {
      const gamma = await open(gammaUri());
      const position = positionAfter(gamma, '- L-002', 4);
      const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>(
        'vscode.prepareRename',
        gamma.uri,
        position,
      );
      assert.equal(prepared?.placeholder, 'L-002');
      await assert.rejects(
        Promise.resolve(
          vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', gamma.uri, position, 'L 2'),
        ),
        /contains spaces/,
      );
      await assert.rejects(
        Promise.resolve(
          vscode.commands.executeCommand(
            'vscode.executeDocumentRenameProvider',
            gamma.uri,
            position,
            'L-001',
          ),
        ),
        /already the id of roadmap\/lang-alpha\.md/,
      );
    });
  });
});
