// The floor: what any linter of these files must at least pay. A fresh Node process lists the corpus
// (synchronous recursive readdir, as the CLI does) and reads every byte of every Markdown file (synchronous
// reads, as the CLI does), and does nothing else. `node scripts/bench/floor.mjs <root>`
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const markdown = /\.(md|markdown)$/i;
let files = 0;
let bytes = 0;
const walk = (folder) => {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.isFile() && markdown.test(entry.name)) {
      bytes += readFileSync(path).length;
      files++;
    }
  }
};
const cpu = process.cpuUsage();
const started = performance.now();
walk(process.argv[2]);
const { user, system } = process.cpuUsage(cpu);
// The in-process time too: the I/O part alone, without Node's start-up.
console.log(JSON.stringify({ files, bytes, ms: performance.now() - started, cpuMs: (user + system) / 1000 }));
