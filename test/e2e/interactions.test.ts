/**
 * The web app's components at work in a real browser (Chromium, the built app on a static
 * server): the editor marks validation errors at their lines, the picker loads a scenario,
 * the timeline and the events log move the cursor and the fleet view follows it, a long run
 * can be cancelled while the page stays responsive, compare mode overlays two runs, charts
 * download as SVG and PNG, and an edited scenario's share link reproduces the run.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ARTIFACTS, buildApp, checkBrowser, launchBrowser } from './support/browser.ts';
import { serveStatic, type StaticServer } from './support/static-server.ts';

const run = checkBrowser('browser interaction tests (test/e2e/interactions.test.ts)');

const status = (page: Page) => page.locator('[data-testid="run-status"]');
const editor = (page: Page) => page.locator('[data-testid="scenario-editor"]');
const tiles = (page: Page) => page.locator('[data-testid="fleet-view"] [data-testid="instance"]');

async function waitForStatus(page: Page, word: string, timeout = 90_000): Promise<void> {
  await status(page).filter({ hasText: new RegExp(`^${word}$`) }).waitFor({ timeout });
}

const SMALL = `name: Small edited run
seed: 3
duration: 10m
zones: [us-east-1a, us-east-1b]
traffic:
  rate: 40
autoScaling:
  minSize: 2
  maxSize: 2
  desiredCapacity: 2
`;

describe.skipIf(!run)('web app interactions in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let cleanup: () => Promise<void>;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    const built = await buildApp();
    cleanup = built.cleanup;
    server = await serveStatic(built.dir);
    browser = await launchBrowser();
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await cleanup?.();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    errors = [];
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    page.on('pageerror', (error) => errors.push(error.message));
  });

  afterEach(async () => {
    await context?.close();
    expect(errors, 'console errors').toEqual([]);
  });

  it('editor: a validation error is listed with its line and marked in the gutter; Run is disabled until fixed', async () => {
    await page.goto(`${server.url}/?scenario=steady-state`);
    await waitForStatus(page, 'done');
    const text = await editor(page).inputValue();
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.startsWith('duration:')) + 1;
    await editor(page).fill(text.replace(/^duration: .*$/m, 'duration: soon'));
    const list = page.locator('[data-testid="validation-errors"]');
    await list.waitFor();
    expect(await list.textContent()).toContain(`line ${line}`);
    expect(await list.textContent()).toContain('duration');
    expect(await page.locator('elbsim-editor .ln.error').allTextContents()).toEqual([String(line)]);
    expect(await page.locator('[data-testid="run"]').isDisabled()).toBe(true);
    await editor(page).fill(text);
    await page.locator('[data-testid="validation-status"]').filter({ hasText: 'valid' }).waitFor();
    expect(await page.locator('[data-testid="run"]').isEnabled()).toBe(true);
  });

  it('picker: every bundled scenario is listed with its description; choosing one loads its text', async () => {
    await page.goto(`${server.url}/?scenario=steady-state`);
    await waitForStatus(page, 'done');
    const items = page.locator('[data-testid="scenario-list"] button[data-scenario]');
    expect(await items.count()).toBeGreaterThanOrEqual(4);
    const spike = page.locator('[data-scenario="traffic-spike"]');
    expect(await spike.locator('.description').textContent()).toMatch(/\w+/);
    await spike.click();
    expect(await editor(page).inputValue()).toMatch(/^name: Traffic spike/);
    expect(await spike.getAttribute('aria-pressed')).toBe('true');
  });

  it('replay: scrubbing to the start shows the initial fleet; the fleet follows a zone outage; an event click moves the cursor', async () => {
    await page.goto(`${server.url}/?scenario=zone-outage-cross-zone-on&seed=1`);
    await waitForStatus(page, 'done');
    const scrubber = page.locator('[data-testid="scrubber"]');
    await scrubber.focus();
    await page.keyboard.press('Home');
    expect(await page.locator('[data-testid="cursor-time"]').textContent()).toContain('00:00:00');
    expect(await tiles(page).count()).toBe(9);
    expect(await page.locator('[data-testid="instance"][data-state="in_service"]').count()).toBe(9);

    // The zone fails at 10 min; its three targets are marked unhealthy about half a minute later.
    const failRow = page.locator('[data-testid="event"]', { hasText: 'fail-zone' });
    await page.locator('[data-category="lifecycle"]').click(); // hide lifecycle rows to find it quickly
    await failRow.click();
    expect(await page.locator('[data-testid="cursor-time"]').textContent()).toContain('00:10:00');
    expect(await page.locator('[data-testid="instance"][data-failed="true"]').count()).toBe(3);
    expect(await page.locator('section.zone.failed').count()).toBe(1);
    await page.locator('[data-testid="event"]', { hasText: 'unhealthy' }).last().click();
    expect(await page.locator('[data-testid="instance"][data-state="unhealthy"]').count()).toBe(3);
    await page.screenshot({ path: join(ARTIFACTS, 'zone-outage.png') });
  });

  it('timeline: play advances the cursor and pause stops it', async () => {
    await page.goto(`${server.url}/?scenario=steady-state`);
    await waitForStatus(page, 'done');
    await page.locator('[data-testid="scrubber"]').focus();
    await page.keyboard.press('Home');
    await page.locator('[data-testid="speed"]').selectOption('900');
    await page.locator('[data-testid="play"]').click();
    await page.waitForTimeout(600);
    await page.locator('[data-testid="play"]').click();
    const time = await page.locator('[data-testid="cursor-time"]').textContent();
    expect(time).not.toContain('00:00:00 ');
    await page.waitForTimeout(300);
    expect(await page.locator('[data-testid="cursor-time"]').textContent()).toBe(time);
  });

  it('a long run shows progress, keeps the page responsive, and can be cancelled', async () => {
    await page.goto(`${server.url}/?scenario=steady-state`);
    await waitForStatus(page, 'done');
    const long = SMALL.replace('duration: 10m', 'duration: 30d').replace('rate: 40', 'rate: 2000');
    await editor(page).fill(long);
    await page.locator('[data-testid="validation-status"]').filter({ hasText: 'valid' }).waitFor();
    await page.locator('[data-testid="run"]').click();
    await waitForStatus(page, 'running');
    await expect.poll(() => page.locator('[data-testid="progress"]').evaluate((p) => (p as HTMLProgressElement).value), { timeout: 20_000 }).toBeGreaterThan(0);
    // The main thread answers at once while the worker simulates.
    const started = Date.now();
    await page.evaluate(() => 1 + 1);
    expect(Date.now() - started).toBeLessThan(2000);
    await page.locator('[data-testid="cancel"]').click();
    await waitForStatus(page, 'cancelled', 5000);
  });

  it('compare: two variants run with the same seed, overlay on every chart, and their summaries sit side by side', async () => {
    await page.goto(`${server.url}/?scenario=steady-state&seed=2`);
    await waitForStatus(page, 'done');
    await page.locator('[data-testid="compare-toggle"]').check();
    await page.locator('[data-testid="variant-B"]').click();
    const text = await editor(page).inputValue();
    await editor(page).fill(text.replace('concurrency: 4', 'concurrency: 2'));
    await page.locator('[data-testid="validation-status"]').filter({ hasText: 'valid' }).waitFor();
    await page.locator('[data-testid="run"]').click();
    await waitForStatus(page, 'done');
    for (const chart of ['chart-requests', 'chart-latency', 'chart-capacity', 'chart-cpu']) {
      expect(await page.locator(`[data-testid="${chart}"] path.series[data-variant="1"]`).count(), chart).toBeGreaterThan(0);
    }
    const headers = await page.locator('[data-testid="summary-table"] thead th').allTextContents();
    expect(headers).toEqual(['Figure', 'A', 'B', 'B vs A']);
    // Same seed, same traffic (common random numbers): the request counts agree.
    const requests = await page.locator('[data-testid="summary-table"] tr[data-figure="requests"] td').allTextContents();
    expect(requests[0]).toBe(requests[1]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'compare.png'), fullPage: true });

    // The link reopens the same comparison.
    await expect.poll(() => page.locator('[data-testid="share-link"]').inputValue()).toMatch(/\?scenario=steady-state&seed=2#compare=z\./);
    const other = await context.newPage();
    await other.goto(await page.locator('[data-testid="share-link"]').inputValue());
    await waitForStatus(other, 'done');
    expect(await other.locator('[data-testid="compare-toggle"]').isChecked()).toBe(true);
    expect(await other.locator('[data-testid="summary-table"]').textContent()).toBe(await page.locator('[data-testid="summary-table"]').textContent());
  });

  it('charts: hovering shows exact values with units; a click moves the one cursor all charts share', async () => {
    await page.goto(`${server.url}/?scenario=steady-state&seed=1`);
    await waitForStatus(page, 'done');
    const overlay = page.locator('[data-testid="chart-latency"] rect.overlay');
    const box = (await overlay.boundingBox())!;
    await overlay.hover({ position: { x: box.width / 2, y: box.height / 2 } });
    const tooltip = page.locator('[data-testid="chart-latency"] g.tooltip');
    expect(await tooltip.getAttribute('visibility')).toBe('visible');
    const text = await tooltip.textContent();
    expect(text).toMatch(/p50: [\d.,]+ ms/);
    expect(text).toMatch(/p99: [\d.,]+ ms/);
    expect(text).toMatch(/mean: [\d.,]+ ms/);
    await overlay.click({ position: { x: box.width / 2, y: box.height / 2 } });
    const time = await page.locator('[data-testid="cursor-time"]').textContent();
    expect(time).toMatch(/^00:1[45]:00/);
    const xs: number[] = [];
    for (const chart of ['chart-requests', 'chart-latency', 'chart-capacity', 'chart-cpu']) {
      const line = page.locator(`[data-testid="${chart}"] line.cursor`);
      expect(await line.getAttribute('visibility')).toBe('visible');
      xs.push(Number(await line.getAttribute('x1')));
    }
    expect(new Set(xs.map((x) => Math.round(x))).size).toBe(1); // same width, same time: same place
  });

  it('charts download as SVG and PNG', async () => {
    await page.goto(`${server.url}/?scenario=steady-state`);
    await waitForStatus(page, 'done');
    const chart = page.locator('[data-testid="chart-latency"]');
    const [svg] = await Promise.all([page.waitForEvent('download'), chart.locator('[data-testid="export-svg"]').click()]);
    expect(svg.suggestedFilename()).toBe('steady-state-latency.svg');
    const markup = await readFile((await svg.path())!, 'utf8');
    expect(markup).toMatch(/^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(markup).toContain('latency (ms)');
    expect(markup).not.toContain('class="tooltip"');
    const [png] = await Promise.all([page.waitForEvent('download'), chart.locator('[data-testid="export-png"]').click()]);
    expect(png.suggestedFilename()).toBe('steady-state-latency.png');
    const bytes = await readFile((await png.path())!);
    expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  });

  it('an edited scenario travels whole in the share link, and the link reproduces the run', async () => {
    await page.goto(`${server.url}/?scenario=steady-state`);
    await waitForStatus(page, 'done');
    await editor(page).fill(SMALL);
    await page.locator('[data-testid="validation-status"]').filter({ hasText: 'valid' }).waitFor();
    await page.locator('[data-testid="seed"]').fill('11');
    await page.locator('[data-testid="seed"]').press('Enter');
    await waitForStatus(page, 'done');
    await expect.poll(() => page.locator('[data-testid="share-link"]').inputValue()).toMatch(/\?seed=11#scenario=z\./);
    const link = await page.locator('[data-testid="share-link"]').inputValue();
    const summary = await page.locator('[data-testid="summary-table"]').textContent();

    const other = await context.newPage();
    await other.goto(link);
    await waitForStatus(other, 'done');
    expect(await editor(other).inputValue()).toBe(SMALL);
    expect(await other.locator('[data-testid="seed"]').inputValue()).toBe('11');
    expect(await other.locator('[data-testid="summary-table"]').textContent()).toBe(summary);
  });

  it('upload reads a local scenario file into the editor, and it runs', async () => {
    await page.goto(`${server.url}/?scenario=steady-state`);
    await waitForStatus(page, 'done');
    await page.locator('[data-testid="upload-scenario"]').setInputFiles({ name: 'mine.yaml', mimeType: 'text/yaml', buffer: Buffer.from(SMALL) });
    await expect.poll(() => editor(page).inputValue()).toBe(SMALL);
    expect(await page.locator('elbsim-editor .file').textContent()).toBe('mine.yaml');
    expect(await page.locator('[data-testid="seed"]').inputValue()).toBe('3'); // the file's own seed
    await page.locator('[data-testid="run"]').click();
    await waitForStatus(page, 'done');
    expect(await page.locator('.run-title strong').textContent()).toBe('Small edited run');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="download-scenario"]').click()]);
    expect(download.suggestedFilename()).toBe('mine.yaml');
    expect(await readFile((await download.path())!, 'utf8')).toBe(SMALL);
  });

  it('an unknown scenario in the URL says so instead of failing silently', async () => {
    await page.goto(`${server.url}/?scenario=no-such-thing`);
    expect(await page.locator('[role="alert"]').first().textContent()).toContain('no-such-thing');
  });

  it('keyboard: Tab reaches the run button, and Ctrl+Enter runs', async () => {
    await page.goto(`${server.url}/?scenario=steady-state`);
    await waitForStatus(page, 'done');
    await page.locator('[data-testid="seed"]').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.getAttribute('data-testid');
    })).toBe('run');
    await page.keyboard.press('Control+Enter');
    await waitForStatus(page, 'running', 5000).catch(() => undefined);
    await waitForStatus(page, 'done');
  });

  it('narrow screens: the layout becomes one column with no horizontal scrolling', async () => {
    await page.setViewportSize({ width: 800, height: 1000 });
    await page.goto(`${server.url}/?scenario=steady-state`);
    await waitForStatus(page, 'done');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'narrow.png'), fullPage: true });
  });
});
