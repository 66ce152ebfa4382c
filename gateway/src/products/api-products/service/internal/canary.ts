/**
 * Gray release (DOMAIN.md "Published API products"): an app's version comes from a stable hash of
 * its id, so one partner sees one version; the canary is rolled back when, over its last 50+
 * requests, its 5xx rate exceeds the stable's by more than 2 percentage points or its p99
 * latency exceeds twice the stable's.
 */

export const DEFAULT_CANARY_SHARE = 10;
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

  outcomes(): readonly Outcome[] {
    return this.#outcomes;
  }

  /** For people (the admin API): latencies rounded to 0.1 ms. The rule uses the exact values. */
  stats(): VersionStats {
    const n = this.#outcomes.length;
    return {
      requests: n,
      errorRate: n ? serverErrors(this.#outcomes) / n : 0,
      p50Ms: Math.round(quantile(this.#outcomes, 0.5) * 10) / 10,
      p99Ms: Math.round(quantile(this.#outcomes, 0.99) * 10) / 10,
    };
  }
}

const serverErrors = (outcomes: readonly Outcome[]) => outcomes.filter((o) => o.status >= 500).length;

/** Nearest rank: the smallest latency at or above the q-th share of the calls. */
function quantile(outcomes: readonly Outcome[], q: number): number {
  const n = outcomes.length;
  if (n === 0) return 0;
  const sorted = outcomes.map((o) => o.latencyMs).sort((a, b) => a - b);
  return sorted[Math.min(n - 1, Math.ceil(q * n) - 1)]!;
}

/**
 * Why the canary must go, or null while it may stay: DOMAIN.md's rule over the two versions'
 * recent outcomes, exactly. The 5xx comparison is in integers (errors × counts), so a canary
 * exactly 2 points above the stable is not rolled back by a rounding error.
 */
export function rollbackReason(stable: readonly Outcome[], canary: readonly Outcome[]): string | null {
  const n = canary.length;
  const m = stable.length;
  if (n < MIN_CANARY_SAMPLE) return null;
  const canaryErrors = serverErrors(canary);
  const stableErrors = m ? serverErrors(stable) : 0;
  // canary/n > stable/m + 2/100  ⇔  100·canary·m > 100·stable·n + 2·n·m (m = 0: the stable's rate is 0)
  const above = m ? 100 * canaryErrors * m > 100 * stableErrors * n + 2 * n * m : 100 * canaryErrors > 2 * n;
  if (above)
    return `5xx rate ${pct(canaryErrors / n)} against the stable version's ${pct(m ? stableErrors / m : 0)}`;
  if (m === 0) return null;
  const canaryP99 = quantile(canary, 0.99);
  const stableP99 = quantile(stable, 0.99);
  if (canaryP99 > 2 * stableP99)
    return `p99 latency ${ms(canaryP99)} ms against the stable version's ${ms(stableP99)} ms`;
  return null;
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const ms = (v: number) => Math.round(v * 10) / 10;
