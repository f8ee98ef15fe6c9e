import { coerceError } from '../../kernel/errors.js';
import {
  classifyUpstreamStatus,
  connectFailure,
  parseRetryAfterMs,
  timeoutFailure,
  type UpstreamFailure,
} from '../routing/classify-upstream-failure.js';
import {
  readHeader,
  readUpstreamBody,
  type UpstreamHttpClient,
  type UpstreamResponse,
} from './upstream-http-client.js';

export interface AttemptSuccess {
  isOk: true;
  response: UpstreamResponse;
  /** Streams: the first body chunk, read before anything is sent to the client. */
  firstChunk: Buffer | undefined;
  chunks: AsyncIterator<Buffer>;
  /** Aborts this upstream exchange (client gone, shutdown). */
  abort(reason: string): void;
  upstreamWaitMs: number;
}

export interface AttemptFailure {
  isOk: false;
  failure: UpstreamFailure;
  /** The upstream's error reply, kept for passing a caller error (4xx) through unchanged. */
  errorReply: { status: number; headers: UpstreamResponse['headers']; body: Buffer } | undefined;
  upstreamWaitMs: number;
}

export class ClientGoneError extends Error {
  constructor() {
    super('the client closed the connection');
    this.name = 'ClientGoneError';
  }
}

// An upstream error message from any provider's error shape, or the status text; never throws.
function readErrorMessage(body: Buffer, status: number): string {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as {
      error?: { message?: unknown } | unknown;
      message?: unknown;
    };
    const inner = Array.isArray(parsed) ? parsed[0] : parsed;
    const error = (inner as { error?: unknown }).error;
    const message =
      typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : error;
    if (typeof message === 'string' && message !== '') return message;
  } catch {
    // not JSON: fall through to the status
  }
  return `upstream answered HTTP ${status}`;
}

/**
 * One upstream exchange up to the point of no return. `timeoutMs` covers connect, headers and, for
 * streams, the first body chunk: until then nothing has reached the client and another channel may
 * still be tried.
 */
export async function attemptUpstream(options: {
  http: UpstreamHttpClient;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  timeoutMs: number;
  isStream: boolean;
  clientSignal: AbortSignal;
  nowMs: number;
}): Promise<AttemptSuccess | AttemptFailure> {
  const controller = new AbortController();
  const startedAt = performance.now();
  const onClientGone = () => controller.abort(new ClientGoneError());
  options.clientSignal.addEventListener('abort', onClientGone, { once: true });
  const timer = setTimeout(() => controller.abort(new Error('timeout')), options.timeoutMs);
  const waited = () => performance.now() - startedAt;
  try {
    const response = await options.http.send({
      url: options.url,
      method: 'POST',
      headers: options.headers,
      body: options.body,
      signal: controller.signal,
    });
    if (response.status < 200 || response.status >= 300) {
      const body = await readUpstreamBody(response.body);
      const retryAfterMs = parseRetryAfterMs(readHeader(response.headers, 'retry-after'), options.nowMs);
      const failure = classifyUpstreamStatus({
        status: response.status,
        retryAfterMs,
        message: readErrorMessage(body, response.status),
      });
      return {
        isOk: false,
        failure,
        errorReply: { status: response.status, headers: response.headers, body },
        upstreamWaitMs: waited(),
      };
    }
    const chunks = response.body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    let firstChunk: Buffer | undefined;
    if (options.isStream) {
      const first = await chunks.next();
      if (first.done)
        return {
          isOk: false,
          failure: connectFailure('the upstream ended the stream before any data'),
          errorReply: undefined,
          upstreamWaitMs: waited(),
        };
      firstChunk = first.value;
    }
    return {
      isOk: true,
      response,
      firstChunk,
      chunks,
      abort: (reason) => controller.abort(new Error(reason)),
      upstreamWaitMs: waited(),
    };
  } catch (error) {
    if (options.clientSignal.aborted) throw new ClientGoneError();
    const reason = controller.signal.reason as Error | undefined;
    const failure =
      reason?.message === 'timeout'
        ? timeoutFailure(options.timeoutMs)
        : connectFailure(coerceError(error).message);
    return { isOk: false, failure, errorReply: undefined, upstreamWaitMs: waited() };
  } finally {
    clearTimeout(timer);
    options.clientSignal.removeEventListener('abort', onClientGone);
  }
}
