import path from 'node:path';
import {
  type AgentClaimedTask,
  type AgentRegisterReply,
  agentProtocolDefaults,
  agentRegisterReplySchema,
} from '@switchyard/protocol';
import { collectGpuMetrics } from '../collectors/gpu-metrics-collector.js';
import { collectMachineFacts, type MachineFacts } from '../collectors/machine-facts-collector.js';
import { createSystemMetricsCollector } from '../collectors/system-metrics-collector.js';
import { detectDockerSocket } from '../executors/docker-executor.js';
import { createLeaseClient } from '../leases/lease-client.js';
import {
  createSystemTimers,
  type MonotonicClock,
  monotonicClock,
  type Timers,
} from '../leases/lease-timers.js';
import { createSandbox } from '../sandbox/create-sandbox.js';
import type { Sandbox } from '../sandbox/sandbox-types.js';
import { createAgentHttp, isMachineTokenRejected } from './agent-http.js';
import { type AgentLogger, silentLogger } from './agent-logger.js';
import {
  type LifecycleContext,
  listHeldAttempts,
  resumeHeldAttempt,
  runClaimedTask,
} from './attempt-lifecycle.js';
import { createAttemptRecordStore } from './attempt-record-store.js';
import type { SupervisedAttempt } from './attempt-supervisor.js';
import { runClaimLoop } from './claim-loop.js';
import { createHeartbeatLoop } from './heartbeat-loop.js';

export const agentVersion = '0.1.0';

export type StartAgentOptions = {
  serverUrl: string;
  machineToken: string;
  workDir: string;
  slots?: number;
  labels?: Record<string, string>;
  logger?: AgentLogger;
  /** Seams for tests; production uses the real ones. */
  fetch?: typeof fetch;
  clock?: MonotonicClock;
  timers?: Timers;
  collectFacts?: () => Promise<MachineFacts>;
  collectGpus?: typeof collectGpuMetrics;
};

export type RunningAgent = {
  /** Stops claiming and heartbeats; running tasks keep running under their watchdog for the next start to adopt. */
  stop(): Promise<void>;
  /** Resolves when the agent stopped for good: `stop()` or its machine token was rejected. */
  exited: Promise<{ reason: 'stopped' | 'machine_token_rejected' }>;
};

