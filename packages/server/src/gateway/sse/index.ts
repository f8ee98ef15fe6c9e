/** One event of a server-sent-event stream; `event` is undefined when no `event:` line was sent. */

/** Event → `event:`/`id:`/`data:` lines ending in a blank line. */
export { formatSseEvent } from './format-sse-event.js';
export type { SseEvent, SseEventSplitter } from './sse-event-splitter.js';
/** Byte stream → events, for \n, \r\n and \r line ends and events split across chunks. */
export { createSseEventSplitter, parseSseEventText } from './sse-event-splitter.js';
