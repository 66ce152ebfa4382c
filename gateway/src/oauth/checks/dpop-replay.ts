import type { Database } from '../../db/client';
import { seenJtis } from '../../db/schema';
import { sha256Hex } from '../../platform/crypto';
import { refuse } from './dpop-refuse';

/**
 * RFC 9449 §11.1: a proof is used once. One conditional insert is atomic on libsql and D1 and
 * shared by every process; a jti is scoped to its key, so clients cannot collide with each other.
 * Rows are needed only until `expiresAt`, after which the iat check refuses the proof anyway.
 */
export async function checkReplay(db: Database, jkt: string, jti: string, expiresAt: Date): Promise<void> {
  const jtiHash = await sha256Hex(`${jkt}.${jti}`);
  const inserted = await db
    .insert(seenJtis)
    .values({ kind: 'dpop', jtiHash, expiresAt })
    .onConflictDoNothing()
    .returning({ jtiHash: seenJtis.jtiHash });
  if (inserted.length === 0) {
    throw refuse(
      'replay',
      'This DPoP proof was already used; make a new proof with a fresh "jti" for every request.',
    );
  }
}
