// Front-matter completion candidates: field names with docs, config values, rubric tiers, ids.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig, type RoadmapConfig } from '../../src/core/config';
import { parseFeatureFile } from '../../src/core/featureFile';
import { applyEdits } from '../../src/core/edits';
import { completionsAt, type CompletionCandidate } from '../../src/core/language/completions';
import type { Feature } from '../../src/core/types';

function feature(file: string, front: string, config = defaultConfig()): Feature {
  const parsed = parseFeatureFile(file, `---\n${front}\n---\n`, config);
  assert.ok(parsed.feature, file);
  return parsed.feature;
}

const workspace = [
  feature(
    'roadmap/a.md',
    'id: F-001\ntitle: Single sign-on\nstatus: planned\nowner: ana\nteam: platform\ntags: [security]',
  ),
  feature(
    'roadmap/b.md',
    'id: F-002\ntitle: Audit log\nstatus: planned\nowner: ben\ntags: [security, admin]',
  ),
  feature('roadmap/c.md', 'id: F-003\ntitle: Dark mode\nstatus: idea'),
];

function complete(
  source: string,
  config: RoadmapConfig = defaultConfig(),
  file = 'roadmap/c.md',
): { items: CompletionCandidate[]; text: string } {
  const offset = source.indexOf('|');
  const text = source.slice(0, offset) + source.slice(offset + 1);
  return { items: completionsAt({ text, offset, config, features: workspace, file }), text };
}

const labels = (items: CompletionCandidate[]) => items.map((item) => item.label);
const pick = (items: CompletionCandidate[], label: string) => {
  const item = items.find((candidate) => candidate.label === label);
  assert.ok(item, `${label} in ${labels(items).join(', ')}`);
  return item;
};
/** The text after choosing a candidate (snippets as written, tab stops and all). */
const choose = (text: string, item: CompletionCandidate) =>
  applyEdits(text, [{ ...item.span, newText: item.insertText }]);

test('field names: the ones not present yet, with schema documentation, in schema order', () => {
  const { items } = complete('---\nid: F-003\ntitle: Dark mode\n|\n---\n');
  assert.ok(!labels(items).includes('id') && !labels(items).includes('title'));
  assert.deepEqual(labels(items).slice(0, 3), ['status', 'moscow', 'rice']);
  const status = pick(items, 'status');
  assert.equal(status.insertText, 'status: ');
  assert.equal(status.retrigger, true);
  assert.match(status.documentation ?? '', /one of the statuses/);
  // Status ids are the team's text: escaped in the table.
  assert.ok(status.documentation?.includes('| in\\-progress | In progress | doing |'), status.documentation);
  assert.match(pick(items, 'moscow').documentation ?? '', /Without it the release is a failure/);
});

test('rice is offered as a whole block snippet', () => {
  const { items, text } = complete('---\nid: F-003\nri|\n---\n');
  const rice = pick(items, 'rice');
  assert.equal(rice.snippet, true);
  assert.equal(
    choose(text, rice),
    '---\nid: F-003\nrice:\n  reach: ${1:1000}\n  impact: ${2|3,2,1,0.5,0.25|}\n  confidence: ${3|100%,80%,50%|}\n  effort: ${4:1}\n---\n',
  );
});

test('aliases count as present; custom fields are offered with their description', () => {
  const config = {
    ...defaultConfig(),
    aliases: { priority: 'moscow' },
    fields: { segment: { type: 'enum' as const, values: ['smb', 'enterprise'], description: 'Who buys it' } },
  };
  const { items } = complete('---\npriority: must\n|\n---\n', config);
  assert.ok(!labels(items).includes('moscow'));
  assert.match(pick(items, 'segment').documentation ?? '', /Who buys it/);
  const values = complete('---\nsegment: |\n---\n', config).items;
  assert.deepEqual(labels(values), ['smb', 'enterprise']);
  assert.deepEqual(labels(complete('---\npriority: |\n---\n', config).items), [
    'must',
    'should',
    'could',
    'wont',
  ]);
});

test('sub-fields of rice, without the ones present', () => {
  const { items } = complete('---\nrice:\n  reach: 10\n  |\n---\n');
  assert.deepEqual(labels(items), ['impact', 'confidence', 'effort']);
  assert.match(
    pick(items, 'impact').documentation ?? '',
    /\| 2 \| High \| A big, noticeable improvement\. \|/,
  );
});

