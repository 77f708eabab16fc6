// Checks a built .vsix: only the files the installed extension needs, every bundle present, and a size that
// stays small. `node scripts/checkVsix.mjs markdown-roadmap.vsix` (run by `npm run package`).
import { statSync } from 'node:fs';
import yauzl from 'yauzl';

const file = process.argv[2] ?? 'markdown-roadmap.vsix';
const maxBytes = 4 * 1024 * 1024;
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
  'extension/dist/lazy/commands.js',
  'extension/dist/webview/main.js',
  'extension/dist/site/site.js',
  'extension/dist/site/site.css',
  'extension/dist/site/mermaid.min.js',
  'extension/media/roadmap.css',
  'extension/schemas/feature.schema.json',
  'extension/schemas/config.schema.json',
];

const entries = await new Promise((resolve, reject) => {
  yauzl.open(file, { lazyEntries: true }, (error, zip) => {
    if (error) return reject(error);
    const names = [];
    zip.on('entry', (entry) => {
      names.push(entry.fileName);
      zip.readEntry();
    });
    zip.on('end', () => resolve(names));
    zip.on('error', reject);
    zip.readEntry();
  });
});

const problems = [];
for (const name of entries)
  if (!allowed.some((pattern) => pattern.test(name))) problems.push(`unexpected file ${name}`);
for (const name of required) if (!entries.includes(name)) problems.push(`missing ${name}`);
const size = statSync(file).size;
if (size > maxBytes)
  problems.push(`${(size / 1024).toFixed(0)} KB is above the ${maxBytes / 1024} KB budget`);
console.log(`${file}: ${entries.length} files, ${(size / 1024).toFixed(0)} KB`);
if (problems.length > 0) {
  for (const problem of problems) console.error(`  ✖ ${problem}`);
  process.exit(1);
}
console.log('  ✔ contents and size as expected');
