// The composite GitHub Action (action.yml): its inputs, outputs and steps as GitHub reads them, its lint and
// diff steps run for real with bash on a fixture repository (the comment body they produce), and the script
// that keeps ONE pull-request comment up to date, against a stand-in for GitHub's REST client.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import { commentMarker } from '../../src/core/history/diffFormat';
import {
  commitAll,
  editFile,
  exampleRoadmap,
  newRepo,
  projectRoot,
  removeTempRepos,
  tempDir,
  writeFile,
} from './historyRepo';

after(removeTempRepos);

interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  name: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(projectRoot, 'action.yml'), 'utf8')) as Action;
const step = (id: string) => {
  const found = action.runs.steps.find((entry) => entry.id === id);
  assert.ok(found, `no step with id ${id}`);
  return found;
};

test('action.yml is a composite action with documented inputs and outputs', () => {
  assert.equal(action.runs.using, 'composite');
  assert.deepEqual(Object.keys(action.inputs), [
    'root',
    'base',
    'comment',
    'sarif',
    'fail-on-error',
    'cli',
    'github-token',
  ]);
  for (const [name, input] of Object.entries(action.inputs)) {
    assert.ok(input.description.length > 10, name);
    assert.ok(input.default !== undefined, `${name} has a default`);
  }
  assert.equal(action.inputs['github-token'].default, '${{ github.token }}');
  assert.deepEqual(Object.keys(action.outputs), ['lint-exit-code', 'sarif-file', 'diff-file', 'diff-json']);
  assert.deepEqual(
    action.runs.steps.map((entry) => entry.uses?.replace(/@.*/, '') ?? entry.id ?? entry.name),
    [
      'actions/setup-node',
      'cli',
      'lint',
      'github/codeql-action/upload-sarif',
      'diff',
      'actions/github-script',
      'Fail on lint errors',
    ],
  );
  const upload = action.runs.steps[3];
  assert.equal(upload.with?.sarif_file, '${{ steps.lint.outputs.sarif-file }}');
  assert.match(upload.if ?? '', /always\(\)/);
});

test('no step pastes an expression into a shell script: inputs arrive as environment variables', () => {
  for (const entry of action.runs.steps) {
    if (entry.run === undefined) continue;
    assert.equal(entry.shell, 'bash', entry.name);
    assert.ok(!entry.run.includes('${{'), `${entry.name} interpolates an expression into its script`);
  }
  const script = action.runs.steps.find((entry) => entry.uses?.startsWith('actions/github-script'));
  assert.ok(script?.with?.script && !script.with.script.includes('${{'));
  assert.match(script.with.script, /scripts\/action\/updateComment\.cjs/);
  assert.ok(existsSync(join(projectRoot, 'scripts/action/updateComment.cjs')));
  assert.match(script.if ?? '', /github\.event\.pull_request/);
});

