// Checks a built .vsix: only the files the installed extension needs, every bundle present, and a size that
// stays small. `node scripts/checkVsix.mjs markdown-roadmap.vsix` (run by `npm run package`).
// Startup weight: dist/extension.js, everything the extension host parses at activation, stays under
// 150 KB; the rest loads on first use from side bundles (dist/lazy/, see esbuild.mjs), so every side bundle
// that a shipped bundle requires must be in the package too.
import { statSync } from 'node:fs';
import yauzl from 'yauzl';

const file = process.argv[2] ?? 'markdown-roadmap.vsix';
const maxBytes = 4 * 1024 * 1024;
const eagerBundle = 'extension/dist/extension.js';
const maxEagerBytes = 150 * 1024;
const allowed = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt|LICENSE)$/i,
  /^extension\/dist\//,
  /^extension\/media\/[^/]+\.(svg|png|css)$/,
  /^extension\/media\/walkthrough\/[^/]+\.md$/,
  /^extension\/schemas\/[^/]+\.json$/,
];
const required = [
  'extension/package.json',
  'extension/dist/extension.js',
  'extension/dist/lazy/exporters.js',
  'extension/dist/lazy/body.js',
  'extension/dist/web/extension.js',
  'extension/dist/cli.js',
  'extension/dist/lazy/mcp.js',
  'extension/dist/lazy/readWorker.js',
  'extension/dist/lazy/cliCommands.js',
  'extension/dist/webview/main.js',
  'extension/dist/site/site.js',
  'extension/dist/site/site.css',
  'extension/dist/site/mermaid.min.js',
  'extension/media/roadmap.css',
  'extension/schemas/feature.schema.json',
  'extension/schemas/config.schema.json',
];

/** The Node extension host's bundles, whose text says which side bundles they require. */
const isNodeBundle = (name) => name === eagerBundle || /^extension\/dist\/lazy\/[^/]+\.js$/.test(name);

/** Every entry's name and uncompressed size, and the text of the Node extension host's bundles. */
const { entries, sizes, texts } = await new Promise((resolve, reject) => {
  yauzl.open(file, { lazyEntries: true }, (error, zip) => {
    if (error) return reject(error);
    const names = [];
    const sizes = new Map();
    const texts = new Map();
    zip.on('entry', (entry) => {
      names.push(entry.fileName);
      sizes.set(entry.fileName, entry.uncompressedSize);
      if (!isNodeBundle(entry.fileName)) return zip.readEntry();
      zip.openReadStream(entry, (streamError, stream) => {
        if (streamError) return reject(streamError);
        const chunks = [];
        stream.on('data', (chunk) => chunks.push(chunk));
        stream.on('end', () => {
          texts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
          zip.readEntry();
        });
        stream.on('error', reject);
      });
    });
    zip.on('end', () => resolve({ entries: names, sizes, texts }));
    zip.on('error', reject);
    zip.readEntry();
  });
});

/** The side bundles a bundle loads: `require`/`import("./lazy/x.js")` from dist/, `("./x.js")` from dist/lazy/. */
function sideBundlesOf(name, text) {
  const folder = name.slice(0, name.lastIndexOf('/') + 1);
  return [...text.matchAll(/\b(?:require|import)\("(\.\/(?:lazy\/)?[\w.-]+\.js)"\)/g)].map(
    ([, relative]) => folder + relative.slice(2),
  );
}

const problems = [];
for (const name of entries)
  if (!allowed.some((pattern) => pattern.test(name))) problems.push(`unexpected file ${name}`);
for (const name of required) if (!entries.includes(name)) problems.push(`missing ${name}`);
for (const [name, text] of texts)
  for (const sideBundle of sideBundlesOf(name, text))
    if (!entries.includes(sideBundle))
      problems.push(`missing ${sideBundle}, which ${name} loads on first use`);
const eagerBytes = sizes.get(eagerBundle) ?? 0;
if (eagerBytes > maxEagerBytes)
  problems.push(
    `${eagerBundle} is ${(eagerBytes / 1024).toFixed(1)} KB, above the ${maxEagerBytes / 1024} KB startup budget: load the new code on first use (src/vscode/lazy.ts)`,
  );
const size = statSync(file).size;
if (size > maxBytes)
  problems.push(`${(size / 1024).toFixed(0)} KB is above the ${maxBytes / 1024} KB budget`);
console.log(`${file}: ${entries.length} files, ${(size / 1024).toFixed(0)} KB`);
console.log(
  `  ${eagerBundle}: ${(eagerBytes / 1024).toFixed(1)} KB; side bundles: ${[...texts.keys()]
    .filter((name) => name !== eagerBundle)
    .map(
      (name) => `${name.slice(name.lastIndexOf('/') + 1)} ${((sizes.get(name) ?? 0) / 1024).toFixed(0)} KB`,
    )
    .join(', ')}`,
);
if (problems.length > 0) {
  for (const problem of problems) console.error(`  ✖ ${problem}`);
  process.exit(1);
}
console.log('  ✔ contents and size as expected');
