import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EgressPolicy } from '../platform/egress/destination';
import { type Receiver, startReceiver } from '../products/events/webhooks/test-support';
import { createEgressFetch, type EgressFetch, type ResolvedAddress } from './node-egress';

const LOCAL: EgressPolicy = { allowLoopback: true };
const HOSTED: EgressPolicy = { allowLoopback: false };

const open: Array<Receiver | EgressFetch> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function receiver(): Promise<Receiver> {
  const r = await startReceiver(() => 204);
  open.push(r);
  return r;
}

/** A resolver that answers from a table and counts how often it was asked. */
function resolver(table: Record<string, Array<string | ResolvedAddress>>) {
  const asked: string[] = [];
  const resolve = async (hostname: string) => {
    asked.push(hostname);
    const answer = table[hostname];
    if (!answer) throw Object.assign(new Error(`no such host ${hostname}`), { code: 'ENOTFOUND' });
    return answer.map((a) => (typeof a === 'string' ? { address: a, family: a.includes(':') ? 6 : 4 } : a));
  };
  return { asked, resolve };
}

function egress(resolve?: (hostname: string) => Promise<ResolvedAddress[]>): EgressFetch {
  const f = createEgressFetch(resolve ? { resolve } : {});
  open.push(f);
  return f;
}

const post = (f: EgressFetch, url: string, policy: EgressPolicy) =>
  f(url, { method: 'POST', body: '{}', redirect: 'manual' }, policy);

/** The code fetch's rejection carries in its cause, the way the dispatcher reads it. */
async function failure(p: Promise<Response>): Promise<string> {
  return p.then(
    () => 'delivered',
    (e: { cause?: { code?: string; message?: string } }) => e.cause?.code ?? `no code: ${e.cause?.message}`,
  );
}

describe('Node webhook egress: resolve, vet, connect to the vetted address', () => {
  it('connects to the address the resolver answered, resolving once per connection', async () => {
    const r = await receiver();
    const port = new URL(r.url).port;
    // A rebinding name: the vetted answer first, an internal one to anyone who asks again.
    let calls = 0;
    const f = egress(async () => {
      calls += 1;
      return [{ address: calls === 1 ? '127.0.0.1' : '10.0.0.1', family: 4 }];
    });
    const response = await post(f, `http://hooks.partner.test:${port}/in`, LOCAL);
    expect(response.status).toBe(204);
    expect(r.requests).toHaveLength(1);
    expect(r.requests[0]!.headers.host).toBe(`hooks.partner.test:${port}`);
    expect(calls).toBe(1);
  });

  it.each(['10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '224.0.0.1'])(
    'refuses a hostname resolving to private, link-local, CGNAT or multicast %s, before connecting',
    async (address) => {
      const { resolve } = resolver({ 'hooks.partner.test': [address] });
      expect(await failure(post(egress(resolve), 'http://hooks.partner.test/in', LOCAL))).toBe(
        'EGRESS_REFUSED',
      );
    },
  );

  it('refuses a hostname resolving to loopback where loopback is not allowed, and sends nothing', async () => {
    const r = await receiver();
    const { resolve } = resolver({ 'hooks.partner.test': ['127.0.0.1'] });
    const url = `http://hooks.partner.test:${new URL(r.url).port}/internal-admin`;
    expect(await failure(post(egress(resolve), url, HOSTED))).toBe('EGRESS_REFUSED');
    expect(r.requests).toHaveLength(0);
  });

  it('refuses an IPv4-mapped loopback answer even where plain loopback is allowed', async () => {
    const r = await receiver();
    const { resolve } = resolver({ 'hooks.partner.test': ['::ffff:127.0.0.1'] });
    const url = `http://hooks.partner.test:${new URL(r.url).port}/in`;
    expect(await failure(post(egress(resolve), url, LOCAL))).toBe('EGRESS_REFUSED');
    expect(r.requests).toHaveLength(0);
  });

  it('refuses a name when any one of its addresses is internal, whichever comes first', async () => {
    const r = await receiver();
    const port = new URL(r.url).port;
    const { resolve } = resolver({
      'a.partner.test': ['127.0.0.1', '10.0.0.1'],
      'b.partner.test': ['10.0.0.1', '127.0.0.1'],
    });
    const f = egress(resolve);
    expect(await failure(post(f, `http://a.partner.test:${port}/`, LOCAL))).toBe('EGRESS_REFUSED');
    expect(await failure(post(f, `http://b.partner.test:${port}/`, LOCAL))).toBe('EGRESS_REFUSED');
    expect(r.requests).toHaveLength(0);
  });

  it('vets an IP literal, which never reaches the resolver', async () => {
    const r = await receiver();
    const { asked, resolve } = resolver({});
    const f = egress(resolve);
    expect(await failure(post(f, `${r.url}/internal-admin`, HOSTED))).toBe('EGRESS_REFUSED');
    expect(r.requests).toHaveLength(0);
    expect((await post(f, `${r.url}/hook`, LOCAL)).status).toBe(204);
    expect(r.requests.map((q) => q.path)).toEqual(['/hook']);
    expect(asked).toEqual([]);
  });

  it('does not follow a redirect: the 3xx itself is the answer', async () => {
    const target = await receiver();
    const redirecting = await startReceiver(() => ({ redirectTo: `${target.url}/elsewhere` }));
    open.push(redirecting);
    const response = await post(egress(), `${redirecting.url}/hook`, LOCAL);
    expect(response.status).toBe(302);
    expect(target.requests).toHaveLength(0);
  });

  it('resolves with the system resolver by default and vets what it answers', async () => {
    // localhost is in every hosts file; its answer is loopback, so a hosted gateway refuses it.
    const r = await receiver();
    const url = `http://localhost:${new URL(r.url).port}/internal-admin`;
    expect(await failure(post(egress(), url, HOSTED))).toBe('EGRESS_REFUSED');
    expect(r.requests).toHaveLength(0);
  });

  it('reads a streamed body whole, and a body cancelled mid-stream throws nothing later', async () => {
    // The answer arrives in three parts; the webhook sender cancels every body before it ends, so
    // parts are still in flight after the cancel (Node's Readable.toWeb threw on each of them).
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
      setTimeout(() => {
        res.write('"b"');
        setTimeout(() => res.end('}'), 5);
      }, 5);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    open.push({ close: () => new Promise<void>((ok) => server.close(() => ok())) } as EgressFetch);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`;
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const f = egress();
      expect(await (await post(f, url, LOCAL)).json()).toEqual({ a: 'b' });
      for (let i = 0; i < 10; i++) await (await post(f, url, LOCAL)).body?.cancel();
      for (let i = 0; i < 10; i++) {
        const reader = (await post(f, url, LOCAL)).body?.getReader();
        await reader?.read();
        await reader?.cancel();
      }
      await new Promise((ok) => setTimeout(ok, 50));
      expect(uncaught.map(String)).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
