import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// The app reads a line's offers; so does the session of the consent that opened it.
const pending = await tessera.creditLines.limitOffers.list('cl_7Kd2Wq9Lx4Vb1Nc8Mz5Hp3Rt', {
  status: 'offered',
});
for (const offer of pending.data) {
  // Show it in your app; the customer answers on the bank's page and comes back to your
  // redirect URI with ?limit_offer=<id>&result=accepted|declined.
  console.log(offer.id, offer.current_limit.amount, '→', offer.offered_limit.amount, offer.accept_url);
}
