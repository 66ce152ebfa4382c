import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseConfig } from '../src/config';
import { systemClock } from '../src/platform/clock';
import { randomIds } from '../src/platform/context';
import { createLogger } from '../src/platform/logger';
import { localPath, migrateDatabase, openLibsql } from '../src/runtime/node-db';
import { runAdminCli } from './admin-cli';
import { describeError } from './products-cli';

const config = parseConfig(process.env);
const file = localPath(config.DATABASE_URL);
if (file) mkdirSync(dirname(file), { recursive: true });
const { db, client } = await openLibsql(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
await migrateDatabase(db);
try {
  const services = { config, db, clock: systemClock, ids: randomIds, logger: createLogger('warn') };
  const { out, secret, failed } = await runAdminCli(process.argv.slice(2), services);
  console.log(out);
  if (failed) process.exitCode = 2;
  // stderr: `> staff.sql` keeps the password out of the file and on the terminal.
  if (secret) console.error(secret);
} catch (err) {
  console.error(describeError(err));
  process.exitCode = 1;
} finally {
  client.close();
}
