import { and, eq, lte, not, sql } from 'drizzle-orm';
import type { BatchItem, Database } from '../db/client';
import { boundStatement, preparedQuery } from '../db/prepared';
import { idempotencyKeys } from '../db/schema';
import type { Clock } from './clock';
import { DAY_MS, MINUTE_MS } from './clock';
import { canonicalJson, sha256Hex } from './crypto';
import { ApiError } from './errors';
import { errorChainIncludes } from './ledger';

export const IDEMPOTENCY_RETENTION_MS = DAY_MS;
/** How long a claim holds before a retry may take it over: longer than any request may run. */
export const IDEMPOTENCY_LOCK_MS = MINUTE_MS;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface IdempotencyClaim {
  appId: string;
  key: string;
  requestHash: string;
  /** locked_until of our claim: identifies it, so a takeover by another request is detected. */
  lockedUntil: Date;
}

export type ClaimResult =
  | { kind: 'claimed'; claim: IdempotencyClaim }
  | { kind: 'replay'; status: number; body: string };

export function parseIdempotencyKey(header: string | undefined, required: boolean): string | null {
  if (header === undefined || header === '') {
    if (required) throw new ApiError('idempotency_key_missing');
    return null;
  }
  if (!KEY_PATTERN.test(header)) throw new ApiError('idempotency_key_invalid');
  return header;
}

export function requestHash(method: string, path: string, body: unknown): Promise<string> {
  return sha256Hex(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`);
}

/**
 * Claims (app, key) for this request, or answers from what an earlier request with the key left:
 * its stored response (same body), 422 (other body) or 409 (still running).
 */
export async function claimIdempotencyKey(
  db: Database,
  clock: Clock,
  input: { appId: string; key: string; requestHash: string },
): Promise<ClaimResult> {
  const now = clock.now();
  const lockedUntil = new Date(now.getTime() + IDEMPOTENCY_LOCK_MS);
  const claimed = await claimQuery(db).all({
    appId: input.appId,
    key: input.key,
    requestHash: input.requestHash,
    lockedUntil,
    createdAt: now,
    expiresAt: new Date(now.getTime() + IDEMPOTENCY_RETENTION_MS),
  });
  if (claimed.length === 1) return { kind: 'claimed', claim: { ...input, lockedUntil } };

  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.appId, input.appId), eq(idempotencyKeys.key, input.key)));
  if (!row) return claimIdempotencyKey(db, clock, input); // released meanwhile: claim afresh

  const expired = row.expiresAt.getTime() <= now.getTime();
  const stale = row.status === 'in_progress' && row.lockedUntil.getTime() <= now.getTime();
  if (expired || stale) {
    // An expired record, or a claim whose holder died before committing (so no effect exists).
    const newLock = new Date(Math.max(lockedUntil.getTime(), row.lockedUntil.getTime() + 1));
    const taken = await db
      .update(idempotencyKeys)
      .set({
        requestHash: input.requestHash,
        status: 'in_progress',
        responseStatus: null,
        responseBody: null,
        lockedUntil: newLock,
        createdAt: now,
        expiresAt: new Date(now.getTime() + IDEMPOTENCY_RETENTION_MS),
      })
      .where(
        and(
          eq(idempotencyKeys.appId, input.appId),
          eq(idempotencyKeys.key, input.key),
          eq(idempotencyKeys.lockedUntil, row.lockedUntil),
          eq(idempotencyKeys.status, row.status),
        ),
      )
      .returning({ key: idempotencyKeys.key });
    if (taken.length === 1) return { kind: 'claimed', claim: { ...input, lockedUntil: newLock } };
    throw new ApiError('idempotency_key_in_use');
  }
  if (row.requestHash !== input.requestHash) throw new ApiError('idempotency_key_reused');
  if (row.status === 'in_progress')
    throw new ApiError('idempotency_key_in_use', { headers: { 'Retry-After': '1' } });
  return { kind: 'replay', status: row.responseStatus ?? 200, body: row.responseBody ?? 'null' };
}

/**
 * The statements that complete a claim, for the same batch as the effect. The first re-inserts
 * the key when the row is no longer our claim (taken over after our lock lapsed): the primary
 * key refuses that, which aborts the batch, so an effect can never commit under a lost claim.
 */
export function completeClaimStatements(
  db: Database,
  claim: IdempotencyClaim,
  status: number,
  body: string,
): BatchItem[] {
  const values = {
    appId: claim.appId,
    key: claim.key,
    lockedUntil: claim.lockedUntil.getTime(),
    responseStatus: status,
    responseBody: body,
  };
  return [boundStatement(refuseLostClaimQuery(db), values), boundStatement(completeQuery(db), values)];
}

// Prepared once: every write with an Idempotency-Key claims and completes one.
const p = (name: string) => sql.placeholder(name);

const claimQuery = preparedQuery((db) =>
  db
    .insert(idempotencyKeys)
    .values({
      appId: p('appId'),
      key: p('key'),
      requestHash: p('requestHash'),
      status: 'in_progress',
      lockedUntil: p('lockedUntil'),
      createdAt: p('createdAt'),
      expiresAt: p('expiresAt'),
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key })
    .prepare(),
);

const thisKey = () => and(eq(idempotencyKeys.appId, p('appId')), eq(idempotencyKeys.key, p('key')));
const ours = () =>
  and(eq(idempotencyKeys.status, 'in_progress'), eq(idempotencyKeys.lockedUntil, p('lockedUntil')))!;

const refuseLostClaimQuery = preparedQuery((db) => {
  const k = idempotencyKeys;
  return db
    .insert(k)
    .select(
      db
        .select({
          appId: k.appId,
          key: k.key,
          requestHash: k.requestHash,
          status: k.status,
          responseStatus: k.responseStatus,
          responseBody: k.responseBody,
          lockedUntil: k.lockedUntil,
          createdAt: k.createdAt,
          expiresAt: k.expiresAt,
        })
        .from(k)
        .where(and(thisKey(), not(ours()))),
    )
    .prepare();
});

const completeQuery = preparedQuery((db) =>
  db
    .update(idempotencyKeys)
    .set({
      status: 'completed',
      responseStatus: sql`${p('responseStatus')}`,
      responseBody: sql`${p('responseBody')}`,
    })
    .where(and(thisKey(), ours()))
    .prepare(),
);

/** Gives the key back after a request that wrote nothing (an error): the client may retry it. */
export async function releaseClaim(db: Database, claim: IdempotencyClaim): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.appId, claim.appId),
        eq(idempotencyKeys.key, claim.key),
        eq(idempotencyKeys.status, 'in_progress'),
        eq(idempotencyKeys.lockedUntil, claim.lockedUntil),
      ),
    );
}

export function isLostClaimError(err: unknown): boolean {
  return (
    errorChainIncludes(err, 'idempotency_keys.app_id') || errorChainIncludes(err, 'idempotency_keys.key')
  );
}

/** Deletes records past their 24 h retention; run by the background job. */
export async function purgeExpiredIdempotencyKeys(db: Database, clock: Clock): Promise<void> {
  const now = clock.now();
  await db.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, now));
}
