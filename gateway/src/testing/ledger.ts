import { balanceOf } from '../platform/ledger';
import type { TestGateway } from './harness';

/** An account's balance, for tests that know the account exists. */
export async function balance(gw: TestGateway, accountId: string): Promise<number> {
  return (await balanceOf(gw.services.db, accountId))!;
}
