import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordedRequest, RequestOutcome } from '../sim-types.js';
import type { ExchangeControl } from './send-response.js';

function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    // Recorded as raw bytes only; the endpoint answers 400 where it needs the JSON.
    return undefined;
  }
}

export interface TrackedExchange {
  record: RecordedRequest;
  control: ExchangeControl;
}

/**
 * Records one request and follows its response to the end: finished, aborted by the client, or cut by
 * a disconnect fault. `close` on the response fires in all three cases.
 */
export function trackExchange(input: {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  query: URLSearchParams;
  body: Buffer;
}): TrackedExchange {
  const { req, res } = input;
  let resolveSettled: (outcome: RequestOutcome) => void = () => {};
  const record: RecordedRequest = {
    method: req.method ?? 'GET',
    path: input.path,
    query: input.query,
    headers: req.headers,
    body: input.body,
    json: parseJsonBody(input.body),
    protocol: 'unknown',
    model: undefined,
    receivedAtMs: Date.now(),
    outcome: 'pending',
    isAborted: false,
    settled: new Promise<RequestOutcome>((resolve) => {
      resolveSettled = resolve;
    }),
  };
  let isClosed = false;
  let isSimDisconnect = false;
  res.on('close', () => {
    isClosed = true;
    if (res.writableFinished) record.outcome = 'completed';
    else if (isSimDisconnect) record.outcome = 'sim_disconnected';
    else {
      record.outcome = 'client_aborted';
      record.isAborted = true;
    }
    resolveSettled(record.outcome);
  });
  const control: ExchangeControl = {
    isClosed: () => isClosed,
    markSimDisconnect: () => {
      isSimDisconnect = true;
    },
  };
  return { record, control };
}
