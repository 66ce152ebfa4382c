import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateOpenApiDocument, serializeOpenApiDocument } from './openapi-document';
import { SCOPES } from './platform/scopes';

const committed = fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url));

describe('OpenAPI document', () => {
  it('matches the committed openapi/openapi.json (run `npm run openapi` after changing routes)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(serializeOpenApiDocument());
  });

  it('is OpenAPI 3.1 with info, servers, tags and the oauth2 scheme listing every scope', () => {
    const doc = generateOpenApiDocument();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Tessera API');
    expect(doc.servers?.length).toBeGreaterThan(0);
    expect(doc.tags?.map((t) => t.name)).toContain('System');
    const scheme = doc.components?.securitySchemes?.oauth2 as {
      flows: { authorizationCode: { scopes: Record<string, string> } };
    };
    expect(Object.keys(scheme.flows.authorizationCode.scopes).sort()).toEqual(Object.keys(SCOPES).sort());
  });

  it('gives every operation an operationId, a tag, a summary and problem+json errors', () => {
    const doc = generateOpenApiDocument();
    const ops = Object.values(doc.paths ?? {}).flatMap((item) =>
      Object.values(
        item as Record<
          string,
          {
            operationId?: string;
            tags?: string[];
            summary?: string;
            responses?: Record<string, { content?: Record<string, unknown> }>;
          }
        >,
      ),
    );
    expect(ops.length).toBeGreaterThan(0);
    for (const op of ops) {
      expect(op.operationId).toMatch(/^[a-z]+[A-Za-z]+$/);
      expect(op.tags?.length).toBe(1);
      expect(
        doc.tags?.map((t) => t.name),
        `tag ${op.tags?.[0]} of ${op.operationId} is declared`,
      ).toContain(op.tags?.[0]);
      expect(op.summary).toBeTruthy();
      expect(op.responses?.['500']?.content).toHaveProperty(['application/problem+json']);
    }
  });
});
