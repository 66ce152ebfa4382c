import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ONLY_SCOPES } from './consents/lifecycle';
import { createDpopKey } from './oauth/dpop-testing';
import { checkLedgerInvariants } from './platform/ledger';
import { openApiDocument } from './platform/openapi';
import { Contract } from './testing/contract';
import { createTestGateway, type TestGateway } from './testing/harness';
import { apiAs, appToken, createTestApp, customerAccess } from './testing/oauth';

/**
 * The document as a fuzzer sees it: for every operation, requests generated from its own schemas
 * (a valid one from the examples, then mutated: fields missing, null, of the wrong type, too long,
 * negative, unknown; junk query values and ids), sent with real auth for the operation's security.
 * Every answer must be documented for that operation and valid against it, and none a 5xx.
 */

type Json = Record<string, unknown>;
type Doc = { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };

let gw: TestGateway;
let doc: Doc;
let contract: Contract;
let send: Record<
  'customer' | 'app' | 'developer' | 'none',
  (
    m: string,
    p: string,
    b?: unknown,
    h?: Record<string, string>,
  ) => Promise<{ status: number; headers: Headers; text: string }>
>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  gw = await createTestGateway();
  doc = openApiDocument(gw.app, gw.services.config.PUBLIC_URL) as unknown as Doc;
  contract = new Contract(doc as never);
  const app = await createTestApp(gw, { fapi: true });
  const customer = await customerAccess(gw, {
    app,
    scope: 'consents:read payments:read funds:confirm credit:prequalify credit:offers loans:read loans:write',
    authorization_details: [
      {
        type: 'payment_initiation',
        max_amount_per_payment: { amount: 5_000, currency: 'USD' },
        max_amount_per_period: { amount: 50_000, currency: 'USD' },
        period: 'month',
      },
      { type: 'credit_score', purpose: 'account_review', detail: 'full' },
      { type: 'credit_line', max_draw_amount: { amount: 100_000, currency: 'USD' } },
    ],
  });
  const key = await createDpopKey();
  const admin = apiAs(gw, await appToken(gw, app, undefined, key), key);
  const developer = gw.seed.developerApiToken!.token;
  send = {
    customer: customer.call,
    app: admin,
    developer: (m, p, b, h = {}) =>
      gw.client.request(m, p, { body: b, headers: { Authorization: `Bearer ${developer}`, ...h } }),
    none: (m, p, b, h = {}) => gw.client.request(m, p, { body: b, headers: h }),
  };
  // Real objects, so id paths reach past 404.
  const payment = await customer.call<{ id: string }>(
    'POST',
    '/v1/payments',
    { amount: { amount: 1_000, currency: 'USD' } },
    { 'Idempotency-Key': crypto.randomUUID() },
  );
  ids.payment = payment.body.id;
  ids.consent = customer.consentId;
  ids.app = app.id;
  const endpoint = await admin<{ id: string }>('POST', '/v1/webhook-endpoints', {
    url: 'http://127.0.0.1:9/hook',
    enabled_events: ['payment.succeeded'],
  });
  ids.endpoint = endpoint.body.id;
  const events = await admin<{ data: { id: string }[] }>('GET', '/v1/events');
  ids.event = events.body.data[0]?.id ?? 'evt_missing';
});
afterAll(async () => {
  expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  gw.close();
});

function resolve(schema: Json | undefined): Json {
  let s = schema ?? {};
  for (let i = 0; typeof s.$ref === 'string' && i < 10; i++) {
    s = doc.components.schemas[(s.$ref as string).split('/').pop()!] ?? {};
  }
  return s;
}

/** A value the schema accepts, from its examples where it has them. */
function sample(schema: Json | undefined, depth = 0): unknown {
  const s = resolve(schema);
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if (Array.isArray(s.enum)) return s.enum[0];
  const alt = (s.anyOf ?? s.oneOf ?? s.allOf) as Json[] | undefined;
  if (alt?.length) return sample(alt[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'object' || s.properties) {
    if (depth > 6) return {};
    const out: Json = {};
    for (const k of (s.required as string[] | undefined) ?? [])
      out[k] = sample((s.properties as Json)?.[k] as Json, depth + 1);
    return out;
  }
  if (type === 'array') return [sample(s.items as Json, depth + 1)];
  if (type === 'integer' || type === 'number') return (s.minimum as number | undefined) ?? 1;
  if (type === 'boolean') return true;
  if (s.format === 'date-time') return '2026-11-22T10:00:00Z';
  if (s.format === 'date') return '2026-11-22';
  if (s.format === 'uri' || s.format === 'url') return 'https://shop.example/x';
  if (s.format === 'email') return 'fuzz@shop.example';
  return 'x';
}

const JUNK: unknown[] = [null, '', 'x'.repeat(5_000), -1, 1.5, 2 ** 60, true, {}, [], '\u0000', 'ünïcødé🙂'];

/** The valid body, then each field (top level and one below) missing or replaced by junk. */
function bodies(schema: Json | undefined): unknown[] {
  const valid = sample(schema);
  const out: unknown[] = [valid, {}, [], 'text', 42, null, { ...(valid as Json), unknown_field: 1 }];
  if (valid && typeof valid === 'object' && !Array.isArray(valid)) {
    for (const [k, v] of Object.entries(valid)) {
      const { [k]: _dropped, ...without } = valid as Json;
      out.push(without);
      for (const junk of JUNK) out.push({ ...(valid as Json), [k]: junk });
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        for (const inner of Object.keys(v)) {
          out.push({ ...(valid as Json), [k]: { ...(v as Json), [inner]: 'junk' } });
          out.push({ ...(valid as Json), [k]: { ...(v as Json), [inner]: -5 } });
        }
      }
    }
  }
  return out;
}

