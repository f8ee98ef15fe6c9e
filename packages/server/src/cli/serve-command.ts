import type { Command } from 'commander';
import { loadSettings } from '../kernel/config.js';
import { createPlatform } from '../platform/create-platform.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'Migrate the database and serve the console, API and gateway (PORT, HOST, SWITCHYARD_DATA_DIR, DATABASE_URL …)',
    )
    .action(async () => {
      const settings = loadSettings();
      const platform = await createPlatform({ settings });
      const baseUrl = await platform.listen();
      platform.logger.info({ url: baseUrl }, `Switchyard is ready on ${baseUrl}`);
      process.stdout.write(`Switchyard listening on ${baseUrl}\n`);
      let isStopping = false;
      const stop = async (signal: string) => {
        if (isStopping) return;
        isStopping = true;
        platform.logger.info({ signal }, 'shutting down: draining HTTP, closing the database');
        const forceExit = setTimeout(() => process.exit(1), 15_000);
        forceExit.unref();
        await platform.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
      await new Promise(() => {});
    });
}
