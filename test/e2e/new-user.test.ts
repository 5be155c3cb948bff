/**
 * What a new user trips over, in a real browser (Chromium, the built app on a static server), at
 * a laptop's 1440×900 and a phone's 390×844: the replay stays in step with the clock after a
 * re-run and after Compare, the header says nothing false during a run, the first screen shows
 * the charts and lands on the scenario's telling moment, terminated instances can be hidden, the
 * narrow layout keeps the scrubber, the summary's values and the events' details readable, and
 * small things agree (instance ids, REGISTER rows, fixed decimals, one YAML syntax message).
 * Screenshots go to test-artifacts/new-user-*.png.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ARTIFACTS, buildApp, checkBrowser, launchBrowser } from './support/browser.ts';
import { serveStatic, type StaticServer } from './support/static-server.ts';

const run = checkBrowser('browser new-user tests (test/e2e/new-user.test.ts)');

const VIEWPORTS = [
  { name: 'laptop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const status = (page: Page) => page.locator('[data-testid="run-status"]');
const clock = (page: Page) => page.locator('[data-testid="cursor-time"]');
const scrubber = (page: Page) => page.locator('[data-testid="scrubber"]');

async function waitForStatus(page: Page, word: string, timeout = 90_000): Promise<void> {
  await status(page).filter({ hasText: new RegExp(`^${word}$`) }).waitFor({ timeout });
}

/** The clock's cursor in seconds (`00:10:00 / 00:40:00` → 600). */
async function clockSeconds(page: Page): Promise<number> {
  const text = (await clock(page).textContent()) ?? '';
  const m = /(\d+):(\d\d):(\d\d)/.exec(text);
  if (!m) throw new Error(`no time in the clock: ${JSON.stringify(text)}`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** The scrubber's value, its clock, and where the thumb sits as a fraction of the track. */
async function expectInStep(page: Page): Promise<void> {
  const seconds = await clockSeconds(page);
  const { value, max } = await scrubber(page).evaluate((el: HTMLInputElement) => ({ value: Number(el.value), max: Number(el.max) }));
  expect(max).toBeGreaterThan(0);
  // The range input snaps to its step (one period); the clock may sit inside a period.
  expect(Math.abs(value - seconds), `scrubber value ${value} vs clock ${seconds} s`).toBeLessThan(60);
}

describe.skipIf(!run).each(VIEWPORTS)('a new user at $width×$height ($name)', (viewport) => {
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
    context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, colorScheme: 'light' });
    page = await context.newPage();
    errors = [];
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    page.on('pageerror', (error) => errors.push(error.message));
  });

  afterEach(async () => {
    await context?.close();
    expect(errors, 'console errors').toEqual([]);
  });

  it('replay: after running the same scenario again, and after Compare, the scrubber, Home and the arrows agree with the clock', async () => {
    await page.goto(`${server.url}/?scenario=zone-outage-cross-zone-on&seed=1`);
    await waitForStatus(page, 'done');
    await expectInStep(page);
    await page.locator('[data-testid="run"]').click();
    await waitForStatus(page, 'done');
    await expectInStep(page);
    await scrubber(page).focus();
    await page.keyboard.press('End');
    expect(await clockSeconds(page)).toBe(2400);
    await page.keyboard.press('Home');
    expect(await clockSeconds(page)).toBe(0);
    expect(await scrubber(page).inputValue()).toBe('0');
    await page.keyboard.press('ArrowRight');
    expect(await clockSeconds(page)).toBe(60);
    expect(await scrubber(page).inputValue()).toBe('60');

    await page.locator('[data-testid="compare-toggle"]').check();
    await page.locator('[data-testid="run"]').click();
    await waitForStatus(page, 'done');
    await expectInStep(page);
    await scrubber(page).focus();
    await page.keyboard.press('Home');
    expect(await clockSeconds(page)).toBe(0);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await clockSeconds(page)).toBe(120);
    expect(await scrubber(page).inputValue()).toBe('120');
  });

  it('during a run the header shows no time over empty panels', async () => {
    await page.goto(`${server.url}/?scenario=daily-cycle-predictive`);
    await waitForStatus(page, 'done');
    await page.locator('[data-testid="run"]').click();
    await waitForStatus(page, 'running', 10_000);
    const text = await clock(page).textContent();
    expect(text).not.toMatch(/\d\d:\d\d:\d\d/);
    expect(await page.locator('section[aria-label="Fleet"] h2').textContent()).toBe('Fleet');
    await waitForStatus(page, 'done');
  });

  it('after a run the cursor lands on the first fault; a steady run opens at the start', async () => {
    await page.goto(`${server.url}/?scenario=zone-outage-cross-zone-on&seed=1`);
    await waitForStatus(page, 'done');
    expect(await clockSeconds(page)).toBe(600);
    expect(await page.locator('section[aria-label="Fleet"] h2').textContent()).toContain('00:10:00');
    await page.goto(`${server.url}/?scenario=steady-state`);
    await waitForStatus(page, 'done');
    expect(await clockSeconds(page)).toBe(0);
  });

  it.runIf(viewport.width === 1440)('at 1440×900 the charts are on the first screen, without scrolling', async () => {
    await page.goto(`${server.url}/?scenario=flash-sale-target-tracking&seed=1`);
    await waitForStatus(page, 'done');
    for (const chart of ['chart-requests', 'chart-latency']) {
      const box = await page.locator(`[data-testid="${chart}"]`).boundingBox();
      expect(box, chart).not.toBeNull();
      expect(box!.y + box!.height, `${chart} bottom`).toBeLessThanOrEqual(viewport.height);
    }
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(ARTIFACTS, `new-user-${viewport.name}-first-screen.png`) });
  });

  it('the fleet hides terminated instances by default in a long run, and shows them on request; a small run shows them', async () => {
    await page.goto(`${server.url}/?scenario=daily-cycle-predictive`);
    await waitForStatus(page, 'done');
    const hide = page.locator('[data-testid="hide-terminated"]');
    expect(await hide.isChecked()).toBe(true);
    await scrubber(page).focus();
    await page.keyboard.press('End');
    const terminated = page.locator('[data-testid="instance"][data-state="terminated"]');
    expect(await terminated.count()).toBe(0);
    expect(await page.locator('[data-testid="instance"]').count()).toBeGreaterThan(0);
    await hide.uncheck();
    expect(await terminated.count()).toBeGreaterThan(40);
    // Every tile shows the id the events log uses, and its state glyph does not cover it.
    const overlaps = await page.locator('[data-testid="instance"]').evaluateAll((tiles) =>
      tiles.flatMap((tile) => {
        const id = tile.querySelector('.id')!;
        const glyph = tile.querySelector('.glyph')!;
        const a = id.getBoundingClientRect();
        const b = glyph.getBoundingClientRect();
        const t = tile.getBoundingClientRect();
        const problems: string[] = [];
        if (id.textContent !== tile.getAttribute('data-instance')) problems.push(`${tile.getAttribute('data-instance')} shows ${id.textContent}`);
        if (a.right > b.left && a.left < b.right && a.bottom > b.top && a.top < b.bottom) problems.push(`${id.textContent}: glyph overlaps id`);
        if (a.right > t.right) problems.push(`${id.textContent}: id cut off`);
        return problems;
      }),
    );
    expect(overlaps).toEqual([]);
    await page.goto(`${server.url}/?scenario=steady-state`);
    await waitForStatus(page, 'done');
    expect(await page.locator('[data-testid="hide-terminated"]').isChecked()).toBe(false);
  });

  it('the summary keeps fixed decimals; its values are in view (or a scroll hint says where)', async () => {
    await page.goto(`${server.url}/?scenario=steady-state`);
    await waitForStatus(page, 'done');
    const cell = (figure: string) => page.locator(`[data-testid="summary-table"] tr[data-figure="${figure}"] td`).first();
    expect(await cell('instanceHours').textContent()).toMatch(/^[\d,]+\.\d\d$/);
    expect(await cell('cost').textContent()).toMatch(/^[\d,]+\.\d\d$/);
    expect(await cell('latencyP50').textContent()).toMatch(/^[\d,]+\.\d$/);
    expect(await cell('errorRate').textContent()).toMatch(/^\d+\.\d{3}$/); // 0 errors: 0.000, not 0
    await cell('cost').scrollIntoViewIfNeeded();
    const box = await cell('cost').boundingBox();
    const hint = await page.locator('[data-testid="summary-scroll-hint"]').isVisible();
    expect(hint || (box !== null && box.x + box.width <= viewport.width), 'value column in view or a scroll hint').toBe(true);
    await page.locator('elbsim-summary').screenshot({ path: join(ARTIFACTS, `new-user-${viewport.name}-summary.png`) });
  });

  it('events: REGISTER says the detail is the target group; the current event is shown in full, wrapped', async () => {
    await page.goto(`${server.url}/?scenario=flash-sale-target-tracking&seed=1`);
    await waitForStatus(page, 'done');
    const register = page.locator('[data-testid="event"]', { hasText: 'register' }).first();
    expect(await register.locator('.detail').textContent()).toBe('target group “default”');
    await page.locator('[data-category="lifecycle"]').click();
    await page.locator('[data-category="health"]').click();
    const scaling = page.locator('[data-testid="event"]', { hasText: 'changing the desired capacity' }).first();
    const detail = (await scaling.locator('.detail').textContent())!;
    await scaling.click();
    const current = page.locator('[data-testid="current-event"]');
    expect(await current.textContent()).toContain(detail);
    const fits = await current.evaluate((el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= window.innerWidth);
    expect(fits).toBe(true);
    await page.locator('section[aria-label="Events"]').screenshot({ path: join(ARTIFACTS, `new-user-${viewport.name}-events.png`) });
  });

  it.runIf(viewport.width === 390)('at 390 px the scrubber keeps a usable width', async () => {
    await page.goto(`${server.url}/?scenario=steady-state`);
    await waitForStatus(page, 'done');
    const box = await scrubber(page).boundingBox();
    expect(box!.width).toBeGreaterThan(250);
    await page.locator('section[aria-label="Replay"]').screenshot({ path: join(ARTIFACTS, `new-user-${viewport.name}-replay.png`) });
  });

  it('a YAML syntax error is one message with its line and column', async () => {
    await page.goto(`${server.url}/?scenario=steady-state`);
    await waitForStatus(page, 'done');
    await page.locator('[data-testid="scenario-editor"]').fill('name: x\n  seed: 1\nduration: 10m\n');
    const list = page.locator('[data-testid="validation-errors"]');
    await list.waitFor();
    const items = await list.locator('li').allTextContents();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatch(/YAML syntax error/);
    expect(items[0]).toMatch(/line 1, column 7/);
  });
});

describe.skipIf(!run)('the gallery of real-world surprises (1440×900)', () => {
  it('is listed as a group, one line each, every entry a bundled scenario that loads when chosen', async () => {
    const built = await buildApp();
    const server = await serveStatic(built.dir);
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
      await page.goto(`${server.url}/?scenario=steady-state`);
      await waitForStatus(page, 'done');
      const items = page.locator('[data-testid="gallery-list"] button[data-gallery]');
      expect(await items.count()).toBeGreaterThanOrEqual(5);
      for (const text of await items.allTextContents()) expect(text.trim()).not.toContain('\n');
      await page.locator('[data-gallery="gallery-cross-zone-off-unequal-zones"]').click();
      expect(await page.locator('[data-testid="scenario-editor"]').inputValue()).toMatch(/^name: "Gallery: cross-zone off with unequal zones"/);
      await waitForStatus(page, 'done');
      await page.locator('elbsim-scenario-picker').screenshot({ path: join(ARTIFACTS, 'new-user-gallery.png') });
    } finally {
      await browser.close();
      await server.close();
      await built.cleanup();
    }
  });
});
