import type { ListPromise } from '../core/pagination.js';
import type { Requester, RequestOptions } from '../core/requester.js';
import type { components, operations } from '../generated/openapi.js';
import { Resource } from './resource.js';

/** A draw, approved or declined, with its decision's reasons, versions and arm. */
export type CreditLineDraw = components['schemas']['CreditLineDraw'];
/** The purchase's `amount` and `order_reference`, and optionally where the customer is. */
export type CreditLineDrawCreateParams = components['schemas']['CreateCreditLineDraw'];
/** Page size, cursors and an optional `status` filter of `creditLines.draws.list`. */
export type CreditLineDrawListParams = NonNullable<operations['listCreditLineDraws']['parameters']['query']>;
/** A refund of a draw: it lowers the balance and restores available credit. */
export type CreditLineRefund = components['schemas']['CreditLineRefund'];
/** How much of the draw to refund (default: all not refunded yet) and why. */
export type CreditLineRefundCreateParams = components['schemas']['CreateCreditLineRefund'];

/** `/v1/credit-lines/{id}/draws/{draw_id}/refunds`: you give back part or all of a draw. */
export class CreditLineRefunds extends Resource {
  /**
   * Refunds a draw from your merchant account (scope `credit_lines:write`): the line's balance
   * falls and its available credit is restored. Sent with an Idempotency-Key that retries repeat.
   *
   * @example
   * ```ts
   * await session.creditLines.draws.refunds.create(line.id, draw.id, {
   *   amount: { amount: 1_000, currency: 'USD' },
   *   reason: 'Ride cancelled',
   * });
   * ```
   */
  create(
    lineId: string,
    drawId: string,
    params: CreditLineRefundCreateParams = {},
    options?: RequestOptions,
  ): Promise<CreditLineRefund> {
    return this.requester.request(
      'post',
      '/v1/credit-lines/{id}/draws/{draw_id}/refunds',
      { params: { path: { id: lineId, draw_id: drawId } }, body: params },
      options,
    );
  }
}

/** `/v1/credit-lines/{id}/draws`: purchases paid with the customer's line, decided at once. */
export class CreditLineDraws extends Resource {
  /** Refunds of draws. */
  readonly refunds: CreditLineRefunds;

  constructor(requester: Requester) {
    super(requester);
    this.refunds = new CreditLineRefunds(requester);
  }

  /**
   * Draws on the line for a purchase (scope `credit_lines:write`, on the session of the line's
   * consent): decided now; approved, your merchant account is paid at once. A decline is an
   * answer, not an error: check `status` and show `reasons`. `instant_boost` says when the line
   * was raised to cover the draw. Sent with an Idempotency-Key that retries repeat.
   *
   * @example
   * ```ts
   * const draw = await session.creditLines.draws.create(line.id, {
   *   amount: { amount: 2_500, currency: 'USD' },
   *   order_reference: 'RIDE-2026-1122-0042',
   * });
   * if (draw.status === 'declined') console.log(draw.reasons);
   * ```
   */
  create(
    lineId: string,
    params: CreditLineDrawCreateParams,
    options?: RequestOptions,
  ): Promise<CreditLineDraw> {
    return this.requester.request(
      'post',
      '/v1/credit-lines/{id}/draws',
      { params: { path: { id: lineId } }, body: params },
      options,
    );
  }

  /**
   * Retrieves one draw of the line (scope `credit_lines:read`).
   *
   * @example
   * ```ts
   * const draw = await session.creditLines.draws.retrieve(line.id, 'drw_3Lm8Vq1Kx6Wb9Nc2Rt5Hp7Zd');
   * ```
   */
  retrieve(lineId: string, drawId: string, options?: RequestOptions): Promise<CreditLineDraw> {
    return this.requester.request(
      'get',
      '/v1/credit-lines/{id}/draws/{draw_id}',
      { params: { path: { id: lineId, draw_id: drawId } } },
      options,
    );
  }

  /**
   * Lists the line's draws newest first, optionally by `status` (scope `credit_lines:read`).
   *
   * @example
   * ```ts
   * for await (const draw of session.creditLines.draws.list(line.id, { status: 'approved' })) {
   *   console.log(draw.order_reference, draw.amount);
   * }
   * ```
   */
  list(
    lineId: string,
    params: CreditLineDrawListParams = {},
    options?: RequestOptions,
  ): ListPromise<CreditLineDraw> {
    return this.requester.list(
      '/v1/credit-lines/{id}/draws',
      { params: { path: { id: lineId }, query: params } },
      options,
    );
  }
}
