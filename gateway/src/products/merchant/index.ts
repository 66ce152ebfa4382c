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

export {
  BalanceSchema,
  BalanceTransactionListSchema,
  BalanceTransactionSchema,
  ListBalanceTransactionsQuery,
  ListPayoutsQuery,
  PayoutListSchema,
  PayoutSchema,
  ReconciliationParams,
  ReconciliationQuery,
  ReconciliationSchema,
  SettlementQuery,
  SettlementReportSchema,
} from './schemas';
export { getBalance } from './service/get-balance';
export { getBalanceTransaction } from './service/get-balance-transaction';
export { getSettlementReport, settlementCsv } from './service/get-settlement-report';
export { listBalanceTransactions } from './service/list-balance-transactions';
export { listPayouts } from './service/list-payouts';
export { payAutomaticPayouts } from './service/pay-automatic-payouts';
export { reconcileMerchant } from './service/reconcile-merchant';
export { settleDuePayouts } from './service/settle-due-payouts';
