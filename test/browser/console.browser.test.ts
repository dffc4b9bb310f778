/**
 * The review console in a real browser: Debian's Chromium driven by playwright-core against the real app on a
 * random port. Seeds tickets through the API, asks for the API key like a user would, opens the queue and a
 * held ticket, edits and approves it, checks the new state in the page and through the API, and draws the stats
 * charts. Each page is screenshotted to test-artifacts/console/ and checked with axe-core (serious or critical
 * violations fail). Without Chromium the test fails on CI and is skipped elsewhere.
 */
import axe from 'axe-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios } from '../../src/evaluation/scenarios.js';
import { VariantsFileSchema } from '../../src/evaluation/variants/variant.schema.js';
import { buildTestApp, DATA, type TestApp } from '../helpers/build-test-app.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts/console';
const KEY = 'browser-test-key-0123456789abcdef';
const auth = { authorization: `Bearer ${KEY}` };
const hasChromium = existsSync(CHROMIUM);

if (!hasChromium && !process.env.CI) {
  console.warn(`console browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
}

describe.runIf(!hasChromium && process.env.CI)('console in a browser (CI)', () => {
  it('needs Chromium on CI', () => {
    expect.fail(`no Chromium at ${CHROMIUM}: .ci/run installs Debian's chromium package`);
  });
});

describe.runIf(hasChromium)('console in a browser', () => {
  let t: TestApp;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync('console/dist/index.html')) {
      const vite = await import('vite');
      await vite.build({ configFile: 'console/vite.config.ts', logLevel: 'warn' });
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    const variants = VariantsFileSchema.parse({
      experiment: 'console-test',
      default: 'baseline',
      split: { baseline: 1, concise: 1 },
      variants: [{ name: 'baseline' }, { name: 'concise', prompt_version: 'concise-v1' }],
    });
    t = await buildTestApp({ env: { API_KEYS: `console=${KEY}` }, parts: { evaluation: { variants } } });
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    for (const s of loadScenarios(DATA.scenarios)) {
      const res = await t.app.inject({ method: 'POST', url: '/tickets', payload: s.ticket, headers: auth });
      expect(res.statusCode).toBe(201);
    }
    profile = mkdtempSync(join(tmpdir(), 'console-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1366, height: 768 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    // Script errors and CSP violations fail the test; the API's expected 401 (before the key) does not.
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of 401/.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await t?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function checkPage(name: string): Promise<void> {
    // Fits a 1366-pixel laptop screen: nothing sticks out sideways.
    const overflow = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth);
    expect(overflow, `horizontal overflow on the ${name} page`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    // Through the DevTools protocol, so the page's CSP (script-src 'self') does not block the checker.
    await page.evaluate(axe.source);
    const result = await page.evaluate(() =>
      (globalThis as unknown as { axe: typeof axe }).axe.run((globalThis as any).document, { resultTypes: ['violations'] }),
    );
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    expect(bad, `axe on the ${name} page`).toEqual([]);
    expect(problems, `errors on the ${name} page`).toEqual([]);
  }

  it('asks for the API key, then shows the review queue by priority with SLA due times', async () => {
    await page.goto(`${base}/console/`);
    await page.getByRole('heading', { name: 'API key needed' }).waitFor();
    await page.getByRole('textbox', { name: 'API key' }).fill(KEY);
    await page.keyboard.press('Enter');
    await page.getByRole('table').waitFor();
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('support-agent.api-key'))).toBe(KEY);
    const rows = page.locator('table.queue tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByLabel('State').inputValue()).toBe('pending_review');
    await checkPage('queue');
  }, 60_000);

  it('opens a held ticket, edits the draft and approves it; the page and the API show it edited', async () => {
    const link = page.locator('table.queue tbody tr a').first();
    const href = (await link.getAttribute('href'))!;
    const id = decodeURIComponent(href.replace('#/tickets/', ''));
    await link.click();
    await page.getByRole('heading', { name: 'Draft reply' }).waitFor();
    await expect.poll(() => page.getByTestId('review-state').textContent()).toMatch(/pending review/);
    await page.getByRole('heading', { name: 'Agent trace' }).waitFor();
    await checkPage('ticket');

    const draft = page.getByLabel(/Reply to the customer/);
    const original = await draft.inputValue();
    const edited = `${original}\n\nA colleague will also call you today.`;
    await draft.fill(edited);
    await page.getByLabel('Reviewer').fill('Dana Reviewer');
    await page.getByLabel(/Reason/).fill('added the call-back');
    // Keyboard only: focus the button and press Enter.
    await page.getByRole('button', { name: 'Approve with my edits' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('review-state').textContent()).toMatch(/edited/);
    await page.getByText('Original draft (before the edit)').waitFor();

    const stored = (await t.app.inject({ url: `/tickets/${encodeURIComponent(id)}`, headers: auth })).json();
    expect(stored.review.state).toBe('edited');
    expect(stored.review.reviewer).toBe('Dana Reviewer');
    expect(stored.response.response_text).toBe(edited);
    expect(stored.review.original_response_text).toBe(original);
    await page.getByLabel('No, not helpful').check();
    await page.getByLabel('Correct priority').selectOption('high');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.getByText('Thanks, feedback recorded.').waitFor();
    await checkPage('ticket-approved');
  }, 60_000);

  it('draws the stats charts: volume, category mix, escalation, quality, latency, cost, variants side by side', async () => {
    if (!page.url().startsWith(base)) await page.goto(`${base}/console/#/queue`);
    await page.getByRole('link', { name: 'Stats' }).click();
    const keyBox = page.getByRole('textbox', { name: 'API key' });
    await page.locator('table.variants, #api-key').first().waitFor();
    if (await keyBox.isVisible()) {
      await keyBox.fill(KEY);
      await page.keyboard.press('Enter');
    }
    await page.getByRole('table', { name: 'A/B variants side by side' }).waitFor();
    await expect.poll(() => page.locator('figure.chart .uplot canvas').count()).toBe(6);
    expect(await page.locator('table.variants tbody tr').count()).toBe(2);
    // The decision and the feedback made above are counted.
    expect(await page.locator('dl.summary div', { hasText: 'Edited' }).locator('dd').textContent()).toBe('1');
    expect(await page.locator('dl.summary div', { hasText: 'Feedback up / down' }).locator('dd').textContent()).toBe('0 / 1');
    // Every chart has drawn a series in one of the palette's colours, not only its axes.
    const drawn = await page.evaluate(() =>
      // Runs in the page (the test's tsconfig has no DOM types).
      [...(globalThis as any).document.querySelectorAll('figure.chart canvas')].map((c: any) => {
        const px: Uint8ClampedArray = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let coloured = 0;
        for (let i = 0; i < px.length; i += 4) {
          const [r, g, b, a] = [px[i]!, px[i + 1]!, px[i + 2]!, px[i + 3]!];
          if (a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
        }
        return coloured;
      }),
    );
    expect(drawn.slice(1).every((n) => n > 0), `coloured pixels per chart: ${drawn.join(', ')}`).toBe(true);
    await checkPage('stats');
  }, 60_000);
});
