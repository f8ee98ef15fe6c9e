import { randomBytes } from 'node:crypto';
import type { AuditActor, AuditLog } from '../../identity/index.js';
import type { Clock } from '../../kernel/clock.js';
import { toIso } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/database.js';
import { newId } from '../../kernel/ids.js';
import type { SecretBox } from '../../kernel/secrets/secret-box.js';
import {
  enrollmentTokenInvalid,
  machineExists,
  machineNotFound,
  machineTokenInvalid,
} from '../fleet-errors.js';
import type { MachineRow } from '../fleet-tables.js';
import { consumeEnrollmentToken, insertEnrollmentToken } from './enrollment-token-store.js';
import { presentMachine } from './machine-presenter.js';
import type { CreateMachine, PatchMachine } from './machine-schemas.js';
import {
  countBusyGpusByMachine,
  deleteMachine,
  findIdentityClash,
  findMachineById,
  findMachineByName,
  findMachineByTokenHash,
  insertMachine,
  listMachines,
  updateMachine,
} from './machine-store.js';

export const enrollmentTokenTtlMs = 30 * 60_000;

export interface MachineServiceDeps {
  database: Database;
  clock: Clock;
  secretBox: SecretBox;
  audit: AuditLog;
}

const newSecretToken = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

export function createMachineService(deps: MachineServiceDeps) {
  const { database, clock, secretBox, audit } = deps;
  const db = database.db;

  async function requireMachine(id: string): Promise<MachineRow> {
    const row = await findMachineById(db, id);
    if (!row) throw machineNotFound();
    return row;
  }
  async function present(row: MachineRow) {
    const busy = await countBusyGpusByMachine(db);
    return presentMachine(row, { nowMs: clock.nowMs(), busyGpus: busy.get(row.id) ?? 0 });
  }

  async function insertNewMachine(input: CreateMachine): Promise<MachineRow> {
    const nowMs = clock.nowMs();
    const row: MachineRow = {
      id: newId('mch', nowMs),
      name: input.name,
      hostname: input.hostname ?? null,
      ip: input.ip ?? null,
      domain: input.domain ?? null,
      region: input.region ?? null,
      labels_json: JSON.stringify(input.labels ?? {}),
      ssh_sealed: input.ssh ? secretBox.encrypt(JSON.stringify(input.ssh)) : null,
      allocation: 'idle',
      health: 'unknown',
      token_hash: null,
      token_issued_at_ms: null,
      hardware_json: null,
      gpus_json: '[]',
      executors_json: '[]',
      slots: 1,
      metrics_json: null,
      needs_collect: 1,
      registered_at_ms: null,
      last_heartbeat_at_ms: null,
      created_at_ms: nowMs,
      updated_at_ms: nowMs,
    };
    await database.writeTransaction(async (trx) => {
      const clash = await findIdentityClash(trx, input);
      if (clash) throw machineExists(clash.field, clash.value);
      await insertMachine(trx, row);
    });
    return row;
  }

  return {
    requireMachine,
    present,
    async list() {
      const [rows, busy] = await Promise.all([listMachines(db), countBusyGpusByMachine(db)]);
      const nowMs = clock.nowMs();
      return rows.map((row) => presentMachine(row, { nowMs, busyGpus: busy.get(row.id) ?? 0 }));
    },
    async create(options: { actor: AuditActor; input: CreateMachine }) {
      const row = await insertNewMachine(options.input);
      await audit.record({
        actor: options.actor,
        action: 'fleet.machine.create',
        target: { type: 'machine', id: row.id },
        outcome: 'success',
      });
      return present(row);
    },
    insertNewMachine,
    async patch(options: { actor: AuditActor; machineId: string; patch: PatchMachine }) {
      const { patch } = options;
      await database.writeTransaction(async (trx) => {
        const row = await findMachineById(trx, options.machineId);
        if (!row) throw machineNotFound();
        const clash = await findIdentityClash(trx, { ...patch, exceptId: row.id });
        if (clash) throw machineExists(clash.field, clash.value);
        await updateMachine(trx, row.id, {
          ...(patch.hostname !== undefined && { hostname: patch.hostname }),
          ...(patch.ip !== undefined && { ip: patch.ip }),
          ...(patch.domain !== undefined && { domain: patch.domain }),
          ...(patch.region !== undefined && { region: patch.region }),
          ...(patch.labels !== undefined && { labels_json: JSON.stringify(patch.labels) }),
          ...(patch.allocation !== undefined && { allocation: patch.allocation }),
          ...(patch.ssh !== undefined && {
            ssh_sealed: patch.ssh ? secretBox.encrypt(JSON.stringify(patch.ssh)) : null,
          }),
          updated_at_ms: clock.nowMs(),
        });
      });
      await audit.record({
        actor: options.actor,
        action: 'fleet.machine.update',
        target: { type: 'machine', id: options.machineId },
        outcome: 'success',
        details: { fields: Object.keys(patch) },
      });
      return present(await requireMachine(options.machineId));
    },
    async remove(options: { actor: AuditActor; machineId: string }) {
      await requireMachine(options.machineId);
      await database.writeTransaction((trx) => deleteMachine(trx, options.machineId));
      await audit.record({
        actor: options.actor,
        action: 'fleet.machine.delete',
        target: { type: 'machine', id: options.machineId },
        outcome: 'success',
      });
    },
    async issueEnrollmentToken(options: { actor: AuditActor; machineId: string }) {
      await requireMachine(options.machineId);
      const nowMs = clock.nowMs();
      const token = newSecretToken('syenr');
      await insertEnrollmentToken(db, {
        id: newId('enr', nowMs),
        machine_id: options.machineId,
        token_hash: secretBox.hashToken(token),
        expires_at_ms: nowMs + enrollmentTokenTtlMs,
        used_at_ms: null,
        created_at_ms: nowMs,
      });
      await audit.record({
        actor: options.actor,
        action: 'fleet.machine.enrollment_token',
        target: { type: 'machine', id: options.machineId },
        outcome: 'success',
      });
      return { token, expires_at: toIso(nowMs + enrollmentTokenTtlMs) as string };
    },
    /** Exchanges a single-use enrollment token for a fresh machine token; an older machine token stops working. */
    async enroll(enrollmentToken: string) {
      const nowMs = clock.nowMs();
      const machineToken = newSecretToken('symch');
      const machineId = await database.writeTransaction(async (trx) => {
        const id = await consumeEnrollmentToken(trx, {
          tokenHash: secretBox.hashToken(enrollmentToken),
          nowMs,
        });
        if (!id) return undefined;
        await updateMachine(trx, id, {
          token_hash: secretBox.hashToken(machineToken),
          token_issued_at_ms: nowMs,
          updated_at_ms: nowMs,
        });
        return id;
      });
      if (!machineId) throw enrollmentTokenInvalid();
      return { machine_id: machineId, machine_token: machineToken };
    },
    /** Mints a machine token directly (the built-in agent of this server's own machine). */
    async mintMachineToken(machineId: string): Promise<string> {
      const nowMs = clock.nowMs();
      const machineToken = newSecretToken('symch');
      await updateMachine(db, machineId, {
        token_hash: secretBox.hashToken(machineToken),
        token_issued_at_ms: nowMs,
        updated_at_ms: nowMs,
      });
      return machineToken;
    },
    async revokeToken(options: { actor: AuditActor; machineId: string }) {
      await requireMachine(options.machineId);
      await updateMachine(db, options.machineId, { token_hash: null, updated_at_ms: clock.nowMs() });
      await audit.record({
        actor: options.actor,
        action: 'fleet.machine.revoke_token',
        target: { type: 'machine', id: options.machineId },
        outcome: 'success',
      });
    },
    async requestCollect(options: { actor: AuditActor; machineId: string }) {
      await requireMachine(options.machineId);
      await updateMachine(db, options.machineId, { needs_collect: 1, updated_at_ms: clock.nowMs() });
      await audit.record({
        actor: options.actor,
        action: 'fleet.machine.collect',
        target: { type: 'machine', id: options.machineId },
        outcome: 'success',
      });
      return present(await requireMachine(options.machineId));
    },
    async authenticate(machineToken: string): Promise<MachineRow> {
      const row = await findMachineByTokenHash(db, secretBox.hashToken(machineToken));
      if (!row) throw machineTokenInvalid();
      return row;
    },
    findByName: (name: string) => findMachineByName(db, name),
  };
}

export type MachineService = ReturnType<typeof createMachineService>;
