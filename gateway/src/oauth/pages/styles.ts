/** Where the router serves {@link PAGES_CSS}; the only stylesheet the pages link (CSP `style-src 'self'`). */
export const PAGES_CSS_PATH = '/oauth/assets/pages.css';

/**
 * The stylesheet of the authorization and consent pages. Every colour is a custom property set in
 * `:root` and used through `var()` only, so pages.test.ts can check each text/background pair
 * against WCAG AA (4.5:1). System fonts only: no external fonts, images or imports.
 */
export const PAGES_CSS = `:root {
  --bg: #ffffff;
  --surface: #f3f5f8;
  --text: #1b1f24;
  --muted: #4b5563;
  --brand: #0b4f8a;
  --on-brand: #ffffff;
  --error: #a4161a;
  --error-bg: #fdf0f0;
  --note-bg: #fff6dc;
  --success: #1d6b38;
  --success-bg: #eaf6ee;
  --focus: #b45309;
  --border: #6b7280;
  --line: #d5dae1;
  color-scheme: light;
}

*,
*::before,
*::after {
  box-sizing: border-box;
}

html {
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}

body {
  margin: 0;
  background-color: var(--bg);
  color: var(--text);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
  font-size: 1rem;
  line-height: 1.5;
  overflow-wrap: anywhere;
}

.skip-link {
  position: absolute;
  top: -10rem;
  left: 0.5rem;
  z-index: 10;
  padding: 0.75rem 1rem;
  background-color: var(--bg);
  color: var(--brand);
  font-weight: 600;
}

.skip-link:focus {
  top: 0.5rem;
}

.site-header {
  background-color: var(--brand);
  color: var(--on-brand);
}

.site-header-inner {
  max-width: 32rem;
  margin: 0 auto;
  padding: 0.875rem 1rem;
  font-size: 1.125rem;
  font-weight: 700;
}

main {
  display: block;
  max-width: 32rem;
  margin: 0 auto;
  padding: 1.5rem 1rem 3rem;
}

h1 {
  margin: 0 0 1rem;
  font-size: 1.5rem;
  line-height: 1.25;
}

h2 {
  margin: 1.75rem 0 0.75rem;
  font-size: 1.25rem;
  line-height: 1.3;
}

h3,
h4 {
  margin: 0 0 0.5rem;
  font-size: 1.0625rem;
  line-height: 1.35;
}

p {
  margin: 0 0 1rem;
}

a {
  color: var(--brand);
  text-decoration: underline;
  text-underline-offset: 0.15em;
}

code {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 0.95em;
}

:focus-visible {
  outline: 3px solid var(--focus);
  outline-offset: 2px;
}

.field {
  margin-bottom: 1.25rem;
}

label {
  display: block;
  margin-bottom: 0.25rem;
  font-weight: 600;
}

.hint {
  margin: 0 0 0.375rem;
  color: var(--muted);
  font-size: 0.9375rem;
}

input:not([type="hidden"]) {
  display: block;
  width: 100%;
  min-height: 44px;
  padding: 0.625rem 0.75rem;
  border: 2px solid var(--border);
  border-radius: 0.375rem;
  background-color: var(--bg);
  color: var(--text);
  font: inherit;
  font-size: 1rem;
}

input[aria-invalid="true"] {
  border-color: var(--error);
}

.actions {
  display: flex;
  flex-direction: column;
  gap: 0.75rem;
  margin-top: 1.5rem;
}

.button {
  display: inline-flex;
  align-items: center;
  justify-content: center;
  width: 100%;
  min-width: 44px;
  min-height: 44px;
  padding: 0.75rem 1.25rem;
  border: 2px solid var(--brand);
  border-radius: 0.375rem;
  background-color: var(--brand);
  color: var(--on-brand);
  font: inherit;
  font-weight: 600;
  line-height: 1.25;
  text-align: center;
  cursor: pointer;
}

.button:hover {
  text-decoration: underline;
}

.button-secondary {
  background-color: var(--bg);
  color: var(--brand);
}

.button-danger {
  border-color: var(--error);
  background-color: var(--bg);
  color: var(--error);
}

.alert {
  margin: 0 0 1.25rem;
  padding: 0.75rem 1rem;
  border-left: 4px solid var(--error);
  background-color: var(--error-bg);
  color: var(--error);
  font-weight: 600;
}

.note {
  margin: 1.5rem 0 0;
  padding: 0.75rem 1rem;
  border-left: 4px solid var(--focus);
  background-color: var(--note-bg);
  color: var(--text);
}

.notice {
  margin: 0 0 1.25rem;
  padding: 0.75rem 1rem;
  border-left: 4px solid var(--success);
  background-color: var(--success-bg);
  color: var(--text);
}

.muted {
  color: var(--muted);
}

.app-heading {
  display: flex;
  align-items: center;
  gap: 0.75rem;
  margin-bottom: 1rem;
}

.app-heading h1 {
  margin: 0;
}

.app-logo {
  flex: none;
  width: 48px;
  height: 48px;
  border: 1px solid var(--line);
  border-radius: 0.5rem;
  object-fit: contain;
}

.card-list {
  margin: 0;
  padding: 0;
  list-style: none;
}

.card {
  margin: 0 0 1rem;
  padding: 1rem;
  border: 1px solid var(--line);
  border-radius: 0.5rem;
  background-color: var(--surface);
  color: var(--text);
}

.access-item + .access-item {
  margin-top: 1rem;
}

.lines {
  margin: 0;
  padding-left: 1.25rem;
}

.lines li + li {
  margin-top: 0.375rem;
}

.meta {
  display: grid;
  grid-template-columns: auto 1fr;
  gap: 0.25rem 0.75rem;
  margin: 1rem 0;
}

.meta dt {
  font-weight: 600;
}

.meta dd {
  margin: 0;
}

.card form {
  margin-top: 1rem;
}

@media (min-width: 30rem) {
  main {
    padding-top: 2.5rem;
  }

  .actions {
    flex-direction: row;
  }

  .actions .button {
    flex: 1 1 0;
  }
}
`;
