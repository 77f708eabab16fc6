// The `roadmap` command line: exit codes, the JSON, SARIF and text formats, the sample roadmap, and the built
// dist/cli.js as a real process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../../src/cli/main';
import { rules } from '../../src/core/schema';

const repo = resolve(__dirname, '../..');
const examples = join(repo, 'examples/roadmap');
const builtCli = join(repo, 'dist/cli.js');
const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd = repo): Run {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { cwd, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

interface JsonOutput {
  files: number;
  features: number;
  diagnostics: JsonDiagnostic[];
}

const temps: string[] = [];
after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A workspace in a temp folder from a map of relative path → content. */
function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'roadmap-cli-'));
  temps.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const good = (id: string, extra = '') =>
  `---\nid: ${id}\ntitle: Feature ${id}\nstatus: planned\n${extra}---\n\n# ${id}\n`;

/** The four intentional problems of the sample roadmap, exactly. */
const sampleDiagnostics: JsonDiagnostic[] = [
  {
    file: 'features/F-016-google-sheets-connector.md',
    line: 11,
    column: 8,
    endLine: 11,
    endColumn: 12,
    severity: 'warning',
    code: 'score-stale',
    message: 'Stored score 2240 is stale: the RICE inputs give 1493.',
  },
  {
    file: 'features/F-020-referral-program.md',
    line: 19,
    column: 5,
    endLine: 19,
    endColumn: 10,
    severity: 'error',
    code: 'unknown-dependency',
    message: "depends_on 'F-099', but no feature has that id.",
  },
  {
    file: 'features/F-027-mobile-offline-dashboards.md',
    line: 8,
    column: 11,
    endLine: 8,
    endColumn: 12,
    severity: 'error',
    code: 'rice-impact-scale',
    message:
      'RICE impact 4 is off the scale 3 (massive), 2 (high), 1 (medium), 0.5 (low), 0.25 (minimal); nearest is 3.',
  },
  {
    file: 'features/F-033-excel-add-in.md',
    line: 9,
    column: 15,
    endLine: 9,
    endColumn: 18,
    severity: 'info',
    code: 'rice-confidence-low',
    message: 'Confidence of 30% is below 50%: a moonshot. Say why in the body, or gather evidence first.',
  },
];

