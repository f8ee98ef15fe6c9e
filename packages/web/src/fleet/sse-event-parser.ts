export interface SseEvent {
  /** `message` when the event named none. */
  event: string;
  data: string;
  /** The event's `id:` field, or undefined when it carried none. */
  id: string | undefined;
}

/**
 * An incremental text/event-stream parser for the browser (EventSource cannot send a bearer token, so
 * the console reads the stream with fetch). Follows the WHATWG "event stream interpretation" rules:
 * lines end in CRLF, LF or CR; `:` lines are comments; data lines join with "\n"; a blank line
 * dispatches; an event with no data is dropped. @see https://html.spec.whatwg.org/multipage/server-sent-events.html
 * Chunks may split anywhere, including between the CR and LF of one line ending.
 */
export function createSseEventParser() {
  let buffer = '';
  let isAfterCarriageReturn = false;
  let eventName = '';
  let dataLines: string[] = [];
  let eventId: string | undefined;

  function takeLine(line: string, events: SseEvent[]) {
    if (line === '') {
      if (dataLines.length > 0)
        events.push({ event: eventName || 'message', data: dataLines.join('\n'), id: eventId });
      eventName = '';
      dataLines = [];
      eventId = undefined;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventName = value;
    else if (field === 'data') dataLines.push(value);
    else if (field === 'id' && !value.includes('\0')) eventId = value;
  }

  return {
    /** Feeds decoded text; returns the events completed by it, in order. */
    push(text: string): SseEvent[] {
      const events: SseEvent[] = [];
      let start = 0;
      let input = text;
      // A CR ended the previous chunk: an LF opening this one belongs to that same line ending.
      if (isAfterCarriageReturn && input.startsWith('\n')) input = input.slice(1);
      isAfterCarriageReturn = false;
      for (let index = 0; index < input.length; index += 1) {
        const char = input[index];
        if (char !== '\n' && char !== '\r') continue;
        takeLine(buffer + input.slice(start, index), events);
        buffer = '';
        if (char === '\r') {
          if (index + 1 === input.length) isAfterCarriageReturn = true;
          else if (input[index + 1] === '\n') index += 1;
        }
        start = index + 1;
      }
      buffer += input.slice(start);
      return events;
    },
  };
}
