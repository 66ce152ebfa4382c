import { appendFileSync } from 'node:fs';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { openApiDocument } from '../platform/openapi';
import type { AnswerCheck } from './client';
import { Contract, ContractViolation } from './contract';

/**
 * The harness's answer check: every answer a test gets through gw.client is held to the app's
 * own OpenAPI document (the one `npm run openapi` commits). An undocumented status, an invalid
 * body or header fails the test that produced it. CONTRACT=report writes violations to
 * $CONTRACT_REPORT (JSON lines) instead, to survey a change; CONTRACT=off skips the check.
 */
export function contractCheck(app: OpenAPIHono<AppEnv>, publicUrl: string): AnswerCheck | undefined {
  const mode = process.env.CONTRACT ?? 'enforce';
  if (mode === 'off') return undefined;
  let contract: Contract | null = null;
  return (method, url, res) => {
    contract ??= new Contract(openApiDocument(app, publicUrl) as ConstructorParameters<typeof Contract>[0]);
    const problems = contract.check(method, url, res);
    if (problems.length === 0) return;
    if (mode === 'report') {
      const file = process.env.CONTRACT_REPORT ?? '/tmp/contract-report.jsonl';
      for (const p of problems)
        appendFileSync(file, `${JSON.stringify({ problem: p, body: res.text.slice(0, 300) })}\n`);
      return;
    }
    throw new ContractViolation(`${problems.join('\n')}\n${res.text.slice(0, 500)}`);
  };
}