function idFor(name: string, template: string): string[] {
  const known =
    name === 'endpoint_id'
      ? ids.endpoint
      : template.includes('/consents/')
        ? ids.consent
        : template.includes('/payments/')
          ? ids.payment
          : template.includes('/events/')
            ? ids.event
            : template.includes('/webhook-endpoints/')
              ? ids.endpoint
              : template.startsWith('/v1/developer/apps/')
                ? ids.app
                : 'missing_0000000000000000';
  return [known ?? 'x', 'x', '%00', 'a'.repeat(300)];
}

function caller(op: Json): keyof typeof send {
  const security = (op.security as Record<string, string[]>[] | undefined) ?? [];
  if (security.length === 0) return 'none';
  if (security[0]!.developerToken) return 'developer';
  const scopes = security[0]!.oauth2 ?? [];
  // Scopes only an app holds for itself (merchant money among them), and consents:write, which an
  // app token holds for every consent it was given.
  const appLevel = [...APP_ONLY_SCOPES, 'consents:write'];
  return scopes.length === 0 || scopes.some((s) => appLevel.includes(s)) ? 'app' : 'customer';
}

describe('fuzzing every operation from its own schemas', () => {
  it('answers every generated request as documented, never a 5xx', async () => {
    const failures: string[] = [];
    let sent = 0;
    const statuses = new Map<number, number>();
    // Deletions last: revoking the consent or deleting the endpoint first would leave the rest
    // of the run nothing but 401s and 404s.
    const operations = Object.entries(doc.paths)
      .flatMap(([template, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ template, method, op })),
      )
      .sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
    for (const { template, method, op } of operations) {
      if ((op.tags as string[] | undefined)?.includes('Test')) continue;
      // Signing out would end the session the rest of the run uses.
      if (template === '/v1/developer/signout') continue;
      const params = (op.parameters as Json[] | undefined) ?? [];
      const pathParams = params.filter((p) => p.in === 'path');
      const query = params.filter((p) => p.in === 'query');
      const paths = [template.replace(/\{([^}]+)\}/g, (_m, n: string) => idFor(n, template)[0]!)];
      for (const p of pathParams) {
        for (const alt of idFor(p.name as string, template).slice(1)) {
          paths.push(template.replace(`{${p.name}}`, encodeURIComponent(alt)).replace(/\{([^}]+)\}/g, 'x'));
        }
      }
      const queries = [''];
      for (const q of query)
        for (const v of ['0', '-1', 'abc', '9999-99-99', 'x'.repeat(300), ''])
          queries.push(`?${encodeURIComponent(q.name as string)}=${encodeURIComponent(v)}`);
      const body = (op.requestBody as Json | undefined)?.content as
        | Record<string, { schema?: Json }>
        | undefined;
      const payloads = body ? bodies(body['application/json']?.schema) : [undefined];
      const who = caller(op);
      const requests: { path: string; body: unknown }[] = [
        ...paths.map((path) => ({ path, body: payloads[0] })),
        ...queries.slice(1).map((q) => ({ path: `${paths[0]}${q}`, body: payloads[0] })),
        ...payloads.slice(1).map((b) => ({ path: paths[0]!, body: b })),
      ];
      for (const r of requests) {
        const res = await send[who](method.toUpperCase(), r.path, r.body, {
          'Idempotency-Key': crypto.randomUUID(),
        });
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const problems = contract.check(method, `http://127.0.0.1:8787${r.path}`, res);
        if (res.status >= 500) problems.push(`${method.toUpperCase()} ${r.path} → ${res.status}`);
        for (const p of problems)
          failures.push(
            `${p}\n  body sent: ${JSON.stringify(r.body)?.slice(0, 200)}\n  answer: ${res.text.slice(0, 300)}`,
          );
      }
    }
    expect(sent).toBeGreaterThan(500);
    if (process.env.FUZZ_STATS) console.log(sent, [...statuses].sort());
    // Most requests must get past auth: a fuzzer that only collects 401s tests nothing.
    expect((statuses.get(401) ?? 0) + (statuses.get(403) ?? 0)).toBeLessThan(sent / 4);
    expect([...statuses.keys()].filter((s) => s < 300).length).toBeGreaterThan(0);
    expect(failures, failures.slice(0, 20).join('\n')).toEqual([]);
  });
});
