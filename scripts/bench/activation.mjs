// Times the extension's activation in a plain Node process: loading dist/extension.js, then activate()
// itself, then (when a corpus folder is given) the background indexing it starts, until the service reports
// the workspace indexed. `vscode` is a fake injected into the require cache (fake-vscode.mjs) — only for this
// timing. With a corpus it then times the first completion and hover in a feature file, which load the language
// features' side bundle (dist/lazy/language.js and what it needs), and the second ones, already loaded; and it
// lists the side bundles loaded after activate(), after indexing and after those requests. Prints one JSON line.
//
//   VSCODE_FAKE_FOLDER=<corpus> node scripts/bench/activation.mjs [dist/extension.js]
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createContext, fakeVscode, registrations } from './fake-vscode.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const repoRoot = path.resolve(here, '..', '..');
const bundle = path.resolve(repoRoot, process.argv[2] ?? 'dist/extension.js');

// `require('vscode')` resolves to a module already in the cache, whose exports are the fake.
const fakeId = path.join(here, '__fake_vscode__.js');
const fake = new Module(fakeId);
fake.filename = fakeId;
fake.loaded = true;
fake.exports = fakeVscode;
require.cache[fakeId] = fake;
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? fakeId : resolve.call(this, request, ...rest);
};

async function main() {
  const loadStarted = performance.now();
  const extension = require(bundle);
  const loadMs = performance.now() - loadStarted;
  const context = createContext(repoRoot);
  const activateStarted = performance.now();
  const api = extension.activate(context);
  const activateMs = performance.now() - activateStarted;
  const result = {
    loadMs,
    activateMs,
    lazyAfterActivate: loadedSideBundles(),
    registrations: registrations.length,
    subscriptions: context.subscriptions.length,
  };
  // Background indexing, as the extension host would see it (async reads through the fake workspace.fs).
  const service = (await api)?.services?.service;
  if (process.env.VSCODE_FAKE_FOLDER && typeof service?.whenIndexed === 'function') {
    await service.whenIndexed();
    result.indexedMs = performance.now() - activateStarted;
    result.features = service.featureCount?.();
    result.lazyAfterIndexing = loadedSideBundles();
    Object.assign(result, await firstUse(service));
  }
  result.kinds = registrations.reduce(
    (counts, { kind }) => ({ ...counts, [kind]: (counts[kind] ?? 0) + 1 }),
    {},
  );
  for (const disposable of context.subscriptions) disposable?.dispose?.();
  console.log(JSON.stringify(result));
  process.exit(0);
}

/** The side bundles (dist/lazy/*.js) Node has loaded so far. */
function loadedSideBundles() {
  return Object.keys(require.cache)
    .filter((id) => id.includes(`${path.sep}lazy${path.sep}`))
    .map((id) => path.basename(id, '.js'))
    .sort();
}

/** A TextDocument over a file's text: what the providers read of one. */
function textDocument(file) {
  const { Position, Range, Uri } = fakeVscode;
  const text = fs.readFileSync(file, 'utf8');
  const lineStarts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  const offsetAt = (position) => Math.min(lineStarts[position.line] + position.character, text.length);
  const positionAt = (offset) => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
    return new Position(line, offset - lineStarts[line]);
  };
  const lineText = (line) => text.slice(lineStarts[line], (lineStarts[line + 1] ?? text.length + 1) - 1);
  return {
    uri: Uri.file(file),
    fileName: file,
    languageId: 'markdown',
    version: 1,
    isDirty: false,
    isClosed: false,
    lineCount: lineStarts.length,
    getText: (range) => (range ? text.slice(offsetAt(range.start), offsetAt(range.end)) : text),
    offsetAt,
    positionAt,
    lineAt: (line) => {
      const at = typeof line === 'number' ? line : line.line;
      return { lineNumber: at, text: lineText(at), range: new Range(at, 0, at, lineText(at).length) };
    },
  };
}

/**
 * The first completion (after `status: `) and hover (on `status`) in an indexed feature file, as VS Code asks
 * them (every registered provider of the kind), then the same again: the first pays for the lazy loading.
 */
async function firstUse(service) {
  const file = service
    .folderStates?.()
    .flatMap((state) => state.index.files().map((relative) => path.join(state.folder.uri.fsPath, relative)))
    .find((candidate) => /\nstatus: /.test(fs.readFileSync(candidate, 'utf8')));
  if (!file) return {};
  const document = textDocument(file);
  const statusLine = document
    .getText()
    .split('\n')
    .findIndex((line) => line.startsWith('status: '));
  const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
  const providers = (kind) =>
    registrations.filter((entry) => entry.kind === kind).map((entry) => entry.registered);
  const ask = async (kind, call) => {
    const started = performance.now();
    await Promise.all(providers(kind).map(call));
    return performance.now() - started;
  };
  const complete = () =>
    ask('CompletionItemProvider', (provider) =>
      provider.provideCompletionItems(document, new fakeVscode.Position(statusLine, 8), token, {
        triggerKind: 0,
      }),
    );
  const hover = () =>
    ask('HoverProvider', (provider) =>
      provider.provideHover(document, new fakeVscode.Position(statusLine, 2), token),
    );
  const firstCompletionMs = await complete();
  const secondCompletionMs = await complete();
  const firstHoverMs = await hover();
  const secondHoverMs = await hover();
  return {
    firstCompletionMs,
    secondCompletionMs,
    firstHoverMs,
    secondHoverMs,
    lazyAfterFirstUse: loadedSideBundles(),
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
