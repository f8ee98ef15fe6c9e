// The server half of the fleet benchmark, in its own process so its CPU time is measured apart from the
// load generator. Seeds N enrolled machines straight through the fleet service (tokens to --tokens-out),
// then prints "READY <baseUrl>" and serves until killed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { fleetModule } from '../../packages/server/src/fleet/index.js';
import { loadSettings } from '../../packages/server/src/kernel/config.js';
import { openDatabase } from '../../packages/server/src/kernel/db/database.js';
import { createLogger } from '../../packages/server/src/kernel/logging.js';
import { createPlatform } from '../../packages/server/src/platform/create-platform.js';

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    schema: { type: 'string' },
    machines: { type: 'string' },
    'tokens-out': { type: 'string' },
  },
});
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-bench-'));
const databaseUrl = values.database ?? `sqlite:${path.join(dataDir, 'bench.db')}`;
const settings = loadSettings({
  SWITCHYARD_DATA_DIR: dataDir,
  PORT: '0',
  SWITCHYARD_LOCAL_AGENT: 'false',
  SWITCHYARD_WEB_DIR: path.join(dataDir, 'no-console'),
  SWITCHYARD_ADMIN_USERNAME: 'bench',
  SWITCHYARD_ADMIN_PASSWORD: 'bench-password',
  SWITCHYARD_LOG_LEVEL: 'silent',
});
const database = await openDatabase({ url: databaseUrl, schema: values.schema, poolSize: 20 });
const platform = await createPlatform({
  settings,
  database,
  modules: [fleetModule],
  logger: createLogger({ level: 'silent' }),
});
const fleet = platform.services.fleet;
const tokens: string[] = [];
for (let index = 0; index < Number(values.machines ?? 0); index += 1) {
  const machine = await fleet.machines.insertNewMachine({ name: `sim-${index}` });
  tokens.push(await fleet.machines.mintMachineToken(machine.id));
}
if (values['tokens-out']) fs.writeFileSync(values['tokens-out'], JSON.stringify(tokens));
const baseUrl = await platform.listen();
process.stdout.write(`READY ${baseUrl}\n`);
const shutdown = async () => {
  await platform.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (values.schema && values.database) {
    const admin = new pg.Client({ connectionString: values.database });
    await admin.connect();
    await admin.query(`drop schema if exists ${values.schema} cascade`);
    await admin.end();
  }
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
