import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

/** Screenshots go to gateway/test-output (git-ignored), never into the repository. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-output/screenshots', import.meta.url));

/** Debian's chromium, headless, with no network of its own (the machine has none). */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  try {
    return await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  } catch (err) {
    throw new Error(`Could not start Chromium (apt-get install -y chromium; CI installs it): ${String(err)}`);
  }
}

export const screenshotPath = (name: string) => join(SCREENSHOT_DIR, `${name}.png`);
