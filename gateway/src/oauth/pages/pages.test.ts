import { describe, expect, it } from 'vitest';
import type { AuthorizationDetail } from '../authorization-details';
import { type AccountConsent, AccountConsentsPage } from './account-consents';
import { ConsentPage, type ConsentPageProps } from './consent';
import { describeAccess } from './describe';
import { LoginPage, type LoginPageProps } from './login';
import { MessagePage } from './message';
import { OtpPage, type OtpPageProps } from './otp';
import { PAGES_CSS, PAGES_CSS_PATH } from './styles';

/** hono/jsx nodes render with toString(), which returns a Promise when a component is async. */
async function render(element: unknown): Promise<string> {
  const node = await element;
  return String(await (node as { toString(): string | Promise<string> }).toString());
}

type Attrs = Record<string, string>;

/** The attributes of every `<tag …>` in the document (values as written, still HTML-escaped). */
function tags(html: string, tag: string): Attrs[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))].map((m) => {
    const attrs: Attrs = {};
    for (const a of (m[1] ?? '').matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) attrs[a[1]!] = a[2] ?? '';
    return attrs;
  });
}

function expectCommonDocument(html: string) {
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).toContain('<html lang="en">');
  expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
  expect(tags(html, 'link')).toEqual([{ rel: 'stylesheet', href: PAGES_CSS_PATH }]);
  expect(PAGES_CSS_PATH).toBe('/oauth/assets/pages.css');
  expect(html).toContain('<a class="skip-link" href="#main">');
  expect(html).toContain('<main id="main">');
  expect(html).toMatch(/<header[^>]*>.*Tessera Bank.*<\/header>/);
  // CSP: default-src 'none'; style-src 'self' — nothing inline may exist.
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<style/i);
  expect(html).not.toMatch(/\sstyle=/i);
  expect(html).not.toMatch(/javascript:/i);
  const elements = tags(html, '[a-z][a-z0-9]*');
  for (const attrs of elements) {
    expect(Object.keys(attrs).filter((name) => /^(on|style$)/i.test(name))).toEqual([]);
  }
  // every visible input has a label pointing at it, and ids are unique
  const ids = elements.map((a) => a.id).filter(Boolean);
  expect(new Set(ids).size).toBe(ids.length);
  const labelled = new Set(tags(html, 'label').map((l) => l.for));
  for (const input of tags(html, 'input').filter((i) => i.type !== 'hidden')) {
    expect(input.id, `input ${input.name} has an id`).toBeTruthy();
    expect(labelled.has(input.id!), `input #${input.id} has a <label for>`).toBe(true);
  }
  // every button is an explicit submit button with a visible name
  for (const m of html.matchAll(/<button\b([^>]*)>(.*?)<\/button>/g)) {
    expect(m[1]).toContain('type="submit"');
    expect(m[2]!.trim()).not.toBe('');
  }
}

function expectCsrf(html: string, csrf: string) {
  expect(tags(html, 'input')).toContainEqual({ type: 'hidden', name: 'csrf', value: csrf });
}

function expectErrorWiring(html: string, message: string, inputIds: string[]) {
  const alerts = tags(html, 'p').filter((p) => p.role === 'alert');
  expect(alerts).toHaveLength(1);
  const alertId = alerts[0]!.id!;
  expect(alertId).toBeTruthy();
  expect(html).toContain(`role="alert">${message}</p>`);
  for (const id of inputIds) {
    const input = tags(html, 'input').find((i) => i.id === id)!;
    expect(input['aria-invalid']).toBe('true');
    expect(input['aria-describedby']!.split(' ')).toContain(alertId);
  }
}

const EVIL = '<img src=x onerror=alert(1)>';
const EVIL_ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';

function expectEscaped(html: string) {
  expect(html).toContain(EVIL_ESCAPED);
  expect(html).not.toContain('<img src=x');
  expect(html).not.toContain('onerror=alert(1)>');
}

const hidden = { request_uri: 'urn:ietf:params:oauth:request_uri:abc', step: 'login' };

