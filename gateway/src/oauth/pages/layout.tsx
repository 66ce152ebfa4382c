import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { PAGES_CSS_PATH } from './styles';

export const BANK_NAME = 'Tessera Bank';

export interface LayoutProps {
  /** The page's own title; the document title becomes "<title> – Tessera Bank". */
  title: string;
  children?: Child;
}

/**
 * The full HTML document every authorization and account page renders into. No inline styles or
 * scripts: the pages are served under `default-src 'none'; style-src 'self'`.
 */
export function Layout({ title, children }: LayoutProps) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} – ${BANK_NAME}`}</title>
          <link rel="stylesheet" href={PAGES_CSS_PATH} />
        </head>
        <body>
          <a class="skip-link" href="#main">
            Skip to main content
          </a>
          <header class="site-header">
            <div class="site-header-inner">{BANK_NAME}</div>
          </header>
          <main id="main">{children}</main>
        </body>
      </html>
    </>
  );
}
