// The panel model across workspace folders (unambiguous file keys that map back), and the small pure helpers
// the panel host trusts with untrusted input: base64, and the document text VS Code will hold.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FeatureView, RoadmapModel } from '../../src/shared/protocol';
import { combineFolderModels, decodeBase64, folderPrefixes } from '../../src/vscode/panelModel';

function feature(file: string, id: string): FeatureView {
  return {
    file,
    revision: 'r',
    id,
    title: id,
    status: 'planned',
    dependsOn: [],
    tags: [],
    problems: { errors: 0, warnings: 0 },
  };
}

function model(
  features: FeatureView[],
  statuses: string[],
  scoringModel: RoadmapModel['scoringModel'] = 'rice',
): RoadmapModel {
  return {
    features,
    statuses: statuses.map((id) => ({ id, title: id.toUpperCase(), category: 'todo' })),
    milestones: [{ id: 'M1', title: 'One' }],
    goals: [],
    scoringModel,
    mustBudget: 0.6,
    today: '2000-01-01',
  };
}

describe('combineFolderModels', () => {
  test('one folder: keys are the folder-relative paths', () => {
    const { model: combined, files } = combineFolderModels(
      [{ name: 'app', folder: 'A', model: model([feature('roadmap/a.md', 'F-1')], ['planned']) }],
      '2025-05-05',
    );
    assert.deepEqual(
      combined.features.map((f) => f.file),
      ['roadmap/a.md'],
    );
    assert.deepEqual(files.get('roadmap/a.md'), { folder: 'A', file: 'roadmap/a.md' });
    assert.equal(combined.today, '2025-05-05');
  });

  test('several folders: keys are prefixed by folder name (made unique) and map back', () => {
    const { model: combined, files } = combineFolderModels(
      [
        { name: 'app', folder: 'A', model: model([feature('roadmap/a.md', 'F-1')], ['planned', 'shipped']) },
        {
          name: 'app',
          folder: 'B',
          model: model([feature('roadmap/a.md', 'F-1')], ['shipped', 'review'], 'ice'),
        },
        { name: 'web', folder: 'C', model: model([feature('x.md', 'W-1')], ['planned']) },
      ],
      '2025-05-05',
    );
    assert.deepEqual(
      combined.features.map((f) => f.file),
      ['app/roadmap/a.md', 'app (2)/roadmap/a.md', 'web/x.md'],
    );
    assert.deepEqual(files.get('app (2)/roadmap/a.md'), { folder: 'B', file: 'roadmap/a.md' });
    assert.equal(files.size, 3);
    assert.deepEqual(
      combined.statuses.map((s) => s.id),
      ['planned', 'shipped', 'review'],
    );
    assert.equal(combined.scoringModel, 'rice');
    assert.deepEqual(combined.milestones, [{ id: 'M1', title: 'One' }]);
  });

  test('no folders: an empty roadmap with the default statuses', () => {
    const { model: combined, files } = combineFolderModels([], '2025-05-05');
    assert.deepEqual(combined.features, []);
    assert.ok(combined.statuses.length > 0);
    assert.equal(files.size, 0);
  });

  test('folder prefixes never contain a slash, so a key splits back unambiguously', () => {
    assert.deepEqual(folderPrefixes(['a/b', '']), ['a_b/', 'folder/']);
    assert.deepEqual(folderPrefixes(['only']), ['']);
  });
});

describe('panel input helpers', () => {
  test('decodeBase64 decodes and rejects what is not base64', () => {
    assert.deepEqual(
      [...(decodeBase64('iVBORw0KGgo=') ?? [])],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    );
    assert.deepEqual([...(decodeBase64('') ?? [1])], []);
    for (const bad of ['abc', 'ab!=', 'a===', '====', 'ab=c'])
      assert.equal(decodeBase64(bad), undefined, bad);
  });
});
