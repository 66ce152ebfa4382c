import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Miniflare } from 'miniflare';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './gateway.ts';
import { folderOutsideWorkspace, npmInstall, packSdk, partnerEnv } from './packed.ts';

/**
 * Consumer projects built from the SDK's dist, as stripe-node's testProjects: a Node ESM script, a
 * Cloudflare Worker bundled by wrangler (esbuild) and run in workerd, a type test, and a partner's
 * program installed from the packed tarball outside the workspace.
 */
const run = promisify(execFile);
const sdkDir = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(sdkDir, '..', 'node_modules', '.bin', name);
const projects = join(sdkDir, 'test-projects');
const outDir = mkdtempSync(join(tmpdir(), 'tessera-sdk-worker-'));

let gw: TestGateway;
let workerBuild: Promise<{ stdout: string; stderr: string }>;
let typeCheck: Promise<{ stdout: string; stderr: string }>;
let tarball: string;
const packDir = folderOutsideWorkspace('tessera-sdk-pack-');
const devVersion = (name: string) =>
  (
    JSON.parse(readFileSync(join(sdkDir, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    }
  ).devDependencies[name];

beforeAll(async () => {
  const gateway = startGateway();
  // The package as consumers get it: npm pack, whose prepack builds dist/ (exports: types + import).
  rmSync(join(sdkDir, 'dist'), { recursive: true, force: true });
  tarball = await packSdk(packDir);
  workerBuild = run(bin('wrangler'), ['deploy', '--dry-run', '--outdir', outDir], {
    cwd: join(projects, 'worker'),
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
  });
  typeCheck = run(bin('tsc'), ['-p', join(projects, 'types', 'tsconfig.json')], { cwd: sdkDir });
  // Settle them here so a failure is reported by its own test, not as an unhandled rejection.
  workerBuild.catch(() => {});
  typeCheck.catch(() => {});
  gw = await gateway;
}, 120_000);
afterAll(async () => {
  await gw?.close();
  rmSync(outDir, { recursive: true, force: true });
  rmSync(packDir, { recursive: true, force: true });
});

describe('consumer projects', () => {
  it('node-esm: imports @tessera/sdk from dist through the exports map and calls the gateway', async () => {
    expect(JSON.parse(readFileSync(join(sdkDir, 'package.json'), 'utf8')).exports['.']).toEqual({
      types: './dist/index.d.ts',
      import: './dist/index.js',
    });
    const { stdout } = await run(process.execPath, [join(projects, 'node-esm', 'index.mjs')], {
      cwd: join(projects, 'node-esm'),
      env: {
        ...process.env,
        TESSERA_BASE_URL: gw.url,
        TESSERA_CLIENT_ID: gw.demo.clientId,
        TESSERA_CLIENT_SECRET: gw.demo.clientSecret,
        TESSERA_REDIRECT_URI: gw.demo.redirectUri,
      },
    });
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(out).toMatchObject({
      consentId: expect.stringMatching(/^csn_/),
      band: expect.any(String),
      notFound: true,
    });
    expect(out.requestId).toMatch(/^req_/);
  });

  it('worker: wrangler bundles it without nodejs_compat, the bundle has no Node imports, and it runs in workerd', async () => {
    await workerBuild;
    const bundle = join(outDir, 'index.js');
    expect(existsSync(bundle)).toBe(true);
    const code = readFileSync(bundle, 'utf8');
    expect(code).not.toMatch(/from\s*["']node:|require\(["']node:|import\(["']node:/);
    expect(code).toContain('dpop+jwt');

    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const mf = new Miniflare({
      modules: true,
      modulesRoot: outDir,
      scriptPath: bundle,
      compatibilityDate: '2026-04-20',
      bindings: {
        TESSERA_BASE_URL: gw.url,
        TESSERA_CLIENT_ID: gw.demo.clientId,
        TESSERA_CLIENT_SECRET: gw.demo.clientSecret,
        TESSERA_REDIRECT_URI: gw.demo.redirectUri,
        WEBHOOK_SECRET: secret,
      },
    });
    try {
      const res = await mf.dispatchFetch('http://worker.test/score');
      const body = (await res.json()) as { consentId: string; band: string };
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(body).toMatchObject({ consentId: expect.stringMatching(/^csn_/), band: expect.any(String) });

      const event = JSON.stringify({
        id: 'evt_1',
        object: 'event',
        type: 'consent.revoked',
        data: { object: {} },
      });
      const at = new Date();
      const hook = await mf.dispatchFetch('http://worker.test/webhooks', {
        method: 'POST',
        body: event,
        headers: {
          'webhook-id': 'evt_1',
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': new Webhook(secret).sign('evt_1', at, event),
        },
      });
      expect(await hook.json()).toEqual({ received: 'consent.revoked', id: 'evt_1' });
    } finally {
      await mf.dispose();
    }
  });

  it('types: tsc --noEmit on the built declarations; wrong bodies and unknown paths fail to compile', async () => {
    await expect(typeCheck).resolves.toBeDefined();
  });

  it('partner: the packed tarball, installed outside the workspace, compiles with tsc --strict (NodeNext) and runs', async () => {
    const listed = (await run('tar', ['tzf', tarball])).stdout.split('\n');
    expect(listed).toContain('package/dist/index.js');
    expect(listed).toContain('package/dist/index.d.ts');
    expect(listed).toContain('package/CHANGELOG.md');
    expect(listed.some((f) => f.startsWith('package/test'))).toBe(false);

    const dir = folderOutsideWorkspace('tessera-partner-');
    try {
      cpSync(join(projects, 'partner'), dir, { recursive: true });
      await npmInstall(dir, [
        tarball,
        `typescript@${devVersion('typescript')}`,
        `@types/node@${devVersion('@types/node')}`,
      ]);
      const installed = JSON.parse(
        readFileSync(join(dir, 'node_modules', '@tessera', 'sdk', 'package.json'), 'utf8'),
      ) as { private?: boolean; version: string };
      expect(installed.private).toBeUndefined();
      await run(join(dir, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json', '--strict'], {
        cwd: dir,
      }).catch((err: { stdout?: string }) => {
        throw new Error(`tsc --strict failed:\n${err.stdout}`);
      });
      const { stdout } = await run(process.execPath, [join(dir, 'dist', 'index.js')], {
        cwd: dir,
        env: partnerEnv({
          TESSERA_BASE_URL: gw.url,
          TESSERA_CLIENT_ID: gw.demo.clientId,
          TESSERA_CLIENT_SECRET: gw.demo.clientSecret,
          TESSERA_REDIRECT_URI: gw.demo.redirectUri,
        }),
      });
      expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({
        paymentId: expect.stringMatching(/^pay_/),
        status: 'succeeded',
        reference: 'PARTNER-1',
        listed: true,
        settled: true,
        notFound: true,
        requestId: expect.stringMatching(/^req_/),
        forgedRefused: true,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
