import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormBrowser } from '../testing/form-browser';
import { createTestGateway, type TestGateway } from '../testing/harness';

let gw: TestGateway;
const issuer = new URL('http://127.0.0.1:8787');
const redirectUri = 'https://shop.example/callback';
let fetchGateway: (url: string, init: RequestInit) => Promise<Response>;

beforeAll(async () => {
  gw = await createTestGateway({ realTime: true });
  fetchGateway = ((input: RequestInfo | URL, init?: RequestInit) =>
    gw.app.fetch(new Request(input, init))) as typeof fetch;
});
afterAll(() => gw.close());

const opts = () => ({ [oauth.customFetch]: fetchGateway, [oauth.allowInsecureRequests]: true });

describe('FAPI 2.0 authorization code flow, with oauth4webapi as the client', () => {
  it('DCR → PAR (private_key_jwt, PKCE, DPoP) → login, OTP, consent forms → code with iss → token → call → refresh → revoke', async () => {
    const as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { ...opts(), algorithm: 'oauth2' }),
    );
    expect(as.require_pushed_authorization_requests).toBe(true);
    expect(as.code_challenge_methods_supported).toEqual(['S256']);

    // Dynamic Client Registration with the sandbox developer's initial access token.
    const clientKeys = await generateKeyPair('ES256', { extractable: true });
    const publicJwk = { ...(await exportJWK(clientKeys.publicKey)), alg: 'ES256', use: 'sig' };
    const kid = await calculateJwkThumbprint(publicJwk);
    const registered = await oauth.processDynamicClientRegistrationResponse(
      await oauth.dynamicClientRegistrationRequest(
        as,
        {
          client_name: 'Ride App',
          redirect_uris: [redirectUri],
          token_endpoint_auth_method: 'private_key_jwt',
          jwks: { keys: [{ ...publicJwk, kid }] },
          scope: 'consents:read credit_score:read',
          grant_types: ['authorization_code', 'refresh_token'],
        } as never,
        { ...opts(), initialAccessToken: gw.seed.initialAccessToken!.token },
      ),
    );
    const client: oauth.Client = { client_id: registered.client_id };
    const clientAuth = oauth.PrivateKeyJwt({ key: clientKeys.privateKey, kid });
    const dpopKeys = await generateKeyPair('ES256');
    const DPoP = oauth.DPoP(client, dpopKeys);

    // PAR with PKCE and RAR.
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const parResponse = await oauth.pushedAuthorizationRequest(
      as,
      client,
      clientAuth,
      {
        response_type: 'code',
        redirect_uri: redirectUri,
        scope: 'consents:read',
        code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        authorization_details: JSON.stringify([
          { type: 'credit_score', purpose: 'checkout_credit', detail: 'band' },
        ]),
      },
      { ...opts(), DPoP },
    );
    const par = await oauth.processPushedAuthorizationResponse(as, client, parResponse);
    expect(par.request_uri).toMatch(/^urn:ietf:params:oauth:request_uri:/);
    expect(par.expires_in).toBeGreaterThanOrEqual(60);
    expect(par.expires_in).toBeLessThanOrEqual(600);

    // The customer's browser: the HTML forms, cookies and CSRF token, as a person submits them.
    const browser = new FormBrowser((req) => gw.app.fetch(req));
    const authorizeUrl = new URL(as.authorization_endpoint!);
    authorizeUrl.searchParams.set('client_id', client.client_id);
    authorizeUrl.searchParams.set('request_uri', par.request_uri);
    let page = await browser.open(authorizeUrl.toString());
    expect(page.status).toBe(200);
    expect(page.html).toContain('Ride App');
    expect(page.html).toContain('name="csrf"');
    page = await browser.submit(page.html, { username: 'ava', password: 'sandbox' });
    expect(page.html).toContain('name="code"');
    page = await browser.submit(page.html, { code: '123456' });
    expect(page.html).toContain('credit score band');
    const decided = await browser.submit(page.html, { decision: 'approve' });
    expect(decided.status).toBe(303);
    const callback = new URL(decided.location!);
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get('iss')).toBe(as.issuer);

    // Code → DPoP-bound tokens.
    const params = oauth.validateAuthResponse(as, client, callback, state);
    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, redirectUri, verifier, {
        ...opts(),
        DPoP,
      }),
    );
    expect(tokens.token_type).toBe('dpop');
    const consentId = (tokens as unknown as { consent_id: string }).consent_id;
    expect(consentId).toMatch(/^csn_/);

    const call = async (accessToken: string) =>
      oauth.protectedResourceRequest(
        accessToken,
        'GET',
        new URL(`/v1/consents/${consentId}`, issuer),
        new Headers(),
        null,
        { ...opts(), DPoP },
      );
    const first = await call(tokens.access_token);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      id: consentId,
      status: 'authorised',
      scopes: ['consents:read', 'credit_score:read'],
    });

    // Refresh (the DPoP-bound refresh token stays the same), then revoke it: the grant and its
    // access tokens die.
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, clientAuth, tokens.refresh_token!, {
        ...opts(),
        DPoP,
      }),
    );
    expect(refreshed.refresh_token).toBe(tokens.refresh_token);
    expect((await call(refreshed.access_token)).status).toBe(200);
    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, clientAuth, refreshed.refresh_token!, opts()),
    );
    // oauth4webapi surfaces the resource server's RFC 6750 challenge as an error.
    const refused = await call(refreshed.access_token).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(oauth.WWWAuthenticateChallengeError);
    const challenge = (refused as oauth.WWWAuthenticateChallengeError).cause[0]!;
    expect(challenge.scheme).toBe('dpop');
    expect(challenge.parameters.error).toBe('invalid_token');
    expect((refused as oauth.WWWAuthenticateChallengeError).response.status).toBe(401);
  });
});
