import type { Command } from 'commander';
import { createIdentity } from '../identity/index.js';
import { systemClock } from '../kernel/clock.js';
import { loadSettings } from '../kernel/config.js';
import { openDatabase } from '../kernel/db/database.js';
import { runMigrations } from '../kernel/db/migrations.js';
import { invalidRequest } from '../kernel/errors.js';
import { createSecretBox, loadMasterKey } from '../kernel/secrets/secret-box.js';
import { collectMigrations } from '../platform/create-platform.js';

async function withIdentity<T>(
  work: (identity: ReturnType<typeof createIdentity>) => Promise<T>,
): Promise<T> {
  const settings = loadSettings();
  const database = await openDatabase({ url: settings.databaseUrl });
  try {
    await runMigrations(database, collectMigrations());
    const secretBox = createSecretBox(
      loadMasterKey({ configuredKey: settings.masterKey, dataDir: settings.dataDir }),
    );
    return await work(createIdentity({ database, clock: systemClock, secretBox, settings }));
  } finally {
    await database.close();
  }
}

const cliActor = { id: null, username: 'cli', ip: null };

function requirePassword(value: string | undefined): string {
  const password = value ?? process.env.SWITCHYARD_NEW_PASSWORD;
  if (!password || password.length < 8)
    throw invalidRequest('password must be at least 8 characters (--password or SWITCHYARD_NEW_PASSWORD)');
  return password;
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('Manage users from the command line');
  user
    .command('create <username>')
    .description('Create a user (prints its id)')
    .option('--password <password>', 'the password (or set SWITCHYARD_NEW_PASSWORD)')
    .option('--email <email>', 'email address')
    .option('--admin', 'give the user the admin role', false)
    .action(async (username: string, options: { password?: string; email?: string; admin: boolean }) => {
      const password = requirePassword(options.password);
      await withIdentity(async (identity) => {
        const created = await identity.users.createUser({
          username,
          password,
          email: options.email ?? null,
          role: options.admin ? 'admin' : 'user',
        });
        await identity.audit.record({
          actor: cliActor,
          action: 'user.create',
          target: { type: 'user', id: created.id },
          outcome: 'success',
          details: { role: created.role },
        });
        process.stdout.write(`created ${created.role} ${created.username} (${created.id})\n`);
      });
    });
  user
    .command('reset-password <username>')
    .description("Set a user's password and sign out all their sessions")
    .option('--password <password>', 'the new password (or set SWITCHYARD_NEW_PASSWORD)')
    .action(async (username: string, options: { password?: string }) => {
      const password = requirePassword(options.password);
      await withIdentity(async (identity) => {
        const page = await identity.users.list({ q: username, page: 1, page_size: 100 });
        const target = page.items.find((item) => item.username.toLowerCase() === username.toLowerCase());
        if (!target) throw invalidRequest(`no user named ${username}`);
        await identity.users.resetPassword({ actor: cliActor, userId: target.id, newPassword: password });
        process.stdout.write(`password reset for ${target.username}\n`);
      });
    });
}
