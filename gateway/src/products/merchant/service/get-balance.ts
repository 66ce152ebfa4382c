import type { ServiceContext } from '../../../platform/context';
import type { Currency } from '../../../platform/money';
import { balancesOf, merchantOf } from './internal/merchant';

/** The app's balance (DOMAIN.md "Merchant money"): available and pending, per currency. */
export async function getBalance({ ctx }: { ctx: ServiceContext }) {
  const m = await merchantOf(ctx);
  const { available, pending } = await balancesOf(ctx.db, m, m.clock.now());
  const currency = m.currency as Currency;
  return {
    object: 'balance' as const,
    available: [{ amount: available, currency }],
    pending: [{ amount: pending, currency }],
    livemode: m.app.mode === 'live',
  };
}
