// Bundles every target of the extension. `node esbuild.mjs [--watch] [--dev]`.
// - dist/extension.js     the desktop/remote extension host (Node, CommonJS, `vscode` external): what activation
//                         needs (tree, status bar, diagnostics, indexing), under 150 KB (scripts/checkVsix.mjs)
// - dist/lazy/*.js        side bundles loaded on first use: the panel, the language features, the command
//                         handlers, the agent tools, history, the exporters, remark, `yaml` and js-yaml (below)
// - dist/web/extension.js the web extension host (vscode.dev): same sources, browser platform, no Node built-ins
// - dist/cli.js           the `roadmap` command line (Node); `roadmap mcp` loads dist/lazy/mcp.js, the other
//                         commands but lint dist/lazy/cliCommands.js, and lint starts dist/lazy/readWorker.js
//                         on large workspaces
// - dist/webview/         the roadmap panel (browser ESM; mermaid is split into a chunk loaded on demand)
// - dist/site/            a published site's script and styles (`roadmap publish`): a classic script, since
//                         module scripts do not load from file://; Mermaid comes from its own classic build
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const watch = process.argv.includes('--watch');
const dev = process.argv.includes('--dev') || watch;

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'none',
  logLevel: 'warning',
  target: 'es2022',
};

/**
 * What the Node extension host loads on first use: each module here becomes dist/lazy/<name>.js, and an
 * `await import()` of it (never a static import) loads that file. Activation parses only dist/extension.js:
 * the tree, the status bar, diagnostics and indexing (scripts/checkVsix.mjs keeps it under 150 KB).
 * Each side bundle carries its own copy of the modules it shares with the others: see src/vscode/lazy.ts for
 * the rule that keeps that safe (objects are passed in, module state is never shared).
 */
const lazyModules = {
  'core/exporters': 'exporters',
  'core/body': 'body',
  'core/bodyBlocks': 'bodyBlocks',
  'core/edits': 'edits',
  'core/savedViews': 'savedViews',
  'vscode/panel': 'panel',
  'vscode/history/historyFeatures': 'history',
  'vscode/language/providers': 'language',
  'vscode/commands/commandHandlers': 'commands',
  'vscode/lmTools': 'tools',
  'cli/readWorkerHost': 'readAhead',
};

/** The web extension host has no local disk: src/vscode/localFiles.ts resolves to its web twin there. */
/** @type {esbuild.Plugin} */
const webLocalFilesPlugin = {
  name: 'web-local-files',
  setup(build) {
    build.onResolve({ filter: /\/localFiles$/ }, () => ({ path: resolve('src/vscode/localFiles.web.ts') }));
  },
};

/**
 * Turns `await import()` of a lazy module into a `require()` of its side bundle, `prefix` being where the side
 * bundles lie relative to the bundle being built ('./lazy/' from dist/extension.js, './' from a side bundle).
 * A `require()` on purpose: Node's `import()` of a CommonJS file reads and lexes the whole file again to find
 * its exports, which made the first completion several times slower than loading the bundle itself.
 * @returns {esbuild.Plugin}
 */
function lazyModulesPlugin(prefix) {
  return {
    name: 'lazy-modules',
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        // Only dynamic imports are split off; a static import bundles the module as usual.
        if (args.kind !== 'dynamic-import') return undefined;
        const source = resolve(args.resolveDir, args.path).replace(/\\/g, '/');
        const key = Object.keys(lazyModules).find((module) => source.endsWith(`/src/${module}`));
        return key ? { path: `${prefix}${lazyModules[key]}.js`, namespace: 'lazy-module' } : undefined;
      });
      // The dynamic import resolves to this one-line module, which esbuild evaluates only when the import runs.
      build.onLoad({ filter: /.*/, namespace: 'lazy-module' }, (args) => ({
        loader: 'js',
        contents: `module.exports = require(${JSON.stringify(args.path)});`,
      }));
      build.onResolve({ filter: /.*/, namespace: 'lazy-module' }, (args) => ({
        path: args.path,
        external: true,
      }));
    },
  };
}

/**
 * Packages the Node extension host requires the first time code touches one of their exports: `yaml` (about
 * 110 KB: positions, repairs, lossless edits), js-yaml (for front-matter and configs outside the key-path
 * reader's plain subset) and picomatch (24 KB: config globs, first needed once the config is read). Each is one
 * side bundle, dist/lazy/<name>.js, shared by every bundle through Node's module cache, so its classes and
 * `instanceof` checks agree everywhere. A `require()`, not an `import()`: the core calls them synchronously.
 * (The web host bundles them as usual.) Keys are the import paths, values the side bundles' names.
 */
const lazyPackages = { yaml: 'yaml', 'js-yaml': 'js-yaml', 'picomatch/posix': 'picomatch' };
/** The CLI needs picomatch on every run (discovery): only `yaml` and js-yaml are worth a side bundle there. */
const cliLazyPackages = ['yaml', 'js-yaml'];

/**
 * A package whose module is a function (picomatch) gets a function that loads it on its first call; its other
 * exports are getters in both cases.
 * @returns {esbuild.Plugin}
 */
