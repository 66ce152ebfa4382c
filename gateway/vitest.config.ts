import { defineConfig } from 'vitest/config';

/**
 * Two projects: `node` runs every test against libsql (a fresh temp-file database per test file);
 * `workers` runs the runtime-sensitive suites inside workerd against D1 with the same migrations.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['src/**/*.workers.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
