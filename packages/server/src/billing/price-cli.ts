import type { Command } from 'commander';
import { createIdentity } from '../identity/index.js';
import { systemClock } from '../kernel/clock.js';
import { loadSettings } from '../kernel/config.js';
import { openDatabase } from '../kernel/db/database.js';
import { runMigrations } from '../kernel/db/migrations.js';
import { invalidRequest } from '../kernel/errors.js';
import { createSecretBox, loadMasterKey } from '../kernel/secrets/secret-box.js';
import { modelPriceUpsertSchema } from './billing-schemas.js';
import { createPriceBook } from './prices/price-book.js';
import { createPricingService, type PricingService } from './pricing-service.js';

async function withPricing<T>(work: (pricing: PricingService) => Promise<T>): Promise<T> {
  const settings = loadSettings();
  const database = await openDatabase({ url: settings.databaseUrl });
  try {
    // Imported here, not at the top: the platform's module list imports this module.
    const { collectMigrations } = await import('../platform/create-platform.js');
    await runMigrations(database, collectMigrations());
    const secretBox = createSecretBox(
      loadMasterKey({ configuredKey: settings.masterKey, dataDir: settings.dataDir }),
    );
    const identity = createIdentity({ database, clock: systemClock, secretBox, settings });
    const priceBook = createPriceBook({ db: database.db, clock: systemClock });
    return await work(
      createPricingService({ database, clock: systemClock, priceBook, audit: identity.audit }),
    );
  } finally {
    await database.close();
  }
}

/** "30" or "0.15" currency units per 1M tokens → integer micro-units, exactly (no float rounding). */
export function parsePricePerMillion(text: string, flag: string): number {
  const match = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match)
    throw invalidRequest(
      `${flag} must be a non-negative number with at most 6 decimals (currency units per 1M tokens), got ${JSON.stringify(text)}`,
    );
  return Number(match[1]) * 1_000_000 + Number((match[2] ?? '').padEnd(6, '0'));
}

const formatPrice = (micros: number | null) => (micros === null ? '-' : (micros / 1_000_000).toString());
const cliActor = { id: null, username: 'cli', ip: null };

export function registerPriceCommands(program: Command): void {
  const price = program
    .command('price')
    .description('Model prices (currency units per 1M tokens; stored as integer micro-units)');
  price
    .command('list')
    .description('Print the price table: admin prices and the built-in defaults')
    .option('--json', 'print JSON instead of a table', false)
    .action(async (options: { json: boolean }) => {
      await withPricing(async (pricing) => {
        const items = await pricing.list();
        if (options.json) {
          process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
          return;
        }
        const header = [
          'MODEL',
          'CURRENCY',
          'INPUT',
          'CACHED_INPUT',
          'CACHE_WRITE',
          'OUTPUT',
          'ACTIVE',
          'SOURCE',
        ];
        const rows = items.map((item) => [
          item.model,
          item.currency,
          formatPrice(item.input),
          formatPrice(item.cache_read),
          formatPrice(item.cache_write),
          formatPrice(item.output),
          item.is_active ? 'yes' : 'no',
          item.source,
        ]);
        const widths = header.map((title, column) =>
          Math.max(title.length, ...rows.map((row) => row[column].length)),
        );
        for (const row of [header, ...rows])
          process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column])).join('  ')}\n`);
      });
    });
  price
    .command('set <model>')
    .description(
      'Set the prices of a model, e.g. `price set gpt-4 --input 30 --output 60` ($30 / $60 per 1M tokens)',
    )
    .requiredOption('--input <price>', 'uncached input price per 1M tokens')
    .requiredOption('--output <price>', 'output price per 1M tokens (reasoning included)')
    .option('--cached-input <price>', 'cache-read input price per 1M tokens (default: the input price)')
    .option('--cache-write <price>', 'cache-write price per 1M tokens (default: the input price)')
    .option('--currency <code>', 'ISO currency code', 'USD')
    .option('--inactive', 'store the price without offering the model to users', false)
    .action(
      async (
        model: string,
        options: {
          input: string;
          output: string;
          cachedInput?: string;
          cacheWrite?: string;
          currency: string;
          inactive: boolean;
        },
      ) => {
        const input = parsePricePerMillion(options.input, '--input');
        const body = modelPriceUpsertSchema.parse({
          currency: options.currency.toUpperCase(),
          input,
          output: parsePricePerMillion(options.output, '--output'),
          cache_read: options.cachedInput
            ? parsePricePerMillion(options.cachedInput, '--cached-input')
            : input,
          cache_write: options.cacheWrite ? parsePricePerMillion(options.cacheWrite, '--cache-write') : input,
          is_active: !options.inactive,
        });
        await withPricing(async (pricing) => {
          const saved = await pricing.upsert(model, body, cliActor);
          process.stdout.write(
            `${saved.model}: input ${formatPrice(saved.input)} output ${formatPrice(saved.output)} ${saved.currency} per 1M tokens${saved.is_active ? '' : ' (inactive)'}\n`,
          );
        });
      },
    );
  price
    .command('alias <alias> <model>')
    .description('Bill requests for <alias> at the price of <model>')
    .action(async (alias: string, model: string) => {
      await withPricing(async (pricing) => {
        await pricing.setAlias(alias, model, cliActor);
        process.stdout.write(`${alias} → ${model}\n`);
      });
    });
}
