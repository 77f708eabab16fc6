// Bundles the core as the product ships it (esbuild, minified, the options of esbuild.mjs) for the in-process
// measurements, so that they time the same code the CLI and the extension run, not a TypeScript loader.
// Output: bench/.corpus/.build/core.cjs (gitignored).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { corpusRoot } from './generate.mjs';

export const repoRoot = join(corpusRoot, '..', '..');
export const coreBundle = join(corpusRoot, '.build', 'core.cjs');

export async function bundleCore({ minify = true, outfile = coreBundle } = {}) {
  mkdirSync(join(outfile, '..'), { recursive: true });
  const hasJsonSchema = existsSync(join(repoRoot, 'src/core/jsonSchema.ts'));
  const contents = [
    "export { loadWorkspace } from './src/cli/nodeWorkspace';",
    "export { parseFeatureFile } from './src/core/featureFile';",
    "export { parseConfig, defaultConfig } from './src/core/config';",
    hasJsonSchema
      ? "export { featureJsonSchema } from './src/core/jsonSchema';"
      : 'export const featureJsonSchema = undefined;',
  ].join('\n');
  await esbuild.build({
    stdin: { contents, resolveDir: repoRoot, loader: 'ts', sourcefile: 'bench-core.ts' },
    bundle: true,
    minify,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/** An unminified copy of the CLI bundle, for `--cpu-prof`. */
export async function bundleCliForProfiling(outfile) {
  await esbuild.build({
    entryPoints: [join(repoRoot, 'src/cli/main.ts')],
    bundle: true,
    // Unminified names are enough to read a profile; keepNames would add a __name() call per closure and skew it.
    minify: false,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}
