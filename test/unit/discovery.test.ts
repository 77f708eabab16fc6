// Discovery decides with the config's globs; the exclude globs that only name a folder never scanned (the
// defaults) are decided by path segment instead of by pattern, which must change no decision.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import picomatch from 'picomatch/posix';
import { defaultConfig, defaultExclude } from '../../src/core/config';
import { createDiscovery, neverScanned } from '../../src/core/discovery';

const paths = [
  'roadmap/a.md',
  'roadmap/dist',
  'roadmap/dist/a.md',
  'a/roadmap/out/b.md',
  'node_modules/x/roadmap/a.md',
  'features/.git/x.md',
  'features/.gitx/x.md',
  'features/xdist/a.md',
  'features/distx.md',
  'features/build.md',
  'features/.vscode-test/a.md',
  // A dot in a folder's name is a dot, not any character.
  'features/xvscode-test/a.md',
  'roadmap/xgit/a.md',
  'roadmap/x.svn/a.md',
  'features/.hg/a.md',
  'dist',
  'a/dist/',
  'roadmap',
  'features/deep/c.markdown',
];

test('the default excludes decide as their globs do, by path segment', () => {
  const discovery = createDiscovery(defaultConfig());
  const excludedByGlob = picomatch(defaultExclude, { dot: true });
  const inFolderNeverScanned = (path: string) => path.split('/').some((segment) => neverScanned.has(segment));
  for (const path of paths) {
    const excluded = excludedByGlob(path) || inFolderNeverScanned(path);
    assert.equal(
      discovery.isCandidate(path),
      !excluded && /\.(md|markdown)$/.test(path) && /(^|\/)(roadmap|features)\//.test(path),
      path,
    );
    assert.equal(
      discovery.isPrunedFolder(path),
      excluded || excludedByGlob(`${path}/`),
      `${path} as a folder`,
    );
  }
});

test('an exclude glob of the config still applies beside the defaults', () => {
  const config = defaultConfig();
  config.exclude = [...config.exclude, '**/drafts/**', 'roadmap/dist/**'];
  const discovery = createDiscovery(config);
  assert.equal(discovery.isCandidate('roadmap/drafts/a.md'), false);
  assert.equal(discovery.isPrunedFolder('roadmap/drafts'), true);
  assert.equal(discovery.isCandidate('roadmap/a.md'), true);
  assert.equal(discovery.isCandidate('roadmap/dist/a.md'), false);
});
