// @ts-check
// Prepares `npm run test:web`: a staged copy of the web extension under out/web-tests/, with its Mocha tests
// bundled inside it. Usable as a module (`buildWebTests(dir)`; run-web-tests.mjs stages into a fresh
// out/web-tests/run-*/ per run, so that two runs in one checkout do not clobber each other) or directly:
// `node scripts/harness/build-web-tests.mjs` (into out/web-tests/manual/). In the staged folder:
//
//   package.json        the real manifest without "main": only "browser" is left, so VS Code can run it in
//                       no host but the browser's web worker
//   dist/web/, dist/webview/, media/, schemas/   copied from the build (`npm run build`)
//   tests/index.js      test/web/index.ts + every test/web/suite/**/*.test.ts, in one bundle
//
// Why the tests live inside the extension folder: VS Code runs extensionTestsPath in the extension host of
// the extension that contains it (AbstractExtensionService.findTestExtensionHost); a path outside every
// extension would go to the Node (remote) host. Why one self-contained bundle: the web-worker host fetches
// the file and evaluates it with a `require` that knows only 'vscode', so Mocha (its browser build) and the
// suites are all bundled in, for the browser platform. A copy, not the repository itself: another run may
// rebuild dist/ while this one's workbench is still loading files from it.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { ROOT } from './paths.mjs';
import { log } from './util.mjs';

/** The parent of the staged copies (out/ is git-ignored and not packaged). */
export const WEB_TESTS_OUT_DIR = join(ROOT, 'out', 'web-tests');

const SOURCE_DIR = join(ROOT, 'test', 'web');
const SUITE_DIR = join(SOURCE_DIR, 'suite');
// What the web extension loads at run time, relative to the repository (see package.json and .vscodeignore).
const STAGED = ['dist/web', 'dist/webview', 'media', 'schemas'];

/**
 * Stage the web extension and bundle its tests into `outDir` (emptied first).
 * @returns {Promise<{ outDir: string, entry: string, suites: string[] }>} entry: the bundle, for
 *   extensionTestsPath; outDir: the extension, for extensionDevelopmentPath
 */
export async function buildWebTests(outDir = join(WEB_TESTS_OUT_DIR, 'manual')) {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  if (!manifest.browser) throw new Error('package.json has no "browser" entry: there is no web extension');
  const browserEntry = join(ROOT, manifest.browser);
  if (!existsSync(browserEntry)) {
    throw new Error(`${relative(ROOT, browserEntry)} is missing: run \`npm run build\` first`);
  }
  // Start empty: a deleted suite or an old bundle must not linger.
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const entry = join(outDir, 'tests', 'index.js');

  delete manifest.main; // the point of the exercise: a web-only extension (extensionKind ["web"])
  delete manifest.scripts;
  delete manifest.devDependencies;
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const path of STAGED) {
    if (existsSync(join(ROOT, path))) {
      cpSync(join(ROOT, path), join(outDir, path), { recursive: true });
    }
  }

  const suites = existsSync(SUITE_DIR)
    ? readdirSync(SUITE_DIR, { recursive: true })
        .map(String)
        .filter((file) => file.endsWith('.test.ts'))
        .sort()
    : [];
  if (suites.length === 0) throw new Error(`no web suites in ${relative(ROOT, SUITE_DIR)}/`);
  // The bootstrap first (it loads Mocha and calls mocha.setup), then the suites, whose top level calls
  // describe(): ES imports run in order.
  const imports = ['./index', ...suites.map((file) => `./suite/${file.replace(/\\/g, '/')}`)];
  await esbuild.build({
    absWorkingDir: ROOT,
    stdin: {
      contents: [
        ...imports.map((path) => `import ${JSON.stringify(path)};`),
        "export { run } from './index';",
      ].join('\n'),
      resolveDir: SOURCE_DIR,
      sourcefile: 'web-tests-entry.ts',
      loader: 'ts',
    },
    outfile: entry,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'], // provided by the extension host's `require`
    // Stack traces point into this bundle; it is not minified, so its lines still read like the sources.
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  const where = relative(ROOT, outDir);
  log(`staged the web extension and bundled ${suites.length} web suite(s) into ${where}/`);
  return { outDir, entry, suites };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildWebTests().catch((error) => {
    console.error(error.message ?? error);
    process.exit(1);
  });
}
