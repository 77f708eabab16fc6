// Zero-config on known formats: each fixture (hand-written from the format's published description, with
// valid files and genuinely broken ones) is linted with no config. It must be recognised, index its items and
// report exactly the genuine problems, each on its file.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli, type CliDiagnostic } from '../../src/cli/main';
import { configJsonSchema } from '../../src/core/config';
import { statusCategoryOf } from '../../src/core/init/vocabulary';
import { detectPreset, presetConfig, presets } from '../../src/core/presets/presets';

const fixtures = join(__dirname, '..', 'fixtures', 'formats');

function lint(root: string, extra: string[] = []) {
  let stdout = '';
  let stderr = '';
  const code = runCli(['lint', root, '--format', 'json', ...extra], {
    cwd: root,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  const report = stdout
    ? (JSON.parse(stdout) as { files: number; features: number; diagnostics: CliDiagnostic[] })
    : undefined;
  return { code, stderr, report };
}

/** file → the sorted, de-duplicated rule codes reported on it. */
function codesByFile(diagnostics: CliDiagnostic[]): Record<string, string[]> {
  const byFile: Record<string, Set<string>> = {};
  for (const diagnostic of diagnostics) (byFile[diagnostic.file] ??= new Set()).add(diagnostic.code);
  return Object.fromEntries(
    Object.entries(byFile)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([file, codes]) => [file, [...codes].sort()]),
  );
}

const formats = [
  {
    folder: 'backlog-md',
    preset: 'backlog-md',
    items: 13,
    problems: {
      'backlog/tasks/back-2 - Add-login.md': ['duplicate-id'],
      'backlog/tasks/back-4 - Broken-front-matter.md': ['yaml-syntax'],
      'backlog/tasks/back-5 - Reused-id.md': ['duplicate-id'],
      'backlog/tasks/back-6 - Impossible-date.md': ['invalid-date'],
      'backlog/tasks/back-7 - Misspelt-status.md': ['invalid-enum'],
      'backlog/tasks/back-8 - Loop-one.md': ['dependency-cycle'],
      'backlog/tasks/back-9 - Loop-two.md': ['dependency-cycle'],
    },
  },
  {
    folder: 'kep',
    preset: 'kep',
    items: 10,
    problems: {
      'keps/sig-apps/1002-rolling-restarts/kep.yaml': ['duplicate-id'],
      'keps/sig-apps/1003-typo-in-status/kep.yaml': ['invalid-enum'],
      'keps/sig-cli/1009-swap-one/kep.yaml': ['dependency-cycle'],
      'keps/sig-cli/1010-swap-two/kep.yaml': ['dependency-cycle'],
      'keps/sig-network/1006-impossible-date/kep.yaml': ['invalid-date'],
      'keps/sig-storage/1004-broken-yaml/kep.yaml': ['yaml-syntax'],
      'keps/sig-storage/1005-reused-number/kep.yaml': ['duplicate-id'],
    },
  },
  {
    folder: 'eip',
    preset: 'eip',
    items: 12,
    problems: {
      'EIPS/eip-1559.md': ['duplicate-id'],
      'EIPS/eip-9002.md': ['duplicate-id'],
      'EIPS/eip-9003.md': ['yaml-syntax'],
      'EIPS/eip-9004.md': ['invalid-date'],
      'EIPS/eip-9005.md': ['invalid-enum'],
      'EIPS/eip-9006.md': ['dependency-cycle'],
      'EIPS/eip-9007.md': ['dependency-cycle'],
    },
  },
  {
    folder: 'madr',
    preset: 'madr',
    items: 3,
    problems: { 'docs/decisions/0003-use-graphql.md': ['invalid-date'] },
  },
] as const;

describe('presets: known formats with no config', () => {
  for (const format of formats) {
    describe(format.folder, () => {
      const root = join(fixtures, format.folder);
      const { code, stderr, report } = lint(root);

      it('is recognised, with one line on stderr naming the preset', () => {
        const notices = stderr.split('\n').filter((line) => line.includes('recognised'));
        assert.equal(notices.length, 1, stderr);
        assert.match(notices[0], new RegExp(`preset '${format.preset}'`));
        assert.doesNotMatch(stderr, /warning/, 'the preset itself raises no config problem');
      });

      it('indexes at least 95% of its items', () => {
        assert.ok(report, stderr);
        assert.ok(report.features >= Math.ceil(format.items * 0.95), `${report.features} of ${format.items}`);
      });

      it('reports exactly the genuine problems, on the right files', () => {
        assert.ok(report, stderr);
        assert.deepEqual(codesByFile(report.diagnostics), format.problems);
        assert.equal(code, 1);
      });
    });
  }

  it('each preset, checked by the config parser, has no problem', () => {
    for (const preset of presets) {
      const loaded = presetConfig({ preset, base: '', detected: true }, () => undefined);
      assert.deepEqual(
        loaded.problems.map((problem) => problem.message),
        [],
        preset.name,
      );
    }
  });

  it('the config schema offers exactly the presets there are', () => {
    assert.deepEqual(
      [...configJsonSchema.properties.preset.enum].sort(),
      presets.map((preset) => preset.name).sort(),
    );
  });

  it('our own format stays the default: a roadmap/ folder is not taken for a preset', () => {
    assert.equal(detectPreset(['roadmap/f-1.md', 'features/x.md', 'README.md']), undefined);
  });

  it("reads Backlog.md's columns from its config.yml", () => {
    const choice = detectPreset(['backlog/config.yml', 'backlog/tasks/back-1 - x.md'])!;
    assert.equal(choice.preset.name, 'backlog-md');
    const loaded = presetConfig(choice, (path) =>
      path === 'backlog/config.yml' ? 'statuses: [Backlog, Doing, Review, Shipped]\n' : undefined,
    );
    assert.deepEqual(
      loaded.config.statuses.map((status) => [status.id, status.category]),
      [
        ['Draft', 'todo'],
        ['Backlog', 'todo'],
        ['Doing', 'doing'],
        ['Review', 'doing'],
        ['Shipped', 'done'],
      ],
    );
  });
});

describe('preset: in the config, with the rest layered on top', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'roadmap-preset-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('keeps the preset and applies the file’s own settings over it', () => {
    const root = join(scratch, 'eip');
    cpSync(join(fixtures, 'eip'), root, { recursive: true });
    mkdirSync(join(root, '.roadmap'));
    writeFileSync(join(root, '.roadmap', 'config.yaml'), 'preset: eip\nrules:\n  dependency-cycle: off\n');
    const { stderr, report } = lint(root);
    assert.doesNotMatch(stderr, /recognised/, 'named, not detected: no notice');
    assert.ok(report);
    const codes = new Set(report.diagnostics.map((diagnostic) => diagnostic.code));
    assert.ok(!codes.has('dependency-cycle'));
    assert.ok(codes.has('invalid-enum') && codes.has('duplicate-id'));
  });

  it('reports an unknown preset name with a suggestion', () => {
    const root = join(scratch, 'typo');
    mkdirSync(join(root, '.roadmap'), { recursive: true });
    writeFileSync(join(root, '.roadmap', 'config.yaml'), 'preset: kpe\n');
    const { stderr } = lint(root, ['--allow-empty']);
    assert.match(stderr, /config\.preset: must be one of .*did you mean 'kep'/);
  });
});

