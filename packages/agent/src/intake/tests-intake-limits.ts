import { z } from 'zod';

/** Bounds on an uploaded tests.zip; each is configurable through its SWITCHYARD_TESTS_* variable. */
export type TestsIntakeLimits = {
  maxFiles: number;
  maxUncompressedBytes: number;
  maxSingleFileBytes: number;
  maxDepth: number;
  /** Uncompressed/compressed above this, for entries over 1 MiB, is treated as a compression bomb. */
  maxCompressionRatio: number;
};

const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const limitsFromEnv = z.object({
  SWITCHYARD_TESTS_MAX_FILES: positive(2000),
  SWITCHYARD_TESTS_MAX_UNCOMPRESSED_BYTES: positive(512 * 1024 * 1024),
  SWITCHYARD_TESTS_MAX_SINGLE_FILE_BYTES: positive(128 * 1024 * 1024),
  SWITCHYARD_TESTS_MAX_DEPTH: positive(8),
  SWITCHYARD_TESTS_MAX_COMPRESSION_RATIO: positive(1000),
});

/** Reads the intake limits from the environment; a malformed value is a startup error, not a silent default. */
export function readTestsIntakeLimits(env: NodeJS.ProcessEnv = process.env): TestsIntakeLimits {
  const parsed = limitsFromEnv.parse(env);
  return {
    maxFiles: parsed.SWITCHYARD_TESTS_MAX_FILES,
    maxUncompressedBytes: parsed.SWITCHYARD_TESTS_MAX_UNCOMPRESSED_BYTES,
    maxSingleFileBytes: parsed.SWITCHYARD_TESTS_MAX_SINGLE_FILE_BYTES,
    maxDepth: parsed.SWITCHYARD_TESTS_MAX_DEPTH,
    maxCompressionRatio: parsed.SWITCHYARD_TESTS_MAX_COMPRESSION_RATIO,
  };
}

/** Server-side ceilings for the limits a user may ask the judge for. */
export type JudgeLimitCeilings = {
  maxTimeLimitMs: number;
  maxMemoryLimitMb: number;
  maxOutputLimitKb: number;
};

const ceilingsFromEnv = z.object({
  SWITCHYARD_JUDGE_MAX_TIME_LIMIT_MS: positive(10_000),
  SWITCHYARD_JUDGE_MAX_MEMORY_LIMIT_MB: positive(1024),
  SWITCHYARD_JUDGE_MAX_OUTPUT_LIMIT_KB: positive(262_144),
});

export function readJudgeLimitCeilings(env: NodeJS.ProcessEnv = process.env): JudgeLimitCeilings {
  const parsed = ceilingsFromEnv.parse(env);
  return {
    maxTimeLimitMs: parsed.SWITCHYARD_JUDGE_MAX_TIME_LIMIT_MS,
    maxMemoryLimitMb: parsed.SWITCHYARD_JUDGE_MAX_MEMORY_LIMIT_MB,
    maxOutputLimitKb: parsed.SWITCHYARD_JUDGE_MAX_OUTPUT_LIMIT_KB,
  };
}

/** Clamps user-supplied judge limits into [1, ceiling]; what was clamped is returned so it can be shown. */
export function clampJudgeLimits(
  requested: { timeLimitMs: number; memoryLimitMb: number; outputLimitKb: number },
  ceilings: JudgeLimitCeilings,
) {
  const clamp = (value: number, max: number) => Math.min(max, Math.max(1, Math.floor(value)));
  const limits = {
    timeLimitMs: clamp(requested.timeLimitMs, ceilings.maxTimeLimitMs),
    memoryLimitMb: clamp(requested.memoryLimitMb, ceilings.maxMemoryLimitMb),
    outputLimitKb: clamp(requested.outputLimitKb, ceilings.maxOutputLimitKb),
  };
  const clamped = (Object.keys(limits) as (keyof typeof limits)[]).filter(
    (key) => limits[key] !== requested[key],
  );
  return { limits, clamped };
}
