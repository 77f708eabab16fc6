// Times the extension's activation in a plain Node process: loading dist/extension.js, then activate()
// itself, then (when a corpus folder is given) the background indexing it starts, until the service reports
// the workspace indexed. `vscode` is a fake injected into the require cache (fake-vscode.mjs) — only for this
// timing. Prints one JSON line.
//
//   VSCODE_FAKE_FOLDER=<corpus> node scripts/bench/activation.mjs [dist/extension.js]
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
    registrations: registrations.length,
    subscriptions: context.subscriptions.length,
  };
  // Background indexing, as the extension host would see it (async reads through the fake workspace.fs).
  const service = (await api)?.services?.service;
  if (process.env.VSCODE_FAKE_FOLDER && typeof service?.whenIndexed === 'function') {
    await service.whenIndexed();
    result.indexedMs = performance.now() - activateStarted;
    result.features = service.featureCount?.();
  }
  result.kinds = registrations.reduce(
    (counts, { kind }) => ({ ...counts, [kind]: (counts[kind] ?? 0) + 1 }),
    {},
  );
  for (const disposable of context.subscriptions) disposable?.dispose?.();
  console.log(JSON.stringify(result));
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