describe('consent pages', () => {
  describe('LoginPage', () => {
    const props: LoginPageProps = {
      appName: 'Demo Shop',
      action: '/oauth/login',
      csrf: 'tok-1',
      hidden,
      sandbox: false,
    };

    it('renders a labelled sign-in form with csrf and hidden fields', async () => {
      const html = await render(LoginPage(props));
      expectCommonDocument(html);
      expectCsrf(html, 'tok-1');
      const inputs = tags(html, 'input');
      expect(inputs).toContainEqual({ type: 'hidden', name: 'request_uri', value: hidden.request_uri });
      expect(inputs).toContainEqual({ type: 'hidden', name: 'step', value: 'login' });
      expect(inputs.find((i) => i.name === 'username')).toMatchObject({
        id: 'username',
        autocomplete: 'username',
      });
      expect(inputs.find((i) => i.name === 'password')).toMatchObject({
        id: 'password',
        type: 'password',
        autocomplete: 'current-password',
      });
      expect(tags(html, 'form')).toEqual([{ method: 'post', action: '/oauth/login' }]);
      expect(html).toMatch(/<button[^>]*type="submit"[^>]*>Sign in<\/button>/);
      expect(html).toContain('Demo Shop</strong> is asking to connect to your Tessera Bank account');
      expect(html).toContain('Tessera Bank’s own page');
      expect(html).not.toContain('role="alert"');
      expect(html).not.toContain('aria-invalid');
      expect(html).not.toContain('Sandbox');
    });

    it('wires the error to the inputs with role="alert" and aria-describedby', async () => {
      const html = await render(LoginPage({ ...props, error: 'That username or password is wrong.' }));
      expectCommonDocument(html);
      expectErrorWiring(html, 'That username or password is wrong.', ['username', 'password']);
    });

    it('shows the sandbox customers and password in sandbox mode', async () => {
      const html = await render(LoginPage({ ...props, sandbox: true }));
      expect(html).toContain('Sandbox');
      for (const name of ['ava', 'ben', 'cam', 'dee', 'eli', 'fay', 'gus', 'hal'])
        expect(html).toContain(name);
      expect(html).toContain('<code>sandbox</code>');
    });

    it('escapes a malicious app name', async () => {
      const html = await render(
        LoginPage({ ...props, appName: EVIL, error: EVIL, hidden: { x: '"><script>' } }),
      );
      expectCommonDocument(html);
      expectEscaped(html);
      expect(html).toContain('value="&quot;&gt;&lt;script&gt;"');
    });
  });

  describe('OtpPage', () => {
    const props: OtpPageProps = {
      appName: 'Demo Shop',
      action: '/oauth/otp',
      csrf: 'tok-2',
      hidden,
      sandbox: true,
    };

    it('renders a labelled one-time-code input', async () => {
      const html = await render(OtpPage(props));
      expectCommonDocument(html);
      expectCsrf(html, 'tok-2');
      expect(tags(html, 'input')).toContainEqual({
        type: 'hidden',
        name: 'request_uri',
        value: hidden.request_uri,
      });
      expect(tags(html, 'input').find((i) => i.name === 'code')).toMatchObject({
        id: 'code',
        inputmode: 'numeric',
        autocomplete: 'one-time-code',
        pattern: '[0-9]{6}',
      });
      expect(html).toContain('<code>123456</code>');
      expect(html).not.toContain('role="alert"');
    });

    it('wires the error and hides the sandbox note outside sandbox', async () => {
      const html = await render(OtpPage({ ...props, sandbox: false, error: 'That code is wrong.' }));
      expectCommonDocument(html);
      expectErrorWiring(html, 'That code is wrong.', ['code']);
      expect(html).not.toContain('123456');
    });

    it('escapes a malicious app name', async () => {
      expectEscaped(await render(OtpPage({ ...props, appName: EVIL })));
    });
  });

  describe('ConsentPage', () => {
    const props: ConsentPageProps = {
      app: { name: 'Demo Shop', logoUri: 'https://cdn.example.com/logo.png' },
      customerName: 'Ava Park',
      items: [
        { title: 'Make a payment', lines: ['Make one payment of $12.99 to Demo Shop'] },
        { title: 'See your credit score band', lines: ['Line one', 'Line two'] },
      ],
      expiresAt: '12 March 2027',
      action: '/oauth/consent',
      csrf: 'tok-3',
      hidden,
    };

    it('lists every item and offers Allow and Deny in one form', async () => {
      const html = await render(ConsentPage(props));
      expectCommonDocument(html);
      expectCsrf(html, 'tok-3');
      expect(html).toContain('Demo Shop</strong> is asking for permission');
      expect(html).toContain('Ava Park');
      for (const item of props.items) {
        expect(html).toContain(`<h2>${item.title}</h2>`);
        for (const line of item.lines) expect(html).toContain(`<li>${line}</li>`);
      }
      expect(tags(html, 'form')).toHaveLength(1);
      const form = html.slice(html.indexOf('<form'), html.indexOf('</form>'));
      expect(form).toMatch(
        /<button class="button" type="submit" name="decision" value="approve">Allow<\/button>/,
      );
      expect(form).toMatch(
        /<button class="button button-secondary" type="submit" name="decision" value="deny">Deny<\/button>/,
      );
      expect(form).toContain(`name="request_uri" value="${hidden.request_uri}"`);
      expect(html).toContain('until 12 March 2027');
      expect(html).toContain('href="/account/consents"');
      expect(tags(html, 'img')).toEqual([
        {
          class: 'app-logo',
          src: 'https://cdn.example.com/logo.png',
          alt: 'Demo Shop',
          width: '48',
          height: '48',
        },
      ]);
    });

    it('says how long access lasts', async () => {
      expect(await render(ConsentPage({ ...props, expiresAt: undefined }))).toContain('until you revoke it');
      expect(await render(ConsentPage({ ...props, oneOff: true }))).toContain('for this one payment');
    });

    it('leaves out a missing or unsafe logo', async () => {
      for (const logoUri of [
        undefined,
        'javascript:alert(1)',
        'http://insecure.example/logo.png',
        '//evil/x.png',
      ]) {
        expect(
          tags(await render(ConsentPage({ ...props, app: { name: 'Demo Shop', logoUri } })), 'img'),
        ).toEqual([]);
      }
    });

    it('escapes a malicious app name, also in the logo alt', async () => {
      const html = await render(
        ConsentPage({
          ...props,
          app: { name: EVIL, logoUri: '/logo.png' },
          items: [{ title: EVIL, lines: [EVIL] }],
        }),
      );
      expectCommonDocument(html);
      expectEscaped(html);
      expect(tags(html, 'img')[0]!.alt).toBe(EVIL_ESCAPED);
    });
  });

  describe('AccountConsentsPage', () => {
    const consent = (over: Partial<AccountConsent>): AccountConsent => ({
      id: 'csn_1',
      appName: 'Demo Shop',
      items: [{ title: 'Make regular payments', lines: ['Make payments to Demo Shop of up to $20.00 each'] }],
      since: '2 January 2026',
      expiresAt: null,
      status: 'authorised',
      ...over,
    });

    it('lists current access with a one-click revoke per app, and past access without one', async () => {
      const html = await render(
        AccountConsentsPage({
          customerName: 'Ava Park',
          csrf: 'tok-4',
          notice: 'Access for Old App was revoked.',
          consents: [
            consent({}),
            consent({ id: 'csn_2', appName: 'Ride Co', expiresAt: '1 July 2026' }),
            consent({ id: 'csn_3', appName: 'Old App', status: 'revoked' }),
          ],
        }),
      );
      expectCommonDocument(html);
      expect(html).not.toContain('<table');
      expect(html).toContain('<p class="notice" role="status">Access for Old App was revoked.</p>');
      const forms = tags(html, 'form');
      expect(forms).toEqual([
        { method: 'post', action: '/account/consents/csn_1/revoke' },
        { method: 'post', action: '/account/consents/csn_2/revoke' },
        { method: 'post', action: '/account/logout' },
      ]);
      expect(tags(html, 'input').filter((i) => i.name === 'csrf')).toHaveLength(3);
      expectCsrf(html, 'tok-4');
      expect(html).toContain('>Revoke access for Demo Shop</button>');
      expect(html).toContain('>Revoke access for Ride Co</button>');
      expect(html).not.toContain('Revoke access for Old App');
      expect(html).toContain('<li>Make payments to Demo Shop of up to $20.00 each</li>');
      expect(html).toContain('2 January 2026');
      expect(html).toContain('1 July 2026');
      expect(html).toContain('You revoke it');
      const past = html.slice(html.indexOf('<h2>Past access</h2>'), html.indexOf('/account/inquiries'));
      expect(html.indexOf('<h2>Past access</h2>')).toBeGreaterThan(html.indexOf('Revoke access for Ride Co'));
      expect(past).toContain('Old App');
      expect(past).toContain('Revoked');
      expect(past).not.toContain('<form');
    });

    it('shows an empty state when no app has access', async () => {
      const html = await render(
        AccountConsentsPage({ customerName: 'Ava Park', csrf: 'tok-4', consents: [] }),
      );
      expectCommonDocument(html);
      expect(html).toContain('No apps have access to your account');
      expect(tags(html, 'form')).toEqual([{ method: 'post', action: '/account/logout' }]);
      expect(html).not.toContain('Past access');
      expect(html).not.toContain('role="status"');
    });

    it('escapes a malicious app name and encodes the id in the action', async () => {
      const html = await render(
        AccountConsentsPage({
          customerName: EVIL,
          csrf: 'tok-4',
          consents: [consent({ appName: EVIL, id: 'csn_"/../x' })],
          notice: EVIL,
        }),
      );
      expectCommonDocument(html);
      expectEscaped(html);
      expect(tags(html, 'form')[0]!.action).toBe('/account/consents/csn_%22%2F..%2Fx/revoke');
    });
  });

  describe('MessagePage', () => {
    it('renders the message and an optional link', async () => {
      const html = await render(
        MessagePage({
          title: 'This request has expired',
          message: 'Go back to the app and try again.',
          linkHref: '/account/consents',
          linkText: 'Your connected apps',
        }),
      );
      expectCommonDocument(html);
      expect(html).toContain('<h1>This request has expired</h1>');
      expect(html).toContain('<p>Go back to the app and try again.</p>');
      expect(html).toContain('<a href="/account/consents">Your connected apps</a>');
      const bare = await render(MessagePage({ title: EVIL, message: EVIL }));
      expectEscaped(bare);
      expect(bare).not.toContain('<a href="/');
    });
  });

  describe('describeAccess', () => {
    const base = { appName: 'Demo Shop', merchantName: 'Demo Shop' };
    const describeOne = (detail: AuthorizationDetail, scopes: string[] = []) =>
      describeAccess({ ...base, scopes, details: [detail] });

    it('describes a one-off payment', () => {
      expect(
        describeOne({ type: 'payment_initiation', instructed_amount: { amount: 1299, currency: 'USD' } }),
      ).toEqual([{ title: 'Make a payment', lines: ['Make one payment of $12.99 to Demo Shop'] }]);
    });

    it('describes a standing payment consent', () => {
      const [item] = describeOne({
        type: 'payment_initiation',
        max_amount_per_payment: { amount: 2000, currency: 'USD' },
        max_amount_per_period: { amount: 10000, currency: 'USD' },
        period: 'week',
        reference: 'Rides',
      });
      expect(item!.lines).toEqual([
        'Make payments to Demo Shop of up to $20.00 each and $100.00 per week',
        'Payment reference: Rides',
      ]);
    });

    it('describes credit score access by detail and purpose', () => {
      const band = describeOne({ type: 'credit_score', purpose: 'checkout_credit', detail: 'band' })[0]!;
      expect(band.lines).toContain('See your credit score band (for example "good"), not the score itself');
      expect(band.lines).toContain('Demo Shop asks for it to offer you credit at checkout');
      const full = describeOne({ type: 'credit_score', purpose: 'account_review', detail: 'full' })[0]!;
      expect(full.lines).toContain('See your credit score and the main reasons behind it');
      expect(full.lines).toContain('Demo Shop asks for it to review your account');
      const asked = describeOne({
        type: 'credit_score',
        purpose: 'customer_instruction',
        detail: 'band',
      })[0]!;
      expect(asked.lines).toContain('Demo Shop asks for it because you asked them to');
    });

    it('describes checkout credit', () => {
      expect(
        describeOne({
          type: 'checkout_credit',
          amount: 200000,
          currency: 'USD',
          order_reference: 'ORD-42',
        })[0]!.lines,
      ).toEqual([
        'Offer you credit to pay for order ORD-42 ($2,000.00) over time, and, if you accept an offer, pay Demo Shop for it',
      ]);
    });

    it('describes a credit line, with and without instant boost', () => {
      const line = { type: 'credit_line', max_draw_amount: { amount: 50000, currency: 'USD' } } as const;
      expect(describeOne({ ...line, instant_boost: false })[0]!.lines).toEqual([
        'Draw up to $500.00 from your credit line',
      ]);
      const boosted = describeOne({ ...line, instant_boost: true })[0]!.lines;
      expect(boosted[0]).toBe('Draw up to $500.00 from your credit line');
      expect(boosted[1]).toMatch(/raise your credit limit instantly/);
    });

    it('formats other currencies by their exponent', () => {
      expect(
        describeOne({ type: 'payment_initiation', instructed_amount: { amount: 1500, currency: 'JPY' } })[0]!
          .lines[0],
      ).toBe('Make one payment of ¥1,500 to Demo Shop');
    });

    it('adds one item for scopes no detail covers, in plain words, never raw scope strings', () => {
      const items = describeAccess({
        ...base,
        scopes: [
          'payments:write',
          'payments:read',
          'funds:confirm',
          'credit:prequalify',
          'made:up',
          'funds:confirm',
        ],
        details: [{ type: 'payment_initiation', instructed_amount: { amount: 1299, currency: 'USD' } }],
      });
      expect(items).toHaveLength(2);
      expect(items[1]).toEqual({
        title: 'Other access',
        lines: [
          'Read payments and refunds Demo Shop made',
          'Ask whether an amount is available in your account (never the balance)',
          'Check which credit you prequalify for (soft inquiry)',
        ],
      });
      const text = JSON.stringify(items);
      expect(text).not.toMatch(/[a-z_]+:[a-z_]+/);
      expect(text).not.toContain('the customer');
      expect(describeAccess({ ...base, scopes: ['payments:write'], details: [] })[0]!.lines).toEqual([
        'Initiate payments from your account to Demo Shop’s merchant account',
      ]);
      expect(describeAccess({ ...base, scopes: ['made:up'], details: [] })).toEqual([]);
    });
  });

  describe('PAGES_CSS', () => {
    const vars = new Map(
      [
        ...(/:root\s*{([^}]*)}/.exec(PAGES_CSS)?.[1] ?? '').matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi),
      ].map((m) => [m[1]!, m[2]!.toLowerCase()]),
    );
    const rules = [...PAGES_CSS.replace(/:root\s*{[^}]*}/, '').matchAll(/([^{}]+){([^{}]*)}/g)].map((m) => ({
      selector: m[1]!.trim(),
      body: m[2]!,
    }));
    const varOf = (body: string, prop: string) =>
      new RegExp(`(?:^|[;\\s])${prop}:\\s*var\\(--([\\w-]+)\\)`).exec(body)?.[1];

    function luminance(hex: string): number {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    }
    function contrast(a: string, b: string): number {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    }
    const hex = (name: string) => {
      const value = vars.get(name);
      expect(value, `--${name} is defined in :root`).toBeDefined();
      return value!;
    };

    it('uses colours only through the :root palette', () => {
      expect(vars.size).toBeGreaterThan(5);
      expect(PAGES_CSS.replace(/:root\s*{[^}]*}/, '')).not.toMatch(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i);
      expect(PAGES_CSS).not.toMatch(/background:/);
      expect(luminance('#ffffff')).toBeCloseTo(1);
      expect(contrast('#000000', '#ffffff')).toBeCloseTo(21);
      expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    });

    it('meets WCAG AA (4.5:1) for every text colour on its background', () => {
      const light = new Set<string>();
      const pairs: [string, string, string][] = [];
      const textOnly: [string, string][] = [];
      for (const { selector, body } of rules) {
        const fg = varOf(body, 'color');
        const bg = varOf(body, 'background-color');
        if (bg && luminance(hex(bg)) > 0.5) light.add(bg);
        if (fg && bg) pairs.push([selector, fg, bg]);
        else if (fg) textOnly.push([selector, fg]);
      }
      expect(pairs.length).toBeGreaterThan(5);
      expect(light).toContain('bg');
      // a rule that sets only a text colour may sit on any light surface the pages use
      for (const [selector, fg] of textOnly) for (const bg of light) pairs.push([selector, fg, bg]);
      for (const [selector, fg, bg] of pairs) {
        expect(contrast(hex(fg), hex(bg)), `${selector}: --${fg} on --${bg}`).toBeGreaterThanOrEqual(4.5);
      }
      // the focus ring and input borders are non-text UI: at least 3:1 on every light surface
      for (const bg of light) {
        expect(contrast(hex('focus'), hex(bg))).toBeGreaterThanOrEqual(3);
      }
      expect(contrast(hex('border'), hex('bg'))).toBeGreaterThanOrEqual(3);
    });

    it('has focus outlines, large touch targets, a narrow column and system fonts only', () => {
      expect(PAGES_CSS).toMatch(/:focus-visible\s*{[^}]*outline:\s*3px solid var\(--focus\)/);
      const button = rules.find((r) => r.selector === '.button')!.body;
      expect(button).toMatch(/min-height:\s*44px/);
      expect(rules.find((r) => r.selector === 'input:not([type="hidden"])')!.body).toMatch(
        /min-height:\s*44px/,
      );
      expect(rules.find((r) => r.selector === 'main')!.body).toMatch(/max-width:\s*32rem/);
      expect(rules.find((r) => r.selector === 'body')!.body).toMatch(/font-family:\s*system-ui/);
      expect(PAGES_CSS).not.toMatch(/@import|@font-face|url\(/);
    });
  });
});
