import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spectralFindings } from '../../../scripts/spectral-oas';
import { serializeDocumentWithPublished } from '../../openapi-document';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import type { SignedIn } from '../developer/test-support';
import { productDocument, productTeamMember, publish } from './test-support';

type Operation = {
  operationId: string;
  tags: string[];
  deprecated?: boolean;
  description?: string;
  security: Record<string, string[]>[];
  responses: Record<string, { $ref?: string; headers?: Record<string, unknown>; 'x-error-codes'?: string[] }>;
  'x-error-codes'?: string[];
};
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  tags: { name: string; description?: string; 'x-product'?: string; 'x-deprecated'?: boolean }[];
  components: {
    schemas: Record<string, unknown>;
    securitySchemes: { oauth2: { flows: Record<string, { scopes: Record<string, string> }> } };
  };
};

let gw: TestGateway;
let member: SignedIn;

beforeAll(async () => {
  gw = await createTestGateway();
  member = await productTeamMember(gw, 'rewards');
  // Both stand in for a running service: publishing stores the URL, nothing here calls it.
  // Miles' own operationIds (getMilesBalance…), as a team writing its document would name them.
  const miles = JSON.parse(
    JSON.stringify(productDocument('miles')).replaceAll(/("operationId":"[a-z]+)Rewards/g, '$1Miles'),
  );
  for (const document of [productDocument('rewards'), miles])
    expect((await publish(gw, member.token, { document, upstream_url: 'http://127.0.0.1:9' })).status).toBe(
      201,
    );
  const deprecated = await gw.client.post(
    '/v1/developer/admin/products/miles/deprecate',
    { sunset_at: '2027-06-30T00:00:00Z' },
    member.token,
  );
  expect(deprecated.status, deprecated.text).toBe(200);
});

afterAll(() => gw.close());

const served = async () => (await gw.client.get<Doc>('/openapi.json')).body;
/** Every $ref of the document resolves in it. */
function unresolvedRefs(doc: unknown): string[] {
  const missing: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') {
        const target = v
          .slice(2)
          .split('/')
          .reduce<unknown>(
            (n, key) => (n as Record<string, unknown> | undefined)?.[key.replaceAll('~1', '/')],
            doc,
          );
        if (target === undefined) missing.push(v);
      } else walk(v);
    }
  };
  walk(doc);
  return missing;
}

describe('the merged OpenAPI document (built-in and published operations)', () => {
  it('GET /openapi.json serves each published product’s operations under the product’s tag', async () => {
    const doc = await served();
    expect(doc.paths).toHaveProperty('/v1/payments');
    const tag = doc.tags.find((t) => t['x-product'] === 'rewards')!;
    expect(tag.name).toBe('rewards');
    const balance = doc.paths['/v1/rewards/balance']!.get!;
    expect(balance.operationId).toBe('getRewardsBalance');
    expect(balance.tags).toEqual([tag.name]);
    // The platform's scheme, which now lists the product's scopes with the customer-facing text.
    expect(balance.security).toEqual([{ oauth2: ['rewards:read'] }]);
    const scopes = doc.components.securitySchemes.oauth2.flows.authorizationCode!.scopes;
    expect(scopes['rewards:read']).toBe('See your rewards points balance and history');
    // What the gateway answers in front of the upstream is declared too.
    expect(balance.responses['502']?.['x-error-codes']).toEqual(['upstream_error']);
    expect(balance.responses['504']?.['x-error-codes']).toEqual(['upstream_timeout']);
    expect(balance['x-error-codes']).toContain('insufficient_scope');
    // The team's components, under the product's name, every reference resolving.
    expect(doc.components.schemas).toHaveProperty('RewardsBalance');
    expect(doc.components.schemas).toHaveProperty('MilesBalance');
    expect(unresolvedRefs(doc)).toEqual([]);
  });

  it('marks a deprecated product’s operations deprecated, with its sunset and the headers they answer with', async () => {
    const doc = await served();
    const tag = doc.tags.find((t) => t['x-product'] === 'miles')!;
    expect(tag['x-deprecated']).toBe(true);
    expect(tag.description).toMatch(/^\*\*Deprecated\*\*: retired on 2027-06-30/);
    for (const op of Object.values(doc.paths['/v1/miles/balance']!)) {
      expect(op.deprecated).toBe(true);
      expect(op.description).toMatch(/retired on 2027-06-30/);
      expect(Object.keys(op.responses['200']!.headers!)).toEqual(
        expect.arrayContaining(['Deprecation', 'Sunset']),
      );
    }
    expect(doc.paths['/v1/rewards/balance']!.get!.deprecated).toBeUndefined();
  });

  it('prefixes an operationId another product took with the product’s id; a retired product leaves', async () => {
    const other = await productTeamMember(gw, 'stars');
    await publish(gw, other.token, {
      document: productDocument('stars'),
      upstream_url: 'http://127.0.0.1:9',
    });
    const before = await served();
    expect(before.paths['/v1/rewards/balance']!.get!.operationId).toBe('getRewardsBalance');
    expect(before.paths['/v1/stars/balance']!.get!.operationId).toBe('starsGetRewardsBalance');
    await gw.client.post('/v1/developer/admin/products/stars/retire', undefined, other.token);
    const doc = await served();
    expect(doc.paths).not.toHaveProperty('/v1/stars/balance');
    expect(doc.tags.map((t) => t['x-product'])).not.toContain('stars');
  });

  it('`npm run openapi -- --with-published` writes a document Spectral’s oas ruleset finds no error in', async () => {
    const text = await serializeDocumentWithPublished(gw.services.db);
    const doc = JSON.parse(text) as Doc;
    expect(doc.paths['/v1/rewards/earnings']!.post!.tags).toEqual(['rewards']);
    const errors = (await spectralFindings(text, 'openapi.published.json')).filter(
      (f) => f.severity === 'error',
    );
    expect(errors).toEqual([]);
  }, 60_000);

  it('the SDK’s generator types the published operations from it', async () => {
    const text = await serializeDocumentWithPublished(gw.services.db);
    const sdk = (await import(new URL('../../../../sdk/scripts/generate.mjs', import.meta.url).href)) as {
      generate(text: string): Promise<Record<'openapi.ts' | 'operations.ts', string>>;
    };
    const files = await sdk.generate(text);
    expect(files['openapi.ts']).toContain('"/v1/rewards/balance": {');
    expect(files['openapi.ts']).toMatch(/RewardsBalance: \{/);
    expect(files['operations.ts']).toMatch(
      /"getRewardsBalance": \{\s+"method": "get",\s+"path": "\/v1\/rewards\/balance"/,
    );
    expect(files['operations.ts']).toContain('"getMilesBalance"');
    expect(files['operations.ts']).toMatch(/'upstream_timeout'/);
  }, 60_000);
});
