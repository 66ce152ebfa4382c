import type { z } from '@hono/zod-openapi';
import { commit, type ServiceResponse } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import type { Money } from '../../../platform/money';
import type { CreatePaymentBody } from '../statement-schemas';
import { lineUnderConsent } from './internal/line-consent';
import { writeLine } from './internal/line-writes';
import { asInsufficientFunds, payLine } from './internal/pay-line';
import { type CreditLinePaymentObject, paymentObject } from './internal/statement-objects';

/**
 * An early payment by the partner for the customer (POST /v1/credit-lines/{id}/payments), under
 * the line's own consent, in ONE batch with its journal, the statements it counts towards, the
 * event, the audit row and the idempotency record. A payment before the due date counts towards
 * the statement's minimum, so autopay then takes only what is left.
 */
export function createCreditLinePayment({
  ctx,
  input,
  lineId,
}: {
  ctx: ServiceContext;
  input: z.output<typeof CreatePaymentBody>;
  lineId: string;
}): Promise<ServiceResponse<CreditLinePaymentObject>> {
  return writeLine(lineId, async () => {
    const { app, line } = await lineUnderConsent(ctx, lineId);
    const { payment, writes } = await payLine(ctx, line, input.amount as Money, 'partner', {
      actorType: 'app',
      actorId: app.id,
    });
    try {
      return await commit(ctx, writes, { status: 201, body: paymentObject(payment) });
    } catch (err) {
      throw asInsufficientFunds(err);
    }
  });
}
