// @ts-check
// `npm start [-- [<folder>] [--watch] [--server] [--extension <dir>]]`: open the bundled example
// (examples/roadmap, or <folder>) in a real VS Code with this extension loaded from source.
// - With a local `code` command: `code --extensionDevelopmentPath=<repo> <folder>` (an Extension
//   Development Host window).
// - Without one (servers, containers, CI boxes): a code-server on 127.0.0.1:$PORT (default 8080, or a free
//   port when that one is taken); the URL to open is printed. It stays in the foreground until Ctrl+C.
//   --watch also rebuilds on change (then run "Developer: Reload Window" in the browser).
// Its state (settings, layout, theme) persists in .vscode-test/start-data/ between runs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { parseArgs } from 'node:util';
import { ensureCodeServer } from './install.mjs';
import { CACHE_DIR, EXAMPLE_WORKSPACE, FIXTURE_WORKSPACE, ROOT } from './paths.mjs';
import { startCodeServer, workbenchUrl } from './server.mjs';
import {
  addCleanup,
  cleanEnv,
  freePort,
  fromUserCwd,
  log,
  portIsFree,
  run,
  runCleanups,
  which,
} from './util.mjs';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    watch: { type: 'boolean', default: false },
    server: { type: 'boolean', default: false }, // use code-server even when `code` exists
    extension: { type: 'string', default: ROOT }, // another extension folder (not built)
  },
});
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function chooseFolder() {
  if (positionals[0]) return fromUserCwd(positionals[0]);
  if (existsSync(EXAMPLE_WORKSPACE)) return EXAMPLE_WORKSPACE;
  log(
    `${relative(ROOT, EXAMPLE_WORKSPACE)} does not exist yet; opening ${relative(ROOT, FIXTURE_WORKSPACE)}`,
  );
  return FIXTURE_WORKSPACE;
}

async function build(extensionDir) {
  if (extensionDir === ROOT) await run(npm, ['run', '--silent', 'build'], { cwd: ROOT, env: cleanEnv() });
}

async function main() {
  const folder = chooseFolder();
  const extensionDir = fromUserCwd(args.extension);
  const code = args.server ? undefined : which('code');
  if (code) {
    await build(extensionDir);
    log(`${code} --extensionDevelopmentPath=${extensionDir} ${folder}`);
    await run(code, [`--extensionDevelopmentPath=${extensionDir}`, folder]);
    return;
  }

  await ensureCodeServer();
  await build(extensionDir);

  let port = Number(process.env.PORT) || 8080;
  if (!(await portIsFree(port))) {
    const taken = port;
    port = await freePort();
    log(`port ${taken} is in use; using ${port}`);
  }
  const server = await startCodeServer({
    dataDir: join(CACHE_DIR, 'start-data'),
    port,
    seedSettings: 'if-missing',
  });
  if (args.watch && extensionDir === ROOT) {
    const watcher = spawn(process.execPath, ['esbuild.mjs', '--watch'], { cwd: ROOT, stdio: 'inherit' });
    addCleanup(
      () => watcher.kill(),
      () => watcher.kill(),
    );
  }

  const url = workbenchUrl(server, { folder, extensionDevelopmentPath: extensionDir });
  console.log(
    [
      '',
      `VS Code (code-server) is running with the extension from ${extensionDir} loaded, on ${folder}.`,
      'Open this URL in a browser on this machine (or forward the port, e.g. `ssh -L ' +
        `${port}:127.0.0.1:${port}` +
        '`):',
      '',
      `  ${url}`,
      '',
      `Server log: ${server.logFile}`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  // Stay in the foreground until Ctrl+C (handled by onShutdown) or until the server dies by itself.
  await new Promise((resolveWhenGone) => {
    const timer = setInterval(() => {
      try {
        process.kill(-server.pgid, 0);
      } catch {
        clearInterval(timer);
        resolveWhenGone();
      }
    }, 1000);
  });
  log('code-server exited');
  await runCleanups();
  process.exitCode = 1;
}

main().catch((error) => {
  console.error(error?.stack ?? error);
  process.exit(1);
});
