import { defineConfig } from 'vitest/config';

/** The ride-hailing backend end to end: a real gateway and the app on 127.0.0.1, the rider in headless Chromium. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts a gateway (and one a browser): one at a time on a small machine.
    fileParallelism: false,
  },
});
