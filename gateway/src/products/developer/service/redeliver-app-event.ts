import type { ServiceContext } from '../../../platform/context';
import { redeliverEvent } from '../../events';
import { type ConsoleDeveloper, ownedAppContext } from './internal/app-objects';

/**
 * The console's webhook pages run the partner API's own services as the developer's app, so the
 * rules (URL checks, limits, secrets shown once, audit) are exactly those partners meet.
 */
export async function redeliverAppEvent({
  ctx,
  developer,
  input,
}: {
  ctx: ServiceContext;
  developer: ConsoleDeveloper;
  input: { id: string; event_id: string };
}) {
  return redeliverEvent({
    ctx: await ownedAppContext(ctx, developer, input.id, 'write'),
    input: { id: input.event_id },
  });
}
