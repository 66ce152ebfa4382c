import { defineConfig } from 'vitest/config';

/**
 * The SDK against real gateways started in-process (../gateway/src/runtime/node.ts, which vitest
 * transpiles), each test file with its own on a free port and a temp data directory.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Test files share a worker's module cache: the gateway's modules are transpiled once per worker.
    isolate: false,
    testTimeout: 30_000,
    // test/timeouts.test.ts forces garbage collections during a request (globalThis.gc).
    execArgv: ['--expose-gc'],
    hookTimeout: 60_000,
  },
});
