// Node only (ioredis, node:crypto): imported by the Node runtime entry, never from Workers code.
import { createHash } from 'node:crypto';
import { Redis as IORedis } from 'ioredis';
import type { Logger } from '../logger';
import type { RateLimiter } from './types';
import {
  type RatelimitRedis,
  UpstashAlgorithmLimiter,
  type UpstashAlgorithmOptions,
} from './upstash-algorithm';

// Upstash's scripts open with `#!lua flags=allow-key-locking`: open-source Redis 7 rejects the
// unknown flag and Redis < 7 any shebang, so the line is dropped before a script is sent.
const SHEBANG = /^#!lua[^\n]*(\n|$)/;

export function stripLuaShebang(script: string): string {
  return script.replace(SHEBANG, '');
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

type ScriptArg = string | number | boolean | null | undefined | object;

function toRedisArg(value: ScriptArg): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * The two calls @upstash/ratelimit makes on its client — `evalsha(hash, keys, args)` and, when
 * that fails with NOSCRIPT, `eval(script, keys, args)` — over ioredis. The hashes the library
 * sends are SHA1s of the scripts WITH the shebang, which Redis never sees; so an unknown hash
 * answers NOSCRIPT here without a round trip, the library follows with `eval(source)`, and from
 * then on that hash maps to the SHA1 of the stripped source, which is what Redis has cached.
 * Replies are ioredis's (integers as numbers, nested arrays): the sliding window returns integers.
 */
export class IoRedisScriptAdapter {
  readonly #client: IORedis;
  /** Library hash (of the original source) → stripped source and its own SHA1. */
  readonly #scripts = new Map<string, { source: string; sha: string }>();

  constructor(client: IORedis) {
    this.#client = client;
  }

  async evalsha(hash: string, keys: string[], args: ScriptArg[]): Promise<unknown> {
    const script = this.#scripts.get(hash);
    if (!script) throw new Error(`NOSCRIPT no stripped script for ${hash} yet`);
    return this.#run(script, keys, args);
  }

  async eval(source: string, keys: string[], args: ScriptArg[]): Promise<unknown> {
    const hash = sha1(source);
    let script = this.#scripts.get(hash);
    if (!script) {
      const stripped = stripLuaShebang(source);
      script = { source: stripped, sha: sha1(stripped) };
      this.#scripts.set(hash, script);
    }
    return this.#run(script, keys, args);
  }

  async #run(script: { source: string; sha: string }, keys: string[], args: ScriptArg[]): Promise<unknown> {
    const argv = [...keys, ...args.map(toRedisArg)];
    try {
      return await this.#client.evalsha(script.sha, keys.length, ...argv);
    } catch (err) {
      // Redis restarted or SCRIPT FLUSH: EVAL sends the source and caches it again.
      if (!String(err).includes('NOSCRIPT')) throw err;
      return this.#client.eval(script.source, keys.length, ...argv);
    }
  }
}

export interface RedisRateLimiterOptions extends UpstashAlgorithmOptions {
  /** REDIS_URL: redis://[user:password@]host:port[/db] or rediss:// for TLS. */
  url: string;
  /** Connection errors are logged here (calls meanwhile throw RateLimiterUnavailableError). */
  logger?: Logger;
}

/** Counters in a Redis server (open-source Redis ≥ 6, Valkey, …), shared by all Node processes. */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  const client = new IORedis(options.url, {
    // RESP2, as the Upstash scripts assume; fail a command after one reconnect attempt instead of
    // queueing it for long: the limiter's own timeout bounds each call anyway.
    protocol: 2,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
  });
  let lastLogged = 0;
  client.on('error', (err: unknown) => {
    // ioredis emits on every reconnect attempt; one line per 10 s is enough to notice an outage.
    const now = Date.now();
    if (now - lastLogged < 10_000) return;
    lastLogged = now;
    options.logger?.warn('rate limiter redis connection error', { error: String(err) });
  });
  const adapter = new IoRedisScriptAdapter(client);
  return new UpstashAlgorithmLimiter('redis', adapter as unknown as RatelimitRedis, {
    prefix: options.prefix,
    timeoutMs: options.timeoutMs,
    onClose: async () => {
      // QUIT waits for a connection; while reconnecting there is none to wait for.
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  });
}
