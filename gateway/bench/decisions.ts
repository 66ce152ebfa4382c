import { SANDBOX_CASES } from '../src/products/credit-scores/scorecard/sandbox-cases';
import { score } from '../src/products/credit-scores/scorecard/scorecard';
import { type DecisionInput, decide } from '../src/products/loans/decision/engine';
import { CHAMPION } from '../src/products/loans/decision/strategy';
import { SANDBOX_CUSTOMERS } from '../src/sandbox/seed/customers';

/**
 * The decision function alone (scorecard + engine, offers with full schedules and disclosures),
 * in this process, over the sandbox customers in turn: decisions per second.
 */
export function measureDecisions(seconds: number): { decisionsPerSecond: number; decisions: number } {
  const inputs: DecisionInput[] = SANDBOX_CUSTOMERS.map((c) => ({
    product: 'checkout_credit',
    amount: 50_000,
    currency: 'USD',
    scorecard: c.creditFrozen ? null : score(SANDBOX_CASES[c.login]!.features),
    monthlyIncome: c.monthlyIncome,
    monthlyObligations: c.monthlyDebtObligations,
    outstandingPlatformCredit: 0,
    creditFrozen: c.creditFrozen ?? false,
    risk: { signals: [] },
    strategy: CHAMPION,
  }));
  for (let i = 0; i < 2000; i++) decide(inputs[i % inputs.length]!); // warm the JIT
  const until = performance.now() + seconds * 1000;
  let n = 0;
  let sink = 0;
  const started = performance.now();
  while (performance.now() < until) {
    for (let i = 0; i < 100; i++, n++) {
      const input = inputs[n % inputs.length]!;
      sink += decide({
        ...input,
        scorecard:
          input.scorecard && score(SANDBOX_CASES[SANDBOX_CUSTOMERS[n % inputs.length]!.login]!.features),
      }).offers.length;
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  if (sink < 0) console.log(sink);
  return { decisionsPerSecond: n / elapsed, decisions: n };
}
