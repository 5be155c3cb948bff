/**
 * Component tests in a real browser: each custom element of the web app mounted on its own
 * (in the built app's page, where every element is registered), given properties from the
 * test fixtures, and checked through its shadow DOM and the events it sends. No DOM package is
 * installed for Node, so the browser is where elements are tested; chart functions and the
 * pure state derivations are tested in Node (test/web).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fleetAt } from '../../web/model/fleet-state.ts';
import { fixtureRun, fixtureTimeseries, PERIOD_S } from '../web/fixtures/run-result.ts';
import { buildApp, checkBrowser, launchBrowser } from './support/browser.ts';
import { serveStatic, type StaticServer } from './support/static-server.ts';

const run = checkBrowser('browser component tests (test/e2e/components.test.ts)');

const fixture = fixtureRun();
/** The fixture as JSON-safe data (typed arrays → arrays; NaN survives structured cloning). */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));

/** Mounts `tag` with `props` in a fresh container and records the custom events it sends. */
async function mount(page: Page, tag: string, props: Record<string, unknown>): Promise<void> {
  await page.evaluate(
    async ({ tag, props }) => {
      document.querySelector('#test-root')?.remove();
      const root = document.createElement('div');
      root.id = 'test-root';
      root.style.cssText = 'position:fixed;inset:0;z-index:100;background:var(--bg);padding:16px;overflow:auto';
      const el = document.createElement(tag) as HTMLElement & Record<string, unknown> & { updateComplete: Promise<unknown> };
      Object.assign(el, props);
      const seen: { type: string; detail: unknown }[] = [];
      (window as unknown as { seen: typeof seen }).seen = seen;
      for (const type of ['scenario-select', 'editor-change', 'seed-change', 'run-request', 'run-cancel', 'cursor-change', 'play-toggle', 'speed-change', 'export-request']) {
        el.addEventListener(type, (e) => seen.push({ type, detail: (e as CustomEvent).detail }));
      }
      root.append(el);
      document.body.append(root);
      await el.updateComplete;
    },
    { tag, props },
  );
}

const events = (page: Page) => page.evaluate(() => (window as unknown as { seen: { type: string; detail: unknown }[] }).seen);

