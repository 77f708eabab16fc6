// The first run never fails silently, and `roadmap init` turns any folder of front-matter Markdown into a
// config that lint then agrees with: items indexed, and only the genuine problems flagged.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { runCli, type CliDiagnostic } from '../../src/cli/main';
import { parseConfig } from '../../src/core/config';
import { inferConfig } from '../../src/core/init/inferConfig';

const fixtures = join(__dirname, '..', 'fixtures', 'formats');
const scratch = mkdtempSync(join(tmpdir(), 'roadmap-init-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { cwd, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

function copyFixture(name: string): string {
  const root = join(scratch, `${name}-${Math.random().toString(36).slice(2, 8)}`);
  cpSync(join(fixtures, name), root, { recursive: true });
  return root;
}

const lintJson = (root: string) => {
  const result = cli(['lint', root, '--format', 'json'], root);
  return {
    ...result,
    report: JSON.parse(result.stdout) as { features: number; diagnostics: CliDiagnostic[] },
  };
};

describe('lint with nothing to lint', () => {
  it('exits 2, says how many Markdown files it scanned and how to start', () => {
    const { code, stderr } = cli(['lint', join(fixtures, 'plain')], fixtures);
    assert.equal(code, 2);
    assert.match(stderr, /no feature found/);
    assert.match(stderr, /12 Markdown files/);
    assert.match(stderr, /roadmap init/);
    assert.match(stderr, /include:/);
    assert.match(stderr, /preset:/);
  });

  it('--allow-empty accepts an empty roadmap', () => {
    assert.equal(cli(['lint', join(fixtures, 'plain'), '--allow-empty'], fixtures).code, 0);
  });

  it('reports an include glob that matches nothing', () => {
    const root = copyFixture('plain');
    mkdirSync(join(root, '.roadmap'));
    writeFileSync(join(root, '.roadmap', 'config.yaml'), 'include: [plans/*.md, plan/**/*.md]\n');
    const { stderr } = cli(['lint', root, '--allow-empty'], root);
    assert.match(stderr, /include 'plan\/\*\*\/\*\.md' matches no file/);
    assert.doesNotMatch(stderr, /include 'plans\/\*\.md'/);
  });

  it('finds the config above the linted folder, up to the repository root', () => {
    const root = copyFixture('plain');
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, '.roadmap'));
    writeFileSync(
      join(root, '.roadmap', 'config.yaml'),
      'include: [plans/*.md]\nexclude: [plans/index.md]\nrequired: [key]\naliases: { key: id, name: title, state: status }\nstatuses: [{ id: open }, { id: in review }, { id: in progress }, { id: shipped }, { id: closed }]\nrules: { unknown-field: off, invalid-enum: off }\n',
    );
    const { code, stderr, stdout } = cli(
      ['lint', join(root, 'plans'), '--format', 'json'],
      join(root, 'plans'),
    );
    assert.match(stderr, /using .*\.roadmap\/config\.yaml/);
    assert.equal(JSON.parse(stdout).features, 9, stderr);
    assert.notEqual(code, 2);
  });

  it('stops at the repository root', () => {
    const outer = join(scratch, 'outer');
    mkdirSync(join(outer, '.roadmap'), { recursive: true });
    writeFileSync(join(outer, '.roadmap', 'config.yaml'), 'include: ["**/*.md"]\n');
    const repo = join(outer, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    const { code, stderr } = cli(['lint', repo], repo);
    assert.equal(code, 2);
    assert.doesNotMatch(stderr, /using/);
  });
});

describe('roadmap init', () => {
  it('writes a commented config after which lint indexes every item and flags only the genuine problem', () => {
    const root = copyFixture('plain');
    const init = cli(['init', root], root);
    assert.equal(init.code, 0, init.stderr);
    const text = readFileSync(join(root, '.roadmap', 'config.yaml'), 'utf8');
    assert.match(text, /^# /m, 'commented');
    assert.deepEqual(parseConfig(text).problems, [], text);
    const config = parse(text) as Record<string, unknown>;
    assert.deepEqual(config.include, ['plans/**/*.md']);
    assert.deepEqual(config.exclude, ['plans/index.md'], 'the index page beside the plans is not one');
    assert.deepEqual(config.aliases, {
      key: 'id',
      name: 'title',
      state: 'status',
      assignee: 'owner',
      labels: 'tags',
      due: 'end',
      depends: 'depends_on',
      priority: 'moscow',
    });
    assert.match(text, /likely typo of 'open'.*'opne'/);
    const { report, stderr } = lintJson(root);
    assert.equal(report.features, 9, stderr);
    // The genuine problems only (an impossible date, a misspelt state): nothing the inference caused.
    assert.deepEqual(
      report.diagnostics.map((diagnostic) => [diagnostic.file, diagnostic.code]),
      [
        ['plans/plat-5.md', 'invalid-date'],
        ['plans/plat-9.md', 'invalid-enum'],
      ],
    );
  });

  it('guesses status categories and enum fields', () => {
    const result = inferConfig([
      ...['open', 'open', 'in review', 'shipped', 'closed', 'open'].map((state, index) => ({
        path: `items/i-${index}.md`,
        text: `---\ntitle: Item ${index}\nstate: ${state}\nsize: ${['S', 'M', 'S', 'L', 'M', 'S'][index]}\n---\n`,
      })),
    ]);
    const config = parse(result.text) as {
      statuses: { id: string; category: string }[];
      fields: Record<string, { type: string; values?: string[] }>;
      ids: { fromPath: string };
    };
    assert.deepEqual(
      config.statuses.map((status) => [status.id, status.category]),
      [
        ['open', 'todo'],
        ['in review', 'doing'],
        ['shipped', 'done'],
        ['closed', 'done'],
      ],
    );
    assert.deepEqual(config.fields.size, { type: 'enum', values: ['L', 'M', 'S'] });
    assert.ok(config.ids.fromPath, 'no id field: ids come from the file name');
  });

  it('never overwrites a config without --force', () => {
    const root = copyFixture('plain');
    mkdirSync(join(root, '.roadmap'));
    writeFileSync(join(root, '.roadmap', 'config.yaml'), '# mine\n');
    const refused = cli(['init', root], root);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /already exists.*--force/);
    assert.equal(readFileSync(join(root, '.roadmap', 'config.yaml'), 'utf8'), '# mine\n');
    assert.equal(cli(['init', root, '--force'], root).code, 0);
    assert.notEqual(readFileSync(join(root, '.roadmap', 'config.yaml'), 'utf8'), '# mine\n');
  });

  for (const format of ['backlog-md', 'kep', 'eip', 'madr']) {
    it(`names the preset for a ${format} folder, and lint then reports what it did with no config`, () => {
      const root = copyFixture(format);
      const before = lintJson(root).report;
      assert.equal(cli(['init', root], root).code, 0);
      assert.match(
        readFileSync(join(root, '.roadmap', 'config.yaml'), 'utf8'),
        new RegExp(`^preset: ${format}$`, 'm'),
      );
      const afterInit = lintJson(root);
      assert.doesNotMatch(afterInit.stderr, /recognised/);
      assert.deepEqual(afterInit.report, before);
    });
  }

  it('writes nothing into a folder that does not exist', () => {
    const missing = join(scratch, 'missing');
    assert.equal(cli(['init', missing], scratch).code, 2);
    assert.ok(!existsSync(missing));
  });
});

describe('roadmap init: nothing the inference causes', () => {
  const write = (root: string, files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  };
  const item = (fields: string) => `---\n${fields}\n---\n\nText.\n`;

  it('reads one of our field names holding another shape as a custom field, not as ours', () => {
    const root = join(scratch, 'shapes');
    write(root, {
      'tickets/a.md': item('title: A\nstatus: open\nscore: high\nprogress: halfway'),
      'tickets/b.md': item('title: B\nstatus: done\nscore: low\nprogress: none'),
    });
    assert.equal(cli(['init', root], root).code, 0);
    const config = parse(readFileSync(join(root, '.roadmap', 'config.yaml'), 'utf8')) as {
      aliases: Record<string, string>;
    };
    assert.deepEqual(config.aliases, { score: 'x-score', progress: 'x-progress' });
    const { report, stderr } = lintJson(root);
    assert.equal(report.features, 2, stderr);
    assert.deepEqual(report.diagnostics, []);
  });

  it('keeps dependencies that name no item as a plain list, and compares ids without case when they need it', () => {
    const root = join(scratch, 'dependencies');
    write(root, {
      'a/one.md': item('id: T-1\ntitle: One\nstatus: open\nafter: [Some other team’s thing]\nblocked_by: []'),
      'a/two.md': item('id: T-2\ntitle: Two\nstatus: open\nafter: [The design review]\nblocked_by: [t-1]'),
      'a/three.md': item('id: T-3\ntitle: Three\nstatus: open\nafter: []\nblocked_by: [T-2, t-1]'),
    });
    assert.equal(cli(['init', root], root).code, 0);
    const config = parse(readFileSync(join(root, '.roadmap', 'config.yaml'), 'utf8')) as {
      aliases: Record<string, string>;
      ids: { caseInsensitive?: boolean };
      fields: Record<string, unknown>;
    };
    assert.equal(config.aliases.blocked_by, 'depends_on');
    assert.equal(config.aliases.after, undefined, 'titles of things elsewhere are not dependencies');
    assert.ok(config.fields.after);
    assert.equal(config.ids.caseInsensitive, true);
    const { report, stderr } = lintJson(root);
    assert.equal(report.features, 3, stderr);
    assert.deepEqual(report.diagnostics, []);
  });
});
