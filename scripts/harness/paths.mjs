// @ts-check
// Locations shared by every harness script. Everything the harness downloads or writes at run time lives
// under `.vscode-test/` (git-ignored, the same cache folder @vscode/test-electron uses), so a clean clone
// starts empty and `rm -rf .vscode-test` is always a safe reset.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE_DIR = join(ROOT, '.vscode-test');

// 4.100.3 ships VS Code 1.100.3 and runs on Node 20 (the system Node); later code-server releases want
// Node 22 or 24. It also matches `engines.vscode: ^1.100.0` in package.json.
export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_DIR = join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);

export const FIXTURE_WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
export const EXAMPLE_WORKSPACE = join(ROOT, 'examples', 'roadmap');
export const TESTS_OUT_DIR = join(ROOT, 'out', 'integration');
export const SETTINGS_FILE = join(ROOT, 'scripts', 'harness', 'settings.json');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