function lazyPackagesPlugin(prefix, packages = Object.keys(lazyPackages)) {
  const require = createRequire(import.meta.url);
  return {
    name: 'lazy-packages',
    setup(build) {
      const filter = new RegExp(`^(${packages.join('|')})$`);
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'lazy-package' }));
      build.onResolve({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({
        path: args.path,
        external: true,
      }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => {
        const module = require(args.path);
        return {
          loader: 'js',
          contents: [
            'let loaded;',
            `const load = () => (loaded ??= require(${JSON.stringify(`${prefix}${lazyPackages[args.path]}.js`)}));`,
            typeof module === 'function'
              ? 'module.exports = function (...args) { return load().apply(this, args); };'
              : '',
            `for (const name of ${JSON.stringify(Object.keys(module))})`,
            '  Object.defineProperty(module.exports, name, { enumerable: true, get: () => load()[name] });',
          ].join('\n'),
        };
      });
    },
  };
}

/** The MCP server (and its SDK) is a side bundle of the CLI, dist/lazy/mcp.js: `roadmap lint` never parses it. */
/** @type {esbuild.Plugin} */
const lazyMcpPlugin = {
  name: 'lazy-mcp',
  setup(build) {
    build.onResolve({ filter: /^\.\/mcp$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: './lazy/mcp.js', external: true } : undefined,
    );
  },
};

/** The CLI's other commands are a side bundle, dist/lazy/cliCommands.js, required on first use (src/cli/commands.ts). */
/** @type {esbuild.Plugin} */
const lazyCommandsPlugin = {
  name: 'lazy-commands',
  setup(build) {
    build.onResolve({ filter: /^\.\/commands$/ }, (args) =>
      args.kind === 'require-call' ? { path: './lazy/cliCommands.js', external: true } : undefined,
    );
  },
};

/** @type {esbuild.BuildOptions[]} */
const targets = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    plugins: [lazyModulesPlugin('./lazy/'), lazyPackagesPlugin('./lazy/')],
  },
  {
    ...common,
    entryPoints: Object.fromEntries(
      Object.entries(lazyModules).map(([module, name]) => [name, `src/${module}.ts`]),
    ),
    outdir: 'dist/lazy',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    plugins: [lazyModulesPlugin('./'), lazyPackagesPlugin('./')],
  },
  {
    ...common,
    entryPoints: Object.fromEntries(
      Object.entries(lazyPackages).map(([path, name]) => [
        name,
        createRequire(import.meta.url).resolve(path),
      ]),
    ),
    outdir: 'dist/lazy',
    platform: 'node',
    format: 'cjs',
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    // `yaml` and js-yaml from their side bundles too: a lint whose files are all in the key-path reader's subset
    // never loads either.
    plugins: [lazyMcpPlugin, lazyCommandsPlugin, lazyPackagesPlugin('./lazy/', cliLazyPackages)],
  },
  {
    ...common,
    // readWorker: the worker thread that reads a large workspace's files while `roadmap lint` parses them.
    entryPoints: {
      mcp: 'src/cli/mcp.ts',
      readWorker: 'src/cli/readWorker.ts',
      cliCommands: 'src/cli/commands.ts',
    },
    outdir: 'dist/lazy',
    platform: 'node',
    format: 'cjs',
    plugins: [lazyPackagesPlugin('./', cliLazyPackages)],
  },
];
if (existsSync('src/extension.web.ts')) {
  targets.push({
    ...common,
    entryPoints: ['src/extension.web.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
    // The web extension host is a worker: packages must take their worker builds (no `document`), such as
    // decode-named-character-reference, whose browser build touches the DOM when it loads.
    conditions: ['worker'],
    plugins: [webLocalFilesPlugin],
  });
}
if (existsSync('src/webview/main.ts')) {
  targets.push({
    ...common,
    entryPoints: { main: 'src/webview/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  });
}
if (existsSync('src/site/main.ts')) {
  /** In the site's classic bundle `import('mermaid')` would inline all of Mermaid: it loads a script instead. */
  /** @type {esbuild.Plugin} */
  const mermaidScriptPlugin = {
    name: 'mermaid-script',
    setup(build) {
      build.onResolve({ filter: /^mermaid$/ }, () => ({ path: resolve('src/site/mermaidScript.ts') }));
    },
  };
  targets.push(
    {
      ...common,
      entryPoints: { site: 'src/site/main.ts' },
      outdir: 'dist/site',
      platform: 'browser',
      format: 'iife',
      plugins: [mermaidScriptPlugin],
    },
    { ...common, entryPoints: { site: 'src/site/site.css' }, outdir: 'dist/site' },
  );
}

if (!watch) rmSync('dist', { recursive: true, force: true });
// Mermaid's own classic build, for the site's dependency view (see src/site/mermaidScript.ts).
if (existsSync('src/site/main.ts')) {
  mkdirSync('dist/site', { recursive: true });
  copyFileSync('node_modules/mermaid/dist/mermaid.min.js', 'dist/site/mermaid.min.js');
}
if (watch) {
  for (const options of targets) await (await esbuild.context(options)).watch();
  console.log('esbuild: watching');
} else {
  await Promise.all(targets.map((options) => esbuild.build(options)));
}
