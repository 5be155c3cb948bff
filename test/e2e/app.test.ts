/**
 * End to end, in a real browser: Debian's Chromium (driven by playwright-core) against the
 * BUILT app served by a plain static server on localhost.
 *
 * Opens a bundled scenario from the URL, waits for the run to finish, checks that every chart
 * drew and that the fleet view shows every instance, and that the three downloads are
 * byte-identical to what `elbsim run` writes for the same scenario and seed. Saves
 * screenshots under test-artifacts/ for people to look at.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, buildApp, checkBrowser, launchBrowser, REPO } from './support/browser.ts';
import { serveStatic, type StaticServer } from './support/static-server.ts';

const run = checkBrowser('browser end-to-end tests (test/e2e/app.test.ts)');
const SCENARIO = 'steady-state';
const SEED = 7;

/** What `elbsim run` writes for a scenario and seed. */
async function cliRun(scenario: string, seed: number): Promise<Record<string, string>> {
  const out = await mkdtemp(join(tmpdir(), 'elbsim-cli-'));
  try {
    await promisify(execFile)(process.execPath, [join(REPO, 'bin/elbsim.js'), 'run', join(REPO, 'scenarios', `${scenario}.yaml`), '--seed', String(seed), '--out', out, '--quiet'], { cwd: REPO });
    const files: Record<string, string> = {};
    for (const name of ['timeseries.csv', 'events.csv', 'summary.json']) files[name] = await readFile(join(out, name), 'utf8');
    return files;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** Console errors and uncaught exceptions of a page, collected for a final "none" check. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  return errors;
}

async function waitForDone(page: Page, timeout = 90_000): Promise<void> {
  await page.locator('[data-testid="run-status"]').filter({ hasText: /^(done|error)$/ }).waitFor({ timeout });
  expect(await page.locator('[data-testid="run-status"]').textContent()).toBe('done');
}

describe.skipIf(!run)('web app in Chromium (built app on a static server)', () => {
  let browser: Browser;
  let server: StaticServer;
  let cleanup: () => Promise<void>;
  let page: Page;
  let errors: string[];
  let cli: Record<string, string>;

  beforeAll(async () => {
    const built = await buildApp();
    cleanup = built.cleanup;
    // Served from a sub-path (/elbsim/), as on a project page of a static host: relative URLs only.
    server = await serveStatic(built.root);
    browser = await launchBrowser();
    cli = await cliRun(SCENARIO, SEED);
    await mkdir(ARTIFACTS, { recursive: true });
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true, colorScheme: 'light' });
    page = await context.newPage();
    errors = watchErrors(page);
    await page.goto(`${server.url}/elbsim/?scenario=${SCENARIO}&seed=${SEED}`);
    await waitForDone(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await cleanup?.();
  });

  it('a bundled scenario given in the URL runs on load, with the seed from the URL', async () => {
    expect(await page.locator('[data-testid="seed"]').inputValue()).toBe(String(SEED));
    expect(await page.locator('[data-testid="run"]').isEnabled()).toBe(true);
  });

  it('every chart drew its series', async () => {
    for (const chart of ['chart-requests', 'chart-latency', 'chart-capacity', 'chart-cpu']) {
      const paths = page.locator(`[data-testid="${chart}"] svg path.series`);
      expect(await paths.count(), chart).toBeGreaterThan(0);
      const d = await paths.first().getAttribute('d');
      expect(d, chart).toMatch(/^M[\d.]+,[\d.]+L/);
    }
  });

  it('the fleet view shows one tile per instance the run launched', async () => {
    const summary = JSON.parse(cli['summary.json']!) as { targets: unknown[] };
    await expect.poll(() => page.locator('[data-testid="fleet-view"] [data-testid="instance"]').count()).toBe(summary.targets.length);
  });

  it.each([
    ['export-timeseries', 'timeseries.csv'],
    ['export-events', 'events.csv'],
    ['export-summary', 'summary.json'],
  ])('%s downloads %s, byte-identical to elbsim run with the same seed', async (testId, file) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid="${testId}"]`).click()]);
    expect(download.suggestedFilename()).toBe(file);
    const path = await download.path();
    expect(await readFile(path!, 'utf8')).toBe(cli[file]);
  });

  it('looks right: screenshots of the light and dark themes (test-artifacts/)', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'app-light.png'), fullPage: true });
    await page.locator('[data-testid="theme-toggle"]').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.screenshot({ path: join(ARTIFACTS, 'app-dark.png'), fullPage: true });
    await page.locator('[data-testid="theme-toggle"]').click();
  });

  it('a scaling scenario: the CPU chart shows the target line, the alarm band its states, the log the scaling activities', async () => {
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(`${server.url}/elbsim/?scenario=flash-sale-target-tracking&seed=1`);
    await waitForDone(page);
    expect(await page.locator('[data-testid="chart-cpu"] text.reference-label').textContent()).toBe('target 50%');
    expect(await page.locator('[data-testid="chart-alarms"] rect.segment.state-ALARM').count()).toBeGreaterThan(0);
    await page.locator('[data-category="lifecycle"]').click();
    await page.locator('[data-category="health"]').click();
    expect(await page.locator('[data-testid="event"]', { hasText: 'changing the desired capacity' }).count()).toBeGreaterThan(0);
    // Put the cursor in the middle of the scale-out, 00:40.
    await page.locator('[data-testid="scrubber"]').focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 4; i++) await page.keyboard.press('PageUp');
    expect(await page.locator('[data-testid="cursor-time"]').textContent()).toContain('00:40:00');
    expect(await page.locator('[data-testid="instance"]').count()).toBeGreaterThan(4);
    await page.locator('[data-testid="scrubber"]').blur();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(500); // let the tiles' colour transitions finish
    await page.screenshot({ path: join(ARTIFACTS, 'flash-sale.png') });
    // The README's screenshot is refreshed on request only, so a test run never edits tracked files.
    if (process.env.ELBSIM_UPDATE_SCREENSHOT === '1') {
      await mkdir(join(REPO, 'docs'), { recursive: true });
      await page.screenshot({ path: join(REPO, 'docs', 'screenshot.png') });
    }
  });

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
