import { Tessera } from '@tessera/sdk';

// Reading the metadata needs no client authentication; the SDK fetches it once and uses it for
// every PAR, token and revocation request.
const tessera = new Tessera({ baseUrl: 'http://127.0.0.1:8787', clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E' });

const metadata = await tessera.oauth.metadata();
// The issuer is the audience of client assertions and the iss every callback must carry (RFC 9207).
console.log(metadata.issuer, metadata.pushed_authorization_request_endpoint, metadata.token_endpoint);
