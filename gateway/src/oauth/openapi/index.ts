import { registerFlowDocs } from './endpoints';
import { registerRegistrationDocs } from './registration';
import { type Registry, registerClientAuthSchemes } from './responses';

/**
 * The OAuth endpoints in the OpenAPI document. They stay plain handlers (a zod-openapi route
 * would answer bad input with problem+json, not RFC 6749), so their operations are registered
 * here, next to them, and only describe the wire.
 */
export function registerOAuthDocs(registry: Registry): void {
  registerClientAuthSchemes(registry);
  registerFlowDocs(registry);
  registerRegistrationDocs(registry);
}
