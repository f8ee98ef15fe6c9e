import { z } from 'zod';

/** Verdicts of the judge. `SE` is the judge's own failure and never the program's fault. */
export const judgeVerdictSchema = z.enum(['AC', 'WA', 'TLE', 'MLE', 'OLE', 'RE', 'CE', 'SE']);
export type JudgeVerdict = z.infer<typeof judgeVerdictSchema>;

/** What a verdict rests on, so `TLE` by CPU time and `TLE` by wall time are told apart. */
export const judgeVerdictBasisSchema = z.enum([
  'compare',
  'checker',
  'cpu_time',
  'wall_time',
  'memory',
  'output',
  'signal',
  'exit_code',
  'system',
]);

export const judgeCompareModeSchema = z
  .string()
  .regex(
    /^(tokens|trim_ws|exact|checker|float:[0-9.eE+-]+)$/,
    'tokens | trim_ws | exact | float:EPS | checker',
  );

export const judgeCompileResultSchema = z.object({
  ok: z.boolean(),
  time_ms: z.number().int().nonnegative(),
  wall_ms: z.number().int().nonnegative().optional(),
  memory_kb: z.number().int().nonnegative().optional(),
  stderr_preview: z.string(),
  truncated: z.boolean(),
  used_precompiled_header: z.boolean().optional(),
});

export const judgeTestResultSchema = z.object({
  name: z.string(),
  verdict: judgeVerdictSchema,
  verdict_basis: judgeVerdictBasisSchema,
  time_ms: z.number().int().nonnegative(),
  wall_ms: z.number().int().nonnegative(),
  memory_kb: z.number().int().nonnegative(),
  exit_code: z.number().int().nullable(),
  signal: z.string().nullable(),
  checker_message: z.string().optional(),
  stdout_preview: z.string(),
  stdout_truncated: z.boolean(),
  stderr_preview: z.string(),
  stderr_truncated: z.boolean(),
  output_limit_hit: z.boolean(),
  diff_preview: z.string().optional(),
  system_error: z.string().optional(),
});

export const judgeSummarySchema = z.object({
  total: z.number().int().nonnegative(),
  passed: z.number().int().nonnegative(),
  by_verdict: z.record(judgeVerdictSchema, z.number().int().nonnegative()),
  max_time_ms: z.number().int().nonnegative(),
  max_memory_kb: z.number().int().nonnegative(),
});

export const judgeLimitsSchema = z.object({
  time_limit_ms: z.number().int().positive(),
  wall_limit_ms: z.number().int().positive(),
  memory_limit_mb: z.number().int().positive(),
  output_limit_kb: z.number().int().positive(),
  process_limit: z.number().int().positive(),
  file_size_limit_kb: z.number().int().positive(),
  open_files_limit: z.number().int().positive(),
  stack_limit_mb: z.number().int().positive(),
  compare: judgeCompareModeSchema,
  jobs: z.number().int().positive(),
});

/** Isolation layers that can be in force; `missing` names each one that was not, with the reason. */
export const judgeIsolationLayerSchema = z.enum([
  'pid_namespace',
  'mount_namespace',
  'network_namespace',
  'ipc_namespace',
  'read_only_root',
  'scratch_tmpfs',
  'non_root_user',
  'no_new_privileges',
  'clean_environment',
  'cgroup_memory',
  'cgroup_pids',
  'cgroup_cpu',
  'rlimits',
]);
export type JudgeIsolationLayer = z.infer<typeof judgeIsolationLayerSchema>;

export const judgeIsolationSchema = z.object({
  executor: z.enum(['namespace', 'docker', 'none']),
  layers: z.record(judgeIsolationLayerSchema, z.boolean()),
  missing: z.array(z.object({ layer: judgeIsolationLayerSchema, reason: z.string() })),
  cgroup_version: z.enum(['v1', 'v2']).nullable(),
  sandbox_uid: z.number().int().nullable(),
});
export type JudgeIsolation = z.infer<typeof judgeIsolationSchema>;

/** report.json, schema v1: the result of judging one solution against every test. */
export const judgeReportSchema = z.object({
  schema_version: z.literal(1),
  verdict: judgeVerdictSchema,
  compile: judgeCompileResultSchema,
  summary: judgeSummarySchema,
  tests: z.array(judgeTestResultSchema),
  first_failure: z.string().nullable(),
  limits: judgeLimitsSchema,
  isolation: judgeIsolationSchema,
  system_error: z.string().optional(),
  created_at: z.string(),
});

export type JudgeReport = z.infer<typeof judgeReportSchema>;
export type JudgeTestResult = z.infer<typeof judgeTestResultSchema>;
export type JudgeCompileResult = z.infer<typeof judgeCompileResultSchema>;
export type JudgeLimits = z.infer<typeof judgeLimitsSchema>;
export type JudgeVerdictBasis = z.infer<typeof judgeVerdictBasisSchema>;

/** JSON Schema of report.json v1, the same one written to schemas/judge-report.schema.json. */
export function judgeReportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(judgeReportSchema, { target: 'draft-2020-12' }),
    $id: 'https://switchyard.dev/schemas/judge-report.schema.json',
    title: 'Switchyard judge report.json v1',
  };
}
