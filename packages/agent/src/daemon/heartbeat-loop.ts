import { type AgentHeartbeatReply, agentHeartbeatReplySchema } from '@switchyard/protocol';
import type { collectGpuMetrics } from '../collectors/gpu-metrics-collector.js';
import type { createSystemMetricsCollector } from '../collectors/system-metrics-collector.js';
import type { TimerHandle, Timers } from '../leases/lease-timers.js';
import type { AgentHttp } from './agent-http.js';
import type { AgentLogger } from './agent-logger.js';

export type HeartbeatLoopDeps = {
  http: AgentHttp;
  timers: Timers;
  logger: AgentLogger;
  systemMetrics: ReturnType<typeof createSystemMetricsCollector>;
  collectGpus: typeof collectGpuMetrics;
  runningAttempts(): Array<{ task_id: string; attempt_id: string }>;
  onReply(reply: AgentHeartbeatReply): Promise<void>;
  /** True when the error ends the agent (token rejected): the loop then stops. */
  isFatal(error: unknown): boolean;
};

/** Heartbeats every interval the server sets, ±20 % jitter so a fleet restarted together spreads out. */
export function createHeartbeatLoop(deps: HeartbeatLoopDeps, initialIntervalMs: number) {
  let intervalMs = initialIntervalMs;
  let timer: TimerHandle | null = null;
  let isStopped = false;

  const beat = async () => {
    timer = null;
    if (isStopped) return;
    try {
      const [system, gpus] = await Promise.all([deps.systemMetrics.collect(), deps.collectGpus()]);
      const body = { system, gpus, running_attempts: deps.runningAttempts() };
      const reply = await deps.http.post('heartbeat', body, { reply: agentHeartbeatReplySchema });
      if (reply.config.heartbeat_interval_ms > 0) intervalMs = reply.config.heartbeat_interval_ms;
      await deps.onReply(reply);
    } catch (error) {
      if (deps.isFatal(error)) return;
      deps.logger.warn({ error: String(error) }, 'heartbeat failed');
    }
    schedule();
  };
  const schedule = (delayMs = intervalMs * (0.8 + 0.4 * Math.random())) => {
    if (isStopped) return;
    deps.timers.clearTimeout(timer);
    timer = deps.timers.setTimeout(() => void beat(), delayMs);
  };

  return {
    start: () => schedule(0),
    /** A claim woke early with nothing to run; the wake-up may have been a cancel the heartbeat carries. */
    beatSoon: () => schedule(0),
    stop() {
      isStopped = true;
      deps.timers.clearTimeout(timer);
    },
  };
}
