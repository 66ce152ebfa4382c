import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, freePort, runApp, type Sandbox, startSandbox } from './support.ts';

/**
 * The README's second command as a partner types it, `npm run sandbox -w examples/ride-hailing`,
 * against a gateway's sandbox.json: it registers the app (private_key_jwt) and serves.
 */
let sandbox: Sandbox;
let app: AppProcess;

beforeAll(async () => {
  sandbox = await startSandbox();
  app = await runApp(['npm', 'run', 'sandbox', '-w', 'examples/ride-hailing'], {
    TESSERA_SANDBOX_FILE: sandbox.file,
    PORT: String(await freePort()),
    DISPATCH_TOKEN: 'from-the-readme',
  });
});

afterAll(async () => {
  await app?.stop();
  await sandbox?.close();
});

describe('npm run sandbox -w examples/ride-hailing', () => {
  it('registers the app for private_key_jwt, then links a rider through the bank (PAR accepted)', async () => {
    const signup = await fetch(`${app.url}/riders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Ava' }),
    });
    expect(signup.status).toBe(201);
    const { api_key } = (await signup.json()) as { api_key: string };
    const link = await fetch(`${app.url}/riders/me/link`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${api_key}` },
    });
    expect(link.status).toBe(201);
    const { authorize_url } = (await link.json()) as { authorize_url: string };
    expect(authorize_url.startsWith(`${sandbox.credentials.gateway}/oauth/authorize?`)).toBe(true);
    // The bank's sign-in page for that request: the pushed request is the app's, and still open.
    const page = await fetch(authorize_url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Ride (example)');
    expect(app.output()).not.toContain('"d":');
  });

  it('refuses to finish a ride without the dispatch token', async () => {
    const res = await fetch(`${app.url}/rides/RIDE-1/finish`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
