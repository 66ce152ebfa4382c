// A plain Node ESM consumer: the package's exports map, the built dist, the gateway over HTTP.
import { NotFoundError, Tessera, TesseraError } from '@tessera/sdk';

const env = process.env;
const tessera = new Tessera({
  baseUrl: env.TESSERA_BASE_URL,
  clientId: env.TESSERA_CLIENT_ID,
  clientSecret: env.TESSERA_CLIENT_SECRET,
  redirectUri: env.TESSERA_REDIRECT_URI,
});

const session = await tessera.sandbox.authorize('ava', {
  authorizationDetails: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'band' }],
});
const score = await session.creditScore.retrieve();
const missing = await tessera.consents.retrieve('csn_missing').catch((err) => err);

console.log(
  JSON.stringify({
    consentId: session.consentId,
    band: score.band,
    notFound: missing instanceof NotFoundError && missing instanceof TesseraError,
    requestId: missing.requestId,
  }),
);
