import type { Database } from '../../../db/client';
import { type Explanation, explain } from '../scorecard/scorecard';
import { type ExtractedFeatures, extractFeatures } from './extract-features';

/**
 * For the bank (credit decisions, audit, adverse-action notices): every feature's value, cap,
 * contribution and loss, the reasons and the raw counts behind them. Never sent to partners.
 */
export async function explainCustomerScore(input: {
  db: Database;
  customerId: string;
  asOf: Date;
}): Promise<Explanation & { as_of: Date; counts: ExtractedFeatures['counts'] }> {
  const extracted = await extractFeatures(input);
  return { ...explain(extracted.features), as_of: input.asOf, counts: extracted.counts };
}
