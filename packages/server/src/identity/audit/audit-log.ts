import type { Clock } from '../../kernel/clock.js';
import { toIso } from '../../kernel/clock.js';
import type { AnyKysely } from '../../kernel/db/database.js';
import { newId } from '../../kernel/ids.js';
import { type AuditEventRow, type AuditFilter, insertAuditEvent, listAuditEvents } from './audit-store.js';

export interface AuditActor {
  id: string | null;
  username: string | null;
  ip: string | null;
}

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  target?: { type: string; id: string };
  outcome: AuditEventRow['outcome'];
  details?: Record<string, unknown>;
}

/** Records who did what to what, and how it ended. Every admin mutation and auth event goes here. */
export interface AuditLog {
  record(entry: AuditEntry, db?: AnyKysely): Promise<void>;
  list(filter: AuditFilter): Promise<{ items: ReturnType<typeof presentAuditEvent>[]; total: number }>;
}

export function presentAuditEvent(row: AuditEventRow) {
  return {
    id: row.id,
    created_at: toIso(row.created_at_ms),
    actor_id: row.actor_id,
    actor_username: row.actor_username,
    ip: row.ip,
    action: row.action,
    target_type: row.target_type,
    target_id: row.target_id,
    outcome: row.outcome,
    details: row.details_json ? (JSON.parse(row.details_json) as Record<string, unknown>) : null,
  };
}

export function createAuditLog(deps: { db: AnyKysely; clock: Clock }): AuditLog {
  return {
    async record(entry, db = deps.db) {
      const nowMs = deps.clock.nowMs();
      await insertAuditEvent(db, {
        id: newId('aud', nowMs),
        created_at_ms: nowMs,
        actor_id: entry.actor.id,
        actor_username: entry.actor.username,
        ip: entry.actor.ip,
        action: entry.action,
        target_type: entry.target?.type ?? null,
        target_id: entry.target?.id ?? null,
        outcome: entry.outcome,
        details_json: entry.details ? JSON.stringify(entry.details) : null,
      });
    },
    async list(filter) {
      const { items, total } = await listAuditEvents(deps.db, filter);
      return { items: items.map(presentAuditEvent), total };
    },
  };
}