describe('exit codes', () => {
  test('a clean workspace exits 0', () => {
    const root = workspace({
      'roadmap/a.md': good('F-1'),
      'roadmap/b.md': good('F-2', 'depends_on: [F-1]\n'),
    });
    const run = cli(['lint', root]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(
      run.stdout,
      '✔ 0 problems (0 errors, 0 warnings, 0 info) in 2 features (2 Markdown files scanned)\n',
    );
    assert.equal(run.stderr, '');
  });

  test('warnings and infos alone still exit 0', () => {
    const root = workspace({
      'roadmap/a.md': good('F-1', 'onwer: ana\nrice: { reach: 1, impact: 1, confidence: 20%, effort: 1 }\n'),
    });
    const run = cli(['lint', root, '--format', 'json']);
    assert.equal(run.code, 0);
    const output = JSON.parse(run.stdout) as JsonOutput;
    assert.deepEqual(
      output.diagnostics.map((diagnostic) => [diagnostic.severity, diagnostic.code]),
      [
        ['warning', 'unknown-field'],
        ['info', 'rice-confidence-low'],
      ],
    );
  });

  test('an error exits 1', () => {
    const root = workspace({ 'roadmap/a.md': good('F-1', 'depends_on: [F-404]\n') });
    assert.equal(cli(['lint', root]).code, 1);
  });

  test('an error turned off by the config exits 0', () => {
    const root = workspace({
      'roadmap/a.md': good('F-1', 'depends_on: [F-404]\n'),
      '.roadmap/config.yaml': 'rules:\n  unknown-dependency: off\n',
    });
    const run = cli(['lint', root, '--format', 'json']);
    assert.equal(run.code, 0);
    assert.deepEqual((JSON.parse(run.stdout) as JsonOutput).diagnostics, []);
  });

  test('a warning raised to error by the config exits 1', () => {
    const root = workspace({
      'roadmap/a.md': good('F-1', 'onwer: ana\n'),
      '.roadmap/config.yaml': 'rules: { unknown-field: error }\n',
    });
    assert.equal(cli(['lint', root]).code, 1);
  });

  const usageErrors: [string, string[], string][] = [
    ['no command', [], 'Usage:'],
    ['an unknown command', ['frobnicate'], "roadmap: unknown command 'frobnicate'"],
    ['an unknown option', ['lint', '--colour'], "Unknown option '--colour'"],
    ['an extra argument', ['lint', 'a', 'b'], "roadmap: unexpected argument 'b'"],
    [
      'an unknown lint format',
      ['lint', '--format', 'xml'],
      "roadmap: unknown lint format 'xml' (text, json or sarif)",
    ],
    ['export without a format', ['export'], 'roadmap: export needs --format'],
    ['export with an unknown format', ['export', '--format', 'pdf'], 'roadmap: export needs --format'],
    [
      'export with a prototype name as format',
      ['export', '--format', 'constructor'],
      'roadmap: export needs --format',
    ],
    ['a missing option value', ['lint', '--format'], "Option '-f, --format <value>' argument missing"],
  ];
  for (const [name, args, message] of usageErrors) {
    test(`bad usage exits 2: ${name}`, () => {
      const run = cli(args, examples);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.ok(run.stderr.includes(message), run.stderr);
    });
  }

  test('a config file that does not exist exits 2', () => {
    const run = cli(['lint', examples, '--config', 'no/such/config.yaml']);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(
      run.stderr,
      /^no\/such\/config\.yaml: error: cannot read .*ENOENT.*\nroadmap: unreadable config no\/such\/config\.yaml\n$/,
    );
  });

  test('a config path that is a folder exits 2', () => {
    const run = cli(['lint', examples, '--config', examples]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /EISDIR/);
  });

  test('invalid YAML in the config exits 2, with the position', () => {
    const root = workspace({
      'roadmap/a.md': good('F-1'),
      '.roadmap/config.yaml': 'statuses:\n  - id: a\n   title: bad indent\n',
    });
    const run = cli(['lint', root]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^\.roadmap\/config\.yaml:3:\d+: error: YAML: /);
    assert.ok(run.stderr.endsWith('roadmap: unreadable config .roadmap/config.yaml\n'), run.stderr);
  });

  test('a config that is valid YAML but breaks the schema only warns, and lints with defaults for that part', () => {
    const root = workspace({
      'roadmap/a.md': good('F-1'),
      '.roadmap/config.yaml': 'scoring:\n  model: rise\n',
    });
    const run = cli(['lint', root]);
    assert.equal(run.code, 0);
    assert.equal(
      run.stderr,
      ".roadmap/config.yaml:2:10: warning: config.scoring.model: must be one of rice, ice, wsjf (did you mean 'rice'?)\n",
    );
  });

  test('--config is resolved against the working folder', () => {
    const root = workspace({
      'roadmap/a.md': good('F-1', 'depends_on: [F-404]\n'),
      'ci/roadmap.yaml': 'rules: { unknown-dependency: warning }\n',
    });
    const run = cli(['lint', '.', '--config', 'ci/roadmap.yaml'], root);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
  });

  test('--help and --version exit 0 on stdout', () => {
    const help = cli(['--help']);
    assert.equal(help.code, 0);
    assert.ok(
      help.stdout.startsWith('Usage:\n  roadmap lint [ROOT] [--format text|json|sarif] [--config FILE]'),
    );
    assert.equal(help.stderr, '');
    assert.deepEqual(cli(['--version']), { code: 0, stdout: `${version}\n`, stderr: '' });
  });

  test('a root that is not a folder is bad usage (a typo must not pass CI)', () => {
    for (const root of ['no-such-roadmap-root', 'package.json']) {
      for (const command of [['lint'], ['export', '--format', 'json']]) {
        const run = cli([...command, root], repo);
        assert.equal(run.code, 2, root);
        assert.equal(run.stdout, '');
        assert.ok(run.stderr.startsWith(`roadmap: '${root}' is not a folder\n`), run.stderr);
      }
    }
  });
});

describe('output formats', () => {
  const root = workspace({
    'roadmap/nested/deeper/a.md': good('F-1', 'depends_on:\n  - F-404\n'),
    'roadmap/b.md': good('F-2', 'owner: { name: x }\n'),
    'roadmap/c.md': good('F-3', 'rice: { reach: 1, impact: 1, confidence: 20%, effort: 1 }\n'),
    'roadmap/notes.md': '# Not a feature\n',
    'docs/elsewhere.md': good('F-9'),
  });

  test('JSON has exactly {files, features, diagnostics[{file,line,column,endLine,endColumn,severity,code,message}]}', () => {
    const run = cli(['lint', root, '--format', 'json']);
    assert.equal(run.code, 1);
    assert.ok(run.stdout.endsWith('\n'));
    const output = JSON.parse(run.stdout) as JsonOutput;
    assert.deepEqual(output, {
      files: 4,
      features: 3,
      diagnostics: [
        {
          file: 'roadmap/b.md',
          line: 5,
          column: 8,
          endLine: 5,
          endColumn: 19,
          severity: 'error',
          code: 'invalid-type',
          message: "'owner' must be a name or a list of names, not a mapping.",
        },
        {
          file: 'roadmap/c.md',
          line: 5,
          column: 42,
          endLine: 5,
          endColumn: 45,
          severity: 'info',
          code: 'rice-confidence-low',
          message:
            'Confidence of 20% is below 50%: a moonshot. Say why in the body, or gather evidence first.',
        },
        {
          file: 'roadmap/nested/deeper/a.md',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 10,
          severity: 'error',
          code: 'unknown-dependency',
          message: "depends_on 'F-404', but no feature has that id.",
        },
      ],
    });
    for (const diagnostic of output.diagnostics)
      assert.deepEqual(Object.keys(diagnostic), [
        'file',
        'line',
        'column',
        'endLine',
        'endColumn',
        'severity',
        'code',
        'message',
      ]);
  });

  test('SARIF 2.1.0: driver rules, results with ruleId, level and region', () => {
    const run = cli(['lint', root, '--format', 'sarif']);
    assert.equal(run.code, 1);
    const sarif = JSON.parse(run.stdout) as {
      version: string;
      $schema: string;
      runs: {
        tool: {
          driver: {
            name: string;
            semanticVersion: string;
            rules: {
              id: string;
              helpUri: string;
              shortDescription: { text: string };
              defaultConfiguration: { level: string };
            }[];
          };
        };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: {
            physicalLocation: {
              artifactLocation: { uri: string; uriBaseId: string };
              region: Record<string, number>;
            };
          }[];
        }[];
      }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(sarif.runs.length, 1);
    const [{ tool, results }] = sarif.runs;
    assert.equal(tool.driver.name, 'markdown-roadmap');
    assert.equal(tool.driver.semanticVersion, version);
    assert.deepEqual(
      tool.driver.rules.map((rule) => [rule.id, rule.defaultConfiguration.level]),
      [
        ['invalid-type', 'error'],
        ['rice-confidence-low', 'note'],
        ['unknown-dependency', 'error'],
      ],
    );
    for (const rule of tool.driver.rules) {
      assert.equal(
        rule.shortDescription.text,
        rules.find((candidate) => candidate.code === rule.id)?.summary,
      );
      assert.ok(rule.helpUri.endsWith(`#rule-${rule.id}`));
    }
    assert.deepEqual(
      results.map((result) => [
        result.ruleId,
        tool.driver.rules[result.ruleIndex].id,
        result.level,
        result.locations[0].physicalLocation.artifactLocation.uri,
      ]),
      [
        ['invalid-type', 'invalid-type', 'error', 'roadmap/b.md'],
        ['rice-confidence-low', 'rice-confidence-low', 'note', 'roadmap/c.md'],
        ['unknown-dependency', 'unknown-dependency', 'error', 'roadmap/nested/deeper/a.md'],
      ],
    );
    assert.deepEqual(results[2].locations[0].physicalLocation.region, {
      startLine: 6,
      startColumn: 5,
      endLine: 6,
      endColumn: 10,
    });
    assert.equal(results[2].locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.equal(results[2].message.text, "depends_on 'F-404', but no feature has that id.");
  });

  test('SARIF of a clean workspace has no rules and no results', () => {
    const clean = workspace({ 'roadmap/a.md': good('F-1') });
    const sarif = JSON.parse(cli(['lint', clean, '--format', 'sarif']).stdout) as {
      runs: { tool: { driver: { rules: unknown[] } }; results: unknown[] }[];
    };
    assert.deepEqual(sarif.runs[0].tool.driver.rules, []);
    assert.deepEqual(sarif.runs[0].results, []);
  });

  test('SARIF URIs are percent-encoded', () => {
    const spaced = workspace({ 'roadmap/with space/ü.md': good('F-1', 'depends_on: [F-2]\n') });
    const sarif = JSON.parse(cli(['lint', spaced, '--format', 'sarif']).stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    assert.equal(
      sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri,
      'roadmap/with%20space/%C3%BC.md',
    );
  });

  test('text output reads like eslint: file, then line:col severity message code, then a summary', () => {
    const run = cli(['lint', root]);
    assert.equal(
      run.stdout,
      [
        'roadmap/b.md',
        "  5:8     error    'owner' must be a name or a list of names, not a mapping.  invalid-type",
        '',
        'roadmap/c.md',
        '  5:42    info     Confidence of 20% is below 50%: a moonshot. Say why in the body, or gather evidence first.  rice-confidence-low',
        '',
        'roadmap/nested/deeper/a.md',
        "  6:5     error    depends_on 'F-404', but no feature has that id.  unknown-dependency",
        '',
        '✖ 3 problems (2 errors, 0 warnings, 1 info) in 3 features (4 Markdown files scanned)',
        '',
      ].join('\n'),
    );
  });

  test('--out writes the file and says so on stderr', () => {
    const out = join(root, 'lint.json');
    const run = cli(['lint', '.', '--format', 'json', '--out', 'lint.json'], root);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'wrote lint.json\n');
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as JsonOutput).diagnostics.length, 3);
  });

  test('positions count UTF-16 code units, and CRLF files count lines right', () => {
    const crlf = workspace({
      'roadmap/a.md':
        '\uFEFF---\r\nid: F-1\r\ntitle: "🚀 Launch"\r\nstatus: idea\r\nowner: { name: x }\r\n---\r\n',
    });
    const [diagnostic] = (JSON.parse(cli(['lint', crlf, '--format', 'json']).stdout) as JsonOutput)
      .diagnostics;
    assert.deepEqual(
      [diagnostic.line, diagnostic.column, diagnostic.endLine, diagnostic.endColumn],
      [5, 8, 5, 19],
    );
  });
});

