import type { Command } from 'commander';
import { loadSettings } from '../kernel/config.js';
import { openDatabase } from '../kernel/db/database.js';
import { runMigrations } from '../kernel/db/migrations.js';
import { collectMigrations } from '../platform/create-platform.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations and exit (safe to run repeatedly)')
    .action(async () => {
      const settings = loadSettings();
      const database = await openDatabase({ url: settings.databaseUrl });
      try {
        const report = await runMigrations(database, collectMigrations());
        for (const name of report.applied) process.stdout.write(`applied ${name}\n`);
        process.stdout.write(`${report.applied.length} applied, ${report.alreadyApplied} already applied\n`);
      } finally {
        await database.close();
      }
    });
}
