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
