// Splits a byte stream of server-sent events into events, following the WHATWG event-stream
// grammar: lines end in \n, \r\n or \r; a blank line ends an event; `:` lines are comments;
// several `data:` lines join with \n; one space after the colon is dropped.
// @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
//
// Hot path: every streamed byte of every proxied response passes through here. Bytes are scanned
// for line ends with the native Uint8Array#indexOf (no per-byte JS loop on long lines), and only a
// complete event is decoded to text. Partial events are kept as a list of chunk views and joined
// once when their boundary arrives, so an event split over n tiny chunks costs O(n), not O(n²).

export interface SseEvent {
  event: string | undefined;
  data: string;
  id?: string;
}

export interface SseEventSplitter {
  push(chunk: Uint8Array): void;
  /** Flushes a trailing event that the upstream did not end with a blank line. */
  end(): void;
}

const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const utf8Decoder = new TextDecoder('utf-8');

export function createSseEventSplitter(onEvent: (event: SseEvent) => void): SseEventSplitter {
  let pendingChunks: Uint8Array[] = [];
  // True when the last byte seen ended a line and no byte of a new line has arrived since.
  let isAtLineStart = true;
  // A \r just ended a line; a \n right after it is the second half of \r\n, not a new line end.
  let previousWasCarriageReturn = false;
  let isFirstChunk = true;

  function emitEvent(tail: Uint8Array): void {
    const bytes = pendingChunks.length === 0 ? tail : joinChunks([...pendingChunks, tail]);
    pendingChunks = [];
    const event = parseSseEventText(utf8Decoder.decode(bytes));
    if (event) onEvent(event);
  }

  return {
    push(chunk) {
      let bytes = chunk;
      if (isFirstChunk && bytes.length > 0) {
        isFirstChunk = false;
        bytes = stripByteOrderMark(bytes);
      }
      let eventStart = 0;
      let nextLineFeed = bytes.indexOf(LINE_FEED);
      let nextCarriageReturn = bytes.indexOf(CARRIAGE_RETURN);
      let index = 0;
      while (index < bytes.length) {
        if (nextLineFeed !== -1 && nextLineFeed < index) nextLineFeed = bytes.indexOf(LINE_FEED, index);
        if (nextCarriageReturn !== -1 && nextCarriageReturn < index) {
          nextCarriageReturn = bytes.indexOf(CARRIAGE_RETURN, index);
        }
        const lineEnd = earliestIndex(nextLineFeed, nextCarriageReturn);
        if (lineEnd === -1) {
          isAtLineStart = false;
          previousWasCarriageReturn = false;
          break;
        }
        if (lineEnd > index) {
          isAtLineStart = false;
          previousWasCarriageReturn = false;
        }
        const byte = bytes[lineEnd];
        index = lineEnd + 1;
        if (byte === LINE_FEED && previousWasCarriageReturn) {
          previousWasCarriageReturn = false;
          continue;
        }
        previousWasCarriageReturn = byte === CARRIAGE_RETURN;
        if (!isAtLineStart) {
          isAtLineStart = true;
          continue;
        }
        emitEvent(bytes.subarray(eventStart, index));
        eventStart = index;
      }
      if (eventStart < bytes.length) pendingChunks.push(bytes.subarray(eventStart));
    },
    end() {
      // The spec drops an unterminated last event; we still read it, because a proxy that meters
      // usage must not lose the final usage chunk of an upstream that closes without "\n\n".
      if (pendingChunks.length > 0) emitEvent(new Uint8Array(0));
      isAtLineStart = true;
      previousWasCarriageReturn = false;
    },
  };
}

function earliestIndex(first: number, second: number): number {
  if (first === -1) return second;
  if (second === -1) return first;
  return Math.min(first, second);
}

function joinChunks(chunks: Uint8Array[]): Uint8Array {
  let totalBytes = 0;
  for (const chunk of chunks) totalBytes += chunk.length;
  const joined = new Uint8Array(totalBytes);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

function stripByteOrderMark(bytes: Uint8Array): Uint8Array {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return hasBom ? bytes.subarray(3) : bytes;
}

const lineBreakPattern = /\r\n|\r|\n/;

/** Interprets the lines of one event; returns undefined when it has no data line (spec: no dispatch). */
export function parseSseEventText(text: string): SseEvent | undefined {
  let eventName: string | undefined;
  let id: string | undefined;
  let dataLines: string[] | undefined;
  for (const line of text.split(lineBreakPattern)) {
    if (line.length === 0 || line.charCodeAt(0) === 0x3a) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 0x20) value = value.slice(1);
    if (field === 'data') {
      dataLines ??= [];
      dataLines.push(value);
    } else if (field === 'event') eventName = value;
    else if (field === 'id' && !value.includes('\u0000')) id = value;
  }
  if (dataLines === undefined) return undefined;
  const event: SseEvent = { event: eventName, data: dataLines.join('\n') };
  if (id !== undefined) event.id = id;
  return event;
}
