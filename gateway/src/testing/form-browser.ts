/**
 * Submits the bank's HTML forms as a browser would: keeps cookies, sends every hidden input
 * (CSRF token included) with the fields it fills, and follows 303s within the gateway.
 */
export class FormBrowser {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly fetcher: (req: Request) => Response | Promise<Response>,
    private readonly base = 'http://127.0.0.1:8787',
  ) {}

  async open(
    url: string,
    init: RequestInit = {},
  ): Promise<{ status: number; url: string; html: string; location: string | null }> {
    const target = new URL(url, this.base);
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.fetcher(new Request(target, { ...init, headers, redirect: 'manual' }));
    for (const line of (res.headers as Headers & { getSetCookie(): string[] }).getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const location = res.headers.get('Location');
    if (res.status === 303 && location && new URL(location, this.base).origin === new URL(this.base).origin) {
      return this.open(new URL(location, this.base).toString());
    }
    return { status: res.status, url: target.toString(), html: await res.text(), location };
  }

  /** Fills the page's (first, or `formIndex`) form and submits it with the named button's value. */
  async submit(html: string, fields: Record<string, string>, formIndex = 0) {
    const forms = [...html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)];
    const form = forms[formIndex];
    if (!form) throw new Error(`no form ${formIndex} on the page:\n${html.slice(0, 500)}`);
    const values = new URLSearchParams();
    for (const input of form[2]!.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
      if (name) values.set(name, decodeEntities(value));
    }
    for (const [k, v] of Object.entries(fields)) values.set(k, v);
    return this.open(decodeEntities(form[1]!), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: values.toString(),
    });
  }
}

function decodeEntities(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
