import type { ReplayCache } from '../replay/types';
import { DPOP_CLOCK_SKEW_SECONDS } from './dpop-iat';
import { refuse } from './dpop-refuse';

/**
 * RFC 9449 §11.1: a proof is used once. A jti is scoped to its key, so clients cannot collide with
 * each other; it is remembered only until `expiresAt`, after which the iat check refuses the proof
 * anyway. Which cache remembers it is the deployment's choice (ReplayCache).
 */
export async function checkReplay(
  replay: ReplayCache,
  jkt: string,
  jti: string,
  iat: number,
  expiresAt: Date,
): Promise<void> {
  const verdict = await replay.use({
    kind: 'dpop',
    value: `${jkt}.${jti}`,
    expiresAt,
    acceptableFrom: new Date((iat - DPOP_CLOCK_SKEW_SECONDS) * 1000),
  });
  if (verdict === 'replay') {
    throw refuse(
      'replay',
      'This DPoP proof was already used; make a new proof with a fresh "jti" for every request.',
    );
  }
  if (verdict === 'unprovable') {
    throw refuse(
      'replay',
      'The server restarted and cannot tell whether this proof was used before; make a new proof (proofs made a few seconds after the restart are accepted).',
    );
  }
}
