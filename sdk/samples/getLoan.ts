import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

const loan = await tessera.loans.retrieve('loan_3Kp8Vd1Qs6Wm9Zx2Lt4Nb7Hc');
console.log(loan.status, loan.principal_outstanding, loan.schedule.length);
