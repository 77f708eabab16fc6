// The editor's persisted index (core/persistedIndex.ts): written from an index, read back into an equal one,
// ignored when stale or damaged, and revalidated by size and modification time.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseConfig } from '../../src/core/config';
import type { FeatureFile } from '../../src/core/featureFile';
import type { FileStamp } from '../../src/core/lintCache';
import { FrontmatterLines, LineIndex } from '../../src/core/lineIndex';
import {
  loadIndex,
  loadPicture,
  persistedIndexKey,
  revalidate,
  serializedIndexPieces,
  serializePicture,
  type FirstPicture,
  type PersistedEntry,
  type PictureFolder,
} from '../../src/core/persistedIndex';
import { WorkspaceIndex } from '../../src/core/workspaceIndex';

const config = parseConfig('').config;
const key = persistedIndexKey('1.2.3', 'file:///work/roadmap', config);

const files: Record<string, string> = {
  'roadmap/a.md': '---\nid: a\ntitle: Alpha\nstatus: planned\ndepends_on: [b]\n---\n# Alpha\n\n- [x] done\n',
  'roadmap/b.md': '---\r\nid: b\r\ntitle: Beta\r\nstatus: nonsense\r\n---\r\nBody\r\n',
  'roadmap/broken.md': '---\nid: c\ntitle: [unclosed\n---\n',
  'roadmap/notes.md': '# Just notes, no front-matter\n',
};

function indexOf(texts: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex(config);
  for (const [file, text] of Object.entries(texts)) index.update(file, text);
  index.flush();
  return index;
}

/** A persisted index's whole text, as the editor writes it piece by piece. */
const serializeIndex = (...args: Parameters<typeof serializedIndexPieces>) =>
  [...serializedIndexPieces(...args)].join('');

function persisted(index: WorkspaceIndex, texts: Record<string, string>): string {
  const stamps = new Map<string, FileStamp>();
  const parses = new Map<string, FeatureFile | null>();
  Object.keys(texts).forEach((file, i) => {
    stamps.set(file, { size: texts[file].length, mtimeMs: 1000 + i });
    parses.set(file, index.get(file) ?? null);
  });
  return serializeIndex(key, stamps, parses);
}

function entriesOf(text: string | undefined, withKey = key): PersistedEntry[] {
  const loaded = loadIndex(text, withKey);
  assert.ok('entries' in loaded, `expected entries, got ${'ignored' in loaded ? loaded.ignored : ''}`);
  return loaded.entries;
}

