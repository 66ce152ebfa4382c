import type { TesseraEvent } from '../webhooks/events.js';
import { type VerifyWebhookOptions, verifyWebhook, type WebhookHeaders } from '../webhooks/verify.js';

/** Receiving webhooks: needs no credentials, only the endpoint's signing secret. */
export class Webhooks {
  /**
   * Verifies a delivery (Standard Webhooks, HMAC-SHA256, 5-minute tolerance, several secrets during a
   * rotation) and returns the typed event; throws {@link WebhookVerificationError} when it is not
   * authentic or too old. Pass the raw body text exactly as received.
   *
   * @example
   * ```ts
   * app.post('/webhooks', async (c) => {
   *   const event = await tessera.webhooks.verify(await c.req.text(), c.req.raw.headers, secret);
   *   switch (event.type) {
   *     case 'consent.revoked':
   *       await forgetConsent(event.data.object.id);
   *   }
   *   return c.body(null, 204);
   * });
   * ```
   */
  verify(
    rawBody: string,
    headers: WebhookHeaders,
    secret: string | readonly string[],
    options?: VerifyWebhookOptions,
  ): Promise<TesseraEvent> {
    return verifyWebhook(rawBody, headers, secret, options);
  }
}
