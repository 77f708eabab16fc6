// The browser tests' shared setup: per test file, one static server for the panel bundle and one headless
// Chromium, started before the first test (before the file's own `before` hooks, which may open panels) and
// closed after the last.
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

/** Call once at the top of a test file. */
export function usePanelSession(): PanelSession {
  let server: PanelServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = (): { server: PanelServer; browser: Browser } => {
    if (!server || !browser) throw new Error('the panel session is used before its before() hook ran');
    return { server, browser };
  };
  return {
    get origin() {
      return started().server.origin;
    },
    openPanel: (model, options) => openPanel(started().browser, started().server.origin, model, options),
    openPage: (options) => openPage(started().browser, started().server.origin, options),
  };
}
