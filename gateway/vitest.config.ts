import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

const migrations = await readD1Migrations(fileURLToPath(new URL('./src/db/migrations', import.meta.url)));

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
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
          exclude: ['src/**/*.workers.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        plugins: [
          cloudflareTest({
            // main, the D1 binding and [vars] come from the real config, so tests run what deploys.
            wrangler: { configPath: fileURLToPath(new URL('../wrangler.toml', import.meta.url)) },
            miniflare: { bindings: { TEST_MIGRATIONS: migrations, LOG_LEVEL: 'silent' } },
          }),
        ],
        test: {
          name: 'workers',
          include: ['src/**/*.workers.test.ts'],
          setupFiles: ['src/testing/d1-setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
