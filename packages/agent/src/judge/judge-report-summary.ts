import {
  type JudgeReport,
  type JudgeTestResult,
  type JudgeVerdict,
  judgeVerdictSchema,
} from '@switchyard/protocol';

/** Counts per verdict, maxima, the first failure in natural order and the overall verdict. */
export function summarizeTests(
  tests: JudgeTestResult[],
): Pick<JudgeReport, 'summary' | 'first_failure' | 'verdict'> {
  const byVerdict = Object.fromEntries(judgeVerdictSchema.options.map((verdict) => [verdict, 0])) as Record<
    JudgeVerdict,
    number
  >;
  for (const test of tests) byVerdict[test.verdict]++;
  const firstFailure = tests.find((test) => test.verdict !== 'AC') ?? null;
  return {
    verdict: firstFailure?.verdict ?? 'AC',
    first_failure: firstFailure?.name ?? null,
    summary: {
      total: tests.length,
      passed: byVerdict.AC,
      by_verdict: byVerdict,
      max_time_ms: Math.max(0, ...tests.map((test) => test.time_ms)),
      max_memory_kb: Math.max(0, ...tests.map((test) => test.memory_kb)),
    },
  };
}
