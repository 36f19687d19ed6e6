// Debian's Chromium driven by playwright-core, and an axe-core check of the page in it.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContextOptions, type Page, chromium } from 'playwright-core';
import { expect } from 'vitest';
import { ensureChromium } from '../../scripts/chromium.js';

export const SCREENSHOTS = 'test-results/screenshots';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function launchChromium() {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: ensureChromium(), // npm test has installed it; a bare vitest run installs or stops here
    // This machine has no network beyond loopback: keep Chromium from calling home.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const screenshot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

interface PageAnimation {
  finished: Promise<unknown>;
  effect: { getComputedTiming(): { endTime?: number | string } } | null;
}

/**
 * Lets running CSS transitions and finite animations end first (a spinner's never does): a snackbar
 * fading in is half transparent, and axe would measure the contrast of a frame nobody reads. Evaluated
 * in the page, whose globalThis is its window (the test runs under Node's types).
 */
const settleAnimations = (page: Page) =>
  page.evaluate(() =>
    Promise.all(
      (globalThis as unknown as { document: { getAnimations(): PageAnimation[] } }).document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );

/** No serious or critical axe-core violations on the page as it stands. */
export async function expectAccessible(page: Page, name: string) {
  // Evaluated in the page: globalThis is its window (the test runs under Node's types).
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: axeSource });
  await settleAnimations(page);
  const violations = await page.evaluate(
    async () => (await (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe.run()).violations,
  );
  const severe = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(severe, `axe on ${name}`).toEqual([]);
}

/** The WCAG 2.1 A and AA rules axe-core has, at every impact: what the portal's pages must pass. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** No axe-core violation of any impact against WCAG 2.1 A and AA on the page as it stands. */
export async function expectWcag21AA(page: Page, name: string) {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: axeSource });
  await settleAnimations(page);
  const violations = await page.evaluate(
    async (tags) =>
      (
        await (globalThis as unknown as { axe: { run(o: object): Promise<{ violations: AxeViolation[] }> } }).axe.run({
          runOnly: { type: 'tag', values: tags },
        })
      ).violations,
    WCAG_21_AA,
  );
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `axe (WCAG 2.1 A and AA) on ${name}`).toEqual([]);
}

export const DESKTOP = { width: 1400, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** A portal page in Swedish at desktop width; bypassCSP lets axe-core be injected (the policy itself is checked over HTTP). */
export async function newPortalPage(browser: Browser, o: BrowserContextOptions = {}) {
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', viewport: DESKTOP, bypassCSP: true, acceptDownloads: true, ...o });
  return context.newPage();
}

/** Screenshots `{file}-desktop` and `{file}-390`; with JavaScript on, axe-core at both widths. */
export async function checkBothWidths(page: Page, file: string, o: { axe: boolean; noSidewaysScroll?: boolean }) {
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['390', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await screenshot(page, `${file}-${size}`);
    if (o.axe) await expectWcag21AA(page, `${file} at ${size}`);
    if (o.noSidewaysScroll && size === '390') {
      const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
      expect(width, `${file} scrolls sideways at 390 px`).toBeLessThanOrEqual(PHONE.width);
    }
  }
  await page.setViewportSize(DESKTOP);
}
