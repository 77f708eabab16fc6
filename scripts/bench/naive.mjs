// The naive pipeline a team might write instead of a linter: list the Markdown files, read each one, split
// the front-matter with gray-matter and parse the body with remark. No validation at all: this is the cost of
// "just parse everything" with the usual libraries. `node scripts/bench/naive.mjs <root>`
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { remark } from 'remark';

const markdown = /\.(md|markdown)$/i;
const processor = remark();
let files = 0;
let withFrontmatter = 0;
let failures = 0;
const walk = (folder) => {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.isFile() && markdown.test(entry.name)) {
      files++;
      const text = readFileSync(path, 'utf8');
      let body = text;
      try {
        // An options object turns gray-matter's per-content cache off, as real pipelines with options get.
        const parsed = matter(text, { language: 'yaml' });
        if (parsed.matter) withFrontmatter++;
        body = parsed.content;
      } catch {
        failures++;
      }
      processor.parse(body);
    }
  }
};
walk(process.argv[2]);
console.log(JSON.stringify({ files, withFrontmatter, failures }));
