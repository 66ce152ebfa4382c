import { pathToFileURL } from 'node:url';
import { ConfigError, readConfig } from './config.ts';
import { startRides } from './server.ts';

export async function main(env: Record<string, string | undefined> = process.env): Promise<void> {
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
  const rides = await startRides(config);
  console.log(`Ride on ${config.appUrl} (Tessera gateway ${config.baseUrl}, app ${config.clientId})`);
  console.log(
    config.dispatchTokenGenerated
      ? `Dispatch token: ${config.dispatchToken} (set DISPATCH_TOKEN to choose it)`
      : 'Dispatch token: from DISPATCH_TOKEN',
  );
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => void rides.close().then(() => process.exit(0)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
