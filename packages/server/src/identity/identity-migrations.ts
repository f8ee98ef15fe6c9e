import type { Migration } from '../kernel/db/migrations.js';

export const identityMigrations: Migration[] = [
  {
    name: 'identity_001_users',
    up: async (db) => {
      await db.schema
        .createTable('users')
        .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
        .addColumn('username', 'varchar(64)', (column) => column.notNull())
        .addColumn('username_key', 'varchar(64)', (column) => column.notNull().unique())
        .addColumn('email', 'varchar(320)')
        .addColumn('password_hash', 'text', (column) => column.notNull())
        .addColumn('role', 'varchar(16)', (column) => column.notNull())
        .addColumn('is_disabled', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('updated_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('last_login_at_ms', 'bigint')
        .execute();
      await db.schema.createIndex('users_role_idx').on('users').columns(['role', 'is_disabled']).execute();
    },
  },
  {
    name: 'identity_002_refresh_tokens',
    up: async (db) => {
      await db.schema
        .createTable('refresh_tokens')
        .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
        .addColumn('family_id', 'varchar(40)', (column) => column.notNull())
        .addColumn('user_id', 'varchar(40)', (column) => column.notNull())
        .addColumn('token_hash', 'varchar(64)', (column) => column.notNull().unique())
        .addColumn('issued_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('expires_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('used_at_ms', 'bigint')
        .addColumn('revoked_at_ms', 'bigint')
        .execute();
      await db.schema
        .createIndex('refresh_tokens_family_idx')
        .on('refresh_tokens')
        .column('family_id')
        .execute();
      await db.schema.createIndex('refresh_tokens_user_idx').on('refresh_tokens').column('user_id').execute();
    },
  },
  {
    name: 'identity_003_audit_events',
    up: async (db) => {
      await db.schema
        .createTable('audit_events')
        .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('actor_id', 'varchar(40)')
        .addColumn('actor_username', 'varchar(64)')
        .addColumn('ip', 'varchar(64)')
        .addColumn('action', 'varchar(64)', (column) => column.notNull())
        .addColumn('target_type', 'varchar(32)')
        .addColumn('target_id', 'varchar(64)')
        .addColumn('outcome', 'varchar(16)', (column) => column.notNull())
        .addColumn('details_json', 'text')
        .execute();
      await db.schema
        .createIndex('audit_events_time_idx')
        .on('audit_events')
        .column('created_at_ms')
        .execute();
      await db.schema
        .createIndex('audit_events_action_idx')
        .on('audit_events')
        .columns(['action', 'created_at_ms'])
        .execute();
    },
  },
];
