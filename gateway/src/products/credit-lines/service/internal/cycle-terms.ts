import { DAY_MS } from '../../../../platform/clock';
import { sha256Hex } from '../../../../platform/crypto';
import { roundHalfUp } from '../../../../platform/money';

/** DOMAIN.md "late": a minimum unpaid more than 30 days after its due date (exactly 30 is not late). */
export const MISSED_AFTER_MS = 30 * DAY_MS;

/** `round(carried · APR/12)`, half-up, in minor units; APR is a decimal fraction (0.2199). */
export function monthlyInterest(carried: number, apr: number): number {
  return carried > 0 ? roundHalfUp((carried * apr) / 12) : 0;
}

/** statement_balance / credit_limit, to 4 decimals (what limit offers compare with 0.7). */
export function utilizationOf(statementBalance: number, creditLimit: number): number {
  return roundHalfUp(statementBalance / creditLimit, 4);
}

/**
 * Ids that follow from what they identify, so two overlapping job runs write the same row and the
 * second one's batch fails on the primary key instead of issuing, collecting or telling twice.
 */
export async function derivedId(prefix: string, ...parts: string[]): Promise<string> {
  return `${prefix}_${(await sha256Hex(parts.join(':'))).slice(0, 24)}`;
}
