import { createHash, randomUUID } from 'node:crypto';
import { Redis as UpstashRedis } from '@upstash/redis/cloudflare';
import { Redis as IORedis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../test-support/redis-server';
import { startUpstashRestServer, type UpstashRestServer } from '../../../test-support/upstash-rest';
import { ManualClock } from '../clock';
import {
  createRateLimiter,
  type RateLimiter,
  RateLimiterUnavailableError,
  type RateLimitResult,
} from './index';
import { createNodeRateLimiter } from './node';
import { createRedisRateLimiter, IoRedisScriptAdapter, stripLuaShebang } from './redis';
import { createUpstashRateLimiter } from './upstash';

/**
 * One contract, three backings: memory (a manual clock), redis (a real redis-server) and upstash
 * (the real @upstash/redis client against a REST stand-in that forwards to the same server).
 */
interface Subject {
  limiter: RateLimiter;
  now(): number;
  /** Until epoch ms `at`: moves the manual clock, or sleeps. */
  waitUntil(at: number): Promise<void>;
}

// Tests that do not wait use an hour-long window, so their calls share one fixed window; the
// tests that wait use a short real one, which bounds the suite's time.
const LONG_MS = 3_600_000;
const SHORT_MS = 500;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
const realTime = (limiter: RateLimiter): Subject => ({
  limiter,
  now: () => Date.now(),
  waitUntil: (at) => sleep(at - Date.now()),
});

let redis: RedisServer;
let rest: UpstashRestServer;

function describeRateLimiterContract(name: string, makeLimiter: () => Promise<Subject>): void {
  describe(`rate limiter contract: ${name}`, () => {
    let s: Subject;
    beforeAll(async () => {
      s = await makeLimiter();
    });
    afterAll(async () => {
      await s?.limiter.close();
    });

    const fresh = (label: string) => `${label}:${randomUUID()}`;
    const calls = async (key: string, n: number, rule: { limit: number; windowMs: number }) => {
      const out: RateLimitResult[] = [];
      for (let i = 0; i < n; i++) out.push(await s.limiter.limit(key, rule));
      return out;
    };
    /** Waits for the next fixed window when fewer than `needMs` remain in this one. */
    const roomFor = async (windowMs: number, needMs: number) => {
      const left = windowMs - (s.now() % windowMs);
      if (left < needMs) await s.waitUntil(s.now() + left + 1);
    };

    it('names its backing', () => {
      expect(s.limiter.backing).toBe(name);
    });

    it('allows up to the limit, counting remaining down, then refuses', async () => {
      await roomFor(LONG_MS, 5_000);
      const rule = { limit: 5, windowMs: LONG_MS };
      const results = await calls(fresh('app_count'), 7, rule);
      expect(results.map((r) => r.success)).toEqual([true, true, true, true, true, false, false]);
      expect(results.map((r) => r.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0]);
      expect(results.every((r) => r.limit === 5)).toBe(true);
    });

    it("keeps keys independent: one app's exhaustion leaves another's untouched", async () => {
      await roomFor(LONG_MS, 5_000);
      const rule = { limit: 2, windowMs: LONG_MS };
      const [a, b] = [fresh('app_a'), fresh('app_b')];
      await calls(a, 3, rule);
      expect((await s.limiter.limit(a, rule)).success).toBe(false);
      const other = await s.limiter.limit(b, rule);
      expect(other).toMatchObject({ success: true, remaining: 1 });
    });

    it('reports resetMs as the end of the current window, in the future', async () => {
      const windowMs = 60_000;
      await roomFor(windowMs, 5_000);
      const key = fresh('app_reset');
      const before = s.now();
      const [allowed, refused] = await calls(key, 2, { limit: 1, windowMs });
      const after = s.now();
      const windowEnd = (Math.floor(before / windowMs) + 1) * windowMs;
      expect(refused?.success).toBe(false);
      for (const r of [allowed, refused]) {
        expect(r?.resetMs).toBe(windowEnd);
        expect(r?.resetMs).toBeGreaterThan(after);
        expect(r?.resetMs).toBeLessThanOrEqual(before + windowMs);
      }
    });

    it('applies a changed limit for the same key on the next call, keeping the count', async () => {
      await roomFor(LONG_MS, 5_000);
      const key = fresh('app_plan');
      const three = await calls(key, 4, { limit: 3, windowMs: LONG_MS });
      expect(three.map((r) => r.success)).toEqual([true, true, true, false]);

      const five = await calls(key, 3, { limit: 5, windowMs: LONG_MS });
      expect(five.map((r) => [r.success, r.remaining, r.limit])).toEqual([
        [true, 1, 5],
        [true, 0, 5],
        [false, 0, 5],
      ]);

      const two = await s.limiter.limit(key, { limit: 2, windowMs: LONG_MS });
      expect(two).toMatchObject({ success: false, remaining: 0, limit: 2 });
    });

    it('counts the same key under another window separately', async () => {
      await roomFor(LONG_MS, 5_000);
      const key = fresh('app_windows');
      await calls(key, 2, { limit: 2, windowMs: LONG_MS });
      expect((await s.limiter.limit(key, { limit: 2, windowMs: LONG_MS })).success).toBe(false);
      expect(await s.limiter.limit(key, { limit: 2, windowMs: LONG_MS / 2 })).toMatchObject({
        success: true,
        remaining: 1,
      });
    });

    it('allows again as the window passes: part at once, all after two windows', async () => {
      await roomFor(SHORT_MS, 250);
      const key = fresh('app_window');
      const rule = { limit: 3, windowMs: SHORT_MS };
      const first = await calls(key, 4, rule);
      expect(first.map((r) => r.success)).toEqual([true, true, true, false]);
      const resetMs = first[3]!.resetMs;

      // Just past the boundary the 3 earlier requests still weigh floor(3 × (1 − elapsed)) = 2.
      await s.waitUntil(resetMs + 20);
      expect((await s.limiter.limit(key, rule)).success).toBe(true);

      // A whole window later nothing of the first window counts any more.
      await s.waitUntil(resetMs + SHORT_MS + 20);
      const later = await calls(key, 4, rule);
      expect(later.map((r) => r.success)).toEqual([true, true, true, false]);
    });

    it('allows exactly the limit out of concurrent calls (50 at once, limit 20)', async () => {
      await roomFor(LONG_MS, 5_000);
      const key = fresh('app_burst');
      const rule = { limit: 20, windowMs: LONG_MS };
      const results = await Promise.all(Array.from({ length: 50 }, () => s.limiter.limit(key, rule)));
      const allowed = results.filter((r) => r.success);
      expect(allowed).toHaveLength(20);
      // Each admitted call saw a distinct count: the check and the increment are one step.
      expect(allowed.map((r) => r.remaining).sort((x, y) => x - y)).toEqual(
        Array.from({ length: 20 }, (_, i) => i),
      );
    });

    it('refuses everything under a limit of 0', async () => {
      const result = await s.limiter.limit(fresh('app_zero'), { limit: 0, windowMs: LONG_MS });
      expect(result).toMatchObject({ success: false, remaining: 0, limit: 0 });
    });

    it('rejects a malformed rule instead of guessing', async () => {
      const key = fresh('app_bad');
      for (const rule of [
        { limit: -1, windowMs: 1_000 },
        { limit: 1.5, windowMs: 1_000 },
        { limit: Number.NaN, windowMs: 1_000 },
        { limit: 1, windowMs: 0 },
        { limit: 1, windowMs: 2.5 },
      ]) {
        await expect(s.limiter.limit(key, rule)).rejects.toThrow(RangeError);
      }
    });
  });
}

describeRateLimiterContract('memory', async () => {
  // A window-aligned start: the manual clock never crosses a boundary unless a test moves it.
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const limiter = await createRateLimiter({ RATE_LIMIT_BACKING: 'memory' }, { clock });
  return {
    limiter,
    now: () => clock.now().getTime(),
    waitUntil: async (at) => {
      const ms = at - clock.now().getTime();
      if (ms > 0) clock.advance(ms);
    },
  };
});

// One redis-server for the file. Without redis-server installed this block fails, naming the
// apt package; it is never skipped.
describe('on a real redis-server', () => {
  beforeAll(async () => {
    redis = await startRedisServer();
    rest = await startUpstashRestServer({ redisUrl: redis.url });
  });

  afterAll(async () => {
    await rest?.stop();
    await redis?.stop();
  });

  describeRateLimiterContract('redis', async () =>
    realTime(
      await createNodeRateLimiter(
        { RATE_LIMIT_BACKING: 'redis', REDIS_URL: redis.url },
        { prefix: `contract-redis-${randomUUID()}` },
      ),
    ),
  );

  describeRateLimiterContract('upstash', async () =>
    realTime(
      await createRateLimiter(
        {
          RATE_LIMIT_BACKING: 'upstash',
          UPSTASH_REDIS_REST_URL: rest.url,
          UPSTASH_REDIS_REST_TOKEN: rest.token,
        },
        { prefix: `contract-upstash-${randomUUID()}` },
      ),
    ),
  );

  const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

  describe('redis backing: Upstash scripts on open-source Redis', () => {
    let client: IORedis;
    beforeAll(() => {
      client = new IORedis(redis.url, { protocol: 2 });
    });
    afterAll(async () => {
      await client.quit();
    });

    it('strips only a leading #!lua line', () => {
      expect(stripLuaShebang('#!lua flags=allow-key-locking\n  return 1\n')).toBe('  return 1\n');
      expect(stripLuaShebang('return 1 --#!lua\n')).toBe('return 1 --#!lua\n');
      expect(stripLuaShebang('-- x\n#!lua\nreturn 1')).toBe('-- x\n#!lua\nreturn 1');
    });

    it('runs shebang scripts by the SHA1 of the stripped source, and survives SCRIPT FLUSH', async () => {
      const source = '#!lua flags=allow-key-locking\nreturn {ARGV[1], tonumber(ARGV[2]) + 1}';
      const stripped = 'return {ARGV[1], tonumber(ARGV[2]) + 1}';
      // Plain Redis refuses Upstash's flag: this is why the adapter exists.
      await expect(client.eval(source, 0)).rejects.toThrow(/shebang|flag/i);

      const adapter = new IoRedisScriptAdapter(client);
      // Not seen yet: NOSCRIPT without a round trip, so @upstash/ratelimit falls back to eval.
      await expect(adapter.evalsha(sha1(source), [], ['a', 1])).rejects.toThrow(/NOSCRIPT/);
      expect(await adapter.eval(source, [], ['a', 1])).toEqual(['a', 2]);
      expect(await client.script('EXISTS', sha1(stripped), sha1(source))).toEqual([1, 0]);
      expect(await adapter.evalsha(sha1(source), [], ['b', 2])).toEqual(['b', 3]);

      await client.script('FLUSH');
      expect(await adapter.evalsha(sha1(source), [], ['c', 3])).toEqual(['c', 4]);
    });

    it('keeps limiting after Redis forgets its scripts', async () => {
      const limiter = createRedisRateLimiter({ url: redis.url, prefix: `flush-${randomUUID()}` });
      try {
        const rule = { limit: 2, windowMs: LONG_MS };
        expect((await limiter.limit('app_flush', rule)).success).toBe(true);
        await client.script('FLUSH');
        expect(await limiter.limit('app_flush', rule)).toMatchObject({ success: true, remaining: 0 });
        expect((await limiter.limit('app_flush', rule)).success).toBe(false);
      } finally {
        await limiter.close();
      }
    });

    it('throws RateLimiterUnavailableError when Redis does not answer', async () => {
      const limiter = createRedisRateLimiter({ url: 'redis://127.0.0.1:1', timeoutMs: 300 });
      try {
        await expect(limiter.limit('app_down', { limit: 1, windowMs: 1_000 })).rejects.toBeInstanceOf(
          RateLimiterUnavailableError,
        );
      } finally {
        await limiter.close();
      }
    });
  });

  describe('upstash backing: the REST stand-in', () => {
    it('answers @upstash/redis: base64 replies, pipelines, transactions, scripts, auth', async () => {
      const client = new UpstashRedis({ url: rest.url, token: rest.token, enableTelemetry: false });
      const key = `fixture:${randomUUID()}`;
      expect(await client.set(key, 'żółw ✓')).toBe('OK');
      expect(await client.get(key)).toBe('żółw ✓');
      expect(await client.pipeline().incr(`${key}:n`).incr(`${key}:n`).get(`${key}:n`).exec()).toEqual([
        1, 2, 2,
      ]);
      expect(await client.multi().incr(`${key}:m`).incrby(`${key}:m`, 4).exec()).toEqual([1, 5]);
      expect(await client.eval('#!lua flags=allow-key-locking\nreturn ARGV[1]', [], ['hi'])).toBe('hi');
      await expect(client.evalsha('0'.repeat(40), [], [])).rejects.toThrow(/NOSCRIPT/);

      const intruder = new UpstashRedis({
        url: rest.url,
        token: 'wrong',
        enableTelemetry: false,
        retry: false,
      });
      await expect(intruder.get(key)).rejects.toThrow(/Unauthorized/);
    });

    it('carries the upstash backing (so the contract above really went over REST)', async () => {
      const before = rest.commands;
      const limiter = createUpstashRateLimiter({
        url: rest.url,
        token: rest.token,
        prefix: `rest-${randomUUID()}`,
      });
      expect((await limiter.limit('app_rest', { limit: 1, windowMs: LONG_MS })).success).toBe(true);
      expect(rest.commands).toBeGreaterThan(before);
    });

    it('throws RateLimiterUnavailableError when the REST endpoint does not answer', async () => {
      const limiter = createUpstashRateLimiter({ url: 'http://127.0.0.1:1', token: 't', timeoutMs: 500 });
      await expect(limiter.limit('app_down', { limit: 1, windowMs: 1_000 })).rejects.toBeInstanceOf(
        RateLimiterUnavailableError,
      );
    });
  });
});
