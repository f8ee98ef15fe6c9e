import { translateResponse } from '../translate/index.js';
import {
  type Dialect,
  estimateUsage,
  extractResponseUsage,
  type MeasuredUsage,
  parseJsonPayload,
} from '../usage/index.js';
import type { AttemptSuccess } from './attempt-upstream.js';
import type { ClientResponse } from './client-response.js';
import { collectResponseOutputText } from './collect-output-text.js';
import { readHeader, readUpstreamBody } from './upstream-http-client.js';

export interface JsonRelayOptions {
  client: ClientResponse;
  attempt: AttemptSuccess;
  inbound: Dialect;
  outbound: Dialect;
  requestedModel: string;
  requestBody: unknown;
  /** Usage of a body this relay does not know how to read (embeddings); default: by dialect. */
  readUsage?: (body: unknown) => MeasuredUsage['usage'] | undefined;
  /** Writes the status line and headers; `upstreamBodyMs` is time spent reading the upstream body. */
  commit(status: number, headers: Record<string, string>, upstreamBodyMs: number): void;
}

/**
 * A non-stream reply: read whole, metered, then passed through byte for byte (same dialect) or
 * translated. Usage comes from the body, or a tokenizer estimate when it has none.
 */
export async function relayJson(
  options: JsonRelayOptions,
): Promise<{ usage: MeasuredUsage; status: number }> {
  const { attempt, client } = options;
  const readStartedAt = performance.now();
  const bytes = await readUpstreamBody(attempt.response.body);
  const upstreamBodyMs = performance.now() - readStartedAt;
  const parsed = parseJsonPayload(bytes.toString('utf8'));
  const reported = options.readUsage
    ? options.readUsage(parsed)
    : extractResponseUsage(options.outbound, parsed);
  const usage: MeasuredUsage = reported
    ? { usage: reported, source: 'reported' }
    : estimateUsage({
        dialect: options.outbound,
        requestBody: options.requestBody,
        outputText: collectResponseOutputText(options.outbound, parsed),
      });
  const status = attempt.response.status;
  if (options.inbound === options.outbound) {
    const contentType = readHeader(attempt.response.headers, 'content-type') ?? 'application/json';
    options.commit(status, { 'content-type': contentType }, upstreamBodyMs);
    client.end(bytes);
  } else {
    const translated = translateResponse({
      from: options.outbound,
      to: options.inbound,
      body: parsed,
      requestedModel: options.requestedModel,
      requestBody: options.requestBody,
    });
    options.commit(status, { 'content-type': 'application/json' }, upstreamBodyMs);
    client.end(JSON.stringify(translated));
  }
  return { usage, status };
}
