import { newRouter } from '../../platform/http';
import { registerGetBalance } from './routes/get-balance';
import { registerGetBalanceTransaction } from './routes/get-balance-transaction';
import { registerListBalanceTransactions } from './routes/list-balance-transactions';

/** Merchant money (DOMAIN.md): balance, balance transactions, payouts, settlement reports. */
export function merchantRouter() {
  const app = newRouter();
  registerGetBalance(app);
  registerListBalanceTransactions(app);
  registerGetBalanceTransaction(app);
  return app;
}
