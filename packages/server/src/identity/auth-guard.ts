import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../kernel/errors.js';
import type { AuditActor } from './audit/audit-log.js';
import type { Principal, SessionService } from './sessions/session-service.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

function readBearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : undefined;
}

export interface AuthGuards {
  /** preHandler: a logged-in, enabled user. */
  requireUser(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** preHandler: a logged-in, enabled admin. */
  requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

export function createAuthGuards(sessions: SessionService): AuthGuards {
  const requireUser = async (request: FastifyRequest) => {
    const token = readBearerToken(request);
    if (!token) throw unauthorized();
    request.principal = await sessions.authenticate(token);
  };
  return {
    requireUser,
    async requireAdmin(request) {
      await requireUser(request);
      if (request.principal?.role !== 'admin') throw forbidden('Administrator role required');
    },
  };
}

/** The principal of a route behind requireUser/requireAdmin. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}

export function auditActorOf(request: FastifyRequest): AuditActor {
  return {
    id: request.principal?.userId ?? null,
    username: request.principal?.username ?? null,
    ip: request.ip,
  };
}
