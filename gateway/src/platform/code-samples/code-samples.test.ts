import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_PATH, readSdkSamples, serializeSdkSamples } from '../../../scripts/code-samples';
import { generateOpenApiDocument } from '../../openapi-document';

type Sample = { lang: string; label: string; source: string };
type Op = {
  operationId: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  'x-codeSamples'?: Sample[];
};

function operations() {
  const doc = generateOpenApiDocument();
  return Object.values(doc.paths ?? {}).flatMap((item) =>
    Object.values(item as Record<string, Op>).filter((op) => typeof op?.operationId === 'string'),
  );
}

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
      expect(curl?.source, op.operationId).toMatch(/^curl /m);
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
});
