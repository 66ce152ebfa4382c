import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// Every movement of your balance, newest first; the balance is the sum of net.
for await (const txn of tessera.balanceTransactions.list({ type: 'payment', limit: 100 })) {
  console.log(txn.id, txn.amount.amount, txn.fee.amount, txn.net.amount, txn.source);
}
