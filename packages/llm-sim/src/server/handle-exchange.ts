import type { IncomingMessage, ServerResponse } from 'node:http';
import { estimatePromptTokens } from '../render/estimate-prompt-tokens.js';
import {
  renderAnthropicModelList,
  renderGeminiModelList,
  renderOpenAiModelList,
} from '../render/model-list-render.js';
import { renderEmbeddingsBody } from '../render/openai-embeddings-render.js';
import type { ProtocolRenderer } from '../render/protocol-renderer.js';
import { renderOpenAiErrorBody } from '../render/provider-error-bodies.js';
import type { RecordedRequest, SimFault, SimProtocol, SimReply } from '../sim-types.js';
import { checkApiKey, readApiKey } from './check-api-key.js';
import { type MatchedEndpoint, matchEndpoint } from './match-endpoint.js';
import { parseFaultHeader } from './parse-fault-header.js';
import { type ScriptState, takeReply } from './reply-script.js';
import { trackExchange } from './request-record.js';
import { respondGenerate } from './respond-generate.js';
import { type ExchangeControl, sendErrorStatus, sendJson } from './send-response.js';

export interface SimEnvironment {
  acceptedKeys: ReadonlySet<string>;
  models: string[];
  renderers: Record<SimProtocol, ProtocolRenderer>;
  getScript(): ScriptState;
  nextSequence(): number;
  onRecorded(record: RecordedRequest): void;
}

interface Exchange {
  environment: SimEnvironment;
  res: ServerResponse;
  control: ExchangeControl;
  record: RecordedRequest;
  endpoint: MatchedEndpoint;
}

function readHeaderFault(record: RecordedRequest): SimFault | undefined {
  const header = record.headers['x-sim-fault'];
  return typeof header === 'string' ? parseFaultHeader(header) : undefined;
}

function pickReply(exchange: Exchange, headerFault: SimFault | undefined): SimReply {
  const script = exchange.environment.getScript();
  const consumesQueue = exchange.endpoint.kind === 'generate' || exchange.endpoint.kind === 'embeddings';
  const reply = consumesQueue
    ? takeReply(script, exchange.record.model, headerFault)
    : takeReply({ ...script, queue: [] }, exchange.record.model, headerFault);
  const replayHeader = exchange.record.headers['x-sim-replay'];
  return typeof replayHeader === 'string' ? { ...reply, replay: replayHeader } : reply;
}

function respondWithoutFault(exchange: Exchange, reply: SimReply): void {
  const { endpoint, record, res, environment } = exchange;
  const body = (record.json ?? {}) as Record<string, unknown>;
  const renderer = environment.renderers[endpoint.protocol];
  if (endpoint.kind === 'models') {
    const list =
      endpoint.protocol === 'anthropic-messages'
        ? renderAnthropicModelList(environment.models)
        : endpoint.protocol === 'gemini-generate-content'
          ? renderGeminiModelList(environment.models)
          : renderOpenAiModelList(environment.models);
    sendJson(res, { status: 200, body: JSON.stringify(list) });
    return;
  }
  if (endpoint.kind === 'count-tokens') {
    const tokens = estimatePromptTokens(body);
    const counted =
      endpoint.protocol === 'anthropic-messages' ? { input_tokens: tokens } : { totalTokens: tokens };
    sendJson(res, { status: 200, body: JSON.stringify(counted) });
    return;
  }
  if (endpoint.kind === 'embeddings' && reply.replay === undefined) {
    sendJson(res, {
      status: 200,
      body: JSON.stringify(renderEmbeddingsBody(body, reply.fault?.omitUsage === true)),
    });
    return;
  }
  const isGemini = endpoint.protocol === 'gemini-generate-content';
  respondGenerate(
    {
      res,
      control: exchange.control,
      protocol: endpoint.protocol,
      renderer,
      rendererFor: (protocol) => environment.renderers[protocol],
      body,
      model: record.model ?? 'unknown-model',
      isStream: isGemini ? endpoint.isGeminiStream === true : body.stream === true,
      isJsonArrayStream: isGemini && endpoint.isGeminiStream === true && record.query.get('alt') !== 'sse',
      sequence: environment.nextSequence(),
    },
    reply,
  );
}

function respond(exchange: Exchange, reply: SimReply): void {
  if (exchange.control.isClosed()) return;
  const fault = reply.fault;
  if (fault?.hang) return;
  if (fault?.status !== undefined) {
    sendErrorStatus(exchange.res, {
      fault,
      renderer: exchange.environment.renderers[exchange.endpoint.protocol],
    });
    return;
  }
  respondWithoutFault(exchange, reply);
}

function dispatch(
  environment: SimEnvironment,
  tracked: { res: ServerResponse; control: ExchangeControl; record: RecordedRequest },
): void {
  const { res, record } = tracked;
  const endpoint = matchEndpoint(
    record.method,
    record.path,
    record.headers['anthropic-version'] !== undefined,
  );
  if (!endpoint) {
    sendJson(res, {
      status: 404,
      body: JSON.stringify(renderOpenAiErrorBody(404, `No route ${record.method} ${record.path}`)),
    });
    return;
  }
  record.protocol = endpoint.kind === 'models' ? 'models' : endpoint.protocol;
  const model = endpoint.pathModel ?? (record.json as { model?: unknown } | undefined)?.model;
  record.model = typeof model === 'string' ? model : undefined;
  const renderer = environment.renderers[endpoint.protocol];
  const rejection = checkApiKey({
    acceptedKeys: environment.acceptedKeys,
    key: readApiKey(record.headers, record.query),
    protocol: endpoint.protocol,
  });
  if (rejection) {
    sendJson(res, { status: rejection.status, body: JSON.stringify(rejection.body) });
    return;
  }
  let headerFault: SimFault | undefined;
  try {
    headerFault = readHeaderFault(record);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    sendJson(res, { status: 400, body: JSON.stringify(renderer.renderErrorBody(400, message)) });
    return;
  }
  const exchange: Exchange = { environment, res, control: tracked.control, record, endpoint };
  const reply = pickReply(exchange, headerFault);
  const latencyMs = reply.fault?.latencyMs ?? 0;
  if (latencyMs > 0) setTimeout(() => respond(exchange, reply), latencyMs);
  else respond(exchange, reply);
}

/** One HTTP exchange: read the body, record it, then answer by endpoint, script and faults. */
export function handleExchange(environment: SimEnvironment, req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const rawUrl = req.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
    const query = new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1));
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    const tracked = trackExchange({ req, res, path, query, body });
    environment.onRecorded(tracked.record);
    dispatch(environment, { res, control: tracked.control, record: tracked.record });
  });
}
