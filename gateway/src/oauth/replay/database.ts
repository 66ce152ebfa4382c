import type { Database } from '../../db/client';
import { firstUse } from '../checks/replay';
import type { OneTimeUse, ReplayCache, ReplayVerdict } from './types';

/**
 * One conditional insert per value in seen_jtis: atomic on libsql and D1 and shared by every
 * process and isolate. The Workers backing, and the default when a runtime chooses none.
 */
export class DatabaseReplayCache implements ReplayCache {
  readonly backing = 'database';

  constructor(private readonly db: Database) {}

  async use(v: OneTimeUse): Promise<ReplayVerdict> {
    return (await firstUse(this.db, v.kind, v.value, v.expiresAt)) ? 'first_use' : 'replay';
  }

  async close(): Promise<void> {}
}
