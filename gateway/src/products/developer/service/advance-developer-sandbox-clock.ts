import type { ConsentEndings } from '../../../oauth/consent-steps';
import type { ServiceContext } from '../../../platform/context';
import { advanceSandboxClock } from '../../sandbox';
import { ensureSandbox } from './internal/accounts';
import { clockObject, type SandboxClockObject } from './internal/sandbox-clock-object';

/**
 * Moves the developer's sandbox clock forward: consents expire, offers lapse and installments
 * fall due as if the time had passed. The clock only moves forward.
 */
export async function advanceDeveloperSandboxClock({
  ctx,
  developer,
  input,
  publicUrl,
  endings,
}: {
  ctx: ServiceContext;
  developer: { id: string };
  input: { days?: number | undefined; seconds?: number | undefined };
  publicUrl: string;
  endings: ConsentEndings;
}): Promise<SandboxClockObject> {
  const sandboxId = await ensureSandbox(ctx, developer.id);
  const done = await advanceSandboxClock({
    ctx,
    input,
    publicUrl,
    endings,
    developerSandbox: { sandboxId, developerId: developer.id },
  });
  return clockObject(ctx, sandboxId, done.state);
}
