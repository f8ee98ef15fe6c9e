import type { FastifyInstance } from 'fastify';
import type { AuthGuards } from '../../identity/index.js';

export function registerFleetDashboardRoutes(
  app: FastifyInstance,
  deps: { guards: AuthGuards; summarize(): Promise<unknown> },
) {
  app.get(
    '/api/admin/fleet/summary',
    {
      preHandler: deps.guards.requireAdmin,
      schema: {
        tags: ['fleet-admin'],
        summary: 'Machines by state, GPUs busy/free, tasks by state, queue wait',
      },
    },
    async () => deps.summarize(),
  );
}
