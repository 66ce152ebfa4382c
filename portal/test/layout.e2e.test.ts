import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchOrigins } from './support/browser';
import { BUILD_DIR } from './support/paths';
import { type StaticSite, serveStatic } from './support/static-server';

/**
 * The built site in headless Chromium at the sizes readers use: a 1280 px laptop and a 390 px
 * phone. Layout defects are measured, not eyeballed; search runs from the local index.
 */
let site: StaticSite;
let browser: Browser;

beforeAll(async () => {
  site = await serveStatic(BUILD_DIR);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** The guides, concepts, quickstart and SDK pages (not the generated API reference). */
const GUIDE_ROUTES = readdirSync(join(BUILD_DIR, 'docs'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.html'))
  .map((e) => `/${join(e.parentPath, e.name).slice(BUILD_DIR.length + 1)}`.replace(/\.html$/, ''))
  .filter((route) => !route.startsWith('/docs/api/'))
  .sort();

async function open(path: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  const outside = watchOrigins(context, [site.origin]);
  const page = await context.newPage();
  await page.goto(`${site.origin}${path}`, { waitUntil: 'networkidle' });
  return { page, outside, close: () => context.close() };
}

describe('layout', () => {
  it('code blocks fit the content column at 1280 px: none is wider, none scrolls sideways', async () => {
    expect(GUIDE_ROUTES.length).toBeGreaterThan(10);
    const { page, close } = await open('/', { width: 1280, height: 900 });
    const offenders: string[] = [];
    try {
      for (const route of GUIDE_ROUTES) {
        await page.goto(`${site.origin}${route}`, { waitUntil: 'networkidle' });
        const found = await page.evaluate(() => {
          const column = document.querySelector('.theme-doc-markdown');
          if (!column) return ['no content column'];
          const right = column.getBoundingClientRect().right;
          return [...column.querySelectorAll('pre')].flatMap((pre, i) => {
            const box = pre.getBoundingClientRect();
            const line = (pre.textContent ?? '').split('\n')[0]!.slice(0, 40);
            if (box.right > right + 1) return [`block ${i} ends at ${box.right} > ${right}: ${line}`];
            if (pre.scrollWidth > pre.clientWidth + 1)
              return [`block ${i} scrolls (${pre.scrollWidth} > ${pre.clientWidth}): ${line}`];
            return [];
          });
        });
        offenders.push(...found.map((f) => `${route}: ${f}`));
      }
    } finally {
      await close();
    }
    expect(offenders).toEqual([]);
  });

  it('the home page fits a 390 px screen: no sideways scroll, the call-to-action buttons inside it', async () => {
    const { page, close } = await open('/', { width: 390, height: 844 });
    try {
      const measured = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        buttons: [...document.querySelectorAll('header a.button')].map((a) => ({
          text: a.textContent,
          right: a.getBoundingClientRect().right,
        })),
      }));
      expect(measured.buttons.map((b) => b.text)).toContain('Make a payment in 5 minutes');
      expect(measured.page).toBeLessThanOrEqual(390);
      for (const button of measured.buttons) expect(button.right, button.text ?? '').toBeLessThanOrEqual(390);
    } finally {
      await close();
    }
  });

  it('the API reference sample panel names each language once (no second "CURL")', async () => {
    const { page, close } = await open('/docs/api/create-payment', { width: 1280, height: 900 });
    try {
      await page.locator('.openapi-tabs__code-item--curl').first().waitFor();
      const visibleTabs = async () =>
        page.evaluate(() =>
          [...document.querySelectorAll('.openapi-tabs__code-item, .openapi-tabs__code-item--variant')]
            .filter((el) => (el as HTMLElement).offsetParent !== null)
            .map((el) => (el.textContent ?? '').trim().toLowerCase()),
        );
      const curl = await visibleTabs();
      expect(curl).toContain('curl');
      expect(curl.filter((t) => t === 'curl')).toHaveLength(1);
      // A language with several variants keeps its variant tabs (Python: http.client and requests;
      // the first --javascript tab is the SDK's TypeScript sample, which has one).
      await page.locator('.openapi-tabs__code-item--python').first().click();
      const python = await visibleTabs();
      expect(python.length).toBeGreaterThan(curl.length);
      expect(new Set(python).size).toBe(python.length);
    } finally {
      await close();
    }
  });
});

describe('search', () => {
  it('finds pages from the index built with the site, loading nothing from elsewhere', async () => {
    const { page, outside, close } = await open('/docs/getting-started', { width: 1280, height: 900 });
    try {
      const box = page.locator('input.navbar__search-input');
      await box.fill('insufficient_funds');
      await page.getByRole('option').first().waitFor();
      await box.press('Enter');
      await page.waitForURL(/\/errors\/insufficient_funds$/);

      await box.fill('stored consent rides');
      await page.getByRole('option').filter({ hasText: 'Stored consent for rides' }).first().click();
      await page.waitForURL(/\/docs\/guides\/stored-consent-rides/);
      // Client-side navigation: the URL changes before the new page renders.
      await page.locator('h1', { hasText: /stored consent/i }).waitFor();
      expect(outside).toEqual([]);
    } finally {
      await close();
    }
  });
});
