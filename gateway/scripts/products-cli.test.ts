import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productTeamMember } from '../src/products/api-products/test-support';
import { createTestGateway, type TestGateway } from '../src/testing/harness';
import { describeError, runProductsCli } from './products-cli';

const EXAMPLE = fileURLToPath(new URL('../../examples/internal-rewards', import.meta.url));
let gw: TestGateway;

beforeAll(async () => {
  gw = await createTestGateway();
});
afterAll(() => gw.close());

const cli = (...argv: string[]) => runProductsCli(argv, gw.services, EXAMPLE);

describe('npm run products (the product teams’ CLI)', () => {
  it('publish runs Spectral’s oas ruleset and the publishing rules, then lists, deprecates and retires', async () => {
    const member = await productTeamMember(gw, 'rewards');
    const published = await cli(
      'publish',
      './rewards.openapi.json',
      '--upstream',
      'http://127.0.0.1:4100',
      '--as',
      member.email,
    );
    expect(published).toContain('"status": "published"');
    expect(published).toMatch(/Spectral warning/);
    expect(await cli('list')).toMatch(/^rewards\tpublished\trewards\t1\.0\.0/);
    expect(await cli('grant', gw.seed.appId, 'rewards')).toContain('rewards:read');
    expect(
      await cli('deprecate', 'rewards', '--sunset', '2027-06-30T00:00:00Z', '--as', member.email),
    ).toContain('"status": "deprecated"');
    expect(await cli('retire', 'rewards', '--as', member.email)).toContain('"status": "retired"');
    const again = await cli('retire', 'rewards', '--as', member.email).catch(describeError);
    expect(again).toMatch(/^product_state_conflict/);
  });

  it('a document Spectral finds errors in is not published', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'products-cli-'));
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({ openapi: '3.1.0', info: { title: 'x' }, paths: {} }),
    );
    const out = await runProductsCli(
      ['publish', 'bad.json', '--upstream', 'http://127.0.0.1:4100'],
      gw.services,
      dir,
    ).catch(describeError);
    expect(out).toMatch(/Spectral \(oas\) found errors/);
  });
});
