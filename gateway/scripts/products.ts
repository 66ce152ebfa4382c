import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseConfig } from '../src/config';
import { systemClock } from '../src/platform/clock';
import { randomIds } from '../src/platform/context';
import { createLogger } from '../src/platform/logger';
import { localPath, migrateDatabase, openLibsql } from '../src/runtime/node-db';
import { describeError, runProductsCli } from './products-cli';

// npm runs workspace scripts in gateway/: paths on the command line are the caller's.
const cwd = process.env.INIT_CWD ?? process.cwd();
const config = parseConfig(process.env);
const file = localPath(config.DATABASE_URL);
if (file) mkdirSync(dirname(file), { recursive: true });
const { db, client } = await openLibsql(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
await migrateDatabase(db);
try {
  const services = { config, db, clock: systemClock, ids: randomIds, logger: createLogger('warn') };
  console.log(await runProductsCli(process.argv.slice(2), services, cwd));
} catch (err) {
  console.error(describeError(err));
  process.exitCode = 1;
} finally {
  client.close();
}