/** Runs one of the action's bash steps as the runner does (`shell: bash`), with GITHUB_OUTPUT and friends in temp files. */
function runStep(entry: Step, cwd: string, env: Record<string, string>): Record<string, string> {
  const temp = tempDir();
  const files = { GITHUB_OUTPUT: join(temp, 'output'), GITHUB_STEP_SUMMARY: join(temp, 'summary') };
  for (const path of Object.values(files)) writeFileSync(path, '');
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', entry.run!], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...files, RUNNER_TEMP: temp, ...env },
  });
  assert.equal(result.status, 0, `${entry.name}: ${result.stderr}`);
  const outputs = Object.fromEntries(
    readFileSync(files.GITHUB_OUTPUT, 'utf8')
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { ...outputs, summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8') };
}

test('the lint and diff steps, run with bash on a fixture repository, produce SARIF and the comment body', () => {
  const cli = join(projectRoot, 'dist/cli.js');
  assert.ok(existsSync(cli), 'dist/cli.js is missing: run `npm run build` before the unit tests');
  const root = newRepo(exampleRoadmap);
  const base = commitAll(root, 'The example roadmap');
  editFile(root, 'features/F-020-referral-program.md', 'status: planned', 'status: in-progress');
  editFile(root, 'features/F-012-onboarding-checklist.md', 'end: 2026-11-08', 'end: 2026-11-22');
  writeFile(
    root,
    'features/F-036-hostile.md',
    '---\nid: F-036\ntitle: "| <img src=x> @team `boom`"\nstatus: idea\nmoscow: could\n---\n',
  );
  commitAll(root, 'A pull request');
  const env = { CLI: `${process.execPath} ${cli}`, ROOT: '.' };

  const lint = runStep(step('lint'), root, env);
  assert.equal(lint['exit-code'], '1', 'the example roadmap has intentional errors');
  const sarif = JSON.parse(readFileSync(lint['sarif-file'], 'utf8')) as { version: string; runs: unknown[] };
  assert.equal(sarif.version, '2.1.0');

  const diff = runStep(step('diff'), root, { ...env, BASE: base });
  const body = readFileSync(diff['markdown-file'], 'utf8');
  assert.ok(body.startsWith(commentMarker));
  assert.match(body, /\*\*2 changed, 1 added, 0 removed features/);
  for (const id of ['F-012', 'F-020', 'F-036']) assert.ok(body.includes(`**${id}**`), id);
  assert.match(body, /\| end \| 2026-11-08 → 2026-11-22 \(\+14 days\) \|/);
  assert.ok(body.includes('\\| \\<img src=x\\> @\u200bteam \\`boom\\`'), body);
  assert.equal(diff.summary, body);
  const json = JSON.parse(readFileSync(diff['json-file'], 'utf8')) as { base: string; features: unknown[] };
  assert.equal(json.base, base);
  assert.equal(json.features.length, 3);

  // Without a base (a push, not a pull request) the step diffs against the merge-base with main: HEAD here.
  const push = runStep(step('diff'), root, { ...env, BASE: '' });
  assert.match(readFileSync(push['markdown-file'], 'utf8'), /\*\*no roadmap changes\*\*/);
});

interface FakeComment {
  id: number;
  body: string;
  user: { type: string };
}

function fakeGitHub(existing: FakeComment[]) {
  const calls: string[] = [];
  const comments = [...existing];
  const github = {
    paginate: async (method: (options: unknown) => Promise<{ data: FakeComment[] }>, options: unknown) =>
      (await method(options)).data,
    rest: {
      issues: {
        listComments: async () => ({ data: comments }),
        updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
          calls.push(`update ${comment_id}`);
          comments.find((comment) => comment.id === comment_id)!.body = body;
        },
        createComment: async ({ body }: { body: string }) => {
          calls.push('create');
          comments.push({ id: 99, body, user: { type: 'Bot' } });
          return { data: { id: 99 } };
        },
      },
    },
  };
  const context = {
    repo: { owner: 'o', repo: 'r' },
    payload: { pull_request: { number: 7 } },
    issue: { number: 7 },
  };
  return { github, context, calls, comments };
}

test('the comment script creates one comment, then updates that one; it leaves people’s comments alone', async () => {
  const { updateComment, marker } = (await import('../../scripts/action/updateComment.cjs')) as {
    updateComment: (options: unknown) => Promise<{ action: string; id?: number }>;
    marker: string;
  };
  assert.equal(marker, commentMarker);
  const fake = fakeGitHub([{ id: 1, body: `${marker} quoted by a person`, user: { type: 'User' } }]);
  const body = `${marker}\n### Roadmap changes\n\n**1 changed, 0 added, 0 removed feature**\n`;
  assert.deepEqual(await updateComment({ ...fake, body }), { action: 'created', id: 99 });
  assert.deepEqual(await updateComment({ ...fake, body: body.replace('1 changed', '2 changed') }), {
    action: 'updated',
    id: 99,
  });
  assert.deepEqual(fake.calls, ['create', 'update 99']);
  assert.match(fake.comments[1].body, /2 changed/);
  assert.equal(fake.comments[0].body, `${marker} quoted by a person`);

  const quiet = fakeGitHub([]);
  const none = `${marker}\n### Roadmap changes\n\n**no roadmap changes**\n`;
  assert.deepEqual(await updateComment({ ...quiet, body: none }), { action: 'skipped' });
  const long = fakeGitHub([]);
  await updateComment({ ...long, body: body + 'x'.repeat(70_000) });
  assert.ok(long.comments[0].body.length < 65_536);
  assert.match(long.comments[0].body, /too long for one comment/);
});
