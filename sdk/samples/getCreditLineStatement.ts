import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// Live apps get the session from the authorization code flow (tessera.oauth.exchangeCode); in the
// sandbox, approving a credit_line consent opens the line as the consent page would.
const session = await tessera.sandbox.authorize('ava', {
  authorizationDetails: [
    { type: 'credit_line', max_draw_amount: { amount: 50_000, currency: 'USD' }, instant_boost: true },
  ],
  scope: 'credit_lines:read',
});
const [line] = (await session.creditLines.list()).data;

const [latest] = (await session.creditLines.statements.list(line!.id, { limit: 1 })).data;
const statement = await session.creditLines.statements.retrieve(line!.id, latest!.id);
// `open` until the due date; then paid, minimum_paid, past_due (and missed after 30 more days).
console.log(statement.status, statement.amount_paid, statement.interest);
