import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { listAppliedMigrations, type Migration, runMigrations } from './migrations.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from './test-database.js';

const createWidgets: Migration = {
  name: 'test_001_widgets',
  up: async (db) => {
    await db.schema
      .createTable('widgets')
      .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
      .execute();
  },
};
const addColour: Migration = {
  name: 'test_002_widget_colour',
  up: async (db) => {
    await db.schema.alterTable('widgets').addColumn('colour', 'text').execute();
  },
};
const failingAfterDdl: Migration = {
  name: 'test_003_broken',
  up: async (db) => {
    await db.schema.createTable('half_done').addColumn('id', 'text').execute();
    await sql`select * from table_that_does_not_exist`.execute(db);
  },
};

async function tableExists(database: TestDatabase, table: string): Promise<boolean> {
  const tables = await database.db.introspection.getTables();
  return tables.some((entry) => entry.name === table);
}

describeEachDialect(runMigrations.name, (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('applies pending migrations in order and records them', async () => {
    const report = await runMigrations(database, [createWidgets, addColour]);
    expect(report.applied).toEqual(['test_001_widgets', 'test_002_widget_colour']);
    expect(await listAppliedMigrations(database)).toEqual(['test_001_widgets', 'test_002_widget_colour']);
    await database.db.insertInto('widgets').values({ id: 'w1', colour: 'red' }).execute();
  });

  it('is idempotent: a second run applies nothing', async () => {
    await runMigrations(database, [createWidgets, addColour]);
    const again = await runMigrations(database, [createWidgets, addColour]);
    expect(again).toEqual({ applied: [], alreadyApplied: 2 });
  });

  it('applies only the new migration when one is added later', async () => {
    await runMigrations(database, [createWidgets]);
    const report = await runMigrations(database, [createWidgets, addColour]);
    expect(report.applied).toEqual(['test_002_widget_colour']);
  });

  it('leaves the schema as it was when a migration fails, and records nothing for it', async () => {
    await runMigrations(database, [createWidgets]);
    await expect(runMigrations(database, [createWidgets, failingAfterDdl])).rejects.toThrow();
    expect(await tableExists(database, 'half_done')).toBe(false);
    expect(await listAppliedMigrations(database)).toEqual(['test_001_widgets']);
  });

  it('refuses duplicate migration names before touching the database', async () => {
    await expect(runMigrations(database, [createWidgets, createWidgets])).rejects.toThrow(
      /duplicate migration/,
    );
    expect(await tableExists(database, 'widgets')).toBe(false);
  });
});
