// axe-core in Chromium over the published example: no serious or critical violation on the index (with the
// roadmap views drawn) or on a feature page, in the light and the dark colour scheme.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { copyExample, launchBrowser, pageUrl, publish, repo, tempDir, watchedPage } from './siteHarness';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const axeSource = readFileSync(join(repo, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe is evaluated through the debugging protocol: the page's CSP (rightly) refuses inline scripts. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
          .map((node) => node.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    );
}

describe('published site accessibility (axe-core)', () => {
  let browser: Browser;
  let site: string;

  before(async () => {
    site = join(tempDir('roadmap-site-a11y-'), 'site');
    await publish({ roots: [copyExample()], out: site, title: 'Lumen roadmap' });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`the index, ${scheme}`, async () => {
      const { page } = await watchedPage(browser, site, scheme);
      await page.goto(pageUrl(site, 'index.html'));
      await page.locator('[data-view="timeline"] .tl-bar').first().waitFor();
      assert.deepEqual(await seriousViolations(page), []);
      await page.locator('#tab-board').click();
      await page.locator('[data-view="board"]').waitFor();
      assert.deepEqual(await seriousViolations(page), []);
      await page.close();
    });

    test(`a feature page, ${scheme}`, async () => {
      const { page } = await watchedPage(browser, site, scheme);
      await page.goto(pageUrl(site, 'features/F-001.html'));
      assert.deepEqual(await seriousViolations(page), []);
      await page.goto(pageUrl(site, 'milestones/M1.html'));
      assert.deepEqual(await seriousViolations(page), []);
      await page.close();
    });
  }
});
