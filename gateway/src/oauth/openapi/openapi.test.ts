import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../platform/openapi';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { clientAuth, createTestApp, pkcePair, tokenRequest } from '../../testing/oauth';
import { authorizationServerMetadata } from '../endpoints/metadata';

let gw: TestGateway;
type Doc = { paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, Schema> } };
type Op = { tags?: string[]; responses: Record<string, { content?: Record<string, { schema: Schema }> }> };
type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
};
let doc: Doc;

beforeAll(async () => {
  gw = await createTestGateway();
  doc = openApiDocument(gw.app, 'http://127.0.0.1:8787') as unknown as Doc;
});
afterAll(() => gw.close());

/** Enough JSON Schema for these answers: $ref, type object, required members and enums. */
function problems(schema: Schema, value: unknown, at = '$'): string[] {
  const s = schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!]! : schema;
  if (s.enum && !s.enum.includes(value)) return [`${at} is not one of ${JSON.stringify(s.enum)}`];
  if (s.type !== 'object') return [];
  if (typeof value !== 'object' || value === null) return [`${at} is not an object`];
  const v = value as Record<string, unknown>;
  const out = (s.required ?? []).filter((k) => !(k in v)).map((k) => `${at}.${k} is missing`);
  for (const [k, p] of Object.entries(s.properties ?? {}))
    if (k in v) out.push(...problems(p, v[k], `${at}.${k}`));
  return out;
}

function expectDocumented(
  method: string,
  path: string,
  res: { status: number; headers: Headers; body: unknown },
) {
  const op = doc.paths[path]?.[method];
  expect(op, `${method} ${path} is documented`).toBeDefined();
  const declared = op!.responses[String(res.status)];
  expect(declared, `${method} ${path} declares ${res.status}`).toBeDefined();
  const type = (res.headers.get('Content-Type') ?? '').split(';')[0]!;
  if (!declared!.content) return;
  const content = declared!.content[type];
  expect(content, `${method} ${path} ${res.status} declares ${type}`).toBeDefined();
  expect(problems(content!.schema, res.body)).toEqual([]);
}

describe('the OpenAPI document tells the truth about the OAuth endpoints', () => {
  it('documents every OAuth and discovery route the app serves, with its method, tagged OAuth', () => {
    // The pages' own form posts and stylesheet are the customer's HTML, not the protocol surface.
    const internal = [
      ...['login', 'otp', 'offer', 'decision'].map((step) => `/oauth/authorize/${step}`),
      '/oauth/assets/pages.css',
    ];
    const served = gw.app.routes
      .filter(
        (r) => r.method !== 'ALL' && /^\/(oauth|\.well-known)\//.test(r.path) && !internal.includes(r.path),
      )
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([a-z_]+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThan(8);
    for (const route of served) {
      const [method, path] = route.split(' ') as [string, string];
      expect(doc.paths[path]?.[method]?.tags, route).toEqual(['OAuth']);
    }
  });

  it('declares every member the discovery document answers, and the answer matches its schema', async () => {
    const declared = Object.keys(doc.components.schemas.OAuthServerMetadata!.properties!).sort();
    expect(declared).toEqual(Object.keys(authorizationServerMetadata('http://x')).sort());
    expectDocumented(
      'get',
      '/.well-known/oauth-authorization-server',
      await gw.client.get('/.well-known/oauth-authorization-server'),
    );
    expectDocumented('get', '/oauth/jwks', await gw.client.get('/oauth/jwks'));
  });

  it('answers PAR success and invalid_request with a status, type and body the document declares', async () => {
    const app = await createTestApp(gw);
    const { challenge } = await pkcePair();
    const params = {
      response_type: 'code',
      redirect_uri: 'http://127.0.0.1:4000/callback',
      scope: 'payments:read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    };
    const ok = await gw.client.request('POST', '/oauth/par', await clientAuth(gw, app, params));
    expect(ok.status).toBe(201);
    expectDocumented('post', '/oauth/par', ok);
    const bad = await gw.client.request(
      'POST',
      '/oauth/par',
      await clientAuth(gw, app, { ...params, state: 'x'.repeat(513) }),
    );
    expect(bad.status).toBe(400);
    expectDocumented('post', '/oauth/par', bad);
  });

  it('answers token success, invalid_grant and invalid_client as the document declares', async () => {
    const app = await createTestApp(gw);
    const ok = await tokenRequest(gw, app, { grant_type: 'client_credentials' });
    expect(ok.status).toBe(200);
    expectDocumented('post', '/oauth/token', ok);
    const bad = await tokenRequest(gw, app, { grant_type: 'authorization_code', code: 'nope' });
    expect(bad.body.error).toBe('invalid_grant');
    expectDocumented('post', '/oauth/token', bad);
    const noClient = await gw.client.request('POST', '/oauth/token', {
      body: 'grant_type=client_credentials',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(noClient.status).toBe(401);
    expectDocumented('post', '/oauth/token', noClient);
  });
});
