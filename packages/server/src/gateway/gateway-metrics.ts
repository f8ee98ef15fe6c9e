import { Histogram, type Registry } from 'prom-client';
import type { UsageBuckets } from './usage/index.js';

const usageBucketNames = ['input', 'cache_read', 'cache_write', 'output', 'reasoning'] as const;

/** Request, token and overhead histograms per model and channel, on the platform registry. */
export function createGatewayMetrics(registry: Registry) {
  const requestSeconds = new Histogram({
    name: 'switchyard_gateway_request_duration_seconds',
    help: 'Gateway request duration by requested model, channel and status',
    labelNames: ['model', 'channel', 'status'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [registry],
  });
  const tokens = new Histogram({
    name: 'switchyard_gateway_tokens',
    help: 'Tokens per request by model, channel and usage bucket',
    labelNames: ['model', 'channel', 'bucket'],
    buckets: [10, 100, 1_000, 10_000, 100_000, 1_000_000],
    registers: [registry],
  });
  const overheadSeconds = new Histogram({
    name: 'switchyard_gateway_overhead_seconds',
    help: 'Time the gateway itself added before the response started, by model and channel',
    labelNames: ['model', 'channel'],
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1],
    registers: [registry],
  });
  return {
    observe(record: {
      model: string;
      channelId: string | null;
      status: number;
      durationMs: number;
      overheadMs: number;
      usage: UsageBuckets;
    }): void {
      const channel = record.channelId ?? 'none';
      requestSeconds.observe(
        { model: record.model, channel, status: String(record.status) },
        record.durationMs / 1000,
      );
      overheadSeconds.observe({ model: record.model, channel }, record.overheadMs / 1000);
      for (const bucket of usageBucketNames) {
        if (record.usage[bucket] > 0)
          tokens.observe({ model: record.model, channel, bucket }, record.usage[bucket]);
      }
    },
  };
}
export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;
