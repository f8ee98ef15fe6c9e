import { afterEach, beforeEach, expect, it } from 'vitest';
import { systemClock } from '../../kernel/clock.js';
import { runMigrations } from '../../kernel/db/migrations.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../kernel/db/test-database.js';
import { billingMigrations } from '../billing-migrations.js';
import { createPriceBook } from './price-book.js';
import { upsertAliasRow, upsertPriceRow } from './price-store.js';

describeEachDialect(createPriceBook.name, (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await runMigrations(database, billingMigrations);
  });
  afterEach(async () => {
    await database.dispose();
  });

  const price = (model: string, input: number | null, output: number | null) => ({
    model,
    currency: 'USD',
    input,
    cache_read: input,
    cache_write: input,
    output,
    reasoning: null,
    is_active: 1,
    updated_at_ms: 1,
  });

  it('finds the base price of dated snapshot names', async () => {
    const book = createPriceBook({ db: database.db, clock: systemClock });
    expect((await book.lookup('claude-sonnet-4-5-20250929'))?.price.model).toBe('claude-sonnet-4-5');
    expect((await book.lookup('gpt-4.1-2025-04-14'))?.price.model).toBe('gpt-4.1');
    expect((await book.lookup('openai/gpt-4o'))?.price.model).toBe('gpt-4o');
    expect((await book.lookup('models/gemini-2.5-flash'))?.price.model).toBe('gemini-2.5-flash');
  });

  it('prefers an admin price over the default table', async () => {
    await upsertPriceRow(database.db, price('gpt-4o', 1, 2));
    const resolved = await createPriceBook({ db: database.db, clock: systemClock }).lookup(
      'gpt-4o-2024-08-06',
    );
    expect(resolved).toMatchObject({ source: 'custom', price: { input: 1, output: 2 } });
  });

  it('bills an alias as its target', async () => {
    await upsertPriceRow(database.db, price('house-model', 5, 7));
    await upsertAliasRow(database.db, 'house-model-fast', 'house-model', 1);
    const resolved = await createPriceBook({ db: database.db, clock: systemClock }).lookup(
      'house-model-fast',
    );
    expect(resolved?.price).toMatchObject({ model: 'house-model', input: 5, output: 7 });
    expect(
      (await createPriceBook({ db: database.db, clock: systemClock }).lookup('gpt-4-turbo-preview'))?.price
        .model,
    ).toBe('gpt-4-turbo');
  });

  it('returns nothing for an unknown model and ignores incomplete admin rows', async () => {
    await upsertPriceRow(database.db, price('half-priced', 5, null));
    const book = createPriceBook({ db: database.db, clock: systemClock });
    expect(await book.lookup('no-such-model')).toBeUndefined();
    expect(await book.lookup('half-priced')).toBeUndefined();
  });

  it('sees writes after invalidate', async () => {
    const book = createPriceBook({ db: database.db, clock: systemClock });
    expect(await book.lookup('new-model')).toBeUndefined();
    await upsertPriceRow(database.db, price('new-model', 1, 1));
    book.invalidate();
    expect(await book.lookup('new-model')).toBeDefined();
  });
});
