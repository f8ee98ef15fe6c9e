import type { BenchMode, BenchTarget } from './bench-targets.js';
import type { LatencySummary } from './latency-summary.js';
import type { OpenLoopResult } from './open-loop-load.js';
import type { diffOverheadBuckets } from './overhead-metrics.js';
import type { WrkResult } from './wrk-load.js';

type CpuPerRequest = { cpu_ms_per_request: Record<string, number | null> };
export type FixedRateRun = OpenLoopResult &
  CpuPerRequest & { metrics_overhead?: ReturnType<typeof diffOverheadBuckets> };
export type MaxRun = WrkResult & CpuPerRequest & { overhead_header_sampled?: LatencySummary };
export interface TargetRuns {
  max?: MaxRun;
  fixed_rate: Record<string, FixedRateRun>;
}
export type BenchResults = Record<BenchMode, Record<string, TargetRuns>>;

const modes = ['non-stream', 'stream'] as const;
const round = (value: number) => Math.round(value * 1000) / 1000;

/** through − baseline latency (p50 and p99) at one fixed rate. */
function latencyDelta(runs: Record<string, TargetRuns>, name: string, baseline: string, rate: string) {
  const of = runs[name]?.fixed_rate[rate]?.latency;
  const base = runs[baseline]?.fixed_rate[rate]?.latency;
  if (!of || !base) return null;
  return { p50_ms: round(of.p50_ms - base.p50_ms), p99_ms: round(of.p99_ms - base.p99_ms) };
}

export function summariseResults(results: BenchResults, targets: BenchTarget[], rates: number[]) {
  const perTarget = Object.fromEntries(
    modes.map((mode) => [
      mode,
      Object.fromEntries(
        targets.map((target) => {
          const runs = results[mode][target.name];
          return [
            target.name,
            {
              max_requests_per_s: runs?.max?.requests_per_s ?? null,
              max_p50_ms: runs?.max?.p50_ms ?? null,
              max_p99_ms: runs?.max?.p99_ms ?? null,
              max_cpu_ms_per_request: runs?.max?.cpu_ms_per_request ?? null,
              fixed_rate: Object.fromEntries(
                rates.map((rate) => {
                  const run = runs?.fixed_rate[String(rate)];
                  return [
                    String(rate),
                    {
                      achieved_per_s: run?.achieved_rate_per_s ?? null,
                      dropped: run?.dropped ?? null,
                      p50_ms: run?.latency.p50_ms ?? null,
                      p99_ms: run?.latency.p99_ms ?? null,
                      added_vs_direct:
                        target.name === 'direct'
                          ? null
                          : latencyDelta(results[mode], target.name, 'direct', String(rate)),
                      overhead_header: run?.overhead_header ?? null,
                    },
                  ];
                }),
              ),
            },
          ];
        }),
      ),
    ]),
  );
  const billingOverhead = Object.fromEntries(
    modes.map((mode) => {
      const free = results[mode].switchyard;
      const billed = results[mode]['switchyard-billed'];
      return [
        mode,
        {
          max_requests_per_s: { free: free?.max?.requests_per_s, billed: billed?.max?.requests_per_s },
          fixed_rate: Object.fromEntries(
            rates.map((rate) => {
              const freeHeader = free?.fixed_rate[String(rate)]?.overhead_header;
              const billedHeader = billed?.fixed_rate[String(rate)]?.overhead_header;
              return [
                String(rate),
                {
                  latency: latencyDelta(results[mode], 'switchyard-billed', 'switchyard', String(rate)),
                  overhead_header:
                    freeHeader && billedHeader
                      ? {
                          p50_ms: round(billedHeader.p50_ms - freeHeader.p50_ms),
                          p99_ms: round(billedHeader.p99_ms - freeHeader.p99_ms),
                        }
                      : null,
                },
              ];
            }),
          ),
        },
      ];
    }),
  );
  return { per_target: perTarget, billing_overhead: billingOverhead };
}
