/**
 * Gray release (DOMAIN.md "Published API products"): an app's version comes from a stable hash of
 * its id, so one partner sees one version; the canary is rolled back when, over its last 50+
 * requests, its 5xx rate exceeds the stable's by more than 2 percentage points or its p99
 * latency exceeds twice the stable's.
 */

export const DEFAULT_CANARY_SHARE = 10;
/**
 * Below this, p99 latencies count as equal. Over a canary's first 50-100 calls the p99 is about
 * its slowest call, so one GC pause or busy core (tens of ms, on either version) would roll back
 * a healthy canary whose stable twin answers in 2 ms; a regression that matters is slower.
 */
export const P99_FLOOR_MS = 100;
export const MIN_CANARY_SAMPLE = 50;
/** How many recent calls each version's window keeps. */
export const WINDOW = 200;

const encoder = new TextEncoder();

/** FNV-1a over the UTF-8 bytes with MurmurHash3's finaliser: ids differ mostly in their last bytes. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Whether the app's calls go to the canary: salted by product, so each product splits afresh. */
export function takesCanary(productId: string, appId: string, sharePercent: number): boolean {
  return (hash32(`${productId}:${appId}`) / 2 ** 32) * 100 < sharePercent;
}

export interface Outcome {
  status: number;
  latencyMs: number;
}

export interface VersionStats {
  requests: number;
  errorRate: number;
  p50Ms: number;
  p99Ms: number;
}

/** A version's recent calls on this instance. */
export class VersionWindow {
  #outcomes: Outcome[] = [];
  total = 0;

  record(o: Outcome): void {
    this.total++;
    this.#outcomes.push(o);
    if (this.#outcomes.length > WINDOW) this.#outcomes.shift();
  }

  stats(): VersionStats {
    const n = this.#outcomes.length;
    const latencies = this.#outcomes.map((o) => o.latencyMs).sort((a, b) => a - b);
    const at = (q: number) => (n ? latencies[Math.min(n - 1, Math.ceil(q * n) - 1)]! : 0);
    return {
      requests: n,
      errorRate: n ? this.#outcomes.filter((o) => o.status >= 500).length / n : 0,
      p50Ms: Math.round(at(0.5) * 10) / 10,
      p99Ms: Math.round(at(0.99) * 10) / 10,
    };
  }
}

/** Why the canary must go, or null while it may stay. */
export function rollbackReason(stable: VersionStats, canary: VersionStats): string | null {
  if (canary.requests < MIN_CANARY_SAMPLE) return null;
  if (canary.errorRate > stable.errorRate + 0.02)
    return `5xx rate ${pct(canary.errorRate)} against the stable version's ${pct(stable.errorRate)}`;
  if (stable.requests > 0 && canary.p99Ms > 2 * Math.max(stable.p99Ms, P99_FLOOR_MS))
    return `p99 latency ${canary.p99Ms} ms against the stable version's ${stable.p99Ms} ms`;
  return null;
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
