// The core behind the panel as a workspace: edits checked with the editor's rules, numbers as people type
// them, the body reduced to safe blocks, saved views read and written losslessly, and the panel's export
// formats kept equal to the Export command's.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bodyBlocks } from '../../src/core/bodyBlocks';
import { defaultConfig } from '../../src/core/config';
import { exportFormats } from '../../src/core/exporters';
import { changeFor, checkEdits } from '../../src/core/panelEdits';
import { kep } from '../../src/core/presets/kep';
import { presetConfig } from '../../src/core/presets/presets';
import { parseSavedViews, upsertSavedView } from '../../src/core/savedViews';
import { isCancelledStatus } from '../../src/core/statusKinds';
import { parseTypedNumber } from '../../src/core/typedNumber';
import { roadmapExportFormats } from '../../src/shared/protocol';

const file =
  '---\nid: F-1\ntitle: A feature # keep me\nstatus: idea\nrice: { reach: 10, impact: 1, confidence: 80%, effort: 2 }\n---\n# Body\n';

describe('panel edits', () => {
  test('numbers as typed: thousands separators and percent signs', () => {
    assert.equal(parseTypedNumber('2,500'), 2500);
    assert.equal(parseTypedNumber('2 500'), 2500);
    assert.equal(parseTypedNumber('80%'), 80);
    assert.equal(parseTypedNumber('0.25'), 0.25);
    assert.equal(parseTypedNumber('lots'), undefined);
    assert.equal(parseTypedNumber(''), undefined);
  });

  test('a valid edit is applied losslessly (comments and flow style kept)', () => {
    const change = changeFor({ field: 'reach', value: '2,500' });
    assert.ok(change.ok);
    const result = checkEdits('f.md', file, [change.change], defaultConfig());
    assert.ok(result.ok);
    assert.match(result.text, /reach: 2500/);
    assert.match(result.text, /title: A feature # keep me/);
  });

  test('an edit the editor would flag is refused with the rule message', () => {
    const impact = changeFor({ field: 'impact', value: '4' });
    assert.ok(impact.ok);
    const refused = checkEdits('f.md', file, [impact.change], defaultConfig());
    assert.equal(refused.ok, false);
    assert.match((refused as { reason: string }).reason, /RICE impact 4 is off the scale/);
    const quarter = changeFor({ field: 'quarter', value: '2026-Q7' });
    assert.ok(quarter.ok);
    assert.equal(checkEdits('f.md', file, [quarter.change], defaultConfig()).ok, false);
    assert.deepEqual(changeFor({ field: 'effort', value: 'a lot' }), {
      ok: false,
      reason: "effort 'a lot' is not a number",
    });
    assert.equal(changeFor({ field: 'owner', value: 'a\u0007b' }).ok, false);
  });

  test('edits a YAML metadata file (kep.yaml, no fences) and a field the files name by an alias', () => {
    const config = presetConfig({ preset: kep, base: '', detected: true }, () => undefined).config;
    const metadata = 'title: Rolling restarts\nkep-number: 1002\nstatus: provisional # ok\n';
    const status = changeFor({ field: 'status', value: 'implementable' });
    assert.ok(status.ok);
    const result = checkEdits(
      'keps/sig-apps/1002-rolling-restarts/kep.yaml',
      metadata,
      [status.change],
      config,
    );
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.text, 'title: Rolling restarts\nkep-number: 1002\nstatus: implementable # ok\n');
    const owner = changeFor({ field: 'owner', value: '@eve' });
    assert.ok(owner.ok);
    const aliased = checkEdits(
      'keps/a/1-x/kep.yaml',
      `${metadata}authors:\n  - "@bob"\n`,
      [owner.change],
      config,
    );
    assert.ok(aliased.ok, JSON.stringify(aliased));
    assert.match(aliased.text, /^authors: "@eve"$/m);
    assert.doesNotMatch(aliased.text, /^owner:/m);
  });

  test('an empty value removes the field', () => {
    const change = changeFor({ field: 'status', value: '' });
    assert.ok(change.ok);
    assert.equal(change.change.value, undefined);
  });
});

describe('the body for the details pane', () => {
  test('headings, paragraphs, task lists and safe links; HTML stays text, unsafe links are dropped', () => {
    const blocks = bodyBlocks(
      '---\nid: F-1\n---\n# Why\n\nSee [docs](https://example.com) and [x](javascript:alert(1)).\n\n- [x] done\n- [ ] open\n\n<script>alert(1)</script>\n',
    );
    assert.equal(blocks[0]!.kind, 'heading');
    const paragraph = blocks[1]!;
    assert.ok(paragraph.kind === 'paragraph');
    assert.deepEqual(
      paragraph.text.filter((part) => part.href).map((part) => part.href),
      ['https://example.com'],
    );
    const list = blocks[2]!;
    assert.ok(list.kind === 'list');
    assert.deepEqual(
      list.items.map((item) => item.checked),
      [true, false],
    );
    assert.deepEqual(blocks[3], { kind: 'code', text: '<script>alert(1)</script>' });
  });
});

describe('saved views', () => {
  test('read forgivingly: single values become lists, bad entries are named', () => {
    const parsed = parseSavedViews(
      'views:\n  - name: Platform\n    view: timeline\n    zoom: year\n    filters: { team: platform, status: [planned, in-progress] }\n  - name: Broken\n    view: nowhere\n',
    );
    assert.deepEqual(parsed.views, [
      {
        name: 'Platform',
        view: 'timeline',
        zoom: 'year',
        filters: { team: ['platform'], status: ['planned', 'in-progress'] },
      },
    ]);
    assert.equal(parsed.problems.length, 1);
  });

  test('written by editing the document: comments kept, a view of the same name replaced', () => {
    const text = '# Team views\nviews:\n  - name: Platform # ours\n    view: board\n';
    const updated = upsertSavedView(text, {
      name: 'Mobile',
      view: 'priority',
      filters: { team: ['mobile'] },
    });
    assert.match(updated, /# Team views/);
    assert.match(updated, /# ours/);
    assert.deepEqual(
      parseSavedViews(updated).views.map((view) => view.name),
      ['Platform', 'Mobile'],
    );
    const replaced = upsertSavedView(updated, { name: 'Platform', view: 'timeline', filters: {} });
    assert.deepEqual(
      parseSavedViews(replaced).views.map((view) => [view.name, view.view]),
      [
        ['Platform', 'timeline'],
        ['Mobile', 'priority'],
      ],
    );
    assert.deepEqual(
      parseSavedViews(upsertSavedView('', { name: 'A', view: 'board', filters: {} })).views.length,
      1,
    );
  });
});

test('dropped and cancelled statuses are told apart from shipped ones', () => {
  assert.equal(isCancelledStatus({ id: 'dropped', title: 'Dropped', category: 'done' }), true);
  assert.equal(isCancelledStatus({ id: 'cancelled', title: 'Cancelled', category: 'done' }), true);
  assert.equal(isCancelledStatus({ id: 'shipped', title: 'Shipped', category: 'done' }), false);
  assert.equal(isCancelledStatus({ id: 'dropped-ball', title: 'Doing', category: 'doing' }), false);
});

test("the panel's Export menu offers the Export command's formats", () => {
  assert.deepEqual([...roadmapExportFormats].sort(), [...exportFormats].sort());
});
