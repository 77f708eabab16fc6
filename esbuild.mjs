// Bundles every target of the extension. `node esbuild.mjs [--watch] [--dev]`.
// - dist/extension.js     the desktop/remote extension host (Node, CommonJS, `vscode` external); the modules
//                         it imports dynamically (exporters, remark) are side bundles in dist/lazy/, loaded on
//                         first use, so activation parses only what it needs
// - dist/lazy/*.js        those side bundles
// - dist/web/extension.js the web extension host (vscode.dev): same sources, browser platform, no Node built-ins
// - dist/cli.js           the `roadmap` command line (Node); `roadmap mcp` loads dist/lazy/mcp.js, the other
//                         commands but lint dist/lazy/commands.js, and lint starts dist/lazy/readWorker.js
//                         on large workspaces
// - dist/webview/         the roadmap panel (browser ESM; mermaid is split into a chunk loaded on demand)
// - dist/site/            a published site's script and styles (`roadmap publish`): a classic script, since
//                         module scripts do not load from file://; Mermaid comes from its own classic build
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
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

/** Core modules the Node extension host imports with `await import()`: each becomes dist/lazy/<name>.js. */
const lazyModules = ['exporters', 'body'];

/** @type {esbuild.Plugin} */
const lazyModulesPlugin = {
  name: 'lazy-modules',
  setup(build) {
    const filter = new RegExp(`/core/(${lazyModules.join('|')})$`);
    build.onResolve({ filter }, (args) => {
      // Only dynamic imports are split off; a static import would bundle the module as usual.
      if (args.kind !== 'dynamic-import') return undefined;
      return { path: `./lazy/${filter.exec(args.path)[1]}.js`, external: true };
    });
  },
};

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

/** The CLI's other commands are a side bundle, dist/lazy/commands.js, required on first use (src/cli/commands.ts). */
/** @type {esbuild.Plugin} */
const lazyCommandsPlugin = {
  name: 'lazy-commands',
  setup(build) {
    build.onResolve({ filter: /^\.\/commands$/ }, (args) =>
      args.kind === 'require-call' ? { path: './lazy/commands.js', external: true } : undefined,
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
    plugins: [lazyModulesPlugin],
  },
  {
    ...common,
    entryPoints: Object.fromEntries(lazyModules.map((name) => [name, `src/core/${name}.ts`])),
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
    plugins: [lazyMcpPlugin, lazyCommandsPlugin],
  },
  {
    ...common,
    // readWorker: the worker thread that reads a large workspace's files while `roadmap lint` parses them.
    entryPoints: {
      mcp: 'src/cli/mcp.ts',
      readWorker: 'src/cli/readWorker.ts',
      commands: 'src/cli/commands.ts',
    },
    outdir: 'dist/lazy',
    platform: 'node',
    format: 'cjs',
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
