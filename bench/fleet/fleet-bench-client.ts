// HTTP helpers of the fleet benchmark's simulated agents: one keep-alive undici pool, JSON in and out.
import { Pool } from 'undici';

export interface BenchClient {
  // biome-ignore lint/suspicious/noExplicitAny: replies are read as loose JSON.
  post(path: string, body: unknown, token: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export function createBenchClient(baseUrl: string, connections: number): BenchClient {
  const pool = new Pool(baseUrl, {
    connections,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
  return {
    async post(path, body, token) {
      const response = await pool.request({
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      const text = await response.body.text();
      return { status: response.statusCode, body: text ? JSON.parse(text) : null };
    },
    close: () => pool.close(),
  };
}

export function percentile(sortedMs: number[], fraction: number): number {
  if (sortedMs.length === 0) return 0;
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor(fraction * sortedMs.length))];
}

export const summarizeMs = (samples: number[]) => {
  const sorted = [...samples].sort((left, right) => left - right);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    count: sorted.length,
    p50_ms: round(percentile(sorted, 0.5)),
    p99_ms: round(percentile(sorted, 0.99)),
    max_ms: round(sorted[sorted.length - 1] ?? 0),
  };
};
