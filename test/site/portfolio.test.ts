// A portfolio site from two repositories, in Chromium from disk: namespaced ids in the views, a cross-repository
// dependency that links from one repository's feature page to the other's, and links back to each file.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, pageUrl, publish, tempDir, watchedPage } from './siteHarness';

const feature = (id: string, extra = '') =>
  `---\nid: ${id}\ntitle: Feature ${id}\nstatus: planned\nmoscow: should\n${extra}---\n# Feature ${id}\n`;

describe('portfolio site of two repositories', () => {
  let browser: Browser;
  let site: string;

  before(async () => {
    const checkout = tempDir('roadmap-portfolio-');
    for (const [name, files] of Object.entries({
      web: { 'F-001.md': feature('F-001', 'depends_on: [mobile:F-001]\n') },
      mobile: { 'F-001.md': feature('F-001') },
    })) {
      mkdirSync(join(checkout, name, 'roadmap'), { recursive: true });
      for (const [file, text] of Object.entries(files))
        writeFileSync(join(checkout, name, 'roadmap', file), text);
    }
    mkdirSync(join(checkout, 'web', '.roadmap'));
    writeFileSync(
      join(checkout, 'web', '.roadmap', 'config.yaml'),
      'sources:\n  - { name: web, path: ., url: "https://git.example/web/blob/main/" }\n  - { name: mobile, path: ../mobile }\n',
    );
    site = join(checkout, 'site');
    const result = await publish({ roots: [join(checkout, 'web')], out: site });
    assert.deepEqual(result.sources, ['web', 'mobile']);
    assert.deepEqual(result.problems, []);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('the board shows both repositories, and a feature page leads to the other repository’s feature', async () => {
    const watched = await watchedPage(browser, site);
    const { page } = watched;
    await page.goto(pageUrl(site, 'index.html') + '#view=board');
    await page.locator('.card[data-id="web:F-001"]').waitFor();
    await page.locator('.card[data-id="mobile:F-001"]').waitFor();
    await page.locator('.card[data-id="web:F-001"]').click();
    await page.waitForURL(/features\/web-F-001\.html$/);
    assert.equal(
      await page.locator('a[href="https://git.example/web/blob/main/roadmap/F-001.md"]').count(),
      1,
    );
    await page.locator('a', { hasText: 'Feature F-001' }).filter({ hasText: 'mobile:F-001' }).click();
    await page.waitForURL(/features\/mobile-F-001\.html$/);
    assert.match((await page.locator('main').textContent()) ?? '', /Needed by\s*web:F-001/);
    assert.deepEqual(watched.consoleErrors, []);
    assert.deepEqual(watched.outside, []);
    await page.close();
  });
});
