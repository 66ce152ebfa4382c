import type { Mode } from '../../platform/context';

/**
 * Where a webhook endpoint may point. The dispatcher POSTs from inside the bank's network, so a
 * URL that reaches an internal address (a private range, the cloud metadata service, the gateway's
 * own loopback ports) would let a partner make the bank send requests for them: server-side
 * request forgery. Only https to a public address is accepted; a sandbox app may also use a
 * loopback address (http or https), for a receiver on the developer's own machine.
 *
 * Checked on the URL as the WHATWG parser (fetch's) reads it, and the normalized form is what is
 * stored, so what was checked is what the dispatcher calls. Hostnames are not resolved here
 * (Web APIs only); a public name that resolves to an internal address is for the egress layer.
 */

export const MAX_WEBHOOK_URL_LENGTH = 2048;

export type WebhookUrlCheck = { ok: true; url: string } | { ok: false; message: string };

export function checkWebhookUrl(input: string, mode: Mode): WebhookUrlCheck {
  const refuse = (message: string): WebhookUrlCheck => ({ ok: false, message });
  if (input.length > MAX_WEBHOOK_URL_LENGTH)
    return refuse(`The URL must be at most ${MAX_WEBHOOK_URL_LENGTH} characters.`);
  // The parser silently drops tabs and newlines and reads `\` as `/`: refuse them rather than
  // check a URL that differs from the one written.
  if (/[\s\\\p{Cc}]/u.test(input))
    return refuse('The URL must not contain spaces, control characters or backslashes.');
  const authority = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(input);
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return refuse('The URL is not a valid absolute URL, such as https://example.com/webhooks.');
  }
  if (!authority || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    return refuse('The URL must be an absolute https URL, such as https://example.com/webhooks.');
  if (authority[2]!.includes('@') || url.username || url.password)
    return refuse('The URL must not contain credentials (user:password@); authenticate with the signature.');
  if (input.includes('#')) return refuse('The URL must not contain a fragment (#…).');

  const host = url.hostname;
  const written = writtenHost(authority[2]!);
  const kind = classifyHost(host, written);
  if (kind.kind === 'refused') return refuse(kind.message);
  if (kind.kind === 'loopback') {
    if (mode === 'live')
      return refuse(
        'The URL must not point to a loopback address (localhost, 127.0.0.0/8, ::1) in live mode.',
      );
    return { ok: true, url: url.href };
  }
  if (url.protocol !== 'https:')
    return refuse(
      mode === 'sandbox'
        ? 'The URL must use https; http is allowed only to a loopback address (localhost, 127.0.0.1, [::1]).'
        : 'The URL must use https.',
    );
  return { ok: true, url: url.href };
}

type HostKind = { kind: 'public' } | { kind: 'loopback' } | { kind: 'refused'; message: string };

/** The host as written in the authority, without the port, lower case. */
function writtenHost(authority: string): string {
  const lower = authority.toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.lastIndexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}

function classifyHost(host: string, written: string): HostKind {
  if (host.startsWith('[')) return classifyIpv6(host.slice(1, -1));
  const v4 = parseDottedIpv4(host);
  if (v4 !== null) {
    // The parser also reads 2130706433, 0x7f.1, 0177.0.0.1, 127.1 and %31… as 127.0.0.1: the same
    // address in a spelling that filters and people misread. Only the canonical form is accepted.
    if (written !== host)
      return {
        kind: 'refused',
        message: `The URL writes the IPv4 address ${host} in a non-standard form; write it as ${host}.`,
      };
    return classifyIpv4(v4, '');
  }
  return classifyName(host);
}

/** Names that only mean something inside a network (RFC 6761, RFC 6762 appendix G, RFC 8375). */
const INTERNAL_SUFFIXES = [
  'local',
  'localdomain',
  'internal',
  'intranet',
  'lan',
  'home',
  'corp',
  'private',
  'home.arpa',
];

function classifyName(host: string): HostKind {
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name === 'localhost' || name.endsWith('.localhost')) return { kind: 'loopback' };
  const internal = INTERNAL_SUFFIXES.find((s) => name === s || name.endsWith(`.${s}`));
  if (internal)
    return {
      kind: 'refused',
      message: `The URL must use a public hostname; .${internal} names resolve only inside a network.`,
    };
  // A single label (http://intranet/) is completed by the resolver's search domains: internal.
  if (!name.includes('.'))
    return {
      kind: 'refused',
      message: 'The URL must use a fully qualified public hostname, such as hooks.example.com.',
    };
  return { kind: 'public' };
}

type Octets = [number, number, number, number];