test('status values come from the config', () => {
  const config = {
    ...defaultConfig(),
    statuses: [
      { id: 'now', title: 'Now', category: 'doing' as const },
      { id: 'later', title: 'Later', category: 'todo' as const },
    ],
  };
  const { items, text } = complete('---\nstatus:|\n---\n', config);
  assert.deepEqual(labels(items), ['now', 'later']);
  assert.equal(pick(items, 'now').detail, 'Now (doing)');
  assert.equal(choose(text, pick(items, 'later')), '---\nstatus: later\n---\n');
});

test('MoSCoW values carry their rubric', () => {
  const { items } = complete('---\nmoscow: |\n---\n');
  assert.equal(pick(items, 'wont').detail, "Won't have (this time)");
  assert.match(pick(items, 'must').documentation ?? '', /legal, safety or core value/);
});

test('RICE impact tiers are labelled and insert the number', () => {
  const { items, text } = complete('---\nrice:\n  impact: |\n---\n');
  assert.deepEqual(labels(items), ['3 · Massive', '2 · High', '1 · Medium', '0.5 · Low', '0.25 · Minimal']);
  assert.equal(choose(text, pick(items, '2 · High')), '---\nrice:\n  impact: 2\n---\n');
  const flow = complete('---\nrice: { reach: 1, impact: 5| }\n---\n');
  assert.equal(
    choose(flow.text, pick(flow.items, '0.5 · Low')),
    '---\nrice: { reach: 1, impact: 0.5 }\n---\n',
  );
});

test('RICE confidence tiers insert a percentage', () => {
  const { items, text } = complete('---\nrice:\n  confidence: |\n---\n');
  assert.deepEqual(labels(items), ['100% · High', '80% · Medium', '50% · Low']);
  assert.equal(choose(text, pick(items, '80% · Medium')), '---\nrice:\n  confidence: 80%\n---\n');
});

test('depends_on offers other ids with their titles, never itself or ids already listed', () => {
  const flow = complete('---\nid: F-003\ndepends_on: [F-001, |]\n---\n');
  assert.deepEqual(labels(flow.items), ['F-002']);
  assert.equal(pick(flow.items, 'F-002').detail, 'Audit log');
  assert.match(pick(flow.items, 'F-002').documentation ?? '', /Audit log/);
  const block = complete('---\nid: F-003\ndepends_on:\n  - F-002\n  -|\n---\n');
  assert.deepEqual(labels(block.items), ['F-001']);
  assert.equal(
    choose(block.text, pick(block.items, 'F-001')),
    '---\nid: F-003\ndepends_on:\n  - F-002\n  - F-001\n---\n',
  );
  const bare = complete('---\nid: F-003\ndepends_on: |\n---\n');
  assert.equal(choose(bare.text, pick(bare.items, 'F-001')), '---\nid: F-003\ndepends_on: [F-001]\n---\n');
});

test('milestones and goals from the config, owners, teams and tags from the workspace', () => {
  const config = {
    ...defaultConfig(),
    milestones: [{ id: 'M1', title: 'Beta', date: '2026-03-01' }],
    goals: [{ id: 'G-1', title: 'Grow enterprise' }],
  };
  assert.equal(pick(complete('---\nmilestone: |\n---\n', config).items, 'M1').detail, 'Beta · 2026-03-01');
  assert.equal(pick(complete('---\ngoal: |\n---\n', config).items, 'G-1').detail, 'Grow enterprise');
  assert.deepEqual(labels(complete('---\nowner: |\n---\n').items), ['ana', 'ben']);
  assert.deepEqual(labels(complete('---\nteam: |\n---\n').items), ['platform']);
  assert.deepEqual(labels(complete('---\ntags: [admin, |]\n---\n').items), ['security']);
});

test('nothing for free text, outside the front-matter, or a list item of a scalar field', () => {
  assert.deepEqual(complete('---\ntitle: |\n---\n').items, []);
  assert.deepEqual(complete('---\nid: x\n---\n# Body |\n').items, []);
  assert.deepEqual(complete('---\nstatus: [|]\n---\n').items, []);
});
