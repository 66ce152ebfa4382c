import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../../gateway/src/platform/errors';
import { apiDocPath } from '../src/components/api-doc-path';
import { BUILD_DIR, SPEC_PATH } from './support/paths';

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => join(e.parentPath, e.name));
}

/** The page a route is built to (trailingSlash: false → `/a/b` is a/b.html, `/` is index.html). */
function built(route: string): string {
  const path = route === '/' ? 'index.html' : `${route.replace(/^\//, '')}.html`;
  const file = join(BUILD_DIR, path);
  return existsSync(file) ? file : join(BUILD_DIR, route, 'index.html');
}

/** The site's own origin as configured: canonical links may name it; nothing is loaded from it. */
const SITE_URL = new URL(process.env.PORTAL_URL ?? 'http://127.0.0.1:3000').origin;

const isExternal = (url: string) => /^(https?:)?\/\//i.test(url.trim()) && !url.trim().startsWith(SITE_URL);

/** Attributes through which a page loads something (not links a reader may follow). */
function loadedUrls(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.matchAll(
    /<(script|img|iframe|source|video|audio|embed|track|object|link|input)\b[^>]*>/gi,
  )) {
    const el = tag[0];
    const name = tag[1]!.toLowerCase();
    const attr = (a: string) => new RegExp(`\\s${a}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(el);
    const value = (a: string) => {
      const m = attr(a);
      return m ? (m[2] ?? m[3] ?? m[4] ?? '') : null;
    };
    if (name === 'link') {
      const rel = (value('rel') ?? '').toLowerCase();
      if (/stylesheet|preload|modulepreload|prefetch|preconnect|dns-prefetch|icon|manifest/.test(rel)) {
        const href = value('href');
        if (href) found.push(href);
      }
      continue;
    }
    for (const a of ['src', 'data', 'poster']) {
      const v = value(a);
      if (v) found.push(v);
    }
    const srcset = value('srcset');
    if (srcset) for (const part of srcset.split(',')) found.push(part.trim().split(/\s+/)[0] ?? '');
  }
  for (const m of html.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/gi)) found.push(m[1]!);
  for (const m of html.matchAll(/@import\s+["']([^"']+)["']/gi)) found.push(m[1]!);
  return found;
}

describe('the built site', () => {
  const htmlFiles = files(BUILD_DIR, '.html');

  it('has pages', () => {
    expect(htmlFiles.length).toBeGreaterThan(50);
  });

  it('loads nothing from outside the site: no external scripts, styles, images, frames or fonts', () => {
    const offenders: string[] = [];
    for (const file of htmlFiles) {
      for (const url of loadedUrls(readFileSync(file, 'utf8')))
        if (isExternal(url)) offenders.push(`${relative(BUILD_DIR, file)}: ${url}`);
    }
    for (const file of files(BUILD_DIR, '.css')) {
      const css = readFileSync(file, 'utf8');
      for (const m of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)|@import\s+["']([^"']+)["']/gi)) {
        const url = m[1] ?? m[2] ?? '';
        if (isExternal(url)) offenders.push(`${relative(BUILD_DIR, file)}: ${url}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('has a page for every problem code of the ERRORS table, at /errors/<code>', () => {
    const missing = Object.keys(ERRORS).filter((code) => !existsSync(built(`/errors/${code}`)));
    expect(missing).toEqual([]);
    const page = readFileSync(built('/errors/rate_limited'), 'utf8');
    expect(page).toContain(ERRORS.rate_limited.title);
    expect(page).toContain('429');
  });

  it('has an API reference page for every operation of openapi.json', () => {
    const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    const ids = Object.values(spec.paths).flatMap((ops) =>
      Object.values(ops).flatMap((op) => (op?.operationId ? [op.operationId] : [])),
    );
    expect(ids.length).toBeGreaterThan(10);
    const missing = ids.filter((id) => !existsSync(built(apiDocPath(id))));
    expect(missing).toEqual([]);
  });

  it('has the guides, concepts, SDK and changelog', () => {
    for (const route of [
      '/docs/getting-started',
      '/docs/concepts/consent',
      '/docs/concepts/oauth',
      '/docs/concepts/idempotency',
      '/docs/concepts/pagination',
      '/docs/concepts/errors',
      '/docs/concepts/webhooks',
      '/docs/concepts/rate-limits',
      '/docs/concepts/sandbox',
      '/docs/guides/checkout-credit',
      '/docs/guides/stored-consent-rides',
      '/docs/guides/credit-lines',
      '/docs/guides/credit-scores',
      '/docs/guides/merchant-money',
      '/docs/sdk',
      '/docs/sdk/reference',
      '/docs/changelog',
      '/console',
      '/console/signin',
      '/console/signup',
      '/console/app',
      '/console/sandbox',
      '/console/admin',
    ])
      expect(existsSync(built(route)), route).toBe(true);
  });
});
