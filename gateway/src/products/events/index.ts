import { newRouter } from '../../platform/http';
import { registerGetEvent } from './routes/get-event';
import { registerListEvents } from './routes/list-events';
import { registerRedeliverEvent } from './routes/redeliver-event';

export {
  ALL_EVENTS,
  EVENT_RETENTION_MS,
  EVENT_TYPE_DESCRIPTIONS,
  EVENT_TYPES,
  type EventType,
  RENAMED_EVENT_TYPES,
} from './event-types';
export { EventRedeliverySchema } from './schemas';
export { callerApp } from './service/internal/visible-events';
export { redeliverEvent } from './service/redeliver-event';
export {
  endpointObject,
  MAX_ENDPOINTS_PER_APP,
  type WebhookEndpoint,
  type WebhookEndpointObject,
} from './webhooks/objects';
export { newWebhookSecret } from './webhooks/signature';
export { disableEndpointStatements, eventsByIds } from './webhooks/store';

export function eventsRouter() {
  const app = newRouter();
  registerListEvents(app);
  registerGetEvent(app);
  registerRedeliverEvent(app);
  return app;
}
