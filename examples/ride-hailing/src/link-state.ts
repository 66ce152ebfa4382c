import { AuthenticationError } from '@tessera/sdk';
import type { Rider } from './store.ts';

/**
 * The bank refuses this link from now on: the rider revoked the consent (`consent_inactive` on
 * any call with its token) or the grant ended (`invalid_grant` when refreshing).
 */
export function endedBy(err: unknown): 'revoked' | 'ended' | null {
  if (!(err instanceof AuthenticationError)) return null;
  if (err.code === 'consent_inactive') return 'revoked';
  return err.code === 'invalid_grant' ? 'ended' : null;
}

/**
 * Marks the link no longer usable, once: from a `consent.revoked` webhook or a refused call,
 * whichever comes first. From then on the app answers the rider from here and never asks the
 * bank again for this link (no retry storm); linking again starts a new one.
 */
export function endLink(rider: Rider, why: 'revoked' | 'ended'): void {
  const link = rider.link;
  if (link?.status !== 'active') return;
  link.status = why;
  link.endedAt = new Date().toISOString();
  link.message =
    why === 'revoked'
      ? 'You revoked this app’s access at your bank, so rides can no longer be charged to it. Link your bank again to ride.'
      : 'Your bank no longer accepts this link (it expired or was ended). Link your bank again to ride.';
}
