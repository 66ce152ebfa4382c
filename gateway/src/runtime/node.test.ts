import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startNodeGateway } from './node';

const dir = mkdtempSync(join(tmpdir(), 'tessera-node-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Node runtime', () => {
  it('migrates, seeds the embedded sandbox, serves, writes sandbox.json once, and restarts on the same data', async () => {
    const env = { PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent' };
    const first = await startNodeGateway(env);
    try {
      const res = await fetch(`${first.url}/health`);
      expect(res.status).toBe(200);
      expect(res.headers.get('request-id')).toMatch(/^req_/);
    } finally {
      await first.close();
    }
    const file = join(dir, 'sandbox.json');
    expect(existsSync(file)).toBe(true);
    const creds = JSON.parse(readFileSync(file, 'utf8')) as {
      client_id: string;
      client_secret: string;
      customers: unknown[];
    };
    expect(creds.client_id).toMatch(/^app_/);
    expect(creds.client_secret).toMatch(/^sk_sandbox_/);
    expect(creds.customers).toHaveLength(8);

    const second = await startNodeGateway(env);
    try {
      expect((await fetch(`${second.url}/health`)).status).toBe(200);
      // The credentials of the first start stay valid: the demo app was not created again.
      expect(JSON.parse(readFileSync(file, 'utf8')).client_id).toBe(creds.client_id);
    } finally {
      await second.close();
    }
  });

  it('never logs a secret: the start-up lines name sandbox.json, where the secrets are', async () => {
    const data = join(dir, 'log');
    const lines: string[] = [];
    const env = { PORT: '0', DATA_DIR: data, LOG_LEVEL: 'debug' };
    await (await startNodeGateway(env, { logSink: (l) => lines.push(l) })).close();
    const file = join(data, 'sandbox.json');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const secrets = [saved.client_secret!, saved.developer_api_token!, saved.initial_access_token!];
    expect(secrets[0]).toMatch(/^sk_sandbox_/);
    expect(secrets[1]).toMatch(/^dat_/);
    expect(secrets[2]).toMatch(/^iat_/);
    // A restart that finds the sandbox logs the same way.
    await (await startNodeGateway(env, { logSink: (l) => lines.push(l) })).close();
    const log = lines.join('\n');
    for (const secret of secrets) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/sk_sandbox_|dat_[0-9A-Za-z]{40}|iat_[0-9A-Za-z]{40}/);
    const ready = lines.filter((l) => l.includes('Sandbox ready'));
    expect(ready).toHaveLength(2);
    for (const line of ready) expect(JSON.parse(line).credentials_file).toBe(file);
  });

  it('renews expired developer tokens in sandbox.json at start, and the new ones work', async () => {
    const data = join(dir, 'renew');
    const env = { PORT: '0', DATA_DIR: data, LOG_LEVEL: 'silent' };
    await (await startNodeGateway(env)).close();
    const file = join(data, 'sandbox.json');
    const before = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    writeFileSync(
      file,
      JSON.stringify({ ...before, developer_api_token_expires_at: '2020-01-01T00:00:00Z' }),
    );
    const gw = await startNodeGateway(env);
    try {
      const after = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      expect(after.developer_api_token).not.toBe(before.developer_api_token);
      expect(after.initial_access_token).toBe(before.initial_access_token);
      expect(Date.parse(after.developer_api_token_expires_at!)).toBeGreaterThan(Date.now());
      const me = await fetch(`${gw.url}/v1/developer/me`, {
        headers: { Authorization: `Bearer ${after.developer_api_token}` },
      });
      expect(me.status).toBe(200);
    } finally {
      await gw.close();
    }
  });

  it('shuts down gracefully: a request in flight at SIGTERM completes, new connections are refused', async () => {
    const gw = await startNodeGateway({
      PORT: '0',
      DATA_DIR: join(dir, 'b'),
      LOG_LEVEL: 'silent',
      SEED_SANDBOX: 'false',
    });
    const { port } = new URL(gw.url);
    const body = JSON.stringify({ amount: { amount: 100, currency: 'USD' } });
    // A slow client: headers now, the body only after shutdown has begun.
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/v1/no-such-route',
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 5));
      setTimeout(() => req.end(body.slice(5)), 300);
    });
    await new Promise((r) => setTimeout(r, 100));
    const closing = gw.close();
    const res = await answer;
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text).code).toBe('route_not_found');
    await closing;
    await expect(fetch(`${gw.url}/health`)).rejects.toThrow();
  });

  it('allows loopback webhooks by default only when the address it listens on is loopback', async () => {
    const base = { PORT: '0', DATA_DIR: join(dir, 'c'), LOG_LEVEL: 'silent', SEED_SANDBOX: 'false' };
    const local = await startNodeGateway(base);
    const everywhere = await startNodeGateway({ ...base, HOST: '0.0.0.0' });
    try {
      expect(local.services.config.WEBHOOK_ALLOW_LOOPBACK).toBe(true);
      // PUBLIC_URL unset: it becomes http://0.0.0.0:<port>, which others can reach.
      expect(everywhere.services.config.PUBLIC_URL).toMatch(/^http:\/\/0\.0\.0\.0:/);
      expect(everywhere.services.config.WEBHOOK_ALLOW_LOOPBACK).toBe(false);
    } finally {
      await Promise.all([local.close(), everywhere.close()]);
    }
  });

  it('refuses to start on invalid configuration, naming the variable', async () => {
    await expect(startNodeGateway({ PORT: 'x', DATA_DIR: dir })).rejects.toThrow(/PORT/);
  });
});
