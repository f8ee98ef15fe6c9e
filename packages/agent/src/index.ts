/** Sandbox: run one untrusted command with limits; reports exactly which isolation layers are in force. */

export { collectGpuMetrics } from './collectors/gpu-metrics-collector.js';
export { collectMachineFacts } from './collectors/machine-facts-collector.js';
export { parseNvidiaSmiQueryCsv, toGpuMetrics } from './collectors/nvidia-smi-query-parse.js';
/** Collectors: system metrics from /proc and GPU metrics from nvidia-smi (parsed by position). */
export { createSystemMetricsCollector } from './collectors/system-metrics-collector.js';
export { runAgentCommand } from './daemon/agent-command.js';
/** Agent daemon: register, heartbeat, claim, run and complete leased tasks; `runAgentCommand` backs `switchyard agent`. */
export { type RunningAgent, type StartAgentOptions, startAgent } from './daemon/agent-daemon.js';
/** Executors: docker argv and engine detection. */
export { buildDockerTaskArgs, detectDockerSocket } from './executors/docker-executor.js';
export { TestsIntakeError, type TestsIntakeErrorCode } from './intake/tests-intake-error.js';
export {
  clampJudgeLimits,
  type JudgeLimitCeilings,
  readJudgeLimitCeilings,
  readTestsIntakeLimits,
  type TestsIntakeLimits,
} from './intake/tests-intake-limits.js';
/** tests.zip intake: unpack to a temp dir, validate while streaming, move into place; coded rejections. */
export { type TestsZipResult, unpackTestsZip } from './intake/tests-zip-intake.js';
export { runJudgeCommand } from './judge/judge-cli.js';
/** Judge: compile main.cpp and judge every test into report.json; `runJudgeCommand` backs `switchyard judge`. */
export { type JudgeOptions, judgeSolution } from './judge/judge-solution.js';
export { type CompareMode, compareOutput, parseCompareMode } from './judge/output-compare.js';
export { createSandbox, defaultSandboxCacheDir, type SandboxExecutor } from './sandbox/create-sandbox.js';
export { createDockerSandbox, detectDockerEngine } from './sandbox/docker-sandbox.js';
export { createNamespaceSandbox } from './sandbox/namespace-sandbox.js';
export * from './sandbox/sandbox-types.js';
