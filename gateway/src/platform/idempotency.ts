import { and, eq, lte, sql } from 'drizzle-orm';
import type { BatchItem, Database } from '../db/client';
import { boundStatement, preparedInsert, preparedQuery } from '../db/prepared';
import { idempotencyKeys } from '../db/schema';
import type { Clock } from './clock';
import { DAY_MS } from './clock';
import { canonicalJson, sha256Hex } from './crypto';
import { ApiError } from './errors';
import { errorChainIncludes } from './ledger';

export const IDEMPOTENCY_RETENTION_MS = DAY_MS;
/** API-STYLE: 1-255 printable ASCII characters; the OpenAPI header schema declares the same. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
export const IDEMPOTENCY_KEY_PATTERN = '^[\\x21-\\x7e]+$';
const KEY_PATTERN = new RegExp(IDEMPOTENCY_KEY_PATTERN);

/**
 * A request's hold on (app, Idempotency-Key): nothing is written for it until the effect, whose
 * batch inserts the record (completeClaimStatements). The primary key decides between racers.
 */
export interface IdempotencyClaim {
  appId: string;
  /** Who asked: the token's consent, or null for the app alone (client credentials). */
  consentId: string | null;
  key: string;
  requestHash: string;
  createdAt: Date;
  /** An expired record of the key is still stored (the purge has not run): the batch deletes it. */
  replacesExpired: boolean;
  /** Ends the claim's in-process hold on the key; idempotent. */
  release(): void;
}

export type ClaimResult =
  | { kind: 'claimed'; claim: IdempotencyClaim }
  | { kind: 'replay'; status: number; body: string };

export function parseIdempotencyKey(header: string | undefined, required: boolean): string | null {
  if (header === undefined || header === '') {
    if (required) throw new ApiError('idempotency_key_missing');
    return null;
  }
  if (header.length > IDEMPOTENCY_KEY_MAX_LENGTH || !KEY_PATTERN.test(header))
    throw new ApiError('idempotency_key_invalid');
  return header;
}

export function requestHash(method: string, path: string, body: unknown): Promise<string> {
  return sha256Hex(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`);
}

/**
 * Keys held by requests running in this process (this isolate, on Workers), per database: a
 * duplicate that arrives while the first runs is told 409 before it does any work. Requests on
 * other instances are kept apart by the record's primary key when they commit (runIdempotent).
 */
const running = new WeakMap<Database, Set<string>>();

function runningOn(db: Database): Set<string> {
  let keys = running.get(db);
  if (!keys) {
    keys = new Set();
    running.set(db, keys);
  }
  return keys;
}

/**
 * Claims (app, key) for this request, or answers from what an earlier request with the key left:
 * its stored response (same body), 422 (other body) or 409 (still running here).
 *
 * The claim costs one read and no write: the record is inserted by the effect's own batch, so a
 * request that fails leaves nothing behind and a crashed one nothing to expire.
 */
export async function claimIdempotencyKey(
  db: Database,
  clock: Clock,
  input: { appId: string; consentId: string | null; key: string; requestHash: string },
): Promise<ClaimResult> {
  const held = runningOn(db);
  const id = `${input.appId}\n${input.key}`;
  if (held.has(id)) throw inUse();
  held.add(id); // before the read: a duplicate arriving during it must see the key held
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    held.delete(id);
  };
  try {
    const now = clock.now();
    const [row] = await recordQuery(db).all({ appId: input.appId, key: input.key });
    const live = row !== undefined && row.expiresAt.getTime() > now.getTime();
    if (live) {
      release();
      return answerFromRecord(row, input);
    }
    return {
      kind: 'claimed',
      claim: { ...input, createdAt: now, replacesExpired: row !== undefined, release },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * After a request lost the race for its key to one on another instance (its batch hit the record's
 * primary key and wrote nothing): the answer it would have had arriving just after the winner.
 */
export async function answerAfterLostRace(db: Database, claim: IdempotencyClaim): Promise<ClaimResult> {
  const [row] = await recordQuery(db).all({ appId: claim.appId, key: claim.key });
  if (!row) throw inUse(); // the winner's record is gone already (purged): let the client retry
  return answerFromRecord(row, claim);
}

/**
 * A record answers only the one who made it: the same app (the key's scope) and the same consent
 * or the app alone. Anyone else gets 422 and never sees the stored body.
 */
function answerFromRecord(
  row: { consentId: string | null; requestHash: string; responseStatus: number; responseBody: string },
  asker: { consentId: string | null; requestHash: string },
): ClaimResult {
  if (row.consentId !== asker.consentId)
    throw new ApiError('idempotency_key_reused', {
      detail:
        'This Idempotency-Key was used by another request of this app (another consent or customer). Use a new key for each operation.',
    });
  if (row.requestHash !== asker.requestHash) throw new ApiError('idempotency_key_reused');
  return { kind: 'replay', status: row.responseStatus, body: row.responseBody };
}

function inUse(): ApiError {
  return new ApiError('idempotency_key_in_use', { headers: { 'Retry-After': '1' } });
}

/**
 * The statements that store a claim's record, for the same batch as the effect (first, so a lost
 * race fails before the effect's statements run). If another request stored the key meanwhile,
 * the primary key refuses the insert and the whole batch rolls back: an effect never commits
 * twice, nor without its record.
 */
export function completeClaimStatements(
  db: Database,
  claim: IdempotencyClaim,
  status: number,
  body: string,
): BatchItem[] {
  const insert = insertRecord(db, {
    appId: claim.appId,
    consentId: claim.consentId,
    key: claim.key,
    requestHash: claim.requestHash,
    responseStatus: status,
    responseBody: body,
    createdAt: claim.createdAt,
    expiresAt: new Date(claim.createdAt.getTime() + IDEMPOTENCY_RETENTION_MS),
  });
  if (!claim.replacesExpired) return [insert];
  const expired = boundStatement(deleteExpiredQuery(db), {
    appId: claim.appId,
    key: claim.key,
    now: claim.createdAt.getTime(),
  });
  return [expired, insert];
}

/** The batch failed on the record's primary key: another request stored this key first. */
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

// Prepared once: every write with an Idempotency-Key reads and stores one.
const p = (name: string) => sql.placeholder(name);
const thisKey = () => and(eq(idempotencyKeys.appId, p('appId')), eq(idempotencyKeys.key, p('key')));

const recordQuery = preparedQuery((db) =>
  db
    .select({
      consentId: idempotencyKeys.consentId,
      requestHash: idempotencyKeys.requestHash,
      responseStatus: idempotencyKeys.responseStatus,
      responseBody: idempotencyKeys.responseBody,
      expiresAt: idempotencyKeys.expiresAt,
    })
    .from(idempotencyKeys)
    .where(thisKey())
    .prepare(),
);

const insertRecord = preparedInsert(idempotencyKeys);

const deleteExpiredQuery = preparedQuery((db) =>
  db
    .delete(idempotencyKeys)
    .where(and(thisKey(), lte(idempotencyKeys.expiresAt, sql`${p('now')}`)))
    .prepare(),
);
