import type { Mode } from '../../platform/context';

/**
 * Where the country of a request comes from, for the location_anomaly risk signal.
 *
 * On Workers, Cloudflare sets `CF-IPCountry` from its own geo-IP on every request (a client's own
 * value is replaced). The Node runtime has no geo-IP: a proxy in front of it should set the same
 * header and strip any the client sent. `X-Country` is honoured for sandbox apps only, so partners
 * and tests can reproduce a location_anomaly decision; a live request never chooses its country.
 * A forged country can only hide the signal, which a VPN does as well, so no decision relies on it
 * alone (one signal makes the risk level medium, not high).
 */
export const EDGE_COUNTRY_HEADER = 'CF-IPCountry';
export const SANDBOX_COUNTRY_HEADER = 'X-Country';

/** Cloudflare's values for "unknown" and "Tor exit node": no country. */
const NOT_A_COUNTRY = new Set(['XX', 'T1']);

export function requestCountry(header: (name: string) => string | undefined, mode: Mode): string | null {
  const candidates = [header(EDGE_COUNTRY_HEADER)];
  if (mode === 'sandbox') candidates.unshift(header(SANDBOX_COUNTRY_HEADER));
  for (const raw of candidates) {
    const value = raw?.trim().toUpperCase();
    if (value && /^[A-Z][A-Z0-9]$/.test(value) && !NOT_A_COUNTRY.has(value)) return value;
  }
  return null;
}
