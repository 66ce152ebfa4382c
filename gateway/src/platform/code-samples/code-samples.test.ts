import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_PATH, readSdkSamples, serializeSdkSamples } from '../../../scripts/code-samples';
import { generateOpenApiDocument } from '../../openapi-document';
import { type Components, resolve, type Schema } from './schema-example';

type Sample = { lang: string; label: string; source: string };
type Op = {
  operationId: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
  'x-codeSamples'?: Sample[];
};

const doc = generateOpenApiDocument();
const components = doc.components as Components;

function operations() {
  return Object.values(doc.paths ?? {}).flatMap((item) =>
    Object.values(item as Record<string, Op>).filter((op) => typeof op?.operationId === 'string'),
  );
}

const curlOf = (op: Op) => op['x-codeSamples']?.find((s) => s.lang === 'cURL')?.source ?? '';
const isPage = (op: Op) =>
  Object.entries(op.responses ?? {}).some(
    ([status, r]) => status.startsWith('2') && 'text/html' in (r.content ?? {}),
  );
const bodySchema = (op: Op, type: string) => resolve(op.requestBody?.content?.[type]?.schema, components);
const formOps = () => operations().filter((op) => bodySchema(op, 'application/x-www-form-urlencoded'));

describe('reference code samples', () => {
  it('has a TypeScript sample in sdk/samples for every operation of the document (see sdk/samples/README.md)', () => {
    const samples = readSdkSamples();
    const missing = operations()
      .map((op) => op.operationId)
      .filter((id) => !samples[id]);
    expect(missing, 'add sdk/samples/<operationId>.ts, then npm run openapi').toEqual([]);
  });

  it('has no sample file for an operation the document does not have', () => {
    const ids = new Set(operations().map((op) => op.operationId));
    expect(Object.keys(readSdkSamples()).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('embeds exactly the sample files (run `npm run openapi` after changing sdk/samples)', () => {
    expect(readFileSync(EMBEDDED_PATH, 'utf8')).toBe(serializeSdkSamples());
  });

  it('puts the SDK sample first and curl second in x-codeSamples of every operation, as served', () => {
    const samples = readSdkSamples();
    for (const op of operations()) {
      const [ts, curl] = op['x-codeSamples'] ?? [];
      expect(ts, op.operationId).toEqual({
        lang: 'TypeScript',
        label: '@tessera/sdk',
        source: samples[op.operationId],
      });
      expect(curl?.lang, op.operationId).toBe('cURL');
      if (!isPage(op)) expect(curl?.source, op.operationId).toMatch(/^curl /m);
    }
  });

  it('explains the DPoP proof and the Bearer alternative in the curl sample of every OAuth-protected operation', () => {
    const protectedOps = operations().filter((op) => op.security?.some((s) => 'oauth2' in s));
    expect(protectedOps.length).toBeGreaterThan(0);
    for (const op of protectedOps) {
      const curl = op['x-codeSamples']?.[1]?.source ?? '';
      expect(curl, op.operationId).toContain('-H "Authorization: DPoP $ACCESS_TOKEN"');
      expect(curl, op.operationId).toContain('-H "DPoP: $DPOP_PROOF"');
      expect(curl, op.operationId).toContain('curl cannot sign it');
      expect(curl, op.operationId).toContain('-H "Authorization: Bearer $ACCESS_TOKEN" and no DPoP header');
    }
  });

  it('sends an Idempotency-Key in the curl sample of every operation that declares the header', () => {
    const idempotent = operations().filter((op) =>
      op.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
    );
    expect(idempotent.length).toBeGreaterThan(0);
    for (const op of idempotent)
      expect(op['x-codeSamples']?.[1]?.source, op.operationId).toContain('Idempotency-Key: $(uuidgen)');
  });

  it("a form-encoded operation's curl sample sends each required parameter with --data-urlencode", () => {
    expect(formOps().map((op) => op.operationId)).toEqual(
      expect.arrayContaining(['pushAuthorizationRequest', 'createToken', 'revokeToken', 'introspectToken']),
    );
    for (const op of formOps()) {
      const curl = curlOf(op);
      expect(curl, op.operationId).not.toMatch(/^\s*-d /m);
      for (const name of bodySchema(op, 'application/x-www-form-urlencoded')?.required ?? [])
        expect(curl, `${op.operationId} ${name}`).toMatch(new RegExp(`--data-urlencode ['"]${name}=`));
    }
    // The schema's stated values are sent as they are; the others are explained shell variables.
    const par = curlOf(operations().find((op) => op.operationId === 'pushAuthorizationRequest')!);
    expect(par).toContain(`--data-urlencode 'code_challenge_method=S256'`);
    expect(par).toContain(`--data-urlencode 'scope=payments:write payments:read'`);
    expect(par).toContain(`--data-urlencode "redirect_uri=$REDIRECT_URI"`);
    expect(par).toMatch(/^# REDIRECT_URI: /m);
  });

  it("a form-encoded operation's curl sample authenticates the client with a private_key_jwt assertion, or -u for client_secret_basic sandbox apps", () => {
    const authenticated = formOps().filter(
      (op) => 'client_assertion' in (bodySchema(op, 'application/x-www-form-urlencoded')?.properties ?? {}),
    );
    expect(authenticated.length).toBe(4);
    for (const op of authenticated) {
      const curl = curlOf(op);
      expect(curl, op.operationId).toMatch(/--data-urlencode 'client_id=app_\w+'/);
      expect(curl, op.operationId).toContain(
        `--data-urlencode 'client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer'`,
      );
      expect(curl, op.operationId).toContain(`--data-urlencode "client_assertion=$CLIENT_ASSERTION"`);
      expect(curl, op.operationId).toContain('CLIENT_ASSERTION is a JWT the app signs');
      expect(curl, op.operationId).toContain('client_secret_basic sends -u "$CLIENT_ID:$CLIENT_SECRET"');
    }
  });

  it('explains the DPoP proof in the curl sample of every authorization-server operation that takes a DPoP header', () => {
    const dpop = formOps().filter((op) => op.parameters?.some((p) => p.in === 'header' && p.name === 'DPoP'));
    expect(dpop.map((op) => op.operationId).sort()).toEqual(['createToken', 'pushAuthorizationRequest']);
    for (const op of dpop) {
      expect(curlOf(op), op.operationId).toContain('-H "DPoP: $DPOP_PROOF"');
      expect(curlOf(op), op.operationId).toContain('curl cannot sign it');
    }
  });

  it('an operation that answers an HTML page gets a URL for the customer’s browser, not a curl command', () => {
    const pages = operations().filter(isPage);
    expect(pages.map((op) => op.operationId)).toEqual(['authorize']);
    for (const op of pages) {
      const sample = curlOf(op);
      expect(sample, op.operationId).not.toMatch(/^curl /m);
      expect(sample, op.operationId).toMatch(/^# Not a curl call: open this URL in the customer’s browser/);
      const url = new URL(sample.split('\n').at(-1) ?? '');
      for (const p of op.parameters?.filter((x) => x.in === 'query' && x.required) ?? [])
        expect(url.searchParams.has(p.name), `${op.operationId} ${p.name}`).toBe(true);
    }
  });

  it('sends the token of a Bearer security scheme (DCR initial and registration access tokens, staff) and says where it comes from', () => {
    const schemes = components.securitySchemes ?? {};
    const bearerOps = operations().filter((op) =>
      op.security?.some((s) =>
        Object.keys(s).some((n) => n !== 'developerToken' && schemes[n]?.scheme === 'bearer'),
      ),
    );
    expect(bearerOps.map((op) => op.operationId)).toEqual(
      expect.arrayContaining([
        'registerClient',
        'getRegisteredClient',
        'updateRegisteredClient',
        'deleteRegisteredClient',
      ]),
    );
    for (const op of bearerOps) {
      const variable = /-H "Authorization: Bearer \$(\w+)"/.exec(curlOf(op))?.[1];
      expect(variable, op.operationId).toBeDefined();
      expect(curlOf(op), op.operationId).toMatch(new RegExp(`^# ${variable}: `, 'm'));
    }
    expect(curlOf(bearerOps.find((op) => op.operationId === 'registerClient')!)).toContain(
      '$INITIAL_ACCESS_TOKEN',
    );
    expect(curlOf(bearerOps.find((op) => op.operationId === 'deleteRegisteredClient')!)).toContain(
      '$REGISTRATION_ACCESS_TOKEN',
    );
  });

  it('the JSON body of a curl sample has every required member of the request schema and no null', () => {
    for (const op of operations()) {
      const schema = bodySchema(op, 'application/json');
      if (!schema) continue;
      const json = /^\s*-d '(.*)'$/m.exec(curlOf(op))?.[1] ?? '';
      const body = JSON.parse(json.replaceAll("'\\''", "'")) as Record<string, unknown>;
      for (const name of schema.required ?? [])
        expect(body, `${op.operationId} ${name}`).toHaveProperty(name);
      expect(json, op.operationId).not.toMatch(/\bnull\b/);
    }
  });
});
