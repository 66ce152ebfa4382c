import { serve } from '@hono/node-server';
import { createRemoteJWKSet } from 'jose';
import { createRewardsApp } from './app.ts';

const issuer = (process.env.TESSERA_ISSUER ?? 'http://127.0.0.1:8787').replace(/\/$/, '');
const port = Number(process.env.PORT ?? 4100);
const app = createRewardsApp({ issuer, keys: createRemoteJWKSet(new URL(`${issuer}/oauth/jwks`)) });
serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) => {
  console.log(`rewards service on http://127.0.0.1:${info.port}, trusting ${issuer}`);
});