describe.skipIf(!run)('web components in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let cleanup: () => Promise<void>;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    const built = await buildApp();
    cleanup = built.cleanup;
    server = await serveStatic(built.dir);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await cleanup?.();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    // No scenario in the URL and no run wanted: the page only provides the registered elements.
    await page.goto(`${server.url}/?scenario=__components__`);
  });

  afterEach(async () => {
    await page?.close();
    expect(errors.filter((e) => !e.includes('__components__'))).toEqual([]);
  });

  it('<elbsim-fleet-view>: a column per zone, a tile per instance with its state, load and fault', async () => {
    const snapshot = fleetAt(
      { zones: fixture.scenario.zones, events: fixture.events, targets: fixture.summary.targets, instanceLoad: fixture.instanceLoad, periodS: PERIOD_S },
      250,
    );
    await mount(page, 'elbsim-fleet-view', { snapshot: plain(snapshot) });
    expect(await page.locator('#test-root section.zone h4 span:first-child').allTextContents()).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    const tiles = page.locator('#test-root [data-testid="instance"]');
    expect(await tiles.count()).toBe(3);
    const i1 = page.locator('#test-root [data-instance="i-0001"]');
    expect(await i1.getAttribute('data-state')).toBe('draining');
    expect(await i1.getAttribute('data-failed')).toBe('true');
    expect(await i1.getAttribute('aria-label')).toContain('failed (fault)');
    expect(await page.locator('#test-root [data-instance="i-0002"] .load').textContent()).toBe('45%');
    expect(await page.locator('#test-root [data-instance="i-0003"]').getAttribute('data-state')).toBe('warming');
    expect(await page.locator('#test-root [data-count="draining"] b').textContent()).toBe('1');
  });

  it('<elbsim-events-log>: highlights the event at the cursor, dims later ones, filters by kind, a click asks to move the cursor', async () => {
    await mount(page, 'elbsim-events-log', { events: plain(fixture.events), cursorS: 200 });
    const rows = page.locator('#test-root [data-testid="event"]');
    expect(await rows.count()).toBe(fixture.events.length);
    const current = page.locator('#test-root [data-testid="event"][aria-current="true"]');
    expect(await current.textContent()).toContain('unhealthy'); // the 180 s health event
    expect(await page.locator('#test-root [data-testid="event"].future').count()).toBe(fixture.events.filter((e) => e.timeS > 200).length);
    await page.locator('#test-root [data-category="lifecycle"]').click();
    expect(await rows.count()).toBe(fixture.events.filter((e) => ['alarm', 'scaling', 'health', 'fault'].includes(e.kind)).length);
    await page.locator('#test-root [data-testid="event"]', { hasText: 'recover-zone' }).click();
    expect(await events(page)).toEqual([{ type: 'cursor-change', detail: { timeS: 500 } }]);
  });

  it('<elbsim-editor>: errors marked at their lines in the gutter and listed; upload and download ask the app', async () => {
    await mount(page, 'elbsim-editor', {
      value: 'name: x\nduration: soon\nzones: []\n',
      fileName: 'x.yaml',
      validated: true,
      errors: [{ file: 'x.yaml', line: 2, column: 11, path: 'duration', message: 'expected a duration' }],
      warnings: [{ file: 'x.yaml', line: 3, path: 'zones', message: 'one zone only' }],
    });
    expect(await page.locator('#test-root .ln.error').allTextContents()).toEqual(['2']);
    expect(await page.locator('#test-root .ln.warning').allTextContents()).toEqual(['3']);
    expect(await page.locator('#test-root [data-testid="validation-errors"]').textContent()).toContain('line 2:11  duration: expected a duration');
    expect(await page.locator('#test-root [data-testid="validation-status"]').textContent()).toContain('1 error');
    await page.locator('#test-root [data-testid="scenario-editor"]').fill('name: y\n');
    await page.locator('#test-root [data-testid="download-scenario"]').click();
    const seen = await events(page);
    // (typing may fire more than one input event; each carries the whole text)
    expect(seen.filter((e) => e.type === 'editor-change').at(-1)).toEqual({ type: 'editor-change', detail: { text: 'name: y\n' } });
    expect(seen.at(-1)).toEqual({ type: 'export-request', detail: { file: 'scenario' } });
  });

  it('<elbsim-scenario-picker>: lists scenarios with descriptions, marks the chosen one, sends scenario-select', async () => {
    await mount(page, 'elbsim-scenario-picker', {
      scenarios: [
        { id: 'a', fileName: 'a.yaml', title: 'Scenario A', description: 'What A shows', text: '' },
        { id: 'b', fileName: 'b.yaml', title: 'Scenario B', description: 'What B shows', text: '' },
      ],
      selected: 'b',
    });
    expect(await page.locator('#test-root .description').allTextContents()).toEqual(['What A shows', 'What B shows']);
    expect(await page.locator('#test-root [data-scenario="b"]').getAttribute('aria-pressed')).toBe('true');
    await page.locator('#test-root [data-scenario="a"]').click();
    expect(await events(page)).toEqual([{ type: 'scenario-select', detail: { id: 'a' } }]);
  });

  it('<elbsim-run-controls>: status word, progress, Run disabled on errors, Cancel while running, seed changes', async () => {
    await mount(page, 'elbsim-run-controls', { seed: 4, status: 'idle', canRun: false });
    expect(await page.locator('#test-root [data-testid="run"]').isDisabled()).toBe(true);
    await page.evaluate(async () => {
      const el = document.querySelector('elbsim-run-controls') as unknown as HTMLElement & Record<string, unknown> & { updateComplete: Promise<unknown> };
      Object.assign(el, { canRun: true, status: 'running', progress: 0.4, detail: 'simulated 00:12 of 00:30' });
      await el.updateComplete;
    });
    expect(await page.locator('#test-root [data-testid="run-status"]').textContent()).toBe('running');
    expect(await page.locator('#test-root [data-testid="progress"]').evaluate((p) => (p as HTMLProgressElement).value)).toBeCloseTo(0.4);
    await page.locator('#test-root [data-testid="cancel"]').click();
    await page.locator('#test-root [data-testid="seed"]').fill('12');
    await page.locator('#test-root [data-testid="seed"]').dispatchEvent('change');
    expect(await events(page)).toEqual([
      { type: 'run-cancel', detail: {} },
      { type: 'seed-change', detail: { seed: 12 } },
    ]);
  });

  it('<elbsim-timeline>: shows the cursor in clock time; play, speed and scrubbing ask the app', async () => {
    await mount(page, 'elbsim-timeline', { durationS: 3600, cursorS: 600, stepS: 60 });
    expect(await page.locator('#test-root [data-testid="cursor-time"]').textContent()).toMatch(/00:10:00\s*\/ 01:00:00/);
    await page.locator('#test-root [data-testid="play"]').click();
    await page.locator('#test-root [data-testid="speed"]').selectOption('60');
    await page.locator('#test-root [data-testid="scrubber"]').focus();
    await page.keyboard.press('PageUp');
    expect(await events(page)).toEqual([
      { type: 'play-toggle', detail: { playing: true } },
      { type: 'speed-change', detail: { speed: 60 } },
      { type: 'cursor-change', detail: { timeS: 1200 } },
    ]);
  });

  it('<elbsim-summary>: two runs side by side, the change coloured better or worse', async () => {
    const b = { ...fixture.summary, latencyMs: { ...fixture.summary.latencyMs, p99: 300 }, cost: 0.08 };
    await mount(page, 'elbsim-summary', { runs: [{ label: 'A', summary: fixture.summary }, { label: 'B', summary: b }] });
    expect(await page.locator('#test-root thead th').allTextContents()).toEqual(['Figure', 'A', 'B', 'B vs A']);
    expect(await page.locator('#test-root tr[data-figure="latencyP99"] td').allTextContents()).toEqual(['445.0', '300.0', '−145.0 (−32.6%)']); // fixed decimals, so a column lines up
    expect(await page.locator('#test-root tr[data-figure="latencyP99"] td').last().getAttribute('class')).toBe('better');
    expect(await page.locator('#test-root tr[data-figure="cost"] td').last().getAttribute('class')).toBe('worse');
  });

  it('<elbsim-chart>: draws its chart function at its own width and moves the cursor without redrawing', async () => {
    const runs = [
      { label: 'A', durationS: 600, periodS: 60, timeseries: plain(fixture.timeseries), scenario: plain(fixture.scenario), events: plain(fixture.events) },
      { label: 'B', durationS: 600, periodS: 60, timeseries: plain(fixtureTimeseries(2)), scenario: plain(fixture.scenario), events: plain(fixture.events) },
    ];
    await mount(page, 'elbsim-chart', { kind: 'capacity', runs, cursorS: 120 });
    const svg = page.locator('#test-root svg.chart-capacity');
    await svg.waitFor();
    expect(Number(await svg.getAttribute('width'))).toBeGreaterThan(1000);
    expect(await page.locator('#test-root path.series[data-variant="1"]').count()).toBe(4);
    const before = await svg.elementHandle();
    await page.evaluate(async () => {
      const el = document.querySelector('elbsim-chart') as unknown as HTMLElement & { cursorS: number; updateComplete: Promise<unknown> };
      el.cursorS = 480;
      await el.updateComplete;
    });
    const after = page.locator('#test-root svg.chart-capacity');
    expect(await after.evaluate((node, old) => node === old, before)).toBe(true);
    const x = Number(await page.locator('#test-root line.cursor').getAttribute('x1'));
    const left = Number(await after.getAttribute('data-plot-left'));
    const right = Number(await after.getAttribute('data-plot-right'));
    expect(x).toBeCloseTo(left + 0.8 * (right - left), 3);
  });
});