/** Starts the agent loops (register, heartbeat, claim) against `serverUrl`; resolves once they run. */
export async function startAgent(options: StartAgentOptions): Promise<RunningAgent> {
  const logger = options.logger ?? silentLogger;
  const http = createAgentHttp({
    serverUrl: options.serverUrl,
    machineToken: options.machineToken,
    fetch: options.fetch,
  });
  const leases = createLeaseClient(http);
  const timers = options.timers ?? createSystemTimers();
  const clock = options.clock ?? monotonicClock;
  const slots = options.slots ?? 1;
  const records = createAttemptRecordStore(options.workDir);
  const systemMetrics = createSystemMetricsCollector();
  const active = new Map<string, SupervisedAttempt | null>();
  const claimAbort = new AbortController();
  let isStopping = false;
  let slotFreed: (() => void) | null = null;
  let resolveExited!: (value: { reason: 'stopped' | 'machine_token_rejected' }) => void;
  const exited = new Promise<{ reason: 'stopped' | 'machine_token_rejected' }>(
    (resolve) => (resolveExited = resolve),
  );
  const sleep = (delayMs: number) => new Promise<void>((resolve) => timers.setTimeout(resolve, delayMs));

  const docker = await detectDockerSocket();
  let sandbox: Promise<Sandbox> | null = null;
  const lifecycle: LifecycleContext = {
    calls: { leases, timers, clock, logger, isStopping: () => isStopping },
    records,
    launchDeps: {
      isDockerAvailable: docker.available,
      getSandbox: () =>
        (sandbox ??= createSandbox({ cacheDir: path.join(options.workDir, 'cache', 'sandbox') })),
    },
    onSupervised: (attempt) => active.set(attempt.attemptId, attempt),
  };

  const track = (attemptId: string, work: Promise<void>) => {
    active.set(attemptId, null);
    void work
      .catch((error) =>
        logger.error({ attempt_id: attemptId, error: String(error) }, 'attempt failed inside the agent'),
      )
      .finally(() => {
        active.delete(attemptId);
        const wake = slotFreed;
        slotFreed = null;
        wake?.();
      });
  };

  const fail = (error: unknown) => {
    if (isMachineTokenRejected(error)) {
      logger.error({ error: String(error) }, 'machine token rejected; stopping');
      void stop('machine_token_rejected');
      return true;
    }
    return false;
  };

  const register = async (): Promise<AgentRegisterReply | null> => {
    const facts = await (options.collectFacts ?? (() => collectMachineFacts()))();
    const held = listHeldAttempts(records);
    for (let delayMs = 1_000; !isStopping; delayMs = Math.min(delayMs * 2, 30_000)) {
      try {
        return await http
          .post(
            'register',
            {
              ...facts,
              agent_version: agentVersion,
              executors: executorNames(),
              slots,
              labels: options.labels,
              held_attempts: held.map(({ record, pidAlive }) => ({
                task_id: record.task.task_id,
                attempt_id: record.task.attempt_id,
                pid_alive: pidAlive,
              })),
            },
            { reply: agentRegisterReplySchema },
          )
          .then((reply) => {
            for (const entry of held) {
              const answer = reply.held_attempts.find(
                (candidate) => candidate.attempt_id === entry.record.task.attempt_id,
              );
              // An attempt the server does not mention is not current: abort it.
              const action = answer?.action ?? 'abort';
              logger.info(
                { task_id: entry.record.task.task_id, action, pid_alive: entry.pidAlive },
                'held attempt after restart',
              );
              track(entry.record.task.attempt_id, resumeHeldAttempt(lifecycle, { ...entry, action }));
            }
            return reply;
          });
      } catch (error) {
        if (fail(error)) return null;
        logger.warn({ error: String(error) }, 'register failed; retrying');
        await sleep(delayMs);
      }
    }
    return null;
  };

  /** Fresh hardware facts on an admin's re-collect; the attempts listed are the live ones, so nothing is aborted. */
  const sendFacts = async () => {
    const facts = await (options.collectFacts ?? (() => collectMachineFacts()))();
    const held = [...active.values()].flatMap((attempt) =>
      attempt ? [{ task_id: attempt.taskId, attempt_id: attempt.attemptId, pid_alive: true }] : [],
    );
    const body = {
      ...facts,
      agent_version: agentVersion,
      executors: executorNames(),
      slots,
      labels: options.labels,
      held_attempts: held,
    };
    await http.post('register', body, { reply: agentRegisterReplySchema });
  };
  const executorNames = () => (docker.available ? ['process', 'docker'] : ['process']);

  let heartbeats: ReturnType<typeof createHeartbeatLoop> | null = null;
  const createHeartbeats = (intervalMs: number) =>
    createHeartbeatLoop(
      {
        http,
        timers,
        logger,
        systemMetrics,
        collectGpus: options.collectGpus ?? collectGpuMetrics,
        runningAttempts: () =>
          [...active.values()].flatMap((attempt) =>
            attempt ? [{ task_id: attempt.taskId, attempt_id: attempt.attemptId }] : [],
          ),
        onReply: async (reply) => {
          for (const signal of reply.cancel) active.get(signal.attempt_id)?.requestCancel();
          if (reply.config.needs_collect) await sendFacts();
        },
        isFatal: fail,
      },
      intervalMs,
    );
  const waitForFreeSlot = () => new Promise<void>((resolve) => (slotFreed = resolve));

  const stop = async (reason: 'stopped' | 'machine_token_rejected' = 'stopped') => {
    if (isStopping) return;
    isStopping = true;
    claimAbort.abort();
    heartbeats?.stop();
    slotFreed?.();
    for (const attempt of active.values()) attempt?.detach();
    resolveExited({ reason });
  };

  void (async () => {
    const reply = await register();
    if (!reply || isStopping) return;
    logger.info(
      { machine_id: reply.machine_id, slots, executors: docker.available ? 'process,docker' : 'process' },
      'agent registered',
    );
    heartbeats = createHeartbeats(reply.heartbeat_interval_ms || agentProtocolDefaults.heartbeatIntervalMs);
    heartbeats.start();
    const claimDeps = {
      leases,
      clock,
      timers,
      logger,
      signal: claimAbort.signal,
      freeSlots: () => slots - active.size,
      waitForFreeSlot,
      isStopping: () => isStopping,
      onClaimed: (task: AgentClaimedTask, claimSendMs: number) =>
        track(task.attempt_id, runClaimedTask(lifecycle, task, claimSendMs)),
      onCancel: (attemptId: string) => active.get(attemptId)?.requestCancel(),
      onWokenEarly: () => {
        if (active.size > 0) heartbeats?.beatSoon();
      },
      isFatal: fail,
    };
    await runClaimLoop(claimDeps, reply.claim_max_wait_ms || agentProtocolDefaults.claimMaxWaitMs);
  })().catch((error) => {
    logger.error({ error: String(error) }, 'agent loop crashed');
    void stop();
  });

  return { stop: () => stop('stopped'), exited };
}