describe('the sample roadmap (examples/roadmap)', () => {
  test('has exactly its four intentional problems, at the right places', () => {
    const run = cli(['lint', examples, '--format', 'json']);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, '');
    assert.deepEqual(JSON.parse(run.stdout), { files: 34, features: 34, diagnostics: sampleDiagnostics });
  });

  test('the same from inside the folder, with a relative root', () => {
    assert.deepEqual(JSON.parse(cli(['lint', '--format', 'json'], examples).stdout), {
      files: 34,
      features: 34,
      diagnostics: sampleDiagnostics,
    });
    assert.deepEqual(
      JSON.parse(cli(['lint', 'examples/roadmap', '--format', 'json'], repo).stdout).diagnostics,
      sampleDiagnostics,
    );
  });

  test('every export format runs and prints something', () => {
    for (const format of ['mermaid-gantt', 'mermaid-timeline', 'markdown', 'csv', 'json', 'html']) {
      const run = cli(['export', examples, '--format', format]);
      assert.equal(run.code, 0, `${format}: ${run.stderr}`);
      assert.ok(run.stdout.length > 100, format);
    }
  });
});

describe('the built dist/cli.js, as a process', () => {
  const node = (args: string[], cwd = repo) =>
    spawnSync(process.execPath, [builtCli, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });

  test('is built (the test command builds first)', () => {
    assert.ok(existsSync(builtCli), 'dist/cli.js is missing: run `npm run build` before the unit tests');
    assert.ok(readFileSync(builtCli, 'utf8').startsWith('#!/usr/bin/env node'));
  });

  test('lints the sample roadmap: exit 1, the same four problems as JSON', () => {
    const result = node(['lint', 'examples/roadmap', '--format', 'json']);
    assert.equal(result.error, undefined);
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { files: 34, features: 34, diagnostics: sampleDiagnostics });
  });

  test('text output is identical to the in-process CLI', () => {
    const result = node(['lint', 'examples/roadmap']);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, cli(['lint', 'examples/roadmap']).stdout);
  });

  test('exit codes 0 and 2 and --version', () => {
    const root = workspace({ 'roadmap/a.md': good('F-1') });
    assert.equal(node(['lint', root]).status, 0);
    const bad = node(['lint', '--format', 'xml']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown lint format 'xml'/);
    assert.equal(node(['--version']).stdout, `${version}\n`);
  });

  /** 30 files of 100 problems each (a file lists at most 100): more JSON than a pipe holds. */
  const manyProblems = () => {
    const files: Record<string, string> = {};
    for (let file = 0; file < 30; file++) {
      const dependencies = Array.from({ length: 100 }, (_, i) => `  - F-MISSING-${file}-${i}`).join('\n');
      files[`roadmap/f${file}.md`] = good(`F-${file}`, `depends_on:\n${dependencies}\n`);
    }
    return workspace(files);
  };

  test('large JSON output through a pipe is not cut off', () => {
    const root = manyProblems();
    const result = node(['lint', root, '--format', 'json']);
    assert.equal(result.status, 1);
    assert.ok(result.stdout.length > 65536 * 4, String(result.stdout.length));
    assert.equal((JSON.parse(result.stdout) as JsonOutput).diagnostics.length, 3000);
  });

  test('a reader that stops early (`| head`) ends the lint quietly, with its own exit code', () => {
    const root = manyProblems();
    // More than a pipe holds, into a reader that takes 10 bytes and closes it.
    const pipeline = `"${process.execPath}" "${builtCli}" lint "${root}" --format json | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`;
    const result = spawnSync('bash', ['-c', pipeline], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(result.stderr, '');
    assert.equal(result.stdout.trim(), '1');
  });
});

