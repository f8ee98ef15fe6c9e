import type { Migration } from '../kernel/db/migrations.js';

export const fleetMigrations: Migration[] = [
  {
    name: 'fleet_001_machines',
    up: async (db) => {
      await db.schema
        .createTable('machines')
        .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
        .addColumn('name', 'varchar(128)', (column) => column.notNull().unique())
        .addColumn('hostname', 'varchar(255)', (column) => column.unique())
        .addColumn('ip', 'varchar(64)', (column) => column.unique())
        .addColumn('domain', 'varchar(255)', (column) => column.unique())
        .addColumn('region', 'varchar(64)')
        .addColumn('labels_json', 'text', (column) => column.notNull())
        .addColumn('ssh_sealed', 'text')
        .addColumn('allocation', 'varchar(16)', (column) => column.notNull())
        .addColumn('health', 'varchar(16)', (column) => column.notNull())
        .addColumn('token_hash', 'varchar(64)', (column) => column.unique())
        .addColumn('token_issued_at_ms', 'bigint')
        .addColumn('hardware_json', 'text')
        .addColumn('gpus_json', 'text', (column) => column.notNull())
        .addColumn('executors_json', 'text', (column) => column.notNull())
        .addColumn('slots', 'integer', (column) => column.notNull())
        .addColumn('metrics_json', 'text')
        .addColumn('needs_collect', 'integer', (column) => column.notNull())
        .addColumn('registered_at_ms', 'bigint')
        .addColumn('last_heartbeat_at_ms', 'bigint')
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('updated_at_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('machine_enrollment_tokens')
        .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
        .addColumn('machine_id', 'varchar(40)', (column) => column.notNull())
        .addColumn('token_hash', 'varchar(64)', (column) => column.notNull().unique())
        .addColumn('expires_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('used_at_ms', 'bigint')
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .execute();
    },
  },
  {
    name: 'fleet_002_tasks',
    up: async (db) => {
      await db.schema
        .createTable('tasks')
        .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
        .addColumn('type', 'varchar(64)', (column) => column.notNull())
        .addColumn('payload_json', 'text', (column) => column.notNull())
        .addColumn('state', 'varchar(16)', (column) => column.notNull())
        .addColumn('required_executor', 'varchar(64)', (column) => column.notNull())
        .addColumn('priority', 'integer', (column) => column.notNull())
        .addColumn('attempt', 'integer', (column) => column.notNull())
        .addColumn('attempt_id', 'varchar(40)')
        .addColumn('machine_id', 'varchar(40)')
        .addColumn('target_machine_id', 'varchar(40)')
        .addColumn('target_labels_json', 'text')
        .addColumn('gpus', 'integer', (column) => column.notNull())
        .addColumn('gpu_indexes_json', 'text')
        .addColumn('max_attempts', 'integer', (column) => column.notNull())
        .addColumn('attempts_per_run', 'integer', (column) => column.notNull())
        .addColumn('lease_ttl_s', 'integer', (column) => column.notNull())
        .addColumn('cancel_grace_s', 'integer', (column) => column.notNull())
        .addColumn('lease_expires_at_ms', 'bigint')
        .addColumn('not_before_ms', 'bigint', (column) => column.notNull())
        .addColumn('cancel_requested_at_ms', 'bigint')
        .addColumn('created_by_user_id', 'varchar(40)')
        .addColumn('idempotency_key', 'varchar(200)')
        .addColumn('idempotency_hash', 'varchar(64)')
        .addColumn('schedule_id', 'varchar(40)')
        .addColumn('end_reason', 'varchar(32)')
        .addColumn('exit_code', 'integer')
        .addColumn('signal', 'varchar(32)')
        .addColumn('error', 'text')
        .addColumn('outputs_json', 'text')
        .addColumn('log_items', 'integer', (column) => column.notNull())
        .addColumn('log_bytes', 'bigint', (column) => column.notNull())
        .addColumn('is_log_truncated', 'integer', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('updated_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('started_at_ms', 'bigint')
        .addColumn('ended_at_ms', 'bigint')
        .execute();
      // The claim scans queued tasks in priority order; the reaper scans live leases by expiry.
      await db.schema
        .createIndex('tasks_claim_idx')
        .on('tasks')
        .columns(['state', 'priority', 'created_at_ms'])
        .execute();
      await db.schema
        .createIndex('tasks_lease_idx')
        .on('tasks')
        .columns(['state', 'lease_expires_at_ms'])
        .execute();
      await db.schema.createIndex('tasks_machine_idx').on('tasks').columns(['machine_id', 'state']).execute();
      await db.schema
        .createIndex('tasks_owner_idx')
        .on('tasks')
        .columns(['created_by_user_id', 'created_at_ms'])
        .execute();
      await db.schema
        .createIndex('tasks_idempotency_idx')
        .on('tasks')
        .columns(['created_by_user_id', 'idempotency_key'])
        .unique()
        .execute();
      await db.schema
        .createTable('task_label_targets')
        .addColumn('task_id', 'varchar(40)', (column) => column.notNull())
        .addColumn('label', 'varchar(300)', (column) => column.notNull())
        .addPrimaryKeyConstraint('task_label_targets_pk', ['task_id', 'label'])
        .execute();
      await db.schema
        .createTable('task_attempts')
        .addColumn('attempt_id', 'varchar(40)', (column) => column.primaryKey())
        .addColumn('task_id', 'varchar(40)', (column) => column.notNull())
        .addColumn('n', 'integer', (column) => column.notNull())
        .addColumn('machine_id', 'varchar(40)', (column) => column.notNull())
        .addColumn('claim_id', 'varchar(128)')
        .addColumn('process_id', 'integer')
        .addColumn('claimed_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('started_at_ms', 'bigint')
        .addColumn('ended_at_ms', 'bigint')
        .addColumn('end_reason', 'varchar(32)')
        .addColumn('exit_code', 'integer')
        .addColumn('signal', 'varchar(32)')
        .addColumn('last_log_seq', 'integer', (column) => column.notNull())
        .addColumn('reported_last_seq', 'integer')
        .execute();
      await db.schema
        .createIndex('task_attempts_task_idx')
        .on('task_attempts')
        .columns(['task_id', 'n'])
        .unique()
        .execute();
      await db.schema
        .createTable('task_log_chunks')
        .addColumn('task_id', 'varchar(40)', (column) => column.notNull())
        .addColumn('log_offset', 'integer', (column) => column.notNull())
        .addColumn('attempt_id', 'varchar(40)', (column) => column.notNull())
        .addColumn('seq', 'integer', (column) => column.notNull())
        .addColumn('stream', 'varchar(16)', (column) => column.notNull())
        .addColumn('data', 'text', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('task_log_chunks_pk', ['task_id', 'log_offset'])
        .execute();
      await db.schema
        .createTable('task_claims')
        .addColumn('machine_id', 'varchar(40)', (column) => column.notNull())
        .addColumn('claim_id', 'varchar(128)', (column) => column.notNull())
        .addColumn('attempt_ids_json', 'text', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('task_claims_pk', ['machine_id', 'claim_id'])
        .execute();
      await db.schema.createIndex('task_claims_time_idx').on('task_claims').column('created_at_ms').execute();
    },
  },
  {
    name: 'fleet_003_task_schedules',
    up: async (db) => {
      await db.schema
        .createTable('task_schedules')
        .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
        .addColumn('name', 'varchar(128)', (column) => column.notNull())
        .addColumn('cron', 'varchar(128)', (column) => column.notNull())
        .addColumn('template_json', 'text', (column) => column.notNull())
        .addColumn('is_enabled', 'integer', (column) => column.notNull())
        .addColumn('allows_overlap', 'integer', (column) => column.notNull())
        .addColumn('created_by_user_id', 'varchar(40)')
        .addColumn('next_run_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('last_task_id', 'varchar(40)')
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('updated_at_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('task_schedules_due_idx')
        .on('task_schedules')
        .columns(['is_enabled', 'next_run_at_ms'])
        .execute();
    },
  },
];
