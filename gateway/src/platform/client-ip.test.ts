import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../config';
import { createTestGateway, type TestGateway } from '../testing/harness';
import { clientFromForwarded, parseIp, parseTrustedProxies, type TrustedProxies } from './client-ip';

const trusted = (v: string) => parseTrustedProxies(v) as TrustedProxies;

describe('client address behind proxies (X-Forwarded-For, TRUSTED_PROXIES)', () => {
  it('takes the right-most entry by default, never the left-most one the client writes', () => {
    expect(clientFromForwarded('203.0.113.7, 127.0.0.1', trusted('1'))).toBe('127.0.0.1');
    expect(clientFromForwarded('198.51.100.2', trusted('1'))).toBe('198.51.100.2');
  });

  it('with a hop count N takes the N-th entry from the right', () => {
    expect(clientFromForwarded('1.1.1.1, 203.0.113.7, 10.0.0.5', trusted('2'))).toBe('203.0.113.7');
    // A chain shorter than the hops was written by our proxies alone: its left-most entry.
    expect(clientFromForwarded('203.0.113.7', trusted('3'))).toBe('203.0.113.7');
  });

  it('with a list takes the right-most address that is not a trusted proxy (IPs and CIDRs, v4 and v6)', () => {
    const list = trusted('10.0.0.0/8, 2001:db8::/32, 192.0.2.1');
    expect(clientFromForwarded('6.6.6.6, 203.0.113.7, 192.0.2.1, 10.1.2.3', list)).toBe('203.0.113.7');
    expect(clientFromForwarded('6.6.6.6, 2001:db8:0:1::5, ::ffff:10.0.0.1', list)).toBe('6.6.6.6');
    expect(clientFromForwarded('[2001:db9::1]:443, 10.9.9.9', list)).toBe('[2001:db9::1]:443');
  });

  it('parses IPv4, IPv6 (compressed, bracketed, v4-mapped) and refuses what is not an address', () => {
    expect(parseIp('203.0.113.7')).toEqual({ version: 4, value: 0xcb007107n });
    expect(parseIp('::ffff:203.0.113.7')).toEqual({ version: 4, value: 0xcb007107n });
    expect(parseIp('[2001:db8::1]:8443')).toEqual({ version: 6, value: (0x20010db8n << 96n) | 1n });
    expect(parseIp('::')).toEqual({ version: 6, value: 0n });
    for (const bad of ['256.1.1.1', '1.2.3', 'unknown', '1::2::3', '12345::', 'fe80:::1'])
      expect(parseIp(bad)).toBeNull();
  });

  it('refuses a TRUSTED_PROXIES value that is neither a hop count nor a list of IPs/CIDRs, naming the variable', () => {
    for (const bad of ['0', 'proxy.internal', '10.0.0.0/33', '10.0.0.1, nope']) {
      expect(() => parseConfig({ TRUSTED_PROXIES: bad })).toThrow(ConfigError);
      try {
        parseConfig({ TRUSTED_PROXIES: bad });
      } catch (err) {
        expect((err as ConfigError).issues[0]!.variable).toBe('TRUSTED_PROXIES');
      }
    }
    expect(parseConfig({}).TRUSTED_PROXIES).toEqual({ hops: 1 });
  });
});

describe('sign-in limits per address behind a proxy', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await createTestGateway({ limits: true, env: { CLIENT_IP_HEADER: 'X-Forwarded-For' } });
  });
  afterAll(() => gw.close());

  const attempt = (forwarded: string, i: number) =>
    gw.app.fetch(
      new Request('http://127.0.0.1:8787/account/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': forwarded },
        body: new URLSearchParams({ username: `nobody${i}`, password: 'x' }).toString(),
      }),
    );

  it('limits a client that varies the left part of X-Forwarded-For (203.0.113.N, 127.0.0.1)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await attempt(`203.0.113.${i}, 127.0.0.1`, i)).status);
    expect(statuses.slice(0, 30).every((s) => s !== 429)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('ignores the header when proxies are listed and the socket peer is not one of them', async () => {
    const listed = await createTestGateway({
      limits: true,
      env: { CLIENT_IP_HEADER: 'X-Forwarded-For', TRUSTED_PROXIES: '10.0.0.0/8' },
    });
    try {
      const direct = { incoming: { socket: { remoteAddress: '198.51.100.9' } } };
      const send = (i: number) =>
        listed.app.fetch(
          new Request('http://127.0.0.1:8787/account/login', {
            method: 'POST',
            headers: {
              'Content-Type': 'application/x-www-form-urlencoded',
              'X-Forwarded-For': `203.0.113.${i}`,
            },
            body: new URLSearchParams({ username: `nobody${i}`, password: 'x' }).toString(),
          }),
          direct as never,
        );
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) statuses.push((await send(i)).status);
      expect(statuses[30]).toBe(429);
    } finally {
      listed.close();
    }
  });
});
