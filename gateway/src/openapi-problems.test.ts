import { createRoute, z } from '@hono/zod-openapi';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { describe, expect, it } from 'vitest';
import { createApp } from './app';
import { parseConfig } from './config';
import type { Database } from './db/client';
import { requireAuth } from './oauth/resource-server';
import { systemClock } from './platform/clock';
import { randomIds } from './platform/context';
import { newRouter } from './platform/http';
import { silentLogger } from './platform/logger';
import { openApiDocument, problemResponses } from './platform/openapi';
import { codesOf, IDEMPOTENT, type OperationShape, problemSpecOf } from './platform/problems';

type App = ReturnType<typeof createApp>;
type Op = {
  operationId: string;
  tags?: string[];
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  'x-error-codes'?: string[];
};

function buildApp() {
  const config = parseConfig({});
  const app = createApp({
    config,
    db: null as unknown as Database,
    clock: systemClock,
    ids: randomIds,
    logger: silentLogger,
  });
  return { app, url: config.PUBLIC_URL };
}

/**
 * What each documented operation can raise, read off the app as it runs: the global middleware
 * that matches its path (every one must declare its problems), the middleware registered on the
 * route itself, its validators and its Idempotency-Key. Returns what the document leaves out.
 */
function undeclaredProblems(app: App, url: string): string[] {
  const doc = openApiDocument(app, url) as unknown as { paths: Record<string, Record<string, Op>> };
  const global = new RegExpRouter<unknown>();
  for (const r of app.routes) if (r.method === 'ALL') global.add('ALL', r.path, r.handler);
  const findings: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const shape: OperationShape = {
        method: method.toUpperCase(),
        path,
        hasBody: op.requestBody !== undefined,
      };
      const raised = new Set<string>(['internal_error']);
      const [matched] = global.match('GET', path.replace(/\{[^}]+\}/g, 'x'));
      for (const [handler] of matched as [unknown, unknown][]) {
        const spec = problemSpecOf(handler);
        if (!spec)
          findings.push(
            `${op.operationId}: global middleware ${(handler as () => void).name || '(anonymous)'} declares no problems`,
          );
        else for (const c of codesOf(spec, shape)) raised.add(c);
      }
      const honoPath = path.replace(/\{([^}]+)\}/g, ':$1');
      for (const r of app.routes) {
        if (r.method !== shape.method || r.path !== honoPath) continue;
        const spec = problemSpecOf(r.handler);
        if (spec) for (const c of codesOf(spec, shape)) raised.add(c);
      }
      // OAuth endpoints validate in their handlers and list their RFC 6749 errors per status.
      const validated = !op.tags?.includes('OAuth') && (op.parameters?.length || op.requestBody);
      if (validated) raised.add('invalid_request');
      if (op.parameters?.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'))
        for (const c of IDEMPOTENT) raised.add(c);
      const declared = new Set(op['x-error-codes'] ?? []);
      const missing = [...raised].filter((c) => !declared.has(c)).sort();
      if (missing.length) findings.push(`${op.operationId} does not declare ${missing.join(', ')}`);
    }
  }
  return findings;
}

describe('problems an operation can raise', () => {
  it('declares in x-error-codes every code its middleware chain, validators and Idempotency-Key can raise', () => {
    const { app, url } = buildApp();
    expect(undeclaredProblems(app, url)).toEqual([]);
  });

  it('fails a route that lists its problems by hand and leaves out those of its middleware', () => {
    const { app, url } = buildApp();
    const planted = newRouter();
    const route = createRoute({
      method: 'post',
      path: '/v1/planted',
      operationId: 'createPlanted',
      tags: ['System'],
      summary: 'Planted',
      middleware: [requireAuth('payments:write')] as const,
      request: { body: { content: { 'application/json': { schema: z.object({ a: z.string() }) } } } },
      responses: { 200: { description: 'ok' }, ...problemResponses('invalid_request', 'unauthorized') },
    });
    planted.openapi(route, (c) => c.body(null, 200));
    app.route('/', planted);
    const [finding] = undeclaredProblems(app, url).filter((f) => f.startsWith('createPlanted'));
    expect(finding).toContain('use_dpop_nonce');
    expect(finding).toContain('payload_too_large');
    expect(finding).toContain('malformed_json');
  });

  it('fails when a global middleware does not declare the problems it raises', () => {
    const { app, url } = buildApp();
    app.use('/v1/*', async (_c, next) => next());
    expect(undeclaredProblems(app, url).some((f) => f.includes('global middleware'))).toBe(true);
  });
});
