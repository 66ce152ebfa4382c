import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// The developer API (the console's) has no Tessera resource: call it with openapi-fetch, typed by
// the SDK's paths, and a developer token (dat_…, made in the console or with createDeveloperToken).
const developer = createClient<paths>({
  baseUrl: 'http://127.0.0.1:8787',
  headers: { Authorization: `Bearer ${process.env.TESSERA_DEVELOPER_TOKEN}` },
});

// The live app signs its client assertions and DPoP proofs with this key (private_key_jwt; it has
// no client secret): send only the public JWK and keep the private half in your secret store.
const publicJwk = {
  kty: 'EC',
  crv: 'P-256',
  x: 'FcvEvF3Gii765_yjXxD9g4Voa5Mb0-SJ52gYjfi6Lb4',
  y: 'Xi2LYFbFsMUIlOPnS3JhD_0CVdRNiRQpuXsgrxjtT9A',
  kid: 'live-1',
  alg: 'ES256',
  use: 'sig',
};

const { data, error } = await developer.POST('/v1/developer/go-live-requests', {
  body: {
    app: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
    legal_name: 'Shop Example Ltd',
    country: 'GB',
    website: 'https://shop.example',
    payout_account: { account_number: '12344321', holder_name: 'Shop Example Ltd' },
    products: ['payments', 'checkout_credit'],
    jwks: { keys: [publicJwk] },
    redirect_uris: ['https://shop.example/callback'],
  },
});
if (error) throw new Error(`${error.code}: ${error.detail}`);
// requested until the bank reviews it: see listGoLiveRequests.
console.log(data.id, data.status);
