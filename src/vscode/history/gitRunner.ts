// Running git and the bundled `roadmap` CLI from the extension host, asynchronously (the host thread never waits
// on git). Node's child_process is loaded on first use: the web extension host has none, and there every
// history command explains that it needs git instead.
import type * as childProcess from 'node:child_process';

let loaded: Promise<typeof childProcess | undefined> | undefined;

/** node:child_process, or undefined in a host without processes (vscode.dev, github.dev). */
function processes(): Promise<typeof childProcess | undefined> {
  loaded ??= import('node:child_process').catch(() => undefined);
  return loaded;
}

export class GitUnavailable extends Error {}

const webHostReason = 'Roadmap history needs git, which the web version of VS Code cannot run.';

/** Runs a program and resolves with its stdout; rejects with its first stderr line. */
async function run(
  file: string,
  args: readonly string[],
  cwd: string,
  env?: NodeJS.ProcessEnv,
): Promise<string> {
  const child = await processes();
  if (!child) throw new GitUnavailable(webHostReason);
  return new Promise((resolve, reject) => {
    child.execFile(
      file,
      args,
      {
        cwd,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...env },
        maxBuffer: 512 * 1024 * 1024,
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' && file === 'git')
          return reject(
            new GitUnavailable('Roadmap history needs git, and git is not installed (or not on PATH).'),
          );
        const detail = String(stderr).trim().split('\n').pop();
        reject(new Error(detail?.replace(/^roadmap: /, '') || error.message));
      },
    );
  });
}

export function runGit(cwd: string, args: readonly string[]): Promise<string> {
  return run('git', args, cwd);
}

/** Why history is unavailable for a folder (no git, not a repository), or undefined when it is available. */
export async function historyUnavailableReason(folder: string): Promise<string | undefined> {
  try {
    await runGit(folder, ['rev-parse', '--show-toplevel']);
    return undefined;
  } catch (error) {
    if (error instanceof GitUnavailable) return error.message;
    return `Roadmap history reads git, and ${folder} is not inside a git repository.`;
  }
}

/**
 * Runs the bundled CLI (dist/cli.js) in a separate Node process and returns its output. The extension host's
 * own executable runs it: Electron as Node (ELECTRON_RUN_AS_NODE), or Node itself under code-server.
 */
export async function runRoadmapCli(cliPath: string, args: readonly string[], cwd: string): Promise<string> {
  // Checked first: the web host has no `process` to take the executable's path from.
  if (!(await processes())) throw new GitUnavailable(webHostReason);
  return run(process.execPath, [cliPath, ...args], cwd, { ELECTRON_RUN_AS_NODE: '1' });
}
