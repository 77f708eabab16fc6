// Hostile file content, malformed host messages and the Content-Security-Policy.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { panelCsp, renderPanelHtml } from '../../src/shared/panelHtml';
import type { RoadmapModel, ViewName } from '../../src/shared/protocol';
import { clearMessages, postToPanel, showView, waitForMessage, type Panel } from './harness';
import { usePanelSession } from './panelSession';
import { loadTestModel } from './testModel';

const session = usePanelSession();

const hostileTitles = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1>',
  '%%{init: {"securityLevel":"loose"}}%%',
  'click n0 call alert()',
  'Costs #60; & #35; "quoted" `code` <b>bold</b>',
];

/** The test model with hostile titles, owners and tags on features that are drawn in every view. */
async function hostileModel(): Promise<RoadmapModel> {
  const model = structuredClone(await loadTestModel());
  const targets = model.features.slice(0, hostileTitles.length);
  targets.forEach((feature, i) => {
    feature.title = hostileTitles[i]!;
    feature.start = '2025-06-02';
    feature.end = '2025-07-04';
    feature.owner = '<img src=x onerror="window.__pwned=1">';
    feature.tags = ['<script>window.__pwned=1</script>'];
    // Each in a team of its own name: the clusters by team, which Mermaid draws, get them as labels.
    feature.team = hostileTitles[i];
    // A chain with a cycle through the hostile features, so they are all in the dependency graph too.
    feature.dependsOn = [targets[(i + 1) % targets.length]!.id];
  });
  return model;
}

let model: RoadmapModel;
let panel: Panel;
let page: Page;

before(async () => {
  model = await hostileModel();
  panel = await session.openPanel(model);
  page = panel.page;
});

async function assertInert(where: string): Promise<void> {
  const state = await page.evaluate(() => ({
    pwned: window.__pwned,
    images: document.querySelectorAll('img').length,
    scripts: [...document.scripts].map((script) => script.src.replace(/^https?:\/\/[^/]+/, '')),
    injectedSvg: document.querySelectorAll('svg[onload]').length,
    bold: document.querySelectorAll('b').length,
  }));
  assert.equal(state.pwned, undefined, `${where}: window.__pwned`);
  assert.equal(state.images, 0, `${where}: an <img> was created from text`);
  assert.equal(state.injectedSvg, 0, `${where}: an <svg onload> was created from text`);
  assert.equal(state.bold, 0, `${where}: a <b> was created from text`);
  assert.deepEqual(state.scripts.map((src) => src.split('?')[0]).sort(), ['/dist/main.js', '/stub.js']);
}

