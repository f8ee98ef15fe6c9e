/** Sandbox: run one untrusted command with limits; reports exactly which isolation layers are in force. */
export { createSandbox, defaultSandboxCacheDir, type SandboxExecutor } from './sandbox/create-sandbox.js';
export { createNamespaceSandbox } from './sandbox/namespace-sandbox.js';
export { createDockerSandbox, detectDockerEngine } from './sandbox/docker-sandbox.js';
export * from './sandbox/sandbox-types.js';
/** Judge: compile main.cpp and judge every test into report.json; `runJudgeCommand` backs `switchyard judge`. */
export { judgeSolution, type JudgeOptions } from './judge/judge-solution.js';
export { runJudgeCommand } from './judge/judge-cli.js';
export { parseCompareMode, compareOutput, type CompareMode } from './judge/output-compare.js';
/** tests.zip intake: unpack to a temp dir, validate while streaming, move into place; coded rejections. */
export { unpackTestsZip, type TestsZipResult } from './intake/tests-zip-intake.js';
export { TestsIntakeError, type TestsIntakeErrorCode } from './intake/tests-intake-error.js';
export {
  clampJudgeLimits,
  readJudgeLimitCeilings,
  readTestsIntakeLimits,
  type JudgeLimitCeilings,
  type TestsIntakeLimits,
} from './intake/tests-intake-limits.js';
/** Agent daemon: register, heartbeat, claim, run and complete leased tasks; `runAgentCommand` backs `switchyard agent`. */
export { startAgent, type StartAgentOptions, type RunningAgent } from './daemon/agent-daemon.js';
export { runAgentCommand } from './daemon/agent-command.js';
/** Collectors: system metrics from /proc and GPU metrics from nvidia-smi (parsed by position). */
export { createSystemMetricsCollector } from './collectors/system-metrics-collector.js';
export { collectGpuMetrics } from './collectors/gpu-metrics-collector.js';
export { collectMachineFacts } from './collectors/machine-facts-collector.js';
export { parseNvidiaSmiQueryCsv, toGpuMetrics } from './collectors/nvidia-smi-query-parse.js';
/** Executors: docker argv and engine detection. */
export { buildDockerTaskArgs, detectDockerSocket } from './executors/docker-executor.js';
