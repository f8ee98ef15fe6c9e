import type { Migration } from '../kernel/db/migrations.js';

export const gatewayMigrations: Migration[] = [
  {
    name: 'gateway_001_channels',
    up: async (db) => {
      await db.schema
        .createTable('channels')
        .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
        .addColumn('name', 'varchar(100)', (column) => column.notNull())
        .addColumn('type', 'varchar(32)', (column) => column.notNull())
        .addColumn('vendor', 'varchar(32)')
        .addColumn('base_url', 'varchar(500)', (column) => column.notNull())
        .addColumn('models_json', 'text', (column) => column.notNull())
        .addColumn('model_mapping_json', 'text', (column) => column.notNull())
        .addColumn('groups_json', 'text', (column) => column.notNull())
        .addColumn('priority', 'integer', (column) => column.notNull())
        .addColumn('weight', 'integer', (column) => column.notNull())
        .addColumn('status', 'varchar(16)', (column) => column.notNull())
        .addColumn('status_reason', 'text')
        .addColumn('timeout_ms', 'integer', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('updated_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('last_test_at_ms', 'bigint')
        .addColumn('last_test_latency_ms', 'integer')
        .addColumn('last_test_outcome', 'varchar(16)')
        .addColumn('last_test_error', 'text')
        .execute();
      await db.schema
        .createTable('channel_keys')
        .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
        .addColumn('channel_id', 'varchar(40)', (column) => column.notNull())
        .addColumn('position', 'integer', (column) => column.notNull())
        .addColumn('sealed_key', 'text', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('channel_keys_channel_idx')
        .on('channel_keys')
        .columns(['channel_id', 'position'])
        .execute();
    },
  },
  {
    name: 'gateway_002_api_keys',
    up: async (db) => {
      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
        .addColumn('user_id', 'varchar(40)', (column) => column.notNull())
        .addColumn('name', 'varchar(100)', (column) => column.notNull())
        .addColumn('key_hash', 'varchar(64)', (column) => column.notNull().unique())
        .addColumn('key_hint', 'varchar(32)', (column) => column.notNull())
        .addColumn('group_name', 'varchar(64)', (column) => column.notNull())
        .addColumn('expires_at_ms', 'bigint')
        .addColumn('models_json', 'text')
        .addColumn('allow_cidrs_json', 'text')
        .addColumn('rpm', 'integer')
        .addColumn('tpm', 'integer')
        .addColumn('is_enabled', 'integer', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('updated_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('last_used_at_ms', 'bigint')
        .execute();
      await db.schema
        .createIndex('api_keys_user_idx')
        .on('api_keys')
        .columns(['user_id', 'created_at_ms'])
        .execute();
    },
  },
  {
    name: 'gateway_003_request_logs',
    up: async (db) => {
      await db.schema
        .createTable('request_logs')
        .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('user_id', 'varchar(40)')
        .addColumn('key_id', 'varchar(40)')
        .addColumn('group_name', 'varchar(64)')
        .addColumn('model', 'varchar(200)')
        .addColumn('upstream_model', 'varchar(200)')
        .addColumn('channel_id', 'varchar(40)')
        .addColumn('inbound', 'varchar(32)', (column) => column.notNull())
        .addColumn('outbound', 'varchar(32)')
        .addColumn('is_stream', 'integer', (column) => column.notNull())
        .addColumn('status', 'integer', (column) => column.notNull())
        .addColumn('error_code', 'varchar(64)')
        .addColumn('error_message', 'text')
        .addColumn('ttfb_ms', 'integer')
        .addColumn('duration_ms', 'integer', (column) => column.notNull())
        .addColumn('overhead_us', 'integer', (column) => column.notNull())
        .addColumn('attempts_json', 'text', (column) => column.notNull())
        .addColumn('usage_input', 'bigint', (column) => column.notNull())
        .addColumn('usage_cache_read', 'bigint', (column) => column.notNull())
        .addColumn('usage_cache_write', 'bigint', (column) => column.notNull())
        .addColumn('usage_output', 'bigint', (column) => column.notNull())
        .addColumn('usage_reasoning', 'bigint', (column) => column.notNull())
        .addColumn('usage_source', 'varchar(16)', (column) => column.notNull())
        .execute();
      // Every listing is "newest first" by id (a time-ordered ULID), optionally narrowed by one filter.
      await db.schema
        .createIndex('request_logs_user_idx')
        .on('request_logs')
        .columns(['user_id', 'id'])
        .execute();
      await db.schema
        .createIndex('request_logs_key_idx')
        .on('request_logs')
        .columns(['key_id', 'id'])
        .execute();
      await db.schema
        .createIndex('request_logs_channel_idx')
        .on('request_logs')
        .columns(['channel_id', 'id'])
        .execute();
      await db.schema
        .createIndex('request_logs_model_idx')
        .on('request_logs')
        .columns(['model', 'id'])
        .execute();
    },
  },
];
