/**
 * How long the web app takes, in Debian's Chromium with the production build, to run two hours
 * of simulated time at 500 requests/s (about 3.6 M requests, with target tracking and health
 * checks) given in a share link. It prints the time (the worker's own figure, shown in the app as
 * "run in … s", and from opening the page to the charts drawn), beside what `elbsim run` takes
 * for the same file on the same machine; it does not assert one, since the machine may be busy
 * with other work. It does check that the run finished and drew, and that its result is the
 * CLI's: the summary.json the app downloads is byte-identical to the one `elbsim run` writes for
 * the same scenario and seed (about 3.6 M requests), so the timed run is the real one.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareUrl } from '../../web/model/share-link.ts';
import { buildApp, checkBrowser, launchBrowser, REPO } from './support/browser.ts';
import { serveStatic, type StaticServer } from './support/static-server.ts';

const run = checkBrowser('browser timing (test/e2e/timing.test.ts)');

const TWO_HOURS = `name: Two hours at 500 requests/s
description: The browser timing case of the test suite.
seed: 1
duration: 2h
zones: [us-east-1a, us-east-1b, us-east-1c]
traffic: { rate: 500, arrivals: poisson }
loadBalancer:
  type: application
  targetGroup: { algorithm: round_robin }
autoScaling:
  minSize: 3
  maxSize: 40
  desiredCapacity: 12
  policies:
    - name: cpu-50
      type: TargetTrackingScaling
      metric: ASGAverageCPUUtilization
      targetValue: 50
instance:
  concurrency: 4
  queueLimit: 100
  serviceTime: { distribution: exponential, mean: 50ms }
`;

describe.skipIf(!run)('web app timing in Chromium (production build)', () => {
  let browser: Browser;
  let server: StaticServer;
  let cleanup: () => Promise<void>;
  let page: Page;
  let work: string;
  /** What `elbsim run` wrote for the scenario with seed 1, and its whole-process wall time. */
  let cli: { summary: string; wallS: number };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'elbsim-timing-'));
    const file = join(work, 'two-hours.yaml');
    await writeFile(file, TWO_HOURS);
    const started = performance.now();
    await promisify(execFile)(process.execPath, [join(REPO, 'bin/elbsim.js'), 'run', file, '--seed', '1', '--out', join(work, 'cli'), '--quiet'], { cwd: REPO });
    cli = { summary: await readFile(join(work, 'cli', 'summary.json'), 'utf8'), wallS: (performance.now() - started) / 1000 };
    const built = await buildApp();
    cleanup = built.cleanup;
    server = await serveStatic(built.root);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true })).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await cleanup?.();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('two hours at 500 req/s: prints the time, from the share link to the charts drawn; the summary is elbsim run\'s', async () => {
    const url = await shareUrl(`${server.url}/elbsim/`, { bundledName: null, text: TWO_HOURS, seed: 1 });
    const started = performance.now();
    await page.goto(url);
    await page.locator('[data-testid="run-status"]').filter({ hasText: /^(done|error)$/ }).waitFor({ timeout: 170_000 });
    expect(await page.locator('[data-testid="run-status"]').textContent()).toBe('done');
    await page.locator('[data-testid="chart-requests"] svg path.series').first().waitFor({ timeout: 30_000 });
    const pageS = (performance.now() - started) / 1000;
    // The app's own figure: the worker's wall time from creating the simulation to its result.
    const detail = (await page.getByText(/^run in [\d.]+ s$/).textContent()) ?? '';
    const workerS = Number(/([\d.]+) s$/.exec(detail)?.[1]);
    expect(workerS).toBeGreaterThan(0);
    const cores = (await page.evaluate(() => navigator.hardwareConcurrency)) as number;
    const load = (await readFile('/proc/loadavg', 'utf8').catch(() => '? ? ?')).split(' ').slice(0, 3).join(' ');
    // The same run as the CLI's: the downloaded summary, byte for byte.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-summary"]').click()]);
    const summary = await readFile((await download.path())!, 'utf8');
    const requests = (JSON.parse(summary) as { requests: number }).requests;
    console.log(
      `\n[browser timing] two hours at 500 req/s (${requests.toLocaleString('en-US')} requests), Chromium, production build, ${cores} cores, load average ${load}` +
        `\n  simulation in the web worker ("run in … s"): ${workerS.toFixed(2)} s` +
        `\n  share link opened to charts drawn:            ${pageS.toFixed(2)} s` +
        `\n  elbsim run on the same file (whole process):  ${cli.wallS.toFixed(2)} s` +
        `\n  (wall-clock figures: on a machine busy with other work they are longer)\n`,
    );
    expect(Math.abs(requests - 3_600_000)).toBeLessThan(36_000);
    expect(summary).toBe(cli.summary);
  }, 240_000);
});
