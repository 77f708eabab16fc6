// Publishing in tests: builds the site's browser assets from the current sources (the options of esbuild.mjs),
// publishes a folder with them, and opens pages from disk in Chromium, recording everything a page does that a
// published roadmap must never do: console errors, requests outside the site's folder, dialogs.
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { publishSite, type PublishOptions, type PublishResult } from '../../src/cli/publish';

export const repo = resolve(__dirname, '../..');

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let assets: Promise<string> | undefined;

/** dist/site as `npm run build` makes it, built into a temporary folder once per test process. */
export function buildSiteAssets(): Promise<string> {
  assets ??= (async () => {
    const outdir = tempDir('roadmap-site-assets-');
    const common = {
      bundle: true,
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
      target: 'es2022',
    } as const;
    await esbuild.build({
      ...common,
      entryPoints: { site: join(repo, 'src/site/main.ts') },
      outdir,
      platform: 'browser',
      format: 'iife',
      plugins: [
        {
          name: 'mermaid-script',
          setup(build) {
            build.onResolve({ filter: /^mermaid$/ }, () => ({
              path: join(repo, 'src/site/mermaidScript.ts'),
            }));
          },
        },
      ],
    });
    await esbuild.build({ ...common, entryPoints: { site: join(repo, 'src/site/site.css') }, outdir });
    copyFileSync(join(repo, 'node_modules/mermaid/dist/mermaid.min.js'), join(outdir, 'mermaid.min.js'));
    return outdir;
  })();
  return assets;
}

/** A copy of examples/roadmap, to add files to. */
export function copyExample(): string {
  const root = join(tempDir('roadmap-site-example-'), 'lumen');
  cpSync(join(repo, 'examples/roadmap'), root, { recursive: true });
  return root;
}

export async function publish(options: Omit<PublishOptions, 'assetsDir'>): Promise<PublishResult> {
  return publishSite({ today: '2026-10-01', ...options, assetsDir: await buildSiteAssets() });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

export interface Watched {
  page: Page;
  consoleErrors: string[];
  /** Every request the page made. */
  requests: string[];
  /** Requests for anything outside the site's folder. */
  outside: string[];
  dialogs: string[];
}

/** A page whose console errors, requests and dialogs are recorded; requests leaving the site are blocked. */
export async function watchedPage(
  browser: Browser,
  site: string,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<Watched> {
  const page = await browser.newPage({ colorScheme, viewport: { width: 1280, height: 900 } });
  const siteUrl = pathToFileURL(site).href + '/';
  const watched: Watched = { page, consoleErrors: [], requests: [], outside: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watched.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watched.consoleErrors.push(error.message));
  page.on('dialog', (dialog) => {
    watched.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    watched.requests.push(url);
    if (!url.startsWith(siteUrl) && !url.startsWith('data:')) watched.outside.push(url);
  });
  await page.route(/^(?!file:|data:)/, (route) => {
    watched.outside.push(route.request().url());
    return route.abort();
  });
  return watched;
}

export function pageUrl(site: string, path: string): string {
  return pathToFileURL(join(site, ...path.split('/'))).href;
}
