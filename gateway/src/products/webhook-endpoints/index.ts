import { newRouter } from '../../platform/http';
import { registerCreateWebhookEndpoint } from './routes/create-webhook-endpoint';
import { registerDeleteWebhookEndpoint } from './routes/delete-webhook-endpoint';
import { registerGetWebhookEndpoint } from './routes/get-webhook-endpoint';
import { registerListWebhookEndpointDeliveries } from './routes/list-webhook-endpoint-deliveries';
import { registerListWebhookEndpoints } from './routes/list-webhook-endpoints';
import { registerRotateWebhookEndpointSecret } from './routes/rotate-webhook-endpoint-secret';
import { registerSendWebhookEndpointTestEvent } from './routes/send-webhook-endpoint-test-event';
import { registerUpdateWebhookEndpoint } from './routes/update-webhook-endpoint';

export function webhookEndpointsRouter() {
  const app = newRouter();
  registerCreateWebhookEndpoint(app);
  registerListWebhookEndpoints(app);
  registerGetWebhookEndpoint(app);
  registerUpdateWebhookEndpoint(app);
  registerDeleteWebhookEndpoint(app);
  registerRotateWebhookEndpointSecret(app);
  registerListWebhookEndpointDeliveries(app);
  registerSendWebhookEndpointTestEvent(app);
  return app;
}
export type { CreateWebhookEndpointInput } from './schemas';
export {
  CreateWebhookEndpointBody,
  WebhookDeliveryAttemptListSchema,
  WebhookEndpointListSchema,
  WebhookEndpointWithSecretSchema,
} from './schemas';
export { createWebhookEndpoint } from './service/create-webhook-endpoint';
export { listWebhookEndpointDeliveries } from './service/list-webhook-endpoint-deliveries';
export { listWebhookEndpoints } from './service/list-webhook-endpoints';
export { sendWebhookEndpointTestEvent } from './service/send-webhook-endpoint-test-event';
export { SendWebhookTestEventBody, WebhookTestEventSchema } from './test-event-schemas';
