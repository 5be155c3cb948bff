/**
 * The topology view and the chart scope in a real browser (Chromium via playwright-core, the
 * BUILT app on a plain static server): the 90/10 canary shows ~90 % and ~10 % on its two
 * forward edges, scoping the charts to the canary target group redraws the requests chart
 * from its own columns, and the one-group shorthand keeps its single chain with no selector.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, buildApp, checkBrowser, launchBrowser } from './support/browser.ts';
import { serveStatic, type StaticServer } from './support/static-server.ts';

const run = checkBrowser('browser topology tests (test/e2e/topology.test.ts)');

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-testid="run-status"]').filter({ hasText: /^(done|error)$/ }).waitFor({ timeout: 90_000 });
  expect(await page.locator('[data-testid="run-status"]').textContent()).toBe('done');
}

const edgeShare = async (page: Page, from: string, to: string): Promise<{ share: number; label: string }> => {
  const edge = page.locator(`[data-testid="topology-edge"][data-from="${from}"][data-to="${to}"]`);
  return { share: Number(await edge.getAttribute('data-share')), label: (await edge.locator('[data-testid="edge-share"]').textContent()) ?? '' };
};

describe.skipIf(!run)('topology view and chart scope in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let cleanup: () => Promise<void>;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const built = await buildApp();
    cleanup = built.cleanup;
    server = await serveStatic(built.dir);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
    page.on('console', (msg) => msg.type() === 'error' && errors.push(`console: ${msg.text()}`));
    await open(page, `${server.url}/?scenario=canary-90-10`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await cleanup?.();
  });

  it('the canary: load balancer → HTTP:80 → default → stable and canary → v1 and v2', async () => {
    const nodes = await page.locator('[data-testid="topology-node"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node')));
    expect(nodes).toEqual(['lb:0', 'listener:0:0', 'rule:0:0:default', 'tg:0', 'tg:1', 'group:0', 'group:1']);
    const detail = await page.locator('[data-testid="topology-node"][data-node="group:0"] [data-testid="node-detail"]').textContent();
    expect(detail).toBe('6 in service');
    // The picker lists the topology scenarios together, the open one pressed.
    const listed = page.locator('[data-testid="topology-list"] button[data-topology]');
    expect(await listed.evaluateAll((els) => els.map((e) => e.getAttribute('data-topology')))).toEqual([
      'path-routing-api-and-web',
      'canary-90-10',
      'blue-green-cutover',
      'hybrid-on-premises',
      'hybrid-weighted-dns',
    ]);
    expect(await page.locator('[data-topology="canary-90-10"]').getAttribute('aria-pressed')).toBe('true');
  });

  it('shows ~90 % and ~10 % on the two forward edges at the cursor', async () => {
    const stable = await edgeShare(page, 'rule:0:0:default', 'tg:0');
    const canary = await edgeShare(page, 'rule:0:0:default', 'tg:1');
    // ~12,000 requests a period: one standard deviation of a 10 % share is 0.3 percentage points.
    expect(stable.share).toBeGreaterThan(0.87);
    expect(stable.share).toBeLessThan(0.93);
    expect(canary.share).toBeGreaterThan(0.07);
    expect(canary.share).toBeLessThan(0.13);
    expect(stable.share + canary.share).toBeCloseTo(1, 6);
    expect(stable.label).toMatch(/^(8[7-9]|9[0-3])%$/);
    expect(canary.label).toMatch(/^(7|8|9|10|11|12)(\.\d)?%$/);
  });

  it('the shares follow the cursor (moved with the timeline) and stay near 90/10', async () => {
    const before = await page.locator('[data-testid="topology-view"]').evaluate((el) => el.closest('section')?.querySelector('h2')?.textContent);
    await page.locator('[data-testid="scrubber"]').focus();
    await page.keyboard.press('End');
    const after = await page.locator('[data-testid="topology-view"]').evaluate((el) => el.closest('section')?.querySelector('h2')?.textContent);
    expect(after).not.toBe(before);
    const canary = await edgeShare(page, 'rule:0:0:default', 'tg:1');
    expect(canary.share).toBeGreaterThan(0.07);
    expect(canary.share).toBeLessThan(0.13);
  });

  it('scoping the charts to the canary target group redraws the requests chart from its own columns', async () => {
    const requests = page.locator('[data-testid="chart-requests"]');
    const pathBefore = await requests.locator('svg path.series').first().getAttribute('d');
    const ticksBefore = await requests.locator('svg g.axis-y .tick text').allTextContents();
    const scope = page.locator('[data-testid="chart-scope"]');
    expect(await scope.locator('option').allTextContents()).toEqual([
      'All (the load balancer)',
      'Target group stable',
      'Target group canary',
      'Auto Scaling group v1',
      'Auto Scaling group v2',
    ]);
    await scope.selectOption('tg:canary');
    await expect.poll(() => requests.locator('h3').textContent()).toBe('Request rate: canary');
    const pathAfter = await requests.locator('svg path.series').first().getAttribute('d');
    expect(pathAfter).toMatch(/^M[\d.]+,[\d.]+L/);
    expect(pathAfter).not.toBe(pathBefore);
    // 200 req/s in all, ~20 req/s to the canary: the y axis shrinks by about ten.
    const top = (ticks: string[]) => Math.max(...ticks.map((t) => Number(t.replace(/,/g, ''))).filter(Number.isFinite));
    const ticksAfter = await requests.locator('svg g.axis-y .tick text').allTextContents();
    expect(top(ticksAfter)).toBeLessThan(top(ticksBefore) / 4);
    expect(await requests.locator('svg g.legend text').allTextContents()).toEqual(['requests', '2xx', '5xx (ELB)']);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.locator('[data-testid="topology-view"]').screenshot({ path: join(ARTIFACTS, 'topology-canary.png') });
    await page.locator('.charts').screenshot({ path: join(ARTIFACTS, 'charts-scoped-canary.png') });
    await scope.selectOption('all');
    await expect.poll(() => requests.locator('h3').textContent()).toBe('Request rate');
    expect(await requests.locator('svg path.series').first().getAttribute('d')).toBe(pathBefore);
  });

  it('a target group node in the topology is a button that scopes the charts, and again goes back to all', async () => {
    const requests = page.locator('[data-testid="chart-requests"]');
    const node = page.locator('[data-testid="topology-node"][data-node="tg:1"]');
    expect(await node.getAttribute('role')).toBe('button');
    expect(await node.getAttribute('aria-pressed')).toBe('false');
    await node.click();
    await expect.poll(() => requests.locator('h3').textContent()).toBe('Request rate: canary');
    expect(await page.locator('[data-testid="chart-scope"]').inputValue()).toBe('tg:canary');
    expect(await node.getAttribute('aria-pressed')).toBe('true');
    await node.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => requests.locator('h3').textContent()).toBe('Request rate');
    expect(await page.locator('[data-testid="chart-scope"]').inputValue()).toBe('all');
    // A group node too, from the keyboard.
    await page.locator('[data-testid="topology-node"][data-node="group:0"]').focus();
    await page.keyboard.press(' ');
    await expect.poll(() => page.locator('[data-testid="chart-cpu"] h3').textContent()).toBe('CPU utilisation: v1');
    await page.locator('[data-testid="chart-scope"]').selectOption('all');
  });

  it('the one-group shorthand: one chain carrying 100 %, and no chart scope selector', async () => {
    await open(page, `${server.url}/?scenario=steady-state`);
    const kinds = await page.locator('[data-testid="topology-node"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['load-balancer', 'listener', 'rule', 'target-group', 'group']);
    const labels = await page.locator('[data-testid="edge-share"]').allTextContents();
    expect(labels).toEqual(['100%', '100%', '100%', '100%']);
    expect(await page.locator('[data-testid="chart-scope"]').count()).toBe(0);
    expect(await page.locator('[data-testid="topology-node"][data-kind="target-group"]').getAttribute('role')).toBeNull();
    expect(errors).toEqual([]);
  });
});