function parseDottedIpv4(text: string): Octets | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const octets = m.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? (octets as Octets) : null;
}

/** IPv4 ranges that are not the public internet (RFC 6890 special-purpose registry). */
const IPV4_RANGES: ReadonlyArray<readonly [string, number, string]> = [
  ['0.0.0.0', 8, '"this network"'],
  ['10.0.0.0', 8, 'a private network'],
  ['100.64.0.0', 10, 'carrier-grade NAT shared space'],
  ['169.254.0.0', 16, 'a link-local address (including the cloud metadata service)'],
  ['172.16.0.0', 12, 'a private network'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation space'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'a private network'],
  ['198.18.0.0', 15, 'benchmarking space'],
  ['198.51.100.0', 24, 'documentation space'],
  ['203.0.113.0', 24, 'documentation space'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved space (including broadcast)'],
];

const ipv4Number = (o: readonly number[]) => ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;

function inIpv4Range(address: number, base: string, bits: number): boolean {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (address & mask) >>> 0 === ipv4Number(parseDottedIpv4(base)!);
}

/** `via` names the IPv6 form an embedded IPv4 address came in; such a form is never loopback-allowed. */
function classifyIpv4(octets: Octets, via: string): HostKind {
  const address = ipv4Number(octets);
  const text = octets.join('.');
  if (inIpv4Range(address, '127.0.0.0', 8)) {
    if (!via) return { kind: 'loopback' };
    return { kind: 'refused', message: `The URL must not point to loopback ${text}${via}.` };
  }
  for (const [base, bits, label] of IPV4_RANGES) {
    if (inIpv4Range(address, base, bits))
      return {
        kind: 'refused',
        message: `The URL must not point to ${label}: ${text} is in ${base}/${bits}${via}.`,
      };
  }
  return { kind: 'public' };
}

/** Eight 16-bit groups of an IPv6 address as the URL parser writes it (hex, `::`, no zone). */
function parseIpv6(text: string): number[] | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (![...head, ...tail].every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  return [...head, ...Array<string>(missing).fill('0'), ...tail].map((g) => Number.parseInt(g, 16));
}

/** IPv6 ranges that are not the public internet (RFC 6890, RFC 9637). */
const IPV6_RANGES: ReadonlyArray<readonly [string, number, string]> = [
  ['::', 96, 'an IPv4-compatible or unspecified address'],
  ['64:ff9b:1::', 48, 'local-use NAT64 space'],
  ['100::', 64, 'the discard prefix'],
  ['2001::', 23, 'IETF protocol assignments (including Teredo)'],
  ['2001:db8::', 32, 'documentation space'],
  ['3fff::', 20, 'documentation space'],
  ['fc00::', 7, 'a unique local (private) network'],
  ['fe80::', 10, 'a link-local address'],
  ['fec0::', 10, 'a site-local address'],
  ['ff00::', 8, 'multicast'],
];

const ipv6Number = (groups: number[]) => groups.reduce((n, g) => (n << BigInt(16)) | BigInt(g), BigInt(0));

function inIpv6Range(address: bigint, base: string, bits: number): boolean {
  const shift = BigInt(128 - bits);
  return address >> shift === ipv6Number(parseIpv6(base)!) >> shift;
}

function classifyIpv6(text: string): HostKind {
  const groups = parseIpv6(text);
  if (!groups) return { kind: 'refused', message: 'The URL has an IPv6 address that cannot be read.' };
  const address = ipv6Number(groups);
  if (address === BigInt(1)) return { kind: 'loopback' };
  const embedded = (hi: number, lo: number): Octets => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
  // Forms that carry an IPv4 address, which the network may deliver to that IPv4 address.
  if (inIpv6Range(address, '::ffff:0:0', 96))
    return classifyIpv4(embedded(groups[6]!, groups[7]!), ', written as an IPv4-mapped IPv6 address');
  if (inIpv6Range(address, '64:ff9b::', 96))
    return classifyIpv4(embedded(groups[6]!, groups[7]!), ', written as a NAT64 IPv6 address');
  if (inIpv6Range(address, '2002::', 16))
    return classifyIpv4(embedded(groups[1]!, groups[2]!), ', written as a 6to4 IPv6 address');
  for (const [base, bits, label] of IPV6_RANGES) {
    if (inIpv6Range(address, base, bits))
      return {
        kind: 'refused',
        message: `The URL must not point to ${label}: [${text}] is in ${base}/${bits}.`,
      };
  }
  if (!inIpv6Range(address, '2000::', 3))
    return {
      kind: 'refused',
      message: `The URL must point to a global unicast address; [${text}] is not one.`,
    };
  return { kind: 'public' };
}
