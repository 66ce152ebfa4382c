import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from './main.ts';

/**
 * `npm run sandbox`: the shop with the credentials `npm start` wrote for its Demo Shop app
 * (registered with http://127.0.0.1:4000/callback). Variables already set win, so one can still
 * point the shop elsewhere. TESSERA_SANDBOX_FILE names another sandbox.json.
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
  client_id: string;
  client_secret: string;
};
await main({
  TESSERA_BASE_URL: sandbox.gateway,
  TESSERA_CLIENT_ID: sandbox.client_id,
  TESSERA_CLIENT_SECRET: sandbox.client_secret,
  ...process.env,
});
