// Screenshots of every view in the light, dark and high-contrast themes, and at the width of a panel beside
// VS Code's side bar, for looking at (not a test):
//   node --import tsx test/webview/screenshots.ts [outDir]   (default /tmp/webview-shots)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ViewName } from '../../src/shared/protocol';
import { launchBrowser, openPanel, postToPanel, showView, startServer } from './harness';
import { loadTestModel } from './testModel';
import type { ThemeName } from './themes';

const views: ViewName[] = ['timeline', 'board', 'horizons', 'moscow', 'priority', 'dependencies'];
const themeNames: ThemeName[] = ['light', 'dark', 'high-contrast'];

async function main(): Promise<void> {
  const out = process.argv[2] ?? '/tmp/webview-shots';
  mkdirSync(out, { recursive: true });
  const model = await loadTestModel();
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    for (const theme of themeNames) {
      const { page, errors } = await openPanel(browser, server.origin, model, {
        theme,
        width: 1440,
        height: 900,
      });
      for (const view of views) {
        await showView(page, view);
        if (view === 'dependencies')
          await page.waitForSelector('.graph-canvas[data-state="done"] svg', { timeout: 20_000 });
        await page.screenshot({ path: join(out, `${theme}-${view}.png`) });
      }
      await showView(page, 'board');
      const card = page.locator('.card').nth(1);
      await card.hover();
      await page.locator('.tooltip').waitFor({ state: 'visible' });
      await page.screenshot({ path: join(out, `${theme}-tooltip.png`) });
      await postToPanel(page, {
        type: 'writeResult',
        file: 'x.md',
        ok: false,
        message: 'The file changed on disk since the panel drew it; reload and try again.',
      });
      await page.click('[data-action="export"]');
      await page.screenshot({ path: join(out, `${theme}-details.png`) });
      if (errors.length > 0) console.error(theme, errors);
      await page.context().close();
    }
    // The width of an editor-area panel beside VS Code's side bar, where most problems first show.
    for (const theme of ['light', 'dark'] as const) {
      const { page, errors } = await openPanel(browser, server.origin, model, {
        theme,
        width: 1050,
        height: 860,
      });
      for (const view of views) {
        await showView(page, view);
        if (view === 'dependencies')
          await page.waitForSelector('.graph-canvas[data-state="done"] svg', { timeout: 20_000 });
        await page.screenshot({ path: join(out, `narrow-${theme}-${view}.png`) });
      }
      if (errors.length > 0) console.error(`narrow ${theme}`, errors);
      await page.context().close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`screenshots in ${out}`);
}

void main();
