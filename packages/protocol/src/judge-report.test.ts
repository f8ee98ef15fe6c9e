import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { judgeIsolationLayerSchema, judgeReportSchema, judgeVerdictSchema } from './judge-report.js';
import { judgeReportSchemaFileUrl, renderJudgeReportSchemaFile } from './judge-report-schema-emit.js';

const zeroByVerdict = Object.fromEntries(judgeVerdictSchema.options.map((verdict) => [verdict, 0]));
const noLayers = Object.fromEntries(judgeIsolationLayerSchema.options.map((layer) => [layer, false]));

const minimalReport = {
  schema_version: 1,
  verdict: 'AC',
  compile: { ok: true, time_ms: 10, stderr_preview: '', truncated: false },
  summary: { total: 0, passed: 0, by_verdict: zeroByVerdict, max_time_ms: 0, max_memory_kb: 0 },
  tests: [],
  first_failure: null,
  limits: {
    time_limit_ms: 1000,
    wall_limit_ms: 3000,
    memory_limit_mb: 256,
    output_limit_kb: 65536,
    process_limit: 1,
    file_size_limit_kb: 65536,
    open_files_limit: 64,
    stack_limit_mb: 256,
    compare: 'tokens',
    jobs: 1,
  },
  isolation: { executor: 'none', layers: noLayers, missing: [], cgroup_version: null, sandbox_uid: null },
  created_at: '2025-01-01T00:00:00.000Z',
};

describe('judgeReportSchema', () => {
  it('accepts a minimal v1 report', () => {
    expect(judgeReportSchema.parse(minimalReport).schema_version).toBe(1);
  });

  it('rejects another schema version and an unknown verdict', () => {
    expect(judgeReportSchema.safeParse({ ...minimalReport, schema_version: 2 }).success).toBe(false);
    expect(judgeReportSchema.safeParse({ ...minimalReport, verdict: 'PE' }).success).toBe(false);
  });

  it('rejects a compare mode outside tokens, trim_ws, exact, float:EPS and checker', () => {
    const limits = { ...minimalReport.limits, compare: 'fuzzy' };
    expect(judgeReportSchema.safeParse({ ...minimalReport, limits }).success).toBe(false);
  });

  it('keeps the emitted JSON Schema file in step with the zod schema', () => {
    expect(readFileSync(judgeReportSchemaFileUrl, 'utf8')).toBe(renderJudgeReportSchemaFile());
  });
});
