// The browser tests' shared setup: per test file, one static server for the panel bundle and one headless
// Chromium, started before the first panel opens and closed after the last test.
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import type { RoadmapModel } from '../../src/shared/protocol';
import { launchBrowser, openPage, openPanel, startServer, type Panel, type PanelServer } from './harness';

type PageOptions = Parameters<typeof openPage>[2];
type PanelOptions = Parameters<typeof openPanel>[3];

export interface PanelSession {
  /** The static server's origin, as the panel's CSP names it. */
  readonly origin: string;
  /** A new page (its own browser context) showing the panel, answered with `model` as the host does. */
  openPanel(model: RoadmapModel, options?: PanelOptions): Promise<Panel>;
  /** A new page showing the panel, before any model. */
  openPage(options?: PageOptions): Promise<Panel>;
}

/**
 * Call once at the top of a test file. The server and the browser start on first use (or in a `before` hook,
 * whichever comes first): Node 20 runs a file's top-level `before` hooks without waiting for each other, so a
 * hook of the file that opens a panel may run before this one finished.
 */
export function usePanelSession(): PanelSession {
  let started: { server: PanelServer; browser: Browser } | undefined;
  let starting: Promise<{ server: PanelServer; browser: Browser }> | undefined;
  const start = () =>
    (starting ??= (async () => {
      const server = await startServer();
      const browser = await launchBrowser();
      return (started = { server, browser });
    })());
  before(async () => {
    await start();
  });
  after(async () => {
    if (!starting) return;
    const { server, browser } = await starting;
    await browser.close();
    await server.close();
  });
  return {
    get origin() {
      if (!started) throw new Error('the panel session has not started: open a panel first');
      return started.server.origin;
    },
    openPanel: async (model, options) => {
      const { server, browser } = await start();
      return openPanel(browser, server.origin, model, options);
    },
    openPage: async (options) => {
      const { server, browser } = await start();
      return openPage(browser, server.origin, options);
    },
  };
}
