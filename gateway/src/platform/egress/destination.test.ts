import { describe, expect, it } from 'vitest';
import { checkDestinationUrl, type EgressPolicy, egressPolicy, vetAddress } from './destination';

type Mode = 'sandbox' | 'live';
/** As a gateway on a developer's machine is configured: loopback delivery on (sandbox only). */
const LOCAL: EgressPolicy = { allowLoopback: true };
const checkWebhookUrl = (url: string, mode: Mode, allowLoopback = true) =>
  checkDestinationUrl(url, mode, egressPolicy(mode, allowLoopback));
const refused = (url: string, mode: Mode, allowLoopback = true) => {
  const result = checkWebhookUrl(url, mode, allowLoopback);
  return result.ok ? null : result.message;
};

describe('webhook URLs: SSRF rules', () => {
  // Each of these reaches (or may reach) something inside the bank's network, or hides where it goes.
  const internal: Array<[string, RegExp]> = [
    // loopback
    ['https://127.0.0.1/hook', /loopback/],
    ['https://127.255.10.3:8443/hook', /loopback/],
    ['https://[::1]/hook', /loopback/],
    ['https://[0:0:0:0:0:0:0:1]/hook', /loopback/],
    ['https://localhost/hook', /loopback/],
    ['https://LOCALHOST./hook', /loopback/],
    ['https://api.localhost/hook', /loopback/],
    // private networks
    ['https://10.0.0.1/hook', /private network.*10\.0\.0\.0\/8/],
    ['https://10.255.255.255/hook', /private network/],
    ['https://172.16.0.1/hook', /private network.*172\.16\.0\.0\/12/],
    ['https://172.31.255.254/hook', /private network/],
    ['https://192.168.1.10/hook', /private network.*192\.168\.0\.0\/16/],
    ['https://[fc00::1]/hook', /unique local/],
    ['https://[fd12:3456:789a::1]/hook', /unique local/],
    // link-local, including the cloud metadata service
    ['https://169.254.169.254/latest/meta-data/', /link-local.*metadata/],
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
    ['https://169.254.0.1/hook', /link-local/],
    ['https://[fe80::1]/hook', /link-local/],
    ['https://[febf::1]/hook', /link-local/],
    // CGNAT, "this network", multicast, reserved and broadcast
    ['https://100.64.0.1/hook', /carrier-grade NAT/],
    ['https://100.127.255.254/hook', /carrier-grade NAT/],
    ['https://0.0.0.0/hook', /"this network"/],
    ['https://0.1.2.3/hook', /"this network"/],
    ['https://224.0.0.1/hook', /multicast/],
    ['https://239.255.255.250/hook', /multicast/],
    ['https://240.0.0.1/hook', /reserved/],
    ['https://255.255.255.255/hook', /reserved.*broadcast/],
    ['https://[ff02::1]/hook', /multicast/],
    ['https://[::]/hook', /unspecified/],
    ['https://192.0.2.1/hook', /documentation/],
    ['https://198.18.0.1/hook', /benchmarking/],
    ['https://[2001:db8::1]/hook', /documentation/],
    // IPv4 written inside IPv6
    ['https://[::ffff:127.0.0.1]/hook', /loopback 127\.0\.0\.1, written as an IPv4-mapped/],
    ['https://[::ffff:7f00:1]/hook', /loopback.*IPv4-mapped/],
    ['https://[::ffff:10.1.2.3]/hook', /private network.*IPv4-mapped/],
    ['https://[::ffff:169.254.169.254]/hook', /link-local.*IPv4-mapped/],
    ['https://[::ffff:192.168.0.1]/hook', /private network.*IPv4-mapped/],
    ['https://[::127.0.0.1]/hook', /IPv4-compatible/],
    ['https://[64:ff9b::10.0.0.1]/hook', /private network.*NAT64/],
    ['https://[2002:a9fe:a9fe::]/hook', /link-local.*6to4/],
    // other spellings of an IPv4 address
    ['http://2130706433/', /non-standard form; write it as 127\.0\.0\.1/],
    ['https://2130706433/', /non-standard form/],
    ['https://0x7f.1/', /non-standard form; write it as 127\.0\.0\.1/],
    ['https://0x7f000001/', /non-standard form/],
    ['https://0177.0.0.1/', /non-standard form/],
    ['https://127.1/', /non-standard form/],
    ['https://127.0.0.1./', /non-standard form/],
    ['https://%31%32%37.0.0.1/', /non-standard form/],
    ['https://0/', /non-standard form; write it as 0\.0\.0\.0/],
    ['https://3232235777/', /non-standard form; write it as 192\.168\.1\.1/],
    ['https://0xa9.0xfe.0xa9.0xfe/', /non-standard form; write it as 169\.254\.169\.254/],
    ['https://010.0.0.1/', /non-standard form/],
    // names that only resolve inside a network
    ['https://printer.local/hook', /\.local names/],
    ['https://metadata.google.internal/computeMetadata/v1/', /\.internal names/],
    ['https://api.internal/hook', /\.internal names/],
    ['https://router.home.arpa/hook', /\.home\.arpa names/],
    ['https://box.localdomain/hook', /\.localdomain names/],
    ['https://webhooks/hook', /fully qualified/],
    ['https://intranet/hook', /\.intranet names/],
    ['https://metadata/computeMetadata/v1/', /fully qualified/],
    // credentials and other smuggling
    ['https://user:pass@hooks.example.com/hook', /credentials/],
    ['https://user@hooks.example.com/hook', /credentials/],
    ['https://:pass@hooks.example.com/hook', /credentials/],
    ['https://hooks.example.com@127.0.0.1/hook', /credentials/],
    ['https://hooks.example.com/hook#frag', /fragment/],
    ['https://hooks.example.com\\@127.0.0.1/', /backslashes/],
    ['https://hooks.exa\tmple.com/', /control characters/],
    [' https://hooks.example.com/', /spaces/],
    ['https:/hooks.example.com/', /absolute https URL/],
    ['https:hooks.example.com', /absolute https URL/],
    ['ftp://hooks.example.com/', /absolute https URL/],
    ['file:///etc/passwd', /absolute https URL/],
    ['gopher://127.0.0.1:6379/_INFO', /absolute https URL/],
    ['javascript:alert(1)', /absolute https URL/],
    ['//hooks.example.com/hook', /not a valid absolute URL/],
    ['not a url', /spaces/],
    [`https://hooks.example.com/${'a'.repeat(2100)}`, /at most 2048/],
  ];

  it.each(internal)('live refuses %s', (url, reason) => {
    expect(refused(url, 'live')).toMatch(reason);
  });

  it.each(internal.filter(([url]) => !isPlainLoopback(url)))(
    'sandbox refuses %s too (only plain loopback is a sandbox exception)',
    (url, reason) => {
      expect(refused(url, 'sandbox')).toMatch(reason);
    },
  );

  it.each([
    'http://127.0.0.1:4000/webhooks',
    'http://127.0.0.1/webhooks',
    'http://127.8.9.10:9000/',
    'https://127.0.0.1:8443/webhooks',
    'http://localhost:4000/webhooks',
    'http://LocalHost:4000/webhooks',
    'http://shop.localhost:3000/webhooks',
    'http://[::1]:4000/webhooks',
    'https://[::1]/webhooks',
  ])('sandbox allows loopback %s', (url) => {
    expect(checkWebhookUrl(url, 'sandbox')).toMatchObject({ ok: true });
    expect(refused(url, 'live')).toMatch(/loopback/);
  });

  it.each([
    'http://hooks.example.com/webhooks',
    'http://8.8.8.8/webhooks',
    'http://[2606:4700::1111]/webhooks',
  ])('requires https to anything but loopback: %s', (url) => {
    expect(refused(url, 'live')).toBe('The URL must use https.');
    expect(refused(url, 'sandbox')).toMatch(/must use https; http is allowed only to a loopback address/);
  });

  it.each([
    ['https://hooks.example.com/webhooks', 'https://hooks.example.com/webhooks'],
    ['https://Hooks.Example.COM:8443/a/b?c=d', 'https://hooks.example.com:8443/a/b?c=d'],
    ['https://hooks.example.com', 'https://hooks.example.com/'],
    ['https://hooks.example.com./x', 'https://hooks.example.com./x'],
    ['https://8.8.8.8/webhooks', 'https://8.8.8.8/webhooks'],
    ['https://[2606:4700:4700::1111]/webhooks', 'https://[2606:4700:4700::1111]/webhooks'],
    ['https://[::ffff:8.8.8.8]/webhooks', 'https://[::ffff:808:808]/webhooks'],
    ['https://bücher.example/hook', 'https://xn--bcher-kva.example/hook'],
    ['https://172.32.0.1/hook', 'https://172.32.0.1/hook'],
    ['https://100.128.0.1/hook', 'https://100.128.0.1/hook'],
    ['https://169.255.0.1/hook', 'https://169.255.0.1/hook'],
    ['https://localhost.example.com/hook', 'https://localhost.example.com/hook'],
  ])('accepts public https %s in both modes, normalized to what fetch calls', (url, normalized) => {
    expect(checkWebhookUrl(url, 'live')).toEqual({ ok: true, url: normalized });
    expect(checkWebhookUrl(url, 'sandbox')).toEqual({ ok: true, url: normalized });
  });
});

