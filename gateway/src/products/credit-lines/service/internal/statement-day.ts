/**
 * When a line's statements fall (DOMAIN.md "Statement: monthly on the line's statement day"). The
 * day is the opening date's, capped at 28 so that every month has it; a statement is issued at the
 * start of that day (UTC, business clock).
 */
export const LAST_STATEMENT_DAY = 28;

export function statementDayOf(openedAt: Date): number {
  return Math.min(openedAt.getUTCDate(), LAST_STATEMENT_DAY);
}

/** The first statement instant strictly after `after` on `day` of a month. */
export function nextStatementAfter(after: Date, day: number): Date {
  const y = after.getUTCFullYear();
  const m = after.getUTCMonth();
  const thisMonth = new Date(Date.UTC(y, m, day));
  return thisMonth.getTime() > after.getTime() ? thisMonth : new Date(Date.UTC(y, m + 1, day));
}
