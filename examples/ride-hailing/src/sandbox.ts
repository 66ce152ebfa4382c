import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from './main.ts';
import { registerSandboxApp } from './sandbox-app.ts';

/**
 * `npm run sandbox`: against the gateway `npm start` runs, register (or update) the example's app
 * with a fresh private_key_jwt key and this app's redirect URIs, then start with its credentials.
 * Variables already set win. TESSERA_SANDBOX_FILE names another sandbox.json.
 */
const file =
  process.env.TESSERA_SANDBOX_FILE ??
  fileURLToPath(new URL('../../../gateway/.data/sandbox.json', import.meta.url));
if (!existsSync(file)) {
  console.error(`No ${file}: start the gateway first (\`npm start\` at the repository root writes it).`);
  process.exit(1);
}
const sandbox = JSON.parse(readFileSync(file, 'utf8')) as {
  gateway: string;
  developer_api_token: string | null;
};
if (!sandbox.developer_api_token) {
  console.error(`${file} holds no developer API token: make one in the portal console and set it there.`);
  process.exit(1);
}
const appUrl = (process.env.APP_URL ?? `http://127.0.0.1:${process.env.PORT ?? '4100'}`).replace(/\/+$/, '');
const app = await registerSandboxApp({
  gateway: sandbox.gateway,
  developerApiToken: sandbox.developer_api_token,
  appUrl,
});
await main({
  TESSERA_BASE_URL: sandbox.gateway,
  TESSERA_CLIENT_ID: app.clientId,
  TESSERA_PRIVATE_KEY: JSON.stringify(app.privateJwk),
  TESSERA_KEY_ID: app.keyId,
  APP_URL: appUrl,
  ...process.env,
});
