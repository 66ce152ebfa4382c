import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, startNodeGateway } from '../../gateway/src/runtime/node';
import { folderOutsideWorkspace, partnerEnv } from '../../sdk/test/packed';
import { type CodeBlock, codeBlocks } from './support/code-blocks';
import { PORTAL_DIR, REPO_DIR } from './support/paths';

/**
 * The quickstart (docs/getting-started.mdx) followed literally, as a new partner does: its shell
 * blocks run unchanged, in order, in one bash session, each where its title says; its file blocks
 * are written under their titles. The one step the test does itself is `npm start`: a gateway
 * in-process, whose data directory is the `gateway/.data` of a checkout made of links to this one.
 */
const run = promisify(execFile);
const PAGE = join(PORTAL_DIR, 'docs', 'getting-started.mdx');
const blocks = codeBlocks(PAGE);

let gw: RunningGateway;
let dataDir: string;
let checkout: string;
let outside: string;

/** A checkout whose files are this repository's, except gateway/.data: the test gateway's. */
function linkedCheckout(): string {
  const dir = folderOutsideWorkspace('tessera-checkout-');
  for (const name of readdirSync(REPO_DIR))
    if (name !== 'gateway' && name !== '.git' && !name.endsWith('.tgz'))
      symlinkSync(join(REPO_DIR, name), join(dir, name));
  mkdirSync(join(dir, 'gateway'));
  for (const name of readdirSync(join(REPO_DIR, 'gateway')))
    if (name !== '.data') symlinkSync(join(REPO_DIR, 'gateway', name), join(dir, 'gateway', name));
  symlinkSync(dataDir, join(dir, 'gateway', '.data'));
  return dir;
}

/** Where each title of a shell block says to run it. */
const PLACES: Record<string, () => string> = {
  'In the repository': () => checkout,
  'Outside the repository': () => outside,
  'In first-payment/': () => join(outside, 'first-payment'),
};

/** One bash script: each shell block in its place, each file block written where the script is. */
function script(steps: CodeBlock[]): string {
  const lines = ['set -euo pipefail'];
  for (const block of steps) {
    if (block.lang === 'sh') {
      const place = block.title === undefined ? undefined : PLACES[block.title];
      if (!place) throw new Error(`line ${block.line}: no place for a shell block titled ${block.title}`);
      lines.push(`cd '${place()}'`, block.code);
    } else {
      lines.push(`cat > '${block.title}' <<'QUICKSTART_EOF'`, block.code, 'QUICKSTART_EOF');
    }
  }
  return lines.join('\n');
}

async function bash(code: string): Promise<string> {
  const env = partnerEnv();
  for (const key of Object.keys(env)) if (key.startsWith('TESSERA_')) delete env[key];
  try {
    const { stdout } = await run('bash', ['-c', code], { env, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    throw new Error(`the quickstart failed:\n${stdout}\n${stderr}`);
  }
}

/** The page's sample payment (the JSON block after "The answer is `201`"). */
function samplePayment(): Record<string, unknown> {
  const sample = blocks.find((b) => b.lang === 'json' && b.code.includes('"object": "payment"'));
  if (!sample) throw new Error('the quickstart shows no payment');
  return JSON.parse(sample.code) as Record<string, unknown>;
}

/** The same fields, each null or of the same JSON type, as the sample shows. */
function shapeOf(value: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v]),
  );
}

async function paymentFromApi(id: string): Promise<Record<string, unknown>> {
  const creds = JSON.parse(readFileSync(join(dataDir, 'sandbox.json'), 'utf8')) as {
    client_id: string;
    client_secret: string;
  };
  const basic = Buffer.from(`${creds.client_id}:${creds.client_secret}`).toString('base64');
  const token = (await (
    await fetch(`${gw.url}/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    })
  ).json()) as { access_token: string };
  const res = await fetch(`${gw.url}/v1/payments/${id}`, {
    headers: { Authorization: `Bearer ${token.access_token}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tessera-quickstart-data-'));
  gw = await startNodeGateway({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  checkout = linkedCheckout();
  outside = folderOutsideWorkspace('tessera-partner-');
});
afterAll(async () => {
  await gw?.close();
  for (const dir of [checkout, outside, dataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the quickstart, copied and run unchanged', () => {
  const credentials = blocks.filter((b) => b.lang === 'sh' && b.tab === undefined && b.title !== undefined);
  const sdk = blocks.filter((b) => b.tab === 'sdk' && (b.lang === 'sh' || b.lang === 'ts'));
  const curl = blocks.filter((b) => b.tab === 'curl' && b.lang === 'sh');

  it('reads the credentials from environment variables, not from a path in the repository', () => {
    expect(credentials.map((b) => b.code).join('\n')).toMatch(/export TESSERA_CLIENT_SECRET=/);
    for (const block of [...sdk, ...curl])
      expect(block.code, `line ${block.line}`).not.toContain('sandbox.json');
    const program = sdk.find((b) => b.lang === 'ts')!;
    expect(program.code).toContain('process.env.TESSERA_CLIENT_SECRET');
  });

  it('SDK: installs the packed SDK in a new folder, makes a payment and verifies its webhook', async () => {
    const stdout = await bash(script([...credentials, ...sdk]));
    const [paid, hooked] = stdout.trim().split('\n').slice(-2);
    expect(paid).toMatch(/^pay_\w+ succeeded$/);
    expect(hooked).toBe('webhook payment.succeeded verified');
    // The output the page shows is the output one gets.
    const shown = blocks.find((b) => b.tab === 'sdk' && b.lang === 'text')!.code.split('\n');
    expect(shown[0]).toMatch(/^pay_\w+ succeeded$/);
    expect(shown[1]).toBe(hooked);

    const payment = await paymentFromApi(paid!.split(' ')[0]!);
    expect(payment).toMatchObject({ description: 'Order 1001', reference: 'ORDER-1001' });
    expect(shapeOf(samplePayment())).toEqual(shapeOf(payment));
  }, 240_000);

  it('curl: the same payment with curl, jq and openssl, answered as the sample shows', async () => {
    const stdout = await bash(
      script([...credentials, ...curl.map((b) => ({ ...b, title: 'Outside the repository' }))]),
    );
    const [head, body] = stdout.split(/\r?\n\r?\n/);
    expect(head).toMatch(/^HTTP\/1\.1 201/);
    const payment = JSON.parse(body!) as Record<string, unknown>;
    expect(shapeOf(samplePayment())).toEqual(shapeOf(payment));
    const sample = samplePayment();
    for (const key of [
      'object',
      'amount',
      'status',
      'failure_code',
      'failure_message',
      'description',
      'reference',
    ])
      expect(payment[key], key).toEqual(sample[key]);
  }, 60_000);
});
