import { randomBytes } from 'node:crypto';

/** Everything the shop reads from its environment; secrets never leave the server. */
export interface ShopConfig {
  /** The Tessera gateway (`TESSERA_BASE_URL`), e.g. http://127.0.0.1:8787. */
  baseUrl: string;
  clientId: string;
  /** client_secret_basic: sandbox apps only. */
  clientSecret: string;
  /** The signing secret of an endpoint you registered yourself; unset: the shop registers its own. */
  webhookSecret: string | undefined;
  /** Where shoppers and the gateway reach the shop: the redirect URI and webhook URL derive from it. */
  shopUrl: string;
  port: number;
  host: string;
  adminPassword: string;
  /** Whether the admin password was made up at start (then the log shows it). */
  adminPasswordGenerated: boolean;
}

export class ConfigError extends Error {}

export function readConfig(env: Record<string, string | undefined> = process.env): ShopConfig {
  const missing = ['TESSERA_BASE_URL', 'TESSERA_CLIENT_ID', 'TESSERA_CLIENT_SECRET'].filter((k) => !env[k]);
  if (missing.length)
    throw new ConfigError(
      `Set ${missing.join(', ')} (your sandbox app's credentials; with a local gateway, \`npm run sandbox\` reads them from gateway/.data/sandbox.json).`,
    );
  const shopUrl = (env.SHOP_URL ?? `http://127.0.0.1:${env.PORT ?? '4000'}`).replace(/\/+$/, '');
  const url = new URL(shopUrl);
  const port = Number(env.PORT ?? (url.port || (url.protocol === 'https:' ? 443 : 80)));
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ConfigError(`PORT ${env.PORT} is not a port.`);
  return {
    baseUrl: env.TESSERA_BASE_URL!.replace(/\/+$/, ''),
    clientId: env.TESSERA_CLIENT_ID!,
    clientSecret: env.TESSERA_CLIENT_SECRET!,
    webhookSecret: env.TESSERA_WEBHOOK_SECRET || undefined,
    shopUrl,
    port,
    host: env.HOST ?? '127.0.0.1',
    adminPassword: env.SHOP_ADMIN_PASSWORD || randomBytes(12).toString('base64url'),
    adminPasswordGenerated: !env.SHOP_ADMIN_PASSWORD,
  };
}
