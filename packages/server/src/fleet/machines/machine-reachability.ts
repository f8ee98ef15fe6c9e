export type MachineReachability = 'online' | 'unreachable' | 'offline';

/** Three missed 15 s heartbeats (45 s) make a machine unreachable; five minutes make it offline. */
export const unreachableAfterMs = 45_000;
export const offlineAfterMs = 5 * 60_000;

export function machineReachability(lastHeartbeatAtMs: number | null, nowMs: number): MachineReachability {
  if (lastHeartbeatAtMs === null) return 'offline';
  const silenceMs = nowMs - Number(lastHeartbeatAtMs);
  if (silenceMs <= unreachableAfterMs) return 'online';
  return silenceMs <= offlineAfterMs ? 'unreachable' : 'offline';
}
