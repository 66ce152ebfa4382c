import type { Money } from './store.ts';

const formats = new Map<string, Intl.NumberFormat>();

/** Minor units to "$24.00"; amounts are integers of minor units everywhere else. */
export function formatMoney(m: Money): string {
  let f = formats.get(m.currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency: m.currency });
    formats.set(m.currency, f);
  }
  return f.format(m.amount / 100);
}
