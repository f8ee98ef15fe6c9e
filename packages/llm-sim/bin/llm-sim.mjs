#!/usr/bin/env node
// Runs the simulator from the TypeScript sources (no build step): tsx compiles them on load.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

register();

const usage = `usage: llm-sim [--port 8787] [--host 127.0.0.1] [--api-key KEY]... [--latency-ms N]
               [--chunk-delay-ms N] [--fault-config file.json] [--max-recorded N]

--fault-config holds {"faults": {"default": {...}, "byModel": {...}}, "modelReplies": {...},
"defaultReply": {...}, "apiKeys": [...], "models": [...]} (every field optional).`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'api-key': { type: 'string', multiple: true },
    'latency-ms': { type: 'string' },
    'chunk-delay-ms': { type: 'string' },
    'fault-config': { type: 'string' },
    'max-recorded': { type: 'string', default: '1000' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(usage);
  process.exit(0);
}

function readNumber(name) {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < 0) {
    console.error(`--${name} must be a non-negative integer, got "${raw}"`);
    process.exit(2);
  }
  return parsed;
}

const fileConfig = values['fault-config'] ? JSON.parse(readFileSync(values['fault-config'], 'utf8')) : {};
const commandLineFault = {};
const latencyMs = readNumber('latency-ms');
const chunkDelayMs = readNumber('chunk-delay-ms');
if (latencyMs !== undefined) commandLineFault.latencyMs = latencyMs;
if (chunkDelayMs !== undefined) commandLineFault.chunkDelayMs = chunkDelayMs;

const { startLlmSim } = await import('../src/index.ts');
const sim = await startLlmSim({
  ...fileConfig,
  port: readNumber('port'),
  host: values.host,
  apiKeys: values['api-key'] ?? fileConfig.apiKeys,
  maxRecordedRequests: readNumber('max-recorded'),
  faults: {
    ...fileConfig.faults,
    default: { ...fileConfig.faults?.default, ...commandLineFault },
  },
});
console.log(`llm-sim listening on ${sim.url}`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    sim.close().then(() => process.exit(0));
  });
}
