import { rfc3339, type SandboxClockState, sandboxClock } from '../../../../platform/clock';
import type { ServiceContext } from '../../../../platform/context';

export interface SandboxClockObject {
  object: 'sandbox_clock';
  sandbox: string;
  now: string;
  offset_seconds: number;
  frozen: boolean;
}

export function clockObject(
  ctx: Pick<ServiceContext, 'clock'>,
  sandboxId: string,
  state: SandboxClockState,
): SandboxClockObject {
  return {
    object: 'sandbox_clock',
    sandbox: sandboxId,
    now: rfc3339(sandboxClock(state, ctx.clock).now()),
    offset_seconds: Math.round(state.offsetMs / 1000),
    frozen: state.frozenAt !== null,
  };
}
