// The combined glob matcher against picomatch's own list matcher, on the globs configs use and paths around them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import picomatch from 'picomatch/posix';
import { defaultExclude } from '../../src/core/config';
import { globMatcher } from '../../src/core/globs';

const globLists: string[][] = [
  defaultExclude,
  ['roadmap/**/*.md', 'features/*.markdown'],
  ['backlog/{tasks,drafts}/**/*.md', '!backlog/drafts/**'],
  ['keps/**/kep.yaml', 'keps/**/README.md'],
  ['EIPS/eip-*.md'],
  ['**/.*/**', '**/*.draft.md'],
  ['README.md'],
  ['[abc]*.md', '?.md', 'x/**'],
  ['milestones/*.md'],
];
const paths = [
  '',
  'README.md',
  'roadmap/a.md',
  'roadmap/deep/b.md',
  'features/c.markdown',
  'features/deep/c.markdown',
  'node_modules/x/roadmap/a.md',
  'a/node_modules/b.md',
  'dist/a.md',
  'src/dist.md',
  '.git/config',
  'a/.vscode-test/x.md',
  'backlog/tasks/task-1 - Title.md',
  'backlog/drafts/task-2.md',
  'keps/sig-node/123-x/kep.yaml',
  'keps/sig-node/123-x/README.md',
  'EIPS/eip-1559.md',
  'EIPS/eip-.md',
  '.hidden/a.md',
  'a/b.draft.md',
  'b.md',
  'x.md',
  'x/y/z.md',
  'milestones/m1.md',
  './roadmap/a.md',
  'roadmap\\a.md',
];

describe('globMatcher', () => {
  for (const globs of globLists)
    test(`decides as picomatch does: ${globs.join(', ')}`, () => {
      const expected = picomatch(globs, { dot: true });
      const actual = globMatcher(globs);
      for (const path of paths)
        assert.equal(actual(path), Boolean(expected(path)), `${path} against ${globs.join(', ')}`);
    });
  test('no glob matches nothing', () => {
    assert.equal(globMatcher([])('a.md'), false);
  });
});
