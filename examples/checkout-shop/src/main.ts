import { pathToFileURL } from 'node:url';
import { ConfigError, readConfig } from './config.ts';
import { startShop } from './server.ts';

export async function main(env: Record<string, string | undefined> = process.env): Promise<void> {
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
  const shop = await startShop(config);
  console.log(`Cycle Shop on ${config.shopUrl} (Tessera gateway ${config.baseUrl}, app ${config.clientId})`);
  console.log(
    config.adminPasswordGenerated
      ? `Admin: ${config.shopUrl}/admin, user admin, password ${config.adminPassword} (set SHOP_ADMIN_PASSWORD to choose it)`
      : `Admin: ${config.shopUrl}/admin, user admin, password from SHOP_ADMIN_PASSWORD`,
  );
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => void shop.close().then(() => process.exit(0)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
