import type { Mode } from '../context';
import { type AddressKind, classifyAddress, classifyIpv4, classifyIpv6, parseDottedIpv4 } from './ip';

/**
 * Where the gateway may send a request a partner chose (a webhook endpoint). The dispatcher POSTs
 * from inside the bank's network, so a URL that reaches an internal address (a private range, the
 * cloud metadata service, the gateway's own loopback ports) would let a partner make the bank send
 * requests for them: server-side request forgery. Only https to a public address is accepted;
 * loopback (http or https) only where the policy allows it, for a receiver on the developer's own
 * machine next to a gateway running there.
 *
 * The same rule runs at registration, again before every delivery (the configuration may have
 * changed since), and on Node once more on every address a hostname resolves to (vetAddress).
 * Checked on the URL as the WHATWG parser (fetch's) reads it, and the normalized form is what is
 * stored, so what was checked is what the dispatcher calls.
 */

export const MAX_WEBHOOK_URL_LENGTH = 2048;

export interface EgressPolicy {
  /** Loopback destinations (localhost, 127.0.0.0/8, ::1) are allowed. */
  allowLoopback: boolean;
}

/** Live traffic never goes to loopback, whatever the configuration says. */
export function egressPolicy(mode: Mode, allowLoopback: boolean): EgressPolicy {
  return { allowLoopback: allowLoopback && mode !== 'live' };
}

export type DestinationCheck = { ok: true; url: string } | { ok: false; message: string };

const LOOPBACK = 'a loopback address (localhost, 127.0.0.0/8, ::1)';

export function checkDestinationUrl(input: string, mode: Mode, policy: EgressPolicy): DestinationCheck {
  const refuse = (message: string): DestinationCheck => ({ ok: false, message });
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

  const kind = classifyHost(url.hostname, writtenHost(authority[2]!));
  if (kind.kind === 'refused') return refuse(kind.message);
  if (kind.kind === 'loopback') {
    if (mode === 'live') return refuse(`The URL must not point to ${LOOPBACK} in live mode.`);
    if (!policy.allowLoopback)
      return refuse(`The URL must not point to ${LOOPBACK}: this gateway delivers only to public hosts.`);
    return { ok: true, url: url.href };
  }
  if (url.protocol !== 'https:')
    return refuse(
      policy.allowLoopback
        ? 'The URL must use https; http is allowed only to a loopback address (localhost, 127.0.0.1, [::1]).'
        : 'The URL must use https.',
    );
  return { ok: true, url: url.href };
}

/**
 * An address a hostname resolved to, or an IP literal about to be connected to: null when the
 * policy allows it, else why not (for the operator's log, never the partner's).
 */
export function vetAddress(address: string, policy: EgressPolicy): string | null {
  const kind = classifyAddress(address);
  if (!kind) return `${address} is not an IP address`;
  if (kind.kind === 'public') return null;
  if (kind.kind === 'loopback') return policy.allowLoopback ? null : `loopback ${address}`;
  return kind.reason;
}

/**
 * A destination the policy refuses, raised before any packet leaves. Its code is what the delivery
 * log keys on: every refused or internal address gets the same entry, so the log says nothing
 * about which internal ports are open.
 */
export const EGRESS_REFUSED = 'EGRESS_REFUSED';

export class EgressRefused extends Error {
  readonly code = EGRESS_REFUSED;
  constructor(readonly reason: string) {
    super('egress refused: the destination is not a permitted address');
    this.name = 'EgressRefused';
  }
}

type HostKind = { kind: 'public' } | { kind: 'loopback' } | { kind: 'refused'; message: string };

/** The host as written in the authority, without the port, lower case. */
function writtenHost(authority: string): string {
  const lower = authority.toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.lastIndexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}

function hostKind(kind: AddressKind): HostKind {
  return kind.kind === 'refused'
    ? { kind: 'refused', message: `The URL must not point to ${kind.reason}.` }
    : kind;
}

function classifyHost(host: string, written: string): HostKind {
  if (host.startsWith('[')) return hostKind(classifyIpv6(host.slice(1, -1)));
  const v4 = parseDottedIpv4(host);
  if (v4 !== null) {
    // The parser also reads 2130706433, 0x7f.1, 0177.0.0.1, 127.1 and %31… as 127.0.0.1: the same
    // address in a spelling that filters and people misread. Only the canonical form is accepted.
    if (written !== host)
      return {
        kind: 'refused',
        message: `The URL writes the IPv4 address ${host} in a non-standard form; write it as ${host}.`,
      };
    return hostKind(classifyIpv4(v4));
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
