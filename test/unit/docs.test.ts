import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fillReadme, renderGeneratedSections } from '../../scripts/generateDocs';
import { rules } from '../../src/core/schema';

const readme = readFileSync('README.md', 'utf8');

test('the README reference sections match the schema and the manifest (run `npm run docs`)', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.equal(readme, fillReadme(readme, renderGeneratedSections(manifest)));
});

test('every rule has the README anchor its diagnostics link to', () => {
  for (const rule of rules) assert.ok(readme.includes(`<a id="rule-${rule.code}"></a>`), rule.code);
});

test('the README gives the two commands', () => {
  assert.match(readme, /npm start/);
  assert.match(readme, /npm test/);
});