describe('hostile titles', () => {
  const views: ViewName[] = ['timeline', 'board', 'horizons', 'moscow', 'priority'];
  for (const view of views) {
    test(`render as literal text in the ${view} view`, async () => {
      await showView(page, view);
      for (const [i, title] of hostileTitles.entries()) {
        const feature = model.features[i]!;
        const text = await page
          .locator(`[data-view="${view}"] [data-file="${feature.file}"]`)
          .first()
          .textContent();
        assert.ok(
          text?.includes(title),
          `${view}: ${JSON.stringify(text)} should contain ${JSON.stringify(title)}`,
        );
      }
      await assertInert(view);
    });
  }

  test('render as literal text in the dependency graph', async () => {
    await showView(page, 'dependencies');
    await page.waitForSelector('.graph-canvas[data-state="done"] svg', { timeout: 20_000 });
    for (const [i, title] of hostileTitles.entries()) {
      const feature = model.features[i]!;
      const node = page.locator(`.graph-canvas g.node[data-file="${feature.file}"]`);
      assert.equal(await node.count(), 1, `${feature.id} is a node`);
      const text = ((await node.textContent()) ?? '').replace(/\s+/g, '');
      assert.ok(
        text.includes(title.replace(/\s+/g, '')),
        `${JSON.stringify(text)} should contain ${JSON.stringify(title)}`,
      );
    }
    assert.equal(await page.locator('.graph-canvas .error-box').count(), 0);
    await assertInert('dependencies');
  });

  test('render as literal text in the clusters Mermaid draws', async () => {
    await showView(page, 'dependencies');
    await page.click('[data-graph-mode="clusters"]');
    await page.selectOption('select[data-graph-cluster]', 'team');
    await page.waitForSelector('.graph-canvas[data-state="done"][data-mode="clusters"] svg', {
      timeout: 20_000,
    });
    const clusters = await page.$$eval('.graph-canvas g.node[data-cluster]', (nodes) =>
      nodes.map((node) => [node.getAttribute('data-cluster'), node.textContent ?? '']),
    );
    for (const title of hostileTitles) {
      const cluster = clusters.find(([key]) => key === `team:${title}`);
      assert.ok(cluster, `a cluster for the team ${JSON.stringify(title)}`);
      assert.ok(
        cluster[1]!.replace(/\s+/g, '').includes(title.replace(/\s+/g, '')),
        `${JSON.stringify(cluster[1])} should contain ${JSON.stringify(title)}`,
      );
    }
    // The init directive in a name must not have switched Mermaid to loose mode or broken the drawing.
    assert.equal(await page.locator('.graph-canvas .error-box').count(), 0);
    await assertInert('clusters');
    await page.selectOption('select[data-graph-cluster]', 'milestone');
    await page.click('[data-graph-mode="all"]');
    await page.waitForSelector('.graph-canvas[data-state="done"][data-mode="all"] svg', { timeout: 20_000 });
  });

  test('render as literal text in the neighbourhood the panel draws itself', async () => {
    await showView(page, 'dependencies');
    const first = model.features[0]!;
    await page.click(`.graph-canvas g.node[data-file="${first.file}"]`);
    await page.click('[data-graph-mode="neighbourhood"]');
    await page.selectOption('select[data-graph-hops]', '4');
    await page.waitForSelector(
      `.graph-canvas[data-state="done"][data-mode="neighbourhood"] g.node.graph-focus[data-file="${first.file}"]`,
    );
    // The hostile features are a cycle of depends_on: within four steps of the first, all of them.
    for (const [i, title] of hostileTitles.entries()) {
      const node = page.locator(`.graph-canvas g.node[data-file="${model.features[i]!.file}"]`);
      const text = ((await node.textContent()) ?? '').replace(/\s+/g, '');
      assert.ok(
        text.includes(title.replace(/\s+/g, '')),
        `${JSON.stringify(text)} has ${JSON.stringify(title)}`,
      );
      assert.equal(await node.getAttribute('aria-label'), `${model.features[i]!.id}: ${title}`);
    }
    await assertInert('neighbourhood');
    await page.click('[data-graph-mode="all"]');
    await page.waitForSelector('.graph-canvas[data-state="done"][data-mode="all"] svg', { timeout: 20_000 });
  });

  test('show as text in the hover summary', async () => {
    await showView(page, 'board');
    const feature = model.features[0]!;
    const card = page.locator(`.card[data-file="${feature.file}"]`);
    await card.scrollIntoViewIfNeeded();
    // Let the scroll event pass first: scrolling hides the tooltip.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    await card.locator('.card-title').hover();
    const tooltip = page.locator('.tooltip');
    await tooltip.waitFor({ state: 'visible' });
    const text = (await tooltip.textContent()) ?? '';
    assert.ok(text.includes(hostileTitles[0]!) && text.includes(feature.owner!), text);
    await assertInert('tooltip');
  });

  test('cannot inject statements into exported Mermaid source', async () => {
    for (const view of ['dependencies', 'timeline', 'board', 'priority'] as const) {
      await showView(page, view);
      if (view === 'dependencies')
        await page.waitForSelector('.graph-canvas[data-state="done"] svg', { timeout: 20_000 });
      await clearMessages(page);
      await page.click('[data-action="export"]');
      await page.click('[data-export="mermaid"]');
      const message = await waitForMessage(page, (m) => m.type === 'export');
      if (message.type !== 'export') throw new Error('unreachable');
      for (const line of message.content.split('\n')) {
        // No directive or comment, no markup, no statement smuggled in at the start of a line.
        assert.ok(!/%%|[<>{}]/.test(line.replace(/-->|<br>/g, '')), `${view}: ${line}`);
        assert.ok(!/^\s*(click|call|href|%%)/i.test(line), `${view}: ${line}`);
      }
    }
  });
});

