import { Tessera, TesseraError } from '@tessera/sdk';

interface Env {
  TESSERA_BASE_URL: string;
  TESSERA_CLIENT_ID: string;
  TESSERA_CLIENT_SECRET: string;
  TESSERA_REDIRECT_URI: string;
  WEBHOOK_SECRET: string;
}

function client(env: Env): Tessera {
  return new Tessera({
    baseUrl: env.TESSERA_BASE_URL,
    clientId: env.TESSERA_CLIENT_ID,
    clientSecret: env.TESSERA_CLIENT_SECRET,
    redirectUri: env.TESSERA_REDIRECT_URI,
  });
}

// biome-ignore lint/style/noDefaultExport: a module Worker is its default export.
export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const tessera = client(env);
    const { pathname } = new URL(request.url);
    try {
      if (pathname === '/webhooks') {
        const event = await tessera.webhooks.verify(
          await request.text(),
          request.headers,
          env.WEBHOOK_SECRET,
        );
        return Response.json({ received: event.type, id: event.id });
      }
      // WebCrypto DPoP proofs, client auth, the sandbox shortcut and a product call, inside workerd.
      const session = await tessera.sandbox.authorize('ava', {
        authorizationDetails: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'band' }],
      });
      const score = await session.creditScore.retrieve();
      return Response.json({ consentId: session.consentId, band: score.band });
    } catch (err) {
      if (err instanceof TesseraError)
        return Response.json({ error: err.code, requestId: err.requestId }, { status: 400 });
      throw err;
    }
  },
};
