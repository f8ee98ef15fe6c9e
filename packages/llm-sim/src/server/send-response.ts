import type { ServerResponse } from 'node:http';
import type { ProtocolRenderer } from '../render/protocol-renderer.js';
import type { SimFault } from '../sim-types.js';

export interface ExchangeControl {
  /** True once the client went away; every timer callback checks it before writing. */
  isClosed(): boolean;
  /** Marks the socket destruction as the simulator's own doing (a disconnect fault). */
  markSimDisconnect(): void;
}

type Chunk = string | Buffer;

export interface SendStreamInput {
  res: ServerResponse;
  control: ExchangeControl;
  contentType: string;
  events: Chunk[];
  fault: SimFault | undefined;
  renderer: ProtocolRenderer;
}

function applyEventFaults(events: Chunk[], fault: SimFault, renderer: ProtocolRenderer): Chunk[] {
  let faulted = events;
  if (fault.malformedChunkAt !== undefined && fault.malformedChunkAt < faulted.length) {
    faulted = faulted.slice();
    faulted[fault.malformedChunkAt] = renderer.renderMalformedEvent();
  }
  if (fault.streamErrorAfterChunks !== undefined) {
    const message = fault.message ?? 'Overloaded';
    faulted = [...faulted.slice(0, fault.streamErrorAfterChunks), renderer.renderStreamError(message)];
  }
  return faulted;
}

// Where the stream stops early: a disconnect destroys the socket, a hang keeps it open silently.
function findCutIndex(fault: SimFault, eventCount: number): { cutAt: number; isHang: boolean } {
  if (fault.disconnectAfterChunks !== undefined) return { cutAt: fault.disconnectAfterChunks, isHang: false };
  if (fault.hangAfterChunks !== undefined) return { cutAt: fault.hangAfterChunks, isHang: true };
  return { cutAt: eventCount, isHang: false };
}

function joinChunks(chunks: Chunk[]): Chunk {
  if (chunks.length === 1) return chunks[0];
  return chunks.every((chunk) => typeof chunk === 'string')
    ? chunks.join('')
    : Buffer.concat(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)));
}

// Destroy only after what was written has reached the socket, so the client sees exactly N events.
function disconnectAfterFlush(res: ServerResponse, control: ExchangeControl): void {
  control.markSimDisconnect();
  const socket = res.socket;
  if (!socket) return void res.destroy();
  socket.write('', () => socket.destroy());
}

export function sendStream({
  res,
  control,
  contentType,
  events,
  fault = {},
  renderer,
}: SendStreamInput): void {
  const faulted = applyEventFaults(events, fault, renderer);
  const { cutAt, isHang } = findCutIndex(fault, faulted.length);
  const isCut = cutAt < faulted.length;
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache' });
  const delayMs = fault.chunkDelayMs ?? 0;
  const finish = (): void => {
    if (isHang) return;
    if (isCut) disconnectAfterFlush(res, control);
    else res.end();
  };
  if (delayMs === 0) {
    if (!isCut) return void res.end(joinChunks(faulted));
    res.flushHeaders();
    if (cutAt > 0) res.write(joinChunks(faulted.slice(0, cutAt)));
    finish();
    return;
  }
  res.flushHeaders();
  let index = 0;
  const writeNext = (): void => {
    if (control.isClosed()) return;
    if (index >= Math.min(cutAt, faulted.length)) {
      finish();
      return;
    }
    res.write(faulted[index++]);
    setTimeout(writeNext, delayMs);
  };
  setTimeout(writeNext, delayMs);
}

export function sendJson(
  res: ServerResponse,
  input: { status: number; body: Chunk; headers?: Record<string, string> },
): void {
  const bytes = typeof input.body === 'string' ? Buffer.from(input.body) : input.body;
  res.writeHead(input.status, {
    'content-type': 'application/json',
    'content-length': bytes.length,
    ...input.headers,
  });
  res.end(bytes);
}

export function sendErrorStatus(
  res: ServerResponse,
  input: { fault: SimFault; renderer: ProtocolRenderer },
): void {
  const status = input.fault.status ?? 500;
  const headers: Record<string, string> = {};
  if (input.fault.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(input.fault.retryAfterSeconds);
  const body = JSON.stringify(input.renderer.renderErrorBody(status, input.fault.message));
  sendJson(res, { status, body, headers });
}