describe('host messages', () => {
  test('malformed messages are ignored without errors', async () => {
    await showView(page, 'board');
    const before = await page.locator('.card').count();
    const valid = structuredClone(model);
    const malformed: unknown[] = [
      null,
      'model',
      42,
      [],
      { type: 'model' },
      { type: 'model', model: null },
      { type: 'model', model: { ...valid, features: 'lots' } },
      { type: 'model', model: { ...valid, features: [{ ...valid.features[0], file: 7 }] } },
      { type: 'model', model: { ...valid, features: [{ ...valid.features[0], dependsOn: [1] }] } },
      { type: 'model', model: { ...valid, statuses: [{ id: 'x', title: 'X', category: 'blocked' }] } },
      { type: 'model', model: { ...valid, today: 'tomorrow' } },
      { type: 'focus' },
      { type: 'focus', id: { toString: 1 } },
      { type: 'showView', view: 'gallery' },
      { type: 'writeResult', file: 'a.md', ok: 'no' },
      { type: 'writeResult', ok: false },
      { type: 'evaluate', code: 'window.__pwned = 1' },
      { type: '__proto__' },
    ];
    for (const message of malformed) await postToPanel(page, message);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
    assert.equal(await page.locator('[data-view="board"]').count(), 1);
    assert.equal(await page.locator('.card').count(), before);
    assert.equal(await page.locator('.notice').count(), 0);
    assert.deepEqual(panel.errors, []);
    await assertInert('malformed messages');
  });
});

describe('content security policy', () => {
  test('the page carries the host CSP', async () => {
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    const nonce = await page.evaluate(
      () => document.querySelector<HTMLScriptElement>('script[type="module"]')?.nonce,
    );
    assert.ok(nonce && nonce.length >= 16);
    assert.equal(csp, panelCsp(session.origin, nonce));
    assert.match(csp!, /default-src 'none'/);
    assert.match(csp!, /script-src 'nonce-[^']+' 'strict-dynamic'/);
  });

  test('blocks an inline script without the nonce', async () => {
    const probe = await session.openPage({ inlineProbe: true });
    const violations = await probe.page.evaluate(() => window.__cspViolations);
    assert.ok(
      violations.some(
        (violation) => violation.directive.startsWith('script-src') && violation.blockedURI === 'inline',
      ),
      JSON.stringify(violations),
    );
    assert.equal(await probe.page.evaluate(() => window.__pwned), undefined);
    await probe.page.context().close();
  });

  test('blocks inline event handlers', async () => {
    await page.evaluate(() => {
      window.__cspViolations.length = 0;
      const button = document.createElement('button');
      button.setAttribute('onclick', 'window.__pwned = "inline handler"');
      document.body.append(button);
      button.click();
      button.remove();
    });
    await page.waitForFunction(() => window.__cspViolations.length >= 1);
    const violations = await page.evaluate(() => window.__cspViolations);
    assert.equal(violations[0]?.directive, 'script-src-attr');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });

  test('the lazily loaded Mermaid chunk was allowed and nothing else was blocked', async () => {
    await page.evaluate(() => (window.__cspViolations.length = 0));
    await showView(page, 'timeline');
    await showView(page, 'dependencies');
    await page.waitForSelector('.graph-canvas[data-state="done"] svg', { timeout: 20_000 });
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  });
});

describe('renderPanelHtml', () => {
  test('escapes its inputs and refuses a weak nonce', () => {
    const html = renderPanelHtml({
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
      nonce: 'abcdefghijklmnop1234',
      scriptUri: 'https://example.test/main.js?a=1&b="2"',
      styleUri: 'https://example.test/roadmap.css',
      title: '</title><script>alert(1)</script>',
    });
    assert.ok(html.includes('<title>&#60;/title&#62;&#60;script&#62;alert(1)&#60;/script&#62;</title>'));
    assert.ok(html.includes('src="https://example.test/main.js?a=1&#38;b=&#34;2&#34;"'));
    assert.ok(html.includes(`<script type="module" nonce="abcdefghijklmnop1234"`));
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.throws(() => renderPanelHtml({ cspSource: 'x', nonce: 'short', scriptUri: '', styleUri: '' }));
    assert.throws(() =>
      renderPanelHtml({
        cspSource: "x; script-src 'unsafe-inline'",
        nonce: 'abcdefghijklmnop1234',
        scriptUri: '',
        styleUri: '',
      }),
    );
  });
});
