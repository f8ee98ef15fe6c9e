import { sql } from 'kysely';
import type { Migration } from '../kernel/db/migrations.js';

export const billingMigrations: Migration[] = [
  {
    name: 'billing_001_prices',
    up: async (db) => {
      await db.schema
        .createTable('model_prices')
        .addColumn('model', 'varchar(200)', (column) => column.primaryKey())
        .addColumn('currency', 'varchar(8)', (column) => column.notNull())
        .addColumn('input', 'bigint')
        .addColumn('cache_read', 'bigint')
        .addColumn('cache_write', 'bigint')
        .addColumn('output', 'bigint')
        .addColumn('reasoning', 'bigint')
        .addColumn('is_active', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('updated_at_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('model_price_aliases')
        .addColumn('alias', 'varchar(200)', (column) => column.primaryKey())
        .addColumn('model', 'varchar(200)', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .execute();
    },
  },
  {
    name: 'billing_002_accounts',
    up: async (db) => {
      await db.schema
        .createTable('billing_accounts')
        .addColumn('user_id', 'varchar(40)', (column) => column.primaryKey())
        .addColumn('balance_micros', 'bigint', (column) => column.notNull().defaultTo(0))
        .addColumn('reserved_micros', 'bigint', (column) => column.notNull().defaultTo(0))
        .addColumn('used_micros', 'bigint', (column) => column.notNull().defaultTo(0))
        .addColumn('updated_at_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('billing_key_quotas')
        .addColumn('key_id', 'varchar(40)', (column) => column.primaryKey())
        .addColumn('quota_micros', 'bigint')
        .addColumn('reserved_micros', 'bigint', (column) => column.notNull().defaultTo(0))
        .addColumn('used_micros', 'bigint', (column) => column.notNull().defaultTo(0))
        .addColumn('updated_at_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('billing_reservations')
        .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
        .addColumn('user_id', 'varchar(40)', (column) => column.notNull())
        .addColumn('key_id', 'varchar(40)')
        .addColumn('model', 'varchar(200)', (column) => column.notNull())
        .addColumn('amount_micros', 'bigint', (column) => column.notNull())
        .addColumn('state', 'varchar(16)', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('expires_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('settlement_json', 'text')
        .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('ended_at_ms', 'bigint')
        .execute();
      await db.schema
        .createIndex('billing_reservations_state_idx')
        .on('billing_reservations')
        .columns(['state', 'expires_at_ms'])
        .execute();
    },
  },
  {
    name: 'billing_003_usage_charges',
    up: async (db) => {
      await db.schema
        .createTable('billing_usage_charges')
        .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
        .addColumn('request_id', 'varchar(64)')
        .addColumn('user_id', 'varchar(40)', (column) => column.notNull())
        .addColumn('key_id', 'varchar(40)')
        .addColumn('model', 'varchar(200)', (column) => column.notNull())
        .addColumn('input', 'bigint', (column) => column.notNull())
        .addColumn('cache_read', 'bigint', (column) => column.notNull())
        .addColumn('cache_write', 'bigint', (column) => column.notNull())
        .addColumn('output', 'bigint', (column) => column.notNull())
        .addColumn('reasoning', 'bigint', (column) => column.notNull())
        .addColumn('usage_source', 'varchar(16)', (column) => column.notNull())
        .addColumn('cost_micros', 'bigint', (column) => column.notNull())
        .addColumn('charged_micros', 'bigint', (column) => column.notNull())
        .addColumn('currency', 'varchar(8)')
        .addColumn('price_json', 'text')
        .addColumn('pricing_missing', 'integer', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('billing_usage_user_time_idx')
        .on('billing_usage_charges')
        .columns(['user_id', 'created_at_ms'])
        .execute();
      await db.schema
        .createIndex('billing_usage_time_idx')
        .on('billing_usage_charges')
        .column('created_at_ms')
        .execute();
      await db.schema
        .createIndex('billing_usage_request_idx')
        .on('billing_usage_charges')
        .column('request_id')
        .execute();
    },
  },
  {
    // A user an admin never funded is not limited by a balance (usage is still priced and counted);
    // funding a user, or SWITCHYARD_BILLING_REQUIRE_BALANCE=true, makes the balance a hard limit.
    name: 'billing_004_account_limits',
    up: async (db) => {
      await db.schema
        .alterTable('billing_accounts')
        .addColumn('is_limited', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
      await sql`update billing_accounts set is_limited = 1 where balance_micros > 0`.execute(db);
    },
  },
];
