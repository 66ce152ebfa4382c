import { eq } from 'drizzle-orm';
import type { BatchItem } from '../../../db/client';
import { creditLinePayments } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { errorChainIncludes } from '../../../platform/ledger';
import { type Money, parseMajor } from '../../../platform/money';
import { customerLine } from './internal/customer-line';
import { derivedId } from './internal/cycle-terms';
import { writeLine } from './internal/line-writes';
import { asInsufficientFunds, payLine } from './internal/pay-line';
import type { CreditLinePayment } from './internal/statement-objects';

/**
 * The customer pays into their own line on the bank's page (open or closed, whichever app it is
 * with), in ONE batch like the partner's payment. The amount is typed in major units. The page's
 * form carries a one-time key the payment's id follows from, so a form sent twice (a double click,
 * a reload) pays once: the second batch fails on the id and is answered `duplicate`.
 */
export function payLineAsCustomer({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { customerId: string; lineId: string; amount: string; formKey: string };
}): Promise<{ payment: CreditLinePayment | null; duplicate: boolean }> {
  return writeLine(input.lineId, async () => {
    const view = await customerLine(ctx.db, input.customerId, input.lineId);
    if (!view) throw new ApiError('not_found', { detail: 'There is no such credit line.' });
    const { line } = view;
    const currency = line.currency as Money['currency'];
    let amount: number;
    try {
      amount = parseMajor(input.amount.replaceAll(',', ''), currency);
    } catch {
      amount = 0;
    }
    if (!(amount > 0))
      throw new ApiError('invalid_request', {
        detail: `Type an amount in ${currency}, like 25.00.`,
        errors: [{ path: 'amount', message: 'Must be a positive amount.' }],
      });
    const id = await derivedId('clp', 'customer', line.id, input.formKey);
    const [sent] = await ctx.db
      .select({ id: creditLinePayments.id })
      .from(creditLinePayments)
      .where(eq(creditLinePayments.id, id));
    if (sent) return { payment: null, duplicate: true };
    const { payment, writes } = await payLine(
      ctx,
      line,
      { amount, currency },
      'customer',
      { actorType: 'customer', actorId: input.customerId },
      id,
    );
    try {
      await ctx.db.batch(writes as [BatchItem, ...BatchItem[]]);
      return { payment, duplicate: false };
    } catch (err) {
      if (errorChainIncludes(err, 'credit_line_payments.id')) return { payment: null, duplicate: true };
      throw asInsufficientFunds(err);
    }
  });
}
