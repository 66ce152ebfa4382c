/**
 * Which IP addresses are the public internet. One table for both checks of an outgoing request:
 * the URL as written (destination.ts) and every address a hostname resolves to (the Node runtime's
 * connect hook), so the two can never disagree about what "internal" means.
 */

export type AddressKind = { kind: 'public' } | { kind: 'loopback' } | { kind: 'refused'; reason: string };

type Octets = [number, number, number, number];

/** Four decimal octets, the only IPv4 spelling accepted (see destination.ts for the others). */
export function parseDottedIpv4(text: string): Octets | null {
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
export function classifyIpv4(octets: Octets, via = ''): AddressKind {
  const address = ipv4Number(octets);
  const text = octets.join('.');
  if (inIpv4Range(address, '127.0.0.0', 8)) {
    if (!via) return { kind: 'loopback' };
    return { kind: 'refused', reason: `loopback ${text}${via}` };
  }
  for (const [base, bits, label] of IPV4_RANGES) {
    if (inIpv4Range(address, base, bits))
      return { kind: 'refused', reason: `${label}: ${text} is in ${base}/${bits}${via}` };
  }
  return { kind: 'public' };
}

/**
 * Eight 16-bit groups: hex, `::`, and a dotted IPv4 tail (`::ffff:10.0.0.1`, as resolvers may
 * write it). A zone (`%eth0`) is dropped; the address it qualifies is link-local anyway.
 */
export function parseIpv6(input: string): number[] | null {
  let text = input.split('%')[0]!;
  const tail4 = /:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (tail4) {
    const o = parseDottedIpv4(tail4[1]!);
    if (!o) return null;
    const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
    text = `${text.slice(0, tail4.index + 1)}${hex(o[0], o[1])}:${hex(o[2], o[3])}`;
  }
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

/** `text` is the address without brackets; how it is shown in reasons is `[text]`. */
export function classifyIpv6(text: string): AddressKind {
  const groups = parseIpv6(text);
  if (!groups) return { kind: 'refused', reason: 'an IPv6 address that cannot be read' };
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
      return { kind: 'refused', reason: `${label}: [${text}] is in ${base}/${bits}` };
  }
  if (!inIpv6Range(address, '2000::', 3))
    return { kind: 'refused', reason: `a non-global address: [${text}] is not global unicast` };
  return { kind: 'public' };
}

/** An address as a resolver or socket reports it (no brackets); null when it is not an IP address. */
export function classifyAddress(address: string): AddressKind | null {
  const v4 = parseDottedIpv4(address);
  if (v4) return classifyIpv4(v4);
  return address.includes(':') ? classifyIpv6(address) : null;
}
