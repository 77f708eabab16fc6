// @ts-check
// The workbench's test-automation hooks, for a run with extensionTestsPath. When the page defines them,
// VS Code's web workbench calls window.codeAutomationLog(type, args) for every line of its log, which while
// tests run includes every console call of the extension host running them (Mocha's reporter output), and
// window.codeAutomationExit(code) when the test runner's run() settles: 0 resolved, 1 rejected. Both hosts
// report this way: the server's Node host (run-tests.mjs) and the browser's web worker (run-web-tests.mjs).
import { format } from 'node:util';

// The workbench's own startup chatter arrives through the same hook as the tests' output (all 'info').
// Known-harmless lines are dropped so the log reads as the Mocha report; `verbose` shows everything.
export const WORKBENCH_NOISE = [
  /^Resolving connection token|^Resolved connection token/,
  /^Creating a socket \(renderer-/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /ENOTFOUND open-vsx\.org/, // the extension gallery; this machine is offline by design
  /^No search provider registered for scheme: vscode-remote, waiting/, // until the remote host is up
  /^Creation of workbench contribution '[^']+' took \d+ms/, // a slow start on a busy machine
];

/**
 * Expose both hooks on the page; call before navigating. Returns `exited`, a promise of the run's exit code.
 * Log lines go to stdout (stderr for warnings and errors), minus trace/debug and WORKBENCH_NOISE.
 *
 * @param {import('playwright-core').Page} page
 * @param {{ verbose?: boolean }} [options]
 * @returns {Promise<{ exited: Promise<number> }>}
 */
export async function exposeAutomationHooks(page, { verbose = false } = {}) {
  /** @type {(code: number) => void} */
  let exit = () => {};
  const exited = new Promise((resolveExit) => (exit = resolveExit));
  await page.exposeFunction('codeAutomationLog', (type, message) => {
    // console-style arguments: a format string (Mocha uses %s, %d) and its values
    const text = Array.isArray(message) ? format(...message) : String(message);
    if (!verbose && (type === 'trace' || type === 'debug' || WORKBENCH_NOISE.some((re) => re.test(text)))) {
      return;
    }
    if (type === 'error' || type === 'warn') console.error(text);
    else console.log(text);
  });
  await page.exposeFunction('codeAutomationExit', (code) => exit(Number(code)));
  return { exited };
}
