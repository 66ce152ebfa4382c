import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// One business day: opening balance + net = closing balance. CSV: GET with Accept: text/csv.
const report = await tessera.balance.settlementReport('2026-11-22');
for (const t of report.totals) console.log(t.currency, t.opening_balance, t.net, t.closing_balance);