describe('lint --cache', () => {
  const corpus = () =>
    workspace({
      'roadmap/a.md': good('F-1', 'depends_on: [F-2]\n'),
      'roadmap/b.md': good('F-2', 'status: shiped\n'.replace('status', 'stage')),
      'roadmap/c.md': good('F-3', 'depends_on: [F-404]\n'),
      'roadmap/notes.md': '# Not a feature\n',
    });
  const lint = (root: string, ...extra: string[]) => cli(['lint', root, '--format', 'json', ...extra]);

  test('a cached run prints exactly what an uncached run prints, and writes a self-ignoring cache', () => {
    const root = corpus();
    const uncached = lint(root);
    const first = lint(root, '--cache');
    const second = lint(root, '--cache');
    for (const run of [first, second]) {
      assert.equal(run.stdout, uncached.stdout);
      assert.equal(run.code, uncached.code);
      assert.equal(run.stderr, uncached.stderr);
    }
    assert.ok(existsSync(join(root, '.roadmap/.cache/lint-cache.json')));
    assert.equal(readFileSync(join(root, '.roadmap/.cache/.gitignore'), 'utf8'), '*\n');
    for (const format of ['text', 'sarif'])
      assert.equal(
        cli(['lint', root, '--format', format, '--cache']).stdout,
        cli(['lint', root, '--format', format]).stdout,
      );
  });

  test('an unchanged file is not read again: the cache is keyed by size and modification time', () => {
    const root = corpus();
    const file = join(root, 'roadmap/c.md');
    // A whole second survives every file system's timestamp precision.
    const stamp = new Date('2026-01-01T00:00:00Z');
    utimesSync(file, stamp, stamp);
    const before = lint(root, '--cache');
    // Same size, same modification time, different content: the cache cannot tell, as with ESLint's.
    writeFileSync(file, readFileSync(file, 'utf8').replace('F-404', 'F-002'));
    utimesSync(file, stamp, stamp);
    assert.equal(lint(root, '--cache').stdout, before.stdout);
    assert.notEqual(lint(root).stdout, before.stdout);
  });

  test('an edit, a new file and a deleted file after the cache was written are seen', () => {
    const root = corpus();
    lint(root, '--cache');
    writeFileSync(join(root, 'roadmap/c.md'), good('F-3', 'depends_on: [F-1]\n'));
    assert.equal(lint(root, '--cache').stdout, lint(root).stdout);
    writeFileSync(join(root, 'roadmap/d.md'), good('F-1'));
    assert.equal(lint(root, '--cache').stdout, lint(root).stdout);
    rmSync(join(root, 'roadmap/a.md'));
    const cached = lint(root, '--cache');
    assert.equal(cached.stdout, lint(root).stdout);
    assert.doesNotMatch(cached.stdout, /roadmap\/a\.md/);
  });

  test('a config change invalidates it', () => {
    const root = corpus();
    lint(root, '--cache');
    mkdirSync(join(root, '.roadmap'), { recursive: true });
    writeFileSync(join(root, '.roadmap/config.yaml'), 'rules:\n  unknown-dependency: off\n');
    const cached = lint(root, '--cache');
    assert.equal(cached.stdout, lint(root).stdout);
    assert.doesNotMatch(cached.stdout, /unknown-dependency/);
  });

  test('--cache-location names a file, or a folder that holds it', () => {
    const root = corpus();
    const elsewhere = mkdtempSync(join(tmpdir(), 'roadmap-cache-'));
    temps.push(elsewhere);
    const expected = lint(root).stdout;
    assert.equal(lint(root, '--cache', '--cache-location', join(elsewhere, 'my.cache')).stdout, expected);
    assert.ok(existsSync(join(elsewhere, 'my.cache')));
    assert.equal(lint(root, '--cache', '--cache-location', `${elsewhere}/`).stdout, expected);
    assert.ok(existsSync(join(elsewhere, 'lint-cache.json')));
    assert.equal(lint(root, '--cache', '--cache-location', join(elsewhere, 'my.cache')).stdout, expected);
    assert.equal(existsSync(join(root, '.roadmap/.cache')), false);
  });

  test('YAML metadata (KEPs, no fences) is read whole, cached or not, and an edit to it is seen', () => {
    const root = mkdtempSync(join(tmpdir(), 'roadmap-cli-kep-'));
    temps.push(root);
    cpSync(resolve(__dirname, '../fixtures/formats/kep'), root, { recursive: true });
    const uncached = lint(root);
    assert.match(uncached.stdout, /"features": 10,/);
    assert.match(uncached.stdout, /duplicate-id/);
    assert.equal(lint(root, '--cache').stdout, uncached.stdout);
    assert.equal(lint(root, '--cache').stdout, uncached.stdout);
    const metadata = join(root, 'keps/sig-node/1001-pod-lifecycle-hooks/kep.yaml');
    writeFileSync(metadata, readFileSync(metadata, 'utf8').replace('status: implemented', 'status: shipped'));
    const edited = lint(root);
    assert.match(edited.stdout, /Unknown status 'shipped'/);
    assert.equal(lint(root, '--cache').stdout, edited.stdout);
  });

  test('milestone and goal files (declarations, not features) come back from the cache as they were read', () => {
    const root = workspace({
      '.roadmap/config.yaml':
        'milestoneFiles: "milestones/*.md"\ngoalFiles: "goals/*.md"\ninclude: ["roadmap/*.md", "milestones/*.md", "goals/*.md"]\n',
      'milestones/m1.md': '---\nid: M1\ntitle: First release\ndate: 2026-03-01\n---\n',
      'goals/g1.md': '---\nid: G-1\ntitle: Grow\n---\n',
      'roadmap/a.md': good('F-1', 'milestone: M1\ngoal: G-1\n'),
      'roadmap/b.md': good('F-2', 'milestone: M2\n'),
    });
    const uncached = lint(root);
    assert.match(uncached.stdout, /Unknown milestone 'M2'/);
    assert.doesNotMatch(uncached.stdout, /'M1'|'G-1'/);
    assert.equal(lint(root, '--cache').stdout, uncached.stdout);
    assert.equal(lint(root, '--cache').stdout, uncached.stdout);
    writeFileSync(join(root, 'milestones/m2.md'), '---\nid: M2\ntitle: Second\ndate: 2026-06-01\n---\n');
    const declared = lint(root);
    assert.doesNotMatch(declared.stdout, /Unknown milestone/);
    assert.equal(lint(root, '--cache').stdout, declared.stdout);
  });

  test('a damaged cache is ignored and rewritten', () => {
    const root = corpus();
    const expected = lint(root).stdout;
    lint(root, '--cache');
    const file = join(root, '.roadmap/.cache/lint-cache.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 200));
    assert.equal(lint(root, '--cache').stdout, expected);
    writeFileSync(file, 'roadmap-lint-cache 5 5 999999\n{}');
    assert.equal(lint(root, '--cache').stdout, expected);
    assert.equal(lint(root, '--cache').stdout, expected);
  });
});

describe('at most 100 problems per file', () => {
  test('the 100 first, then one that counts the rest and keeps their gravest severity', () => {
    const unknown = Array.from({ length: 150 }, (_, i) => `extra_${i}: x`).join('\n');
    const root = workspace({ 'roadmap/a.md': good('F-1', `${unknown}\n`) });
    const output = JSON.parse(cli(['lint', root, '--format', 'json']).stdout) as JsonOutput;
    assert.equal(output.diagnostics.length, 101);
    const summary = output.diagnostics[100];
    assert.match(summary.message, /^50 more problems in this file are not listed/);
    assert.equal(summary.severity, 'warning');
    assert.deepEqual(
      output.diagnostics.slice(0, 100).map((diagnostic) => diagnostic.message.match(/'(extra_\d+)'/)?.[1]),
      Array.from({ length: 100 }, (_, i) => `extra_${i}`),
    );
  });
});
