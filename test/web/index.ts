// Mocha bootstrap for the web tests (`npm run test:web`, scripts/harness/run-web-tests.mjs). VS Code loads
// the bundle of this file through extensionTestsPath inside the browser's web-worker extension host, where
// there is no Node and no file-system `require`: the host fetches the bundle and runs it with a `require`
// that knows only 'vscode'. So Mocha is its browser build, bundled in, and the suites are bundled in after
// this module (scripts/harness/build-web-tests.mjs imports this file first, then every suite).
import 'mocha/mocha.js'; // the browser build: defines the global `mocha` (and Mocha) on the worker's `self`

// At load time, before the suites' modules run, so that their describe/it exist. `reporter: undefined`
// replaces the browser build's default HTML reporter (there is no DOM in a worker) with 'spec', which
// writes through console.log: the host forwards it to the workbench, whose codeAutomationLog the harness
// prints.
mocha.setup({ ui: 'bdd', reporter: undefined, timeout: 20_000 });

/** Called by the extension host: resolve = pass, reject = fail (the harness gets 0 or 1). */
export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passed = runner.stats?.passes ?? 0;
      // The same summary line as the Node-host integration tests, for CI logs.
      console.log(`${passed} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} web test(s) failed`));
      else resolve();
    });
  });
}