describe('loopback delivery is a configuration choice, never a live one', () => {
  const loopback = ['http://127.0.0.1:4000/internal-admin', 'http://localhost:4000/', 'https://[::1]/'];

  it.each(loopback)('a sandbox on a gateway without WEBHOOK_ALLOW_LOOPBACK refuses %s', (url) => {
    expect(refused(url, 'sandbox', false)).toMatch(
      /must not point to a loopback address.*only to public hosts/,
    );
  });

  it.each(loopback)('live refuses loopback %s even when the configuration allows loopback', (url) => {
    expect(checkDestinationUrl(url, 'live', LOCAL)).toMatchObject({ ok: false });
    expect(egressPolicy('live', true)).toEqual({ allowLoopback: false });
  });

  it('without loopback delivery, http is refused outright rather than offered for loopback', () => {
    expect(refused('http://hooks.example.com/', 'sandbox', false)).toBe('The URL must use https.');
  });
});

describe('resolved addresses: every one vetted before a connection', () => {
  const internal = [
    '127.0.0.1',
    '127.3.4.5',
    '::1',
    '10.0.0.1',
    '172.20.1.1',
    '192.168.0.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.251',
    '255.255.255.255',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '64:ff9b::a00:1',
    'fe80::1%eth0',
    'fd00::1',
    'ff02::fb',
    '::',
  ];

  it.each(internal)('refuses private, loopback, link-local, CGNAT, multicast and mapped %s', (address) => {
    expect(vetAddress(address, { allowLoopback: false })).toEqual(expect.any(String));
  });

  it.each(internal.filter((a) => !['127.0.0.1', '127.3.4.5', '::1'].includes(a)))(
    'refuses %s even where loopback is allowed (only plain loopback is)',
    (address) => {
      expect(vetAddress(address, LOCAL)).toEqual(expect.any(String));
    },
  );

  it.each(['127.0.0.1', '::1'])('allows loopback %s only where the policy allows loopback', (address) => {
    expect(vetAddress(address, LOCAL)).toBeNull();
    expect(vetAddress(address, { allowLoopback: false })).toMatch(/loopback/);
  });

  it.each(['8.8.8.8', '93.184.215.14', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows public %s',
    (address) => {
      expect(vetAddress(address, { allowLoopback: false })).toBeNull();
    },
  );

  it('refuses what is not an IP address at all', () => {
    expect(vetAddress('hooks.example.com', LOCAL)).toMatch(/not an IP address/);
  });
});

/** Loopback written plainly: the one thing sandbox allows that live does not. */
function isPlainLoopback(url: string): boolean {
  return /^https?:\/\/(127\.\d+\.\d+\.\d+|\[::1\]|\[0:0:0:0:0:0:0:1\]|localhost\.?|[a-z.]*\.localhost)[:/]/i.test(
    url,
  );
}
