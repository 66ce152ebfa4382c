/** The messages of an error and of what it wraps (drizzle wraps the driver's error in `cause`). */
function errorText(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++)
    parts.push(String((e as { message?: unknown }).message ?? e));
  return parts.join(' | ');
}

/**
 * True when SQLite refused a write for this constraint on `column` ("table.column"), in the words
 * libsql and D1 both use: "UNIQUE constraint failed: developers.email".
 */
export function constraintFailed(err: unknown, kind: 'UNIQUE' | 'NOT NULL', column: string): boolean {
  return errorText(err).includes(`${kind} constraint failed: ${column}`);
}
