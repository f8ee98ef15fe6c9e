import {
  agentClaimReplySchema,
  agentClaimRequestSchema,
  agentEnrollReplySchema,
  agentEnrollRequestSchema,
  agentHeartbeatReplySchema,
  agentHeartbeatRequestSchema,
  agentLeaseReplySchema,
  agentProtocolDefaults,
  agentRegisterReplySchema,
  agentRegisterRequestSchema,
  agentTaskCompleteReplySchema,
  agentTaskCompleteRequestSchema,
  agentTaskEventsReplySchema,
  agentTaskEventsRequestSchema,
  agentTaskRenewRequestSchema,
  agentTaskStartRequestSchema,
} from '@switchyard/protocol';
import type { FastifyInstance } from 'fastify';
import { validated } from '../../http/zod-validation.js';
import type { Clock } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/database.js';
import type { LeaseService } from '../leases/lease-service.js';
import type { MachineService } from '../machines/machine-service.js';
import { taskIdParamsSchema } from '../tasks/task-schemas.js';
import { agentMachineOf, createAgentAuthGuard } from './agent-auth.js';
import { recordHeartbeat, recordRegistration } from './agent-machine-reports.js';

const tags = ['agent'];

export interface AgentRouteDeps {
  database: Database;
  clock: Clock;
  machines: MachineService;
  leases: LeaseService;
  heartbeatIntervalMs: number;
}

export function registerAgentRoutes(app: FastifyInstance, deps: AgentRouteDeps): void {
  const { machines, leases } = deps;
  const preHandler = createAgentAuthGuard(machines);
  app.decorateRequest('agentMachine', null);
  const config = (needsCollect: boolean) => ({
    heartbeat_interval_ms: deps.heartbeatIntervalMs,
    lease_ttl_ms: agentProtocolDefaults.leaseTtlMs,
    needs_collect: needsCollect,
  });

  app.post(
    '/agent/v1/enroll',
    {
      schema: {
        tags,
        summary: 'Exchange a single-use enrollment token for a machine token',
        body: agentEnrollRequestSchema,
        response: { 200: agentEnrollReplySchema },
      },
    },
    async (request) => machines.enroll(validated(agentEnrollRequestSchema, request.body).enrollment_token),
  );
  app.post(
    '/agent/v1/register',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Report machine facts and held attempts; get intervals and continue/abort per attempt',
        body: agentRegisterRequestSchema,
        response: { 200: agentRegisterReplySchema },
      },
    },
    async (request) => {
      const machine = agentMachineOf(request);
      const body = validated(agentRegisterRequestSchema, request.body);
      await recordRegistration(deps, machine, body);
      const held = await leases.reconcileHeldAttempts({ machine, held: body.held_attempts });
      return {
        machine_id: machine.id,
        heartbeat_interval_ms: deps.heartbeatIntervalMs,
        lease_ttl_ms: agentProtocolDefaults.leaseTtlMs,
        claim_max_wait_ms: agentProtocolDefaults.claimMaxWaitMs,
        log_chunk_max_bytes: agentProtocolDefaults.logChunkMaxBytes,
        held_attempts: held,
      };
    },
  );
  app.post(
    '/agent/v1/heartbeat',
    {
      preHandler,
      schema: {
        tags,
        summary: 'System and GPU metrics; the reply carries cancels and config',
        body: agentHeartbeatRequestSchema,
        response: { 200: agentHeartbeatReplySchema },
      },
    },
    async (request) => {
      const machine = agentMachineOf(request);
      await recordHeartbeat(deps, machine, validated(agentHeartbeatRequestSchema, request.body));
      return {
        cancel: await leases.cancelSignals(machine.id),
        config: config(Number(machine.needs_collect) === 1),
      };
    },
  );
  app.post(
    '/agent/v1/claim',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Long-poll (≤ 25 s) for up to free_slots tasks; idempotent per claim_id',
        body: agentClaimRequestSchema,
        response: { 200: agentClaimReplySchema },
      },
    },
    async (request, reply) => {
      const body = validated(agentClaimRequestSchema, request.body);
      const connection = new AbortController();
      // 'close' before the reply finished means the agent hung up (killed, restarted) mid-poll.
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) connection.abort();
      });
      return leases.claim({
        machine: agentMachineOf(request),
        claimId: body.claim_id,
        freeSlots: body.free_slots,
        waitMs: body.wait_ms,
        signal: connection.signal,
      });
    },
  );
  app.post(
    '/agent/v1/tasks/:id/start',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Mark the attempt running (before the process starts) with its process id',
        params: taskIdParamsSchema,
        body: agentTaskStartRequestSchema,
        response: { 200: agentLeaseReplySchema },
      },
    },
    async (request) => {
      const body = validated(agentTaskStartRequestSchema, request.body);
      const taskId = validated(taskIdParamsSchema, request.params).id;
      return leases.start({
        machine: agentMachineOf(request),
        taskId,
        attemptId: body.attempt_id,
        processId: body.process_id,
      });
    },
  );
  app.post(
    '/agent/v1/tasks/:id/renew',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Extend the lease of the current attempt',
        params: taskIdParamsSchema,
        body: agentTaskRenewRequestSchema,
        response: { 200: agentLeaseReplySchema },
      },
    },
    async (request) =>
      leases.renew({
        machine: agentMachineOf(request),
        taskId: validated(taskIdParamsSchema, request.params).id,
        attemptId: validated(agentTaskRenewRequestSchema, request.body).attempt_id,
      }),
  );
  app.post(
    '/agent/v1/tasks/:id/events',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Append log chunks (deduplicated by seq)',
        params: taskIdParamsSchema,
        body: agentTaskEventsRequestSchema,
        response: { 200: agentTaskEventsReplySchema },
      },
    },
    async (request) => {
      const body = validated(agentTaskEventsRequestSchema, request.body);
      const taskId = validated(taskIdParamsSchema, request.params).id;
      return leases.appendEvents({
        machine: agentMachineOf(request),
        taskId,
        attemptId: body.attempt_id,
        chunks: body.chunks,
      });
    },
  );
  app.post(
    '/agent/v1/tasks/:id/complete',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Final outcome of the attempt; idempotent per attempt_id',
        params: taskIdParamsSchema,
        body: agentTaskCompleteRequestSchema,
        response: { 200: agentTaskCompleteReplySchema },
      },
    },
    async (request) =>
      leases.complete({
        machine: agentMachineOf(request),
        taskId: validated(taskIdParamsSchema, request.params).id,
        body: validated(agentTaskCompleteRequestSchema, request.body),
      }),
  );
}
