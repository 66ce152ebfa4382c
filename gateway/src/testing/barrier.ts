import type { Database } from '../db/client';

/**
 * A database whose first `parties` batches wait for one another: every racer has read and
 * decided before any writes, the worst interleaving, so only the database can keep them apart.
 * Later batches (a failed payment's record) pass straight through.
 */
export function barrierDb(db: Database, parties: number): Database {
  const waiting: (() => void)[] = [];
  let arrived = 0;
  const barrier = () =>
    new Promise<void>((resolve) => {
      if (++arrived > parties) return resolve();
      waiting.push(resolve);
      if (waiting.length === parties) for (const go of waiting) go();
    });
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'batch') {
        return async (statements: Parameters<Database['batch']>[0]) => {
          await barrier();
          return target.batch(statements);
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
