import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import { hasCommand, pinned } from './bench-processes.js';

const wrkSummarySchema = z.object({
  requests: z.number(),
  duration_us: z.number(),
  bytes: z.number(),
  p50_us: z.number(),
  p90_us: z.number(),
  p99_us: z.number(),
  max_us: z.number(),
  mean_us: z.number(),
  connect_errors: z.number(),
  read_errors: z.number(),
  write_errors: z.number(),
  timeouts: z.number(),
  non_2xx: z.number(),
});

export interface WrkResult {
  requests_per_s: number;
  requests: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  max_ms: number;
  errors: number;
}

/** wrk from the distribution: installed here when missing and running as root, else explained. */
export function ensureWrk(): void {
  if (hasCommand('wrk')) return;
  if (process.getuid?.() === 0 && hasCommand('apt-get')) {
    console.log('wrk is missing: apt-get install -y wrk');
    execFileSync('apt-get', ['install', '-y', 'wrk'], { stdio: 'inherit' });
    if (hasCommand('wrk')) return;
  }
  throw new Error(
    'wrk is required: install it with `sudo apt-get install -y wrk` (Debian/Ubuntu) or `brew install wrk`',
  );
}

/** Closed-loop maximum throughput: `connections` keep-alive connections, each sending back to back. */
export function runWrk(options: {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  durationS: number;
  cpus?: string;
}): Promise<WrkResult> {
  const script = path.join(import.meta.dirname, 'chat-completion.lua');
  const [command, args] = pinned(options.cpus, 'wrk', [
    '-t1',
    `-c${options.connections}`,
    `-d${options.durationS}s`,
    '--timeout',
    '10s',
    '-s',
    script,
    options.url,
  ]);
  const headerLines = Object.entries(options.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, BENCH_BODY: options.body, BENCH_HEADERS: headerLines },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = output.split('\n').find((candidate) => candidate.startsWith('WRK_JSON '));
      if (code !== 0 || !line) return reject(new Error(`wrk failed (${code}):\n${output}`));
      const summary = wrkSummarySchema.parse(JSON.parse(line.slice('WRK_JSON '.length)));
      const ms = (us: number) => Math.round(us) / 1000;
      resolve({
        requests_per_s: Math.round((summary.requests / summary.duration_us) * 1e6),
        requests: summary.requests,
        p50_ms: ms(summary.p50_us),
        p90_ms: ms(summary.p90_us),
        p99_ms: ms(summary.p99_us),
        max_ms: ms(summary.max_us),
        errors:
          summary.connect_errors +
          summary.read_errors +
          summary.write_errors +
          summary.timeouts +
          summary.non_2xx,
      });
    });
  });
}
