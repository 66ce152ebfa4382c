import { eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client';
import { apps, payoutAccounts } from '../../../../db/schema';
import type { AppPrincipal } from '../../../../platform/context';
import { ApiError } from '../../../../platform/errors';

/** The sandbox's test account: payouts to it are paid the next business day. */
export const SANDBOX_TEST_ACCOUNT = '000123456789';
/** A sandbox payout to this account fails when it would arrive (the receiving account is closed). */
export const SANDBOX_FAILING_ACCOUNT = '000111111116';

export interface PayoutDestination {
  accountNumber: string;
  holderName: string;
  test: boolean;
  updatedAt: Date | null;
}

/** Where the app's payouts go: its registered account, or in the sandbox the test account. */
export async function payoutDestination(db: Database, app: AppPrincipal): Promise<PayoutDestination> {
  const [row] = await db.select().from(payoutAccounts).where(eq(payoutAccounts.appId, app.id));
  if (row && row.mode === app.mode)
    return {
      accountNumber: row.accountNumber,
      holderName: row.holderName,
      test: app.mode === 'sandbox',
      updatedAt: row.updatedAt,
    };
  if (app.mode === 'live')
    throw new ApiError('forbidden', { detail: 'No payout account is registered for this live app yet.' });
  const [named] = await db.select({ name: apps.merchantName }).from(apps).where(eq(apps.id, app.id));
  return {
    accountNumber: SANDBOX_TEST_ACCOUNT,
    holderName: named?.name ?? 'Sandbox merchant',
    test: true,
    updatedAt: null,
  };
}

export function payoutAccountObject(app: AppPrincipal, d: PayoutDestination) {
  return {
    object: 'payout_account' as const,
    holder_name: d.holderName,
    last4: d.accountNumber.slice(-4),
    test_account: d.test,
    livemode: app.mode === 'live',
    updated_at: d.updatedAt ? d.updatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z') : null,
  };
}
