import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
header, main { max-width: 52rem; margin: 0 auto; padding: 1rem; }
header { display: flex; gap: 1rem; align-items: baseline; }
header a { color: inherit; }
.brand { font-weight: 700; font-size: 1.25rem; margin-right: auto; text-decoration: none; }
.card { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 1rem; margin: 0 0 1rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 1rem; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: .4rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
button { font: inherit; padding: .45rem .9rem; border-radius: 6px; border: 1px solid #1a7f37; background: #1f883d; color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: #1f2328; border-color: #d0d7de; }
input { font: inherit; padding: .35rem; width: 7rem; }
.status { font-weight: 600; }
.problem { border-color: #cf222e; background: #ffebe9; }
.notice { border-color: #1a7f37; background: #dafbe1; }
form.inline { display: inline-flex; gap: .5rem; align-items: center; margin: 0; }
`;

export function Layout(props: { title: string; cartCount?: number; children: Child }) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · Cycle Shop`}</title>
          <style>{STYLE}</style>
        </head>
        <body>
          <header>
            <a class="brand" href="/">
              Cycle Shop
            </a>
            <a href="/cart">Cart{props.cartCount ? ` (${props.cartCount})` : ''}</a>
            <a href="/admin">Admin</a>
          </header>
          <main>{props.children}</main>
        </body>
      </html>
    </>
  );
}

/** A message box: a problem to fix, or a notice that something went through. */
export function Message(props: { kind: 'problem' | 'notice'; text: string | null | undefined }) {
  if (!props.text) return null;
  return (
    <p class={`card ${props.kind}`} role={props.kind === 'problem' ? 'alert' : 'status'}>
      {props.text}
    </p>
  );
}
