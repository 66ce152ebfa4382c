import { expect } from 'vitest';

/** The answer is a problem with this status and `code`; on a mismatch the body is shown. */
export function expectProblem(
  res: { status: number; body: unknown; text?: string },
  status: number,
  code: string,
) {
  const shown = res.text ?? JSON.stringify(res.body);
  expect(res.status, shown).toBe(status);
  expect((res.body as { code?: string }).code, shown).toBe(code);
}
