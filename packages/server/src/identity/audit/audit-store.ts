import type { Kysely } from 'kysely';
import type { AnyKysely } from '../../kernel/db/database.js';

export interface AuditEventRow {
  id: string;
  created_at_ms: number;
  actor_id: string | null;
  actor_username: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: 'success' | 'failure' | 'denied';
  details_json: string | null;
}

interface AuditTables {
  audit_events: AuditEventRow;
}

const auditOf = (db: AnyKysely) => db as Kysely<AuditTables>;

export async function insertAuditEvent(db: AnyKysely, row: AuditEventRow): Promise<void> {
  await auditOf(db).insertInto('audit_events').values(row).execute();
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetId?: string;
  outcome?: AuditEventRow['outcome'];
  fromMs?: number;
  toMs?: number;
  page: number;
  pageSize: number;
}

export async function listAuditEvents(
  db: AnyKysely,
  filter: AuditFilter,
): Promise<{ items: AuditEventRow[]; total: number }> {
  let query = auditOf(db).selectFrom('audit_events');
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  if (filter.fromMs !== undefined) query = query.where('created_at_ms', '>=', filter.fromMs);
  if (filter.toMs !== undefined) query = query.where('created_at_ms', '<', filter.toMs);
  const totalRow = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const items = await query
    .selectAll()
    .orderBy('created_at_ms', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { items, total: Number(totalRow.count) };
}
