// The published site from disk, in Chromium, with a hostile feature added to the example roadmap: the index
// shows the roadmap, every feature has a page, nothing logs an error or leaves the site's folder, and nothing
// the feature's author wrote runs (no `window.__pwned`, no dialog), in its title, body, links or Mermaid labels.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { SiteData } from '../../src/core/site/siteData';
import {
  copyExample,
  launchBrowser,
  pageUrl,
  publish,
  tempDir,
  watchedPage,
  type Watched,
} from './siteHarness';

const hostileTitle = `<script>window.__pwned = 'title'</script><img src=x onerror="window.__pwned = 'img'; alert(1)"> Hostile "quotes" & ampersands`;

const hostileFeature = `---
id: F-666
title: '${hostileTitle.replace(/'/g, "''")}'
status: planned
moscow: could
owner: '<b onmouseover=alert(1)>mallory</b>'
tags: ['<svg onload=alert(2)>', security]
depends_on: [F-001]
evidence:
  - 'javascript:window.__pwned = "evidence"'
  - url: 'https://example.com/"><script>window.__pwned = "evidence-url"</script>'
    note: '<script>alert(3)</script>'
---
# Hostile <script>window.__pwned = 'heading'</script>

<script>window.__pwned = 'body-script'; alert('body')</script>

<img src="x" onerror="window.__pwned = 'body-img'">
<iframe src="https://evil.example/"></iframe>

A [javascript link](javascript:window.__pwned='link') and [another](JaVaScRiPt:alert(4)), a
[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==), a
<a href="javascript:window.__pwned='raw-link'">raw link</a> and an image ![x](https://evil.example/track.png).

- [ ] a task with <script>window.__pwned = 'task'</script>
`;

/** No element a feature's author could have written runs or loads anything. */
async function assertInert(watched: Watched, where: string): Promise<void> {
  const { page } = watched;
  const found = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    scripts: [...document.scripts].map((script) => script.getAttribute('src') ?? 'inline'),
    handlers: [...document.querySelectorAll('*')].flatMap((element) =>
      [...element.attributes]
        .filter((attribute) => /^on/i.test(attribute.name))
        .map((a) => `${element.tagName} ${a.name}`),
    ),
    javascriptLinks: [...document.querySelectorAll('[href], [src]')]
      .map((element) => element.getAttribute('href') ?? element.getAttribute('src') ?? '')
      .filter((url) => /^\s*(javascript|data):/i.test(url)),
    frames: document.querySelectorAll('iframe, object, embed').length,
  }));
  assert.equal(found.pwned, undefined, `${where}: a feature's script ran`);
  assert.deepEqual(
    found.scripts.filter(
      (src) => !/^(\.\.\/)?(data\.js|search\.js|assets\/site\.js|assets\/mermaid\.min\.js)$/.test(src),
    ),
    [],
    `${where}: unexpected scripts`,
  );
  assert.deepEqual(found.handlers, [], `${where}: event handler attributes`);
  assert.deepEqual(found.javascriptLinks, [], `${where}: javascript: or data: links`);
  assert.equal(found.frames, 0, `${where}: frames`);
  assert.deepEqual(watched.dialogs, [], `${where}: dialogs`);
  assert.deepEqual(watched.consoleErrors, [], `${where}: console errors`);
  assert.deepEqual(watched.outside, [], `${where}: requests outside the site`);
}

