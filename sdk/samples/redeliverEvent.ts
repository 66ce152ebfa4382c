import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// Queues the event again to every enabled endpoint subscribed to its type (same event id).
const { webhook_endpoints } = await tessera.events.redeliver('evt_7Qm2Lx9Vb4Tn1Zr8Kc3Wd6Yp');
console.log(webhook_endpoints);
