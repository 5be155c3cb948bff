/**
 * Starting Debian's Chromium for the browser tests, and building the app they test.
 *
 * Without /usr/bin/chromium the tests are skipped, loudly; with ELBSIM_REQUIRE_BROWSER=1 (CI)
 * a missing browser is a failure instead.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.ELBSIM_CHROMIUM ?? '/usr/bin/chromium';
export const REPO = resolve(import.meta.dirname, '../../..');
export const ARTIFACTS = join(REPO, 'test-artifacts');

export const browserAvailable = existsSync(CHROMIUM);
export const browserRequired = process.env.ELBSIM_REQUIRE_BROWSER === '1';

/** True when the browser tests should run; prints the loud skip message otherwise. */
export function checkBrowser(suite: string): boolean {
  if (browserAvailable) return true;
  if (browserRequired) return true; // the launch will fail, and so will the suite
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n!! SKIPPED ${suite}: no Chromium at ${CHROMIUM}.\n` +
      `!! Install it with: apt-get install -y chromium   (CI sets ELBSIM_REQUIRE_BROWSER=1 to fail instead)\n${line}\n`,
  );
  return false;
}

export async function launchBrowser(): Promise<Browser> {
  if (!browserAvailable) {
    throw new Error(`ELBSIM_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Builds the app with Vite into `<fresh temporary folder>/elbsim/`; returns that folder (`dir`),
 * its parent (`root`, to serve the site from a sub-path as many static hosts do) and a cleanup.
 */
export async function buildApp(): Promise<{ dir: string; root: string; cleanup: () => Promise<void> }> {
  const { build } = await import('vite');
  const root = await mkdtemp(join(tmpdir(), 'elbsim-web-'));
  const dir = join(root, 'elbsim');
  await build({ root: REPO, configFile: join(REPO, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dir, emptyOutDir: true } });
  return { dir, root, cleanup: () => rm(root, { recursive: true, force: true }) };
}
