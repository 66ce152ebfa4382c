import { defineConfig } from 'vitest/config';

/**
 * The portal's tests: static checks of the production build, and the console end to end in
 * headless Chromium against a real gateway. The build is made once per run (test/global-setup.ts)
 * and reused while nothing it is built from changed.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One browser and one gateway at a time: the machine has two cores.
    fileParallelism: false,
  },
});
