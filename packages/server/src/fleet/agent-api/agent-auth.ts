import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../../kernel/errors.js';
import type { MachineRow } from '../fleet-tables.js';
import type { MachineService } from '../machines/machine-service.js';

declare module 'fastify' {
  interface FastifyRequest {
    agentMachine: MachineRow | null;
  }
}

/** preHandler for /agent/v1: the machine is whoever the bearer machine token belongs to, never a body field. */
export function createAgentAuthGuard(machines: MachineService) {
  return async (request: FastifyRequest) => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw unauthorized('Machine token required');
    request.agentMachine = await machines.authenticate(match[1]);
  };
}

export function agentMachineOf(request: FastifyRequest): MachineRow {
  if (!request.agentMachine) throw unauthorized('Machine token required');
  return request.agentMachine;
}
