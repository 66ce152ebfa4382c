import { defineConfig } from 'vitest/config';

/** The shop end to end: a real gateway and the shop on 127.0.0.1, the shopper in headless Chromium. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