describe('persisted index', () => {
  test('an index restored from its persisted form has the same features, issues and positions', () => {
    const original = indexOf(files);
    const restored = new WorkspaceIndex(config);
    const entries = entriesOf(persisted(original, files));
    assert.deepEqual(entries.map((entry) => entry.file).sort(), Object.keys(files).sort());
    for (const { file, parsed } of entries) if (parsed) restored.put(file, parsed);
    restored.flush();
    // As JSON: a stored parse has no keys whose value was undefined.
    const plain = (index: WorkspaceIndex) =>
      JSON.parse(JSON.stringify(index.features().sort((x, y) => x.file.localeCompare(y.file)))) as unknown;
    assert.deepEqual(plain(restored), plain(original));
    for (const file of Object.keys(files)) {
      assert.deepEqual(
        JSON.parse(JSON.stringify(restored.issues(file))),
        JSON.parse(JSON.stringify(original.issues(file))),
        file,
      );
      // The positions the editor shows for a file it did not read this time: from the front-matter alone.
      const parsed = restored.get(file);
      if (!parsed) continue;
      const lines = new FrontmatterLines(
        parsed.split.kind === 'closed' ? parsed.split.yamlStart : 0,
        parsed.yamlText,
      );
      const full = new LineIndex(files[file]);
      for (const issue of restored.issues(file))
        assert.deepEqual(lines.rangeOf(issue.span), full.rangeOf(issue.span), `${file}: ${issue.message}`);
    }
    // The cross-file rule (a depends_on on b) is recomputed from the restored parses.
    assert.equal(restored.get('roadmap/notes.md'), undefined);
    assert.equal(entries.find((entry) => entry.file === 'roadmap/notes.md')?.parsed, null);
  });

  test('stamps come back as written', () => {
    const entries = entriesOf(persisted(indexOf(files), files));
    const a = entries.find((entry) => entry.file === 'roadmap/a.md');
    assert.deepEqual(a?.stamp, { size: files['roadmap/a.md'].length, mtimeMs: 1000 });
  });

  test('an index written for another version or config is ignored', () => {
    const text = persisted(indexOf(files), files);
    const otherVersion = persistedIndexKey('1.2.4', 'file:///work/roadmap', config);
    const otherConfig = persistedIndexKey(
      '1.2.3',
      'file:///work/roadmap',
      parseConfig('statuses:\n  - id: idea\n    category: todo\n').config,
    );
    const otherFolder = persistedIndexKey('1.2.3', 'file:///work/other', config);
    for (const other of [otherVersion, otherConfig, otherFolder]) {
      assert.notEqual(other, key);
      assert.ok('ignored' in loadIndex(text, other));
    }
  });

  test('a missing, truncated, damaged or foreign file is ignored with a reason, never thrown', () => {
    const text = persisted(indexOf(files), files);
    const damaged = [
      undefined,
      '',
      'roadmap-lint-cache 1 2 3\n{}',
      text.slice(0, text.length / 2),
      text.replace('"roadmap/a.md"', '"roadmap/a.md'),
      text.replace(/\n[^\n]*\n$/, '\n{"roadmap/a.md": 12\n'),
      '\u0000\u0001binary',
    ];
    for (const candidate of damaged) {
      const loaded = loadIndex(candidate, key);
      assert.ok('ignored' in loaded, JSON.stringify(candidate?.slice(0, 40)));
      assert.ok(loaded.ignored.length > 0);
    }
  });

  test('revalidation re-reads changed and new files and drops the gone ones', () => {
    const stored = new Map<string, FileStamp>([
      ['same.md', { size: 10, mtimeMs: 5 }],
      ['bigger.md', { size: 10, mtimeMs: 5 }],
      ['touched.md', { size: 10, mtimeMs: 5 }],
      ['gone.md', { size: 10, mtimeMs: 5 }],
    ]);
    const current = new Map<string, FileStamp>([
      ['same.md', { size: 10, mtimeMs: 5 }],
      ['bigger.md', { size: 11, mtimeMs: 5 }],
      ['touched.md', { size: 10, mtimeMs: 6 }],
      ['new.md', { size: 1, mtimeMs: 1 }],
    ]);
    const { changed, removed } = revalidate(stored, current);
    assert.deepEqual(changed.sort(), ['bigger.md', 'new.md', 'touched.md']);
    assert.deepEqual(removed, ['gone.md']);
    assert.deepEqual(revalidate(stored, stored), { changed: [], removed: [] });
  });

  describe('first picture', () => {
    const folders: PictureFolder[] = [
      { folder: 'file:///work/a', key, index: { size: 17_000_000, mtimeMs: 1_700_000_000_123.5 } },
      { folder: 'file:///work/b', key: 'other', index: undefined },
    ];
    const picture: FirstPicture = {
      folders,
      features: 10_020,
      errors: 20,
      warnings: 3,
      tree: { groupBy: 'status', roots: [{ id: 'group:x', label: 'Planned' }] },
    };

    test('comes back as written while the folders, keys and index files are the same', () => {
      const loaded = loadPicture(serializePicture(picture), structuredClone(folders));
      assert.ok('picture' in loaded);
      // As JSON: a folder with no index file has no `index` key.
      assert.deepEqual(loaded.picture, JSON.parse(JSON.stringify(picture)));
    });

    test('is ignored when anything it was written with changed: it never shows more than the indexes', () => {
      const text = serializePicture(picture);
      const [a, b] = folders;
      const changed: [string, PictureFolder[]][] = [
        [
          'an index file rewritten (its modification time)',
          [{ ...a, index: { ...a.index!, mtimeMs: 1 } }, b],
        ],
        ['an index file of another size', [{ ...a, index: { ...a.index!, size: 1 } }, b]],
        ['an index file deleted', [{ ...a, index: undefined }, b]],
        ['an index file written where there was none', [a, { ...b, index: { size: 1, mtimeMs: 1 } }]],
        ['another key (version or config)', [{ ...a, key: 'another' }, b]],
        ['a folder removed', [a]],
        ['a folder added', [a, b, { folder: 'file:///work/c', key, index: undefined }]],
        ['the folders in another order', [b, a]],
      ];
      for (const [what, current] of changed) {
        const loaded = loadPicture(text, current);
        assert.ok('ignored' in loaded && loaded.ignored.length > 0, what);
      }
    });

    test('a missing, damaged or foreign file is ignored with a reason, never thrown', () => {
      const text = serializePicture(picture);
      for (const candidate of [
        undefined,
        '',
        text.slice(0, text.length / 2),
        text.replace('"features":10020', '"features":"many"'),
        text.replace('"errors":20', '"errors":-1'),
        'roadmap-first-picture 1\nnull\n',
        'roadmap-first-picture 1\n{}\n',
        serializeIndex(key, new Map(), new Map()),
        '\u0000\u0001binary',
      ]) {
        const loaded = loadPicture(candidate, folders);
        assert.ok('ignored' in loaded && loaded.ignored.length > 0, JSON.stringify(candidate?.slice(0, 60)));
      }
    });
  });
});