describe('published site from disk, with a hostile feature', () => {
  let browser: Browser;
  let site: string;
  let data: SiteData;

  before(async () => {
    const root = copyExample();
    writeFileSync(join(root, 'features/F-666-hostile.md'), hostileFeature);
    site = join(tempDir('roadmap-site-'), 'site');
    const result = await publish({ roots: [root], out: site, title: 'Lumen <script>alert(6)</script>' });
    assert.equal(result.features, 35);
    const dataText = readFileSync(join(site, 'data.js'), 'utf8');
    data = JSON.parse(
      dataText
        .slice(dataText.indexOf('=') + 1)
        .trim()
        .replace(/;$/, ''),
    ) as SiteData;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('the index shows the roadmap views, read-only, and the hostile title only as text', async () => {
    const watched = await watchedPage(browser, site);
    const { page } = watched;
    await page.goto(pageUrl(site, 'index.html'));
    await page.locator('[data-view="timeline"]').waitFor();
    assert.equal((await page.locator('.tl-bar').count()) > 20, true);
    assert.equal(await page.locator('[role="tab"]').count(), 6);
    // The title as text in the view and in the page title, never as markup.
    const hostileBar = page.locator('[data-id="F-666"]').first();
    if ((await hostileBar.count()) > 0) assert.match((await hostileBar.textContent()) ?? '', /<script>/);
    assert.match(await page.title(), /<script>alert\(6\)<\/script>/);
    // Every feature is also a plain link on the index.
    const linked = await page
      .locator('.feature-index a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    assert.deepEqual(linked.sort(), Object.values(data.pages).sort());
    // Read-only: no export menu, nothing draggable.
    assert.equal(await page.locator('.export-menu, [data-action="export"]').count(), 0);
    await page.locator('#tab-board').click();
    await page.locator('[data-view="board"]').waitFor();
    assert.equal(await page.locator('[draggable="true"]').count(), 0);
    assert.match(
      (await page.locator('.card[data-id="F-666"]').textContent()) ?? '',
      /<script>window.__pwned/,
    );
    const mermaidRequests = () =>
      watched.requests.filter((url) => url.endsWith('/assets/mermaid.min.js')).length;
    for (const view of ['horizons', 'moscow', 'priority']) {
      await page.locator(`#tab-${view}`).click();
      await page.locator(`[data-view="${view}"]`).waitFor();
    }
    assert.equal(mermaidRequests(), 0, 'Mermaid loads only with the dependency view’s clusters');
    for (const view of ['dependencies']) {
      await page.locator(`#tab-${view}`).click();
      await page.locator(`[data-view="${view}"]`).waitFor();
    }
    // The dependency view draws the graph itself, the hostile title as text (its label cut to three lines,
    // the whole of it in the node's name).
    const hostile = page.locator('[data-view="dependencies"] svg g.node[data-id="F-666"]');
    await hostile.waitFor({ timeout: 30_000 });
    assert.match((await hostile.textContent()) ?? '', /<script>window.__pwned/);
    assert.match((await hostile.getAttribute('aria-label')) ?? '', /Hostile/);
    assert.equal(mermaidRequests(), 0);
    // Mermaid draws the clusters, loaded from the site's own file only now.
    await page.locator('[data-graph-mode="clusters"]').click();
    await page
      .locator('.graph-canvas[data-state="done"][data-mode="clusters"] svg g.node')
      .first()
      .waitFor({ timeout: 30_000 });
    assert.equal(mermaidRequests(), 1);
    await assertInert(watched, 'index');
    await page.close();
  });

  test('a page for every feature, and none of them runs the feature’s content', async () => {
    assert.equal(data.model.features.length, 35);
    const watched = await watchedPage(browser, site);
    for (const feature of data.model.features) {
      const path = data.pages[feature.file];
      assert.ok(path && existsSync(join(site, path)), `no page for ${feature.id}`);
      await watched.page.goto(pageUrl(site, path));
      const heading = await watched.page.locator('h1').textContent();
      assert.ok(heading?.includes(feature.title), `${feature.id}: heading ${heading}`);
      await assertInert(watched, path);
    }
    await watched.page.close();
  });

  test('the hostile page shows its content as text and its dangerous links dead', async () => {
    const watched = await watchedPage(browser, site);
    const { page } = watched;
    await page.goto(pageUrl(site, data.pages['features/F-666-hostile.md']));
    const text = (await page.locator('main').textContent()) ?? '';
    assert.match(text, /<script>window.__pwned = 'body-script'; alert\('body'\)<\/script>/);
    assert.match(text, /<iframe src="https:\/\/evil.example\/"><\/iframe>/);
    assert.match(text, /javascript link/);
    const hrefs = await page
      .locator('main a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    assert.ok(!hrefs.some((href) => href === null || /javascript|data:/i.test(href)), String(hrefs));
    // An image would be a request of its own (a tracker): it is a link the reader may choose to follow.
    assert.equal(await page.locator('main img').count(), 0);
    assert.match(text, /\[image: x\]/);
    // The escaped quote in the evidence URL stays inside its attribute.
    assert.ok(
      hrefs.includes(
        'https://example.com/%22%3E%3Cscript%3Ewindow.__pwned%20=%20%22evidence-url%22%3C/script%3E',
      ),
    );
    await assertInert(watched, 'F-666');
    await page.close();
  });

  test('the site is under 1 MB before Mermaid', () => {
    const sizeOf = (path: string): number =>
      statSync(path).isDirectory()
        ? readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0)
        : path.endsWith('mermaid.min.js')
          ? 0
          : statSync(path).size;
    const bytes = sizeOf(site);
    assert.ok(bytes < 1024 * 1024, `${bytes} bytes`);
  });

  test('search finds features by id, title and tag, and deep links open a filtered view', async () => {
    const watched = await watchedPage(browser, site);
    const { page } = watched;
    await page.goto(pageUrl(site, 'index.html') + '#view=board&moscow=must');
    await page.locator('[data-view="board"]').waitFor();
    const mustCount = data.model.features.filter((feature) => feature.moscow === 'must').length;
    assert.equal(await page.locator('[data-view="board"] .card').count(), mustCount);
    await page.locator('#tab-priority').click();
    await page.waitForFunction(
      () => location.hash.includes('view=priority') && location.hash.includes('moscow=must'),
    );
    await page.fill('#site-search-input', 'hostile');
    await page.locator('#site-search-results a').first().waitFor();
    assert.equal(await page.locator('#site-search-results a').count(), 1);
    await page.fill('#site-search-input', 'enterprise');
    assert.ok((await page.locator('#site-search-results a').count()) > 3);
    await page.fill('#site-search-input', 'F-001');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/features\/F-001\.html$/);
    await assertInert(watched, 'search');
    await page.close();
  });
});
