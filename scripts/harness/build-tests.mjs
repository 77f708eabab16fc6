// @ts-check
// Bundles the integration tests: test/integration/index.ts (the Mocha bootstrap VS Code loads through
// extensionTestsPath) and every test/integration/suite/**/*.test.ts, into out/integration/. Each suite
// becomes out/integration/<same relative path>.test.js next to index.js, which loads them all.
// Usable as a module (`buildTests()`) or directly: `node scripts/harness/build-tests.mjs`.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { ROOT, TESTS_OUT_DIR } from './paths.mjs';
import { log } from './util.mjs';

const SOURCE_DIR = join(ROOT, 'test', 'integration');
const SUITE_DIR = join(SOURCE_DIR, 'suite');

export async function buildTests() {
  const suites = existsSync(SUITE_DIR)
    ? readdirSync(SUITE_DIR, { recursive: true })
        .map(String)
        .filter((file) => file.endsWith('.test.ts'))
        .sort()
    : [];
  const entryPoints = [
    { in: join(SOURCE_DIR, 'index.ts'), out: 'index' },
    ...suites.map((file) => ({ in: join(SUITE_DIR, file), out: file.replace(/\.ts$/, '') })),
  ];
  // Start empty: the bundle of a deleted or renamed suite would otherwise keep running.
  rmSync(TESTS_OUT_DIR, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints,
    outdir: TESTS_OUT_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // vscode is provided by the extension host; mocha stays a require() of node_modules/mocha so the
    // bootstrap and the suites share one Mocha instance (its describe/it globals).
    external: ['vscode', 'mocha'],
    // For a debugger attached to the extension host. (Stack traces stay in .js terms: the extension host
    // installs its own Error.prepareStackTrace, which bypasses Node's source-map support.) Not minified,
    // so the bundled lines still read like the sources.
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  log(`bundled ${suites.length} integration suite(s) into ${relative(ROOT, TESTS_OUT_DIR)}/`);
  return { outDir: TESTS_OUT_DIR, suites };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildTests().catch((error) => {
    console.error(error.message ?? error);
    process.exit(1);
  });
}
