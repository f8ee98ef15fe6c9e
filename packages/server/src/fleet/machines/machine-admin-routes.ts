import type { FastifyInstance } from 'fastify';
import { validated } from '../../http/zod-validation.js';
import { type AuditLog, type AuthGuards, auditActorOf } from '../../identity/index.js';
import { importMachinesCsv } from './machine-csv-import.js';
import {
  createMachineSchema,
  importMachinesSchema,
  machineIdParamsSchema,
  patchMachineSchema,
} from './machine-schemas.js';
import type { MachineService } from './machine-service.js';

const tags = ['fleet-admin'];

export function registerMachineAdminRoutes(
  app: FastifyInstance,
  deps: { machines: MachineService; guards: AuthGuards; audit: AuditLog },
) {
  const { machines } = deps;
  const preHandler = deps.guards.requireAdmin;
  const idOf = (params: unknown) => validated(machineIdParamsSchema, params).id;

  app.post(
    '/api/admin/machines',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Add a machine (409 machine_exists on a duplicate name, hostname, ip or domain)',
        body: createMachineSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await machines.create({
          actor: auditActorOf(request),
          input: validated(createMachineSchema, request.body),
        }),
      ),
  );
  app.get(
    '/api/admin/machines',
    { preHandler, schema: { tags, summary: 'All machines with reachability, hardware and GPU metrics' } },
    async () => ({
      items: await machines.list(),
    }),
  );
  app.get(
    '/api/admin/machines/:id',
    { preHandler, schema: { tags, summary: 'One machine', params: machineIdParamsSchema } },
    async (request) => machines.present(await machines.requireMachine(idOf(request.params))),
  );
  app.patch(
    '/api/admin/machines/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Change addresses, region, labels, allocation or SSH login',
        params: machineIdParamsSchema,
        body: patchMachineSchema,
      },
    },
    async (request) =>
      machines.patch({
        actor: auditActorOf(request),
        machineId: idOf(request.params),
        patch: validated(patchMachineSchema, request.body),
      }),
  );
  app.delete(
    '/api/admin/machines/:id',
    {
      preHandler,
      schema: { tags, summary: 'Remove a machine (its token stops working)', params: machineIdParamsSchema },
    },
    async (request, reply) => {
      await machines.remove({ actor: auditActorOf(request), machineId: idOf(request.params) });
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/admin/machines/:id/enrollment-token',
    {
      preHandler,
      schema: {
        tags,
        summary: 'A single-use enrollment token (30 min) for this machine; re-enrolling rotates its token',
        params: machineIdParamsSchema,
      },
    },
    async (request) =>
      machines.issueEnrollmentToken({ actor: auditActorOf(request), machineId: idOf(request.params) }),
  );
  app.post(
    '/api/admin/machines/:id/revoke-token',
    {
      preHandler,
      schema: {
        tags,
        summary: "Revoke the machine's token (its agent is locked out until re-enrolled)",
        params: machineIdParamsSchema,
      },
    },
    async (request, reply) => {
      await machines.revokeToken({ actor: auditActorOf(request), machineId: idOf(request.params) });
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/admin/machines/:id/collect',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Ask the agent to re-collect hardware facts (needs_collect)',
        params: machineIdParamsSchema,
      },
    },
    async (request) =>
      machines.requestCollect({ actor: auditActorOf(request), machineId: idOf(request.params) }),
  );
  app.post(
    '/api/admin/machines/import',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Bulk import from CSV; duplicates and invalid rows are skipped and reported',
        body: importMachinesSchema,
      },
    },
    async (request) => {
      const actor = auditActorOf(request);
      return importMachinesCsv(validated(importMachinesSchema, request.body).csv, async (parsed) => {
        const machine = await machines.create({ actor, input: parsed.data });
        return { id: machine.id, name: machine.name };
      });
    },
  );
}
