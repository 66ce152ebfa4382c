import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { MemoryRateLimiter } from './memory';

const START = Date.UTC(2026, 0, 1);
const WINDOW_MS = 10_000;
const rule = { limit: 10, windowMs: WINDOW_MS };

describe('memory rate limiter', () => {
  it("weighs the previous window by its overlap, as Upstash's sliding window does", async () => {
    const clock = new ManualClock(START);
    const limiter = new MemoryRateLimiter({ clock });
    for (let i = 0; i < 10; i++) await limiter.limit('k', rule);

    // 30 % into the next window the 10 earlier requests weigh floor(10 × 0.7) = 7: 3 more fit.
    clock.advance(WINDOW_MS + 3_000);
    const next = [];
    for (let i = 0; i < 4; i++) next.push(await limiter.limit('k', rule));
    expect(next.map((r) => [r.success, r.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);

    // 60 % in: floor(10 × 0.4) + 3 = 7, so 3 more again.
    clock.advance(3_000);
    expect((await limiter.limit('k', rule)).remaining).toBe(2);
  });

  it('sweeps counters whose windows have both ended', async () => {
    const clock = new ManualClock(START);
    const limiter = new MemoryRateLimiter({ clock, sweepEveryMs: 1_000 });
    for (let i = 0; i < 100; i++) await limiter.limit(`app_${i}`, rule);
    expect(limiter.size).toBe(100);

    clock.advance(2 * WINDOW_MS);
    await limiter.limit('app_new', rule);
    expect(limiter.size).toBe(1);
  });

  it('holds at most maxKeys counters, dropping the least recently used', async () => {
    const clock = new ManualClock(START);
    const limiter = new MemoryRateLimiter({ clock, maxKeys: 3 });
    const one = { limit: 1, windowMs: WINDOW_MS };
    await limiter.limit('a', one);
    await limiter.limit('b', one);
    await limiter.limit('c', one);
    expect((await limiter.limit('a', one)).success).toBe(false); // touches a: b is now the oldest
    await limiter.limit('d', one);
    expect(limiter.size).toBe(3);
    expect((await limiter.limit('a', one)).success).toBe(false);
    expect((await limiter.limit('b', one)).success).toBe(true); // forgotten, so it starts afresh
  });

  it('forgets everything on close', async () => {
    const limiter = new MemoryRateLimiter({ clock: new ManualClock(START) });
    await limiter.limit('k', rule);
    await limiter.close();
    expect(limiter.size).toBe(0);
  });
});
