import { newRouter } from '../../platform/http';
import { registerCreatePayout } from './routes/create-payout';
import { registerGetBalance } from './routes/get-balance';
import { registerGetBalanceTransaction } from './routes/get-balance-transaction';
import { registerGetPayout } from './routes/get-payout';
import { registerGetSettlementReport } from './routes/get-settlement-report';
import { registerListBalanceTransactions } from './routes/list-balance-transactions';
import { registerListPayouts } from './routes/list-payouts';
import { registerPayoutAccount } from './routes/payout-account';

/** Merchant money (DOMAIN.md): balance, balance transactions, payouts, settlement reports. */
export function merchantRouter() {
  const app = newRouter();
  registerGetBalance(app);
  registerListBalanceTransactions(app);
  registerGetBalanceTransaction(app);
  registerCreatePayout(app);
  registerListPayouts(app);
  registerGetPayout(app);
  registerPayoutAccount(app);
  registerGetSettlementReport(app);
  return app;
}

export { PayoutSchema } from './schemas';
export { settleDuePayouts } from './service/settle-due-payouts';
