import type { PlatformModule } from '../platform/platform-context.js';
import { registerAgentRoutes } from './agent-api/agent-routes.js';
import { startBuiltInAgent } from './built-in-agent/built-in-agent.js';
import { registerFleetDashboardRoutes } from './dashboard/fleet-dashboard-routes.js';
import { fleetMigrations } from './fleet-migrations.js';
import { createFleetService, type FleetService } from './fleet-service.js';
import { loadFleetSettings } from './fleet-settings.js';
import { registerTaskLogRoutes } from './logs/task-log-routes.js';
import { registerMachineAdminRoutes } from './machines/machine-admin-routes.js';
import { registerTaskScheduleRoutes } from './schedules/task-schedule-routes.js';
import { registerTaskRoutes } from './tasks/task-routes.js';

export { fleetMigrations } from './fleet-migrations.js';
export type { FleetService } from './fleet-service.js';
export type { FleetSettings } from './fleet-settings.js';
export type { PresentedTask } from './tasks/task-presenter.js';
export type { CreateTaskBody } from './tasks/task-schemas.js';
export type { TaskTypeDefinition } from './tasks/task-type-registry.js';

declare module '../platform/platform-context.js' {
  interface PlatformServices {
    fleet: FleetService;
  }
}

/** Machines, the agent API, the lease engine, task logs, recurring tasks and fleet metrics. */
export const fleetModule: PlatformModule = {
  name: 'fleet',
  migrations: fleetMigrations,
  async start(context) {
    const settings = loadFleetSettings(context.settings.env);
    const fleet = createFleetService({
      database: context.database,
      clock: context.clock,
      secretBox: context.secretBox,
      audit: context.identity.audit,
      logger: context.logger,
      metrics: context.metrics,
      settings,
    });
    context.services.fleet = fleet;
    const guards = context.identity.guards;
    registerAgentRoutes(context.app, {
      database: context.database,
      clock: context.clock,
      machines: fleet.machines,
      leases: fleet.leases,
      heartbeatIntervalMs: settings.heartbeatIntervalMs,
    });
    registerMachineAdminRoutes(context.app, {
      machines: fleet.machines,
      guards,
      audit: context.identity.audit,
    });
    registerTaskRoutes(context.app, {
      tasks: fleet.tasks,
      types: fleet.types,
      guards,
      listOfferedExecutors: fleet.listOfferedExecutors,
    });
    registerTaskLogRoutes(context.app, {
      database: context.database,
      tasks: fleet.tasks,
      notifier: fleet.notifier,
      guards,
      sseHeartbeatMs: settings.sseHeartbeatMs,
    });
    registerTaskScheduleRoutes(context.app, { schedules: fleet.schedules, guards });
    registerFleetDashboardRoutes(context.app, { guards, summarize: fleet.summarize });
    fleet.startBackgroundWork();
    context.onClose(() => fleet.stop());

    if (context.settings.localAgent) {
      let agent: { stop(): Promise<void> } | null = null;
      context.onListen(async (serverUrl) => {
        agent = await startBuiltInAgent({
          machines: fleet.machines,
          logger: context.logger,
          serverUrl,
          dataDir: context.settings.dataDir,
          slots: settings.localAgentSlots,
        });
      });
      context.onClose(async () => {
        await agent?.stop();
      });
    }
  },
};
