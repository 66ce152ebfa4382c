import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script without types
import { DOCUMENT_PATH, GENERATED_DIR, generate } from '../scripts/generate.mjs';
import { idempotentOperations, operations } from '../src/generated/operations.ts';

describe('src/generated/', () => {
  it('is up to date with openapi/openapi.json (run `npm run sdk:generate` when this fails)', async () => {
    const files = (await generate()) as Record<string, string>;
    for (const [name, expected] of Object.entries(files)) {
      const onDisk = readFileSync(join(GENERATED_DIR, name), 'utf8');
      expect(onDisk, `sdk/src/generated/${name} is stale: run npm run sdk:generate`).toBe(expected);
    }
  });

  it('says it is generated and never edited by hand', () => {
    for (const name of ['openapi.ts', 'operations.ts']) {
      expect(readFileSync(join(GENERATED_DIR, name), 'utf8')).toMatch(
        /GENERATED from openapi\/openapi\.json[\s\S]*Never edit by hand/,
      );
    }
  });

  it('lists exactly the operations whose document entry declares the Idempotency-Key header', () => {
    const document = JSON.parse(readFileSync(DOCUMENT_PATH, 'utf8')) as {
      paths: Record<
        string,
        Record<string, { parameters?: { in: string; name: string }[]; operationId?: string }>
      >;
    };
    const declared: string[] = [];
    for (const [path, item] of Object.entries(document.paths))
      for (const [method, op] of Object.entries(item))
        if (op.parameters?.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'))
          declared.push(`${method.toUpperCase()} ${path}`);
    expect([...idempotentOperations].sort()).toEqual(declared.sort());
    expect(Object.keys(operations).length).toBeGreaterThan(0);
  });

  it('detects a new idempotent operation from the header parameter or x-idempotent', async () => {
    const document = JSON.parse(readFileSync(DOCUMENT_PATH, 'utf8'));
    document.paths['/v1/widgets'] = {
      post: {
        operationId: 'createWidget',
        parameters: [{ in: 'header', name: 'Idempotency-Key', required: true, schema: { type: 'string' } }],
        responses: { '201': { description: 'ok' } },
      },
      put: {
        operationId: 'replaceWidget',
        'x-idempotent': true,
        responses: { '200': { description: 'ok' } },
      },
    };
    const files = (await generate(JSON.stringify(document))) as Record<string, string>;
    expect(files['operations.ts']).toContain('"POST /v1/widgets"');
    expect(files['operations.ts']).toContain('"PUT /v1/widgets"');
    expect(files['openapi.ts']).toContain('"/v1/widgets"');
  });

  it('reads each operation’s error codes from x-error-codes, not from descriptions', async () => {
    const document = JSON.parse(readFileSync(DOCUMENT_PATH, 'utf8'));
    document.paths['/v1/widgets'] = {
      get: {
        operationId: 'getWidget',
        'x-error-codes': ['not_found', 'widget_melted'],
        responses: { '404': { description: '`decoy_code`: not declared.' } },
      },
    };
    const files = (await generate(JSON.stringify(document))) as Record<string, string>;
    expect(files['operations.ts']).toContain("'widget_melted'");
    expect(files['operations.ts']).not.toContain('decoy_code');
  });
});
