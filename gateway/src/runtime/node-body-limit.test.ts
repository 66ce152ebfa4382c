import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, startNodeGateway } from './node';

const dir = mkdtempSync(join(tmpdir(), 'tessera-limit-'));
let gw: RunningGateway;
beforeAll(async () => {
  gw = await startNodeGateway({
    PORT: '0',
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    SEED_SANDBOX: 'false',
    MAX_BODY_BYTES: '1024',
  });
});
afterAll(async () => {
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes raw bytes on a fresh TCP connection; resolves with everything read once the server closes it. */
function exchange(payload: string): Promise<{ text: string; hadError: boolean; error?: string }> {
  const { hostname, port } = new URL(gw.url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let text = '';
    let error: string | undefined;
    socket.on('data', (d: Buffer) => (text += d.toString('utf8')));
    socket.on('error', (err) => (error = err.message));
    socket.on('close', (hadError) => resolve({ text, hadError, error }));
    socket.write(payload);
  });
}

const head = (path: string) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
const chunk = (data: string) => `${data.length.toString(16)}\r\n${data}\r\n`;

describe('a chunked body over MAX_BODY_BYTES', () => {
  it('gets 413 payload_too_large with Connection: close, and the connection is then closed cleanly', async () => {
    // The body never ends: the client would go on sending, so keeping the connection is wrong.
    const body = `{"name":"${'x'.repeat(3000)}`;
    const { text, hadError, error } = await exchange(head('/v1/developer/signup') + chunk(body));
    expect(error).toBeUndefined();
    expect(hadError).toBe(false);
    const [headers, payload] = text.split('\r\n\r\n');
    expect(headers).toMatch(/^HTTP\/1\.1 413 /);
    expect(headers).toMatch(/^connection: close$/im);
    expect(headers).toMatch(/^content-type: application\/problem\+json$/im);
    expect(headers).toMatch(/^request-id: req_/im);
    expect(JSON.parse(payload!.replace(/^[0-9a-f]+\r\n|\r\n0\r\n\r\n$/g, '')).code).toBe('payload_too_large');
    // Exactly one response: nothing of the refused body was answered as a further request.
    expect(text.match(/HTTP\/1\.1 /g)).toHaveLength(1);
  });

  it('a chunked body within the limit keeps the connection open for the next request', async () => {
    const { hostname, port } = new URL(gw.url);
    const socket = connect({ host: hostname, port: Number(port) });
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString('utf8')));
    const answered = (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if ((text.match(/HTTP\/1\.1 /g) ?? []).length >= n && /\r\n0\r\n\r\n$|\}$/.test(text)) {
            socket.off('data', check);
            resolve();
          }
        };
        socket.on('data', check);
        check();
      });
    socket.write(`${head('/v1/no-such-route') + chunk('{"a":1}')}0\r\n\r\n`);
    await answered(1);
    expect(text).toMatch(/^HTTP\/1\.1 404 /);
    expect(text).not.toMatch(/^connection: close$/im);
    socket.write(`${head('/v1/no-such-route') + chunk('{"a":2}')}0\r\n\r\n`);
    await answered(2);
    expect(text.match(/HTTP\/1\.1 404 /g)).toHaveLength(2);
    socket.destroy();
  });
});
