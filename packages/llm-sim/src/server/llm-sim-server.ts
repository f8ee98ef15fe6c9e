import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicMessagesRenderer } from '../render/anthropic-messages-render.js';
import { geminiGenerateContentRenderer } from '../render/gemini-generate-content-render.js';
import { openAiChatRenderer } from '../render/openai-chat-render.js';
import { openAiResponsesRenderer } from '../render/openai-responses-render.js';
import type { ProtocolRenderer } from '../render/protocol-renderer.js';
import type { FaultConfig, LlmSimOptions, RecordedRequest, SimProtocol, SimReply } from '../sim-types.js';
import { handleExchange } from './handle-exchange.js';
import { createScriptState } from './reply-script.js';

export interface LlmSim {
  url: string;
  port: number;
  /** Every request received, oldest first (bounded by maxRecordedRequests). */
  requests: RecordedRequest[];
  /** Replies for the next requests, one each, in order; they win over model and default replies. */
  enqueueReply(...replies: SimReply[]): void;
  /** A persistent reply for every request naming this model; undefined removes it. */
  setModelReply(model: string, reply: SimReply | undefined): void;
  setDefaultReply(reply: SimReply): void;
  /** Replaces the configured faults (default and per model). */
  setFaults(config: FaultConfig): void;
  /** Resolves once at least `count` requests have been recorded since start or the last reset. */
  waitForRequests(count: number): Promise<RecordedRequest[]>;
  /** Back to the start options: empty queue and recordings, the configured replies and faults. */
  reset(): void;
  close(): Promise<void>;
}

const defaultModels = [
  'gpt-4o-mini',
  'gpt-5',
  'claude-sonnet-4-5',
  'gemini-2.5-flash',
  'text-embedding-3-small',
];

const renderers: Record<SimProtocol, ProtocolRenderer> = {
  'openai-chat': openAiChatRenderer,
  'openai-responses': openAiResponsesRenderer,
  'openai-embeddings': openAiChatRenderer,
  'anthropic-messages': anthropicMessagesRenderer,
  'gemini-generate-content': geminiGenerateContentRenderer,
};

/** Starts the simulator on `port` (0 = any free port) and resolves once it listens. */
export async function startLlmSim(options: LlmSimOptions = {}): Promise<LlmSim> {
  let script = createScriptState(options);
  const requests: RecordedRequest[] = [];
  const waiters: { count: number; resolve: (requests: RecordedRequest[]) => void }[] = [];
  const maxRecordedRequests = options.maxRecordedRequests ?? 10_000;
  let sequence = 0;
  const onRecorded = (record: RecordedRequest): void => {
    requests.push(record);
    if (requests.length > maxRecordedRequests) requests.shift();
    for (const waiter of waiters.filter((candidate) => requests.length >= candidate.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(requests.slice());
    }
  };
  const environment = {
    acceptedKeys: new Set(options.apiKeys ?? []),
    models: options.models ?? defaultModels,
    renderers,
    getScript: () => script,
    nextSequence: () => ++sequence,
    onRecorded,
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) =>
    handleExchange(environment, req, res),
  );
  // Benchmarks reuse connections; a hung exchange must stay open until the client gives up.
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    requests,
    enqueueReply: (...replies) => script.queue.push(...replies),
    setModelReply: (model, reply) => {
      if (reply) script.modelReplies.set(model, reply);
      else script.modelReplies.delete(model);
    },
    setDefaultReply: (reply) => {
      script.defaultReply = reply;
    },
    setFaults: (config) => {
      script.faults = config;
    },
    waitForRequests: (count) =>
      requests.length >= count
        ? Promise.resolve(requests.slice())
        : new Promise((resolve) => waiters.push({ count, resolve })),
    reset: () => {
      script = createScriptState(options);
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
