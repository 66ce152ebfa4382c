import type { ListPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/requester.js';
import type { components, operations } from '../generated/openapi.js';
import { Resource } from './resource.js';

/** A monthly statement: the period's draws, payments, refunds and interest, the minimum and its due date. */
export type CreditLineStatement = components['schemas']['CreditLineStatement'];
/** Page size, cursors and an optional `status` filter of `creditLines.statements.list`. */
export type CreditLineStatementListParams = NonNullable<
  operations['listCreditLineStatements']['parameters']['query']
>;
/** A payment into a line: yours, the customer's on the bank's pages, or autopay on a due date. */
export type CreditLinePayment = components['schemas']['CreditLinePayment'];
/** The `amount` to take from the customer's account, at most the line's balance. */
export type CreditLinePaymentCreateParams = components['schemas']['CreateCreditLinePayment'];
/** Page size and cursors of `creditLines.payments.list`. */
export type CreditLinePaymentListParams = NonNullable<
  operations['listCreditLinePayments']['parameters']['query']
>;

/** `/v1/credit-lines/{id}/statements`: the line's monthly statements. */
export class CreditLineStatements extends Resource {
  /**
   * Lists the line's statements, newest statement date first, optionally by `status`; await for
   * one page, or `for await` over all of them (scope `credit_lines:read`).
   *
   * @example
   * ```ts
   * const [latest] = (await session.creditLines.statements.list(line.id, { limit: 1 })).data;
   * if (latest?.status === 'open') console.log(latest.minimum_payment, 'due', latest.due_at);
   * ```
   */
  list(
    lineId: string,
    params: CreditLineStatementListParams = {},
    options?: RequestOptions,
  ): ListPromise<CreditLineStatement> {
    return this.requester.list(
      '/v1/credit-lines/{id}/statements',
      { params: { path: { id: lineId }, query: params } },
      options,
    );
  }

  /**
   * Retrieves one statement, with what has been paid towards it (scope `credit_lines:read`).
   *
   * @example
   * ```ts
   * const statement = await session.creditLines.statements.retrieve(line.id, 'stm_5Hp3Rt7Kd2Wq9Lx4Vb1Nc8Mz');
   * ```
   */
  retrieve(lineId: string, statementId: string, options?: RequestOptions): Promise<CreditLineStatement> {
    return this.requester.request(
      'get',
      '/v1/credit-lines/{id}/statements/{statement_id}',
      { params: { path: { id: lineId, statement_id: statementId } } },
      options,
    );
  }
}

/** `/v1/credit-lines/{id}/payments`: early payments, and what autopay collected. */
export class CreditLinePayments extends Resource {
  /**
   * Pays into the line early from the customer's account, at their request (scope
   * `credit_lines:write`, on the session of the line's consent): it counts towards the next due
   * date, so autopay then takes only the rest. At most the balance (`payment_exceeds_balance`);
   * without the funds, `insufficient_funds` (both 409). Sent with an Idempotency-Key that retries repeat.
   *
   * @example
   * ```ts
   * const payment = await session.creditLines.payments.create(line.id, {
   *   amount: { amount: 5_000, currency: 'USD' },
   * });
   * ```
   */
  create(
    lineId: string,
    params: CreditLinePaymentCreateParams,
    options?: RequestOptions,
  ): Promise<CreditLinePayment> {
    return this.requester.request(
      'post',
      '/v1/credit-lines/{id}/payments',
      { params: { path: { id: lineId } }, body: params },
      options,
    );
  }

  /**
   * Lists payments into the line, newest first (scope `credit_lines:read`); `source` says whose.
   *
   * @example
   * ```ts
   * for await (const p of session.creditLines.payments.list(line.id)) console.log(p.source, p.amount);
   * ```
   */
  list(
    lineId: string,
    params: CreditLinePaymentListParams = {},
    options?: RequestOptions,
  ): ListPromise<CreditLinePayment> {
    return this.requester.list(
      '/v1/credit-lines/{id}/payments',
      { params: { path: { id: lineId }, query: params } },
      options,
    );
  }
}
