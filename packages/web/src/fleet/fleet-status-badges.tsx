import { Badge, type MantineColor } from '@mantine/core';
import { useMessages } from '../i18n/locale-context.js';
import type { MachineAllocation, MachineReachability, TaskState } from './fleet-api.js';
import { fleetMessages } from './fleet-messages.js';

type FleetKey = keyof (typeof fleetMessages)['en'];

const reachabilityLook: Record<MachineReachability, { color: MantineColor; key: FleetKey }> = {
  online: { color: 'teal', key: 'reachabilityOnline' },
  unreachable: { color: 'orange', key: 'reachabilityUnreachable' },
  offline: { color: 'gray', key: 'reachabilityOffline' },
};
const allocationLook: Record<MachineAllocation, { color: MantineColor; key: FleetKey }> = {
  idle: { color: 'gray', key: 'allocationIdle' },
  allocated: { color: 'indigo', key: 'allocationAllocated' },
  maintenance: { color: 'yellow', key: 'allocationMaintenance' },
};
const healthLook: Record<string, { color: MantineColor; key: FleetKey }> = {
  ok: { color: 'teal', key: 'healthOk' },
  warning: { color: 'orange', key: 'healthWarning' },
  failure: { color: 'red', key: 'healthFailure' },
  unknown: { color: 'gray', key: 'healthUnknown' },
};
export const taskStateLook: Record<TaskState, { color: MantineColor; key: FleetKey }> = {
  queued: { color: 'yellow', key: 'stateQueued' },
  leased: { color: 'cyan', key: 'stateLeased' },
  running: { color: 'blue', key: 'stateRunning' },
  succeeded: { color: 'teal', key: 'stateSucceeded' },
  failed: { color: 'red', key: 'stateFailed' },
  cancelled: { color: 'gray', key: 'stateCancelled' },
};

export function ReachabilityBadge({ reachability }: { reachability: MachineReachability }) {
  const t = useMessages(fleetMessages);
  const look = reachabilityLook[reachability];
  return (
    <Badge color={look.color} variant="dot" data-reachability={reachability}>
      {t(look.key)}
    </Badge>
  );
}

export function AllocationBadge({ allocation }: { allocation: MachineAllocation }) {
  const t = useMessages(fleetMessages);
  const look = allocationLook[allocation];
  return (
    <Badge color={look.color} variant="light">
      {t(look.key)}
    </Badge>
  );
}

export function HealthBadge({ health }: { health: string }) {
  const t = useMessages(fleetMessages);
  const look = healthLook[health] ?? healthLook.unknown;
  return (
    <Badge color={look.color} variant="outline">
      {t(look.key)}
    </Badge>
  );
}

export function TaskStateBadge({ state }: { state: TaskState }) {
  const t = useMessages(fleetMessages);
  const look = taskStateLook[state];
  return (
    <Badge color={look.color} variant="light" data-state={state}>
      {t(look.key)}
    </Badge>
  );
}
