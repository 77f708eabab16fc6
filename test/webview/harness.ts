// The panel in a real browser: builds the webview bundle from the current sources, serves it with the same
// HTML and CSP the extension host uses (renderPanelHtml), stubs acquireVsCodeApi, and drives Chromium.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderPanelHtml } from '../../src/shared/panelHtml';
import type { HostMessage, RoadmapModel, WebviewMessage } from '../../src/shared/protocol';
import { themes, type ThemeName } from './themes';

const repo = resolve(__dirname, '../..');

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let bundle: Promise<string> | undefined;

/**
 * Bundles src/webview/main.ts with the production options of esbuild.mjs (browser ESM, minified, Mermaid
 * split into a lazily imported chunk) into a temporary folder, once per test process. Building here rather
 * than reading dist/ means the tests always exercise the current sources.
 */
export function buildBundle(): Promise<string> {
  bundle ??= (async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'roadmap-webview-'));
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    await esbuild.build({
      entryPoints: { main: join(repo, 'src/webview/main.ts') },
      outdir,
      bundle: true,
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
      target: 'es2022',
      platform: 'browser',
      format: 'esm',
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
    });
    return outdir;
  })();
  return bundle;
}

/** Classic script run before the module: what VS Code provides, recorded so tests can assert on it. */
function stubScript(theme: ThemeName): string {
  const variables = JSON.stringify(themes[theme].variables);
  return `(() => {
  const stateKey = '__roadmapWebviewState';
  window.__messages = [];
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push({ directive: event.violatedDirective, blockedURI: event.blockedURI, sample: event.sample });
  });
  const variables = ${variables};
  for (const [name, value] of Object.entries(variables)) document.documentElement.style.setProperty(name, value);
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may only be called once');
    acquired = true;
    return {
      postMessage: (message) => { window.__messages.push(JSON.parse(JSON.stringify(message))); },
      // Kept in sessionStorage so that page.reload() behaves like VS Code re-creating the webview.
      getState: () => { const saved = sessionStorage.getItem(stateKey); return saved === null ? undefined : JSON.parse(saved); },
      setState: (state) => { sessionStorage.setItem(stateKey, JSON.stringify(state)); return state; },
    };
  };
})();`;
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface PanelServer {
  origin: string;
  close(): Promise<void>;
}

export async function startServer(): Promise<PanelServer> {
  const dist = await buildBundle();
  const media = join(repo, 'media');
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const origin = `http://${request.headers.host ?? '127.0.0.1'}`;
    const theme = (url.searchParams.get('theme') ?? 'light') as ThemeName;
    const send = (status: number, type: string, body: string | Buffer): void => {
      response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      response.end(body);
    };
    if (url.pathname === '/' || url.pathname === '/panel.html') {
      const nonce = randomBytes(18).toString('base64url');
      // ?inline=1 plants a parser-inserted inline script without the nonce, which the CSP must block.
      const inlineProbe = url.searchParams.has('inline')
        ? '<script>window.__pwned = "inline script ran"</script>\n'
        : '';
      const html = renderPanelHtml({
        cspSource: origin,
        nonce,
        scriptUri: `${origin}/dist/main.js`,
        styleUri: `${origin}/media/roadmap.css`,
        title: 'Roadmap (test)',
      })
        // What VS Code adds around our document: the theme class on <body> and the API stub before our script.
        .replace('<body>', `<body class="${themes[theme]?.bodyClass ?? 'vscode-light'}">`)
        .replace(
          '<script type="module"',
          `<script nonce="${nonce}" src="${origin}/stub.js?theme=${theme}"></script>\n${inlineProbe}<script type="module"`,
        );
      send(200, contentTypes['.html']!, html);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      send(204, 'image/x-icon', '');
      return;
    }
    if (url.pathname === '/stub.js') {
      send(200, contentTypes['.js']!, stubScript(themes[theme] ? theme : 'light'));
      return;
    }
    const [base, prefix] = url.pathname.startsWith('/dist/')
      ? [dist, '/dist/']
      : url.pathname.startsWith('/media/')
        ? [media, '/media/']
        : [];
    if (!base || !prefix) {
      send(404, 'text/plain', 'not found');
      return;
    }
    const file = normalize(join(base, url.pathname.slice(prefix.length)));
    if (!file.startsWith(base)) {
      send(403, 'text/plain', 'forbidden');
      return;
    }
    readFile(file).then(
      (body) => send(200, contentTypes[extname(file)] ?? 'application/octet-stream', body),
      () => send(404, 'text/plain', 'not found'),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no server address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
}

export interface Panel {
  page: Page;
  /** Uncaught page errors and console errors seen so far. */
  errors: string[];
}

declare global {
  interface Window {
    __messages: WebviewMessage[];
    __cspViolations: { directive: string; blockedURI: string; sample: string }[];
    __pwned?: unknown;
  }
}

export async function openPage(
  browser: Browser,
  origin: string,
  options: { theme?: ThemeName; width?: number; height?: number; inlineProbe?: boolean } = {},
): Promise<Panel> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.goto(
    `${origin}/panel.html?theme=${options.theme ?? 'light'}${options.inlineProbe ? '&inline=1' : ''}`,
  );
  await waitForMessage(page, (message) => message.type === 'ready');
  return { page, errors };
}

/** Opens the panel and answers its `ready` with the model, as the host does. */
export async function openPanel(
  browser: Browser,
  origin: string,
  model: RoadmapModel,
  options: { theme?: ThemeName; width?: number; height?: number } = {},
): Promise<Panel> {
  const panel = await openPage(browser, origin, options);
  await sendModel(panel.page, model);
  return panel;
}

/** Posts a model and waits until the panel has drawn it (it marks every model render). */
export async function sendModel(page: Page, model: RoadmapModel): Promise<void> {
  const rendered = (): Promise<number> =>
    page.evaluate(() => performance.getEntriesByName('roadmap:rendered').length);
  const before = await rendered();
  await postToPanel(page, { type: 'model', model });
  await page.waitForFunction(
    (count) => performance.getEntriesByName('roadmap:rendered').length > count,
    before,
  );
}

/** Delivers a message the way VS Code does: a `message` event on the webview's window. */
export async function postToPanel(page: Page, message: HostMessage | unknown): Promise<void> {
  await page.evaluate((data) => window.postMessage(data, '*'), message);
}

export async function messages(page: Page): Promise<WebviewMessage[]> {
  return page.evaluate(() => window.__messages);
}

export async function clearMessages(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__messages.length = 0;
  });
}

export async function waitForMessage(
  page: Page,
  predicate: (message: WebviewMessage) => boolean,
  timeout = 5000,
): Promise<WebviewMessage> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = (await messages(page)).find(predicate);
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for a message; saw ${JSON.stringify(await messages(page))}`);
    await page.waitForTimeout(25);
  }
}

export async function showView(page: Page, view: string): Promise<void> {
  await page.click(`[data-view-tab="${view}"]`);
  await page.waitForSelector(`[data-view="${view}"]`);
}
