/**
 * The API reference's webhook events, from openapi/openapi.json: one page per event type (the
 * document's `webhooks`, which docusaurus-plugin-openapi-docs renders), each with the example
 * payload of that type. The payloads are the document's own: the per-type examples of
 * POST /v1/webhook-endpoints/{id}/test, which the gateway builds from each object's schema, so a
 * page cannot show an object its schema would refuse.
 */

export const TEST_OPERATION = 'sendWebhookEndpointTestEvent';
export const WEBHOOK_EVENTS_TAG = 'Webhook events';

type Example = { summary?: string; value: Record<string, unknown> };
type Operation = {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, { examples?: Record<string, Example> }> }>;
};
export type Spec = {
  paths: Record<string, Record<string, unknown>>;
  webhooks?: Record<string, unknown>;
  tags?: { name: string; description?: string }[];
};

/** Event type → the test event of that type, as the test operation's 202 examples show it. */
export function testEventExamples(spec: Spec): Record<string, Record<string, unknown>> {
  for (const item of Object.values(spec.paths))
    for (const op of Object.values(item) as Operation[]) {
      if (op?.operationId !== TEST_OPERATION) continue;
      const examples = op.responses?.['202']?.content?.['application/json']?.examples ?? {};
      return Object.fromEntries(Object.entries(examples).map(([type, e]) => [type, e.value]));
    }
  return {};
}

/** The operationId of an event type's page (`payment.failed` → `paymentFailedEvent`). */
export const eventOperationId = (type: string) =>
  `${type.replace(/[._](\w)/g, (_, c: string) => c.toUpperCase())}Event`;

/** Adds a webhook (an event page) per type to `spec`, the copy the reference is built from. */
export function addWebhookEvents(spec: Spec, descriptions: Record<string, string>): number {
  const examples = testEventExamples(spec);
  spec.webhooks = {};
  for (const [type, testEvent] of Object.entries(examples)) {
    // The payload of a real event: the same, without the mark only test events carry.
    const { test: _test, ...example } = testEvent;
    spec.webhooks[type] = {
      post: {
        operationId: eventOperationId(type),
        summary: type,
        description: `${descriptions[type] ?? ''} Delivered as a POST to every enabled endpoint that takes \`${type}\`, signed per Standard Webhooks; the example's \`data.object\` is the example of its object. Send one to your endpoint from the console or with POST /v1/webhook-endpoints/{id}/test.`,
        tags: [WEBHOOK_EVENTS_TAG],
        security: [],
        requestBody: {
          required: true,
          description: 'The body of the POST your endpoint receives.',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Event' }, example } },
        },
        responses: { '200': { description: 'Any 2xx within 10 seconds acknowledges the delivery.' } },
      },
    };
  }
  spec.tags = [
    ...(spec.tags ?? []).filter((t) => t.name !== WEBHOOK_EVENTS_TAG),
    {
      name: WEBHOOK_EVENTS_TAG,
      description: 'What your webhook endpoints receive: one page per event type, with an example payload.',
    },
  ];
  return Object.keys(spec.webhooks).length;
}