describe('status categories guessed from names', () => {
  it('reads done, doing and todo words', () => {
    const cases: [string, string][] = [
      ['Done', 'done'],
      ['closed', 'done'],
      ['Shipped', 'done'],
      ['merged', 'done'],
      ['Final', 'done'],
      ['implemented', 'done'],
      ['In Progress', 'doing'],
      ['in-progress', 'doing'],
      ['in review', 'doing'],
      ['Last Call', 'doing'],
      ['To Do', 'todo'],
      ['open', 'todo'],
      ['Draft', 'todo'],
    ];
    for (const [name, category] of cases) assert.equal(statusCategoryOf(name), category, name);
  });
});

describe('our own format stays the default', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'roadmap-own-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('a roadmap/ folder of features wins over decision records beside it', () => {
    const root = join(scratch, 'both');
    cpSync(join(fixtures, 'madr'), root, { recursive: true });
    mkdirSync(join(root, 'roadmap'));
    writeFileSync(join(root, 'roadmap', 'F-001.md'), '---\nid: F-001\ntitle: Ours\nstatus: planned\n---\n');
    const { code, stderr, report } = lint(root);
    assert.doesNotMatch(stderr, /recognised/);
    assert.equal(report?.features, 1);
    assert.equal(code, 0);
  });

  it('a roadmap/ folder of other pages does not hide a known format', () => {
    const root = join(scratch, 'notes');
    cpSync(join(fixtures, 'madr'), root, { recursive: true });
    mkdirSync(join(root, 'roadmap'));
    writeFileSync(join(root, 'roadmap', 'README.md'), '# Our roadmap\n\nSee the decisions.\n');
    writeFileSync(
      join(root, 'roadmap', 'about.md'),
      '---\ntitle: About\nlayout: page\n---\n\nA docs page.\n',
    );
    assert.match(lint(root).stderr, /recognised MADR/);
  });
});
