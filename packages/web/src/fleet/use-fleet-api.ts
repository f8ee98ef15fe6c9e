import { useEffect, useMemo } from 'react';
import { useSession } from '../session/session-context.js';
import { createFleetApi, type FleetApi } from './fleet-api.js';

export function useFleetApi(): FleetApi {
  const { client } = useSession();
  return useMemo(() => createFleetApi(client), [client]);
}

/** Calls `reload` every `intervalMs` while `isActive` and the tab is visible (a hidden tab polls nothing). */
export function useIntervalReload(reload: () => void, options: { intervalMs: number; isActive: boolean }) {
  const { intervalMs, isActive } = options;
  useEffect(() => {
    if (!isActive) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [reload, intervalMs, isActive]);
}
