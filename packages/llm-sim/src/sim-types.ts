import type { IncomingHttpHeaders } from 'node:http';

/** The gateway's usage buckets; `input` excludes cache reads/writes, `output` includes `reasoning`. */
export interface UsageBuckets {
  input: number;
  cache_read: number;
  cache_write: number;
  output: number;
  reasoning: number;
}

export type SimProtocol =
  | 'openai-chat'
  | 'openai-responses'
  | 'openai-embeddings'
  | 'anthropic-messages'
  | 'gemini-generate-content';

export type SimFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface SimToolCall {
  name: string;
  /** An object is serialised with JSON.stringify; a string is sent as given. */
  arguments: unknown;
  id?: string;
}

/** Per-request misbehaviour. Every field is optional and they combine. */
export interface SimFault {
  /** Answer with this HTTP status in the endpoint's own error shape instead of a reply. */
  status?: number;
  /** Sent as `Retry-After` (seconds) with the error status. */
  retryAfterSeconds?: number;
  message?: string;
  /** Wait before sending the status line and headers. */
  latencyMs?: number;
  /** Wait between stream events. */
  chunkDelayMs?: number;
  /** Destroy the socket after this many stream events (0 = right after the headers). */
  disconnectAfterChunks?: number;
  /** Stop writing after this many events and never finish, until the client goes away. */
  hangAfterChunks?: number;
  /** Never send headers; the request stays open until the client goes away. */
  hang?: boolean;
  /** Leave every usage field out of the reply (stream and non-stream). */
  omitUsage?: boolean;
  /** Replace the stream event at this 0-based index with a broken JSON payload. */
  malformedChunkAt?: number;
  /** Send the protocol's in-stream error event after this many events, then end the stream. */
  streamErrorAfterChunks?: number;
}

/** One canonical reply; every protocol renderer turns the same reply into its own wire format. */
export interface SimReply {
  text?: string;
  /** Structured output: sent as the JSON text of this value. */
  json?: unknown;
  /** Split `text` into this many deltas (default: one delta per word). */
  deltaCount?: number;
  reasoning?: string;
  toolCalls?: SimToolCall[];
  finishReason?: SimFinishReason;
  /** Overrides the computed usage bucket by bucket. */
  usage?: Partial<UsageBuckets>;
  /** Model name written into the reply (default: the requested model). */
  model?: string;
  /** Send a recorded fixture (name from `listFixtures()`) byte for byte instead of rendering. */
  replay?: string;
  fault?: SimFault;
}

export type RequestOutcome = 'pending' | 'completed' | 'client_aborted' | 'sim_disconnected';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Parsed body, or undefined when it is empty or not JSON. */
  json: unknown;
  protocol: SimProtocol | 'models' | 'unknown';
  model: string | undefined;
  receivedAtMs: number;
  outcome: RequestOutcome;
  /** True once the client closed the connection before the response ended. */
  isAborted: boolean;
  /** Resolves when the exchange ends, whichever way. */
  settled: Promise<RequestOutcome>;
}

export interface FaultConfig {
  /** Applied to every request without a more specific fault. */
  default?: SimFault;
  byModel?: Record<string, SimFault>;
}

export interface LlmSimOptions {
  port?: number;
  host?: string;
  /** Accepted API keys; when empty or absent any key (or none) is accepted. */
  apiKeys?: string[];
  /** Reply for requests no script matches. */
  defaultReply?: SimReply;
  /** Persistent replies per requested model. */
  modelReplies?: Record<string, SimReply>;
  faults?: FaultConfig;
  /** Models listed by the model endpoints (default: a small fixed list). */
  models?: string[];
  /** Keep at most this many recorded requests (oldest dropped first). */
  maxRecordedRequests?: number;
}
