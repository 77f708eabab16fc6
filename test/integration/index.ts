// Mocha bootstrap for the integration tests. VS Code loads the bundle of this file through
// extensionTestsPath (code-server route: scripts/harness/run-tests.mjs; desktop route:
// scripts/harness/run-electron.mjs) inside the extension host and awaits run(): resolve = pass, reject = fail.
// It runs every bundled suite next to it (out/integration/**/*.test.js, built by scripts/harness/build-tests.mjs).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false, // the output ends up in CI logs, not a terminal
    timeout: Number(process.env.MOCHA_TIMEOUT) || 20_000, // the workbench is slow on a 2-core CI machine
  });
  // GREP reaches us through the extension host's environment (the harness sets it on the server process).
  if (process.env.GREP) mocha.grep(process.env.GREP);
  // A stray `.only` must not silently shrink the CI run to one test.
  if (process.env.CI) mocha.forbidOnly();

  const files = fs
    .readdirSync(__dirname, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));

  let runner: Mocha.Runner | undefined;
  const failures = await new Promise<number>((resolve) => {
    runner = mocha.run(resolve);
  });
  const passed = runner?.stats?.passes ?? 0;
  const failed = runner?.stats?.failures ?? failures;
  // CI reads this exact line (alone on a line) from the log.
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} integration test(s) failed`);
}
