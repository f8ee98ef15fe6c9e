import type { SseEvent } from './sse-event-splitter.js';

// Writes one event as `event:` / `id:` / `data:` lines and a blank line. Data containing line
// breaks becomes several `data:` lines, which a reader joins back with \n.
// @see https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
export function formatSseEvent(event: SseEvent): string {
  let text = '';
  if (event.event !== undefined) text += `event: ${event.event}\n`;
  if (event.id !== undefined) text += `id: ${event.id}\n`;
  const data = event.data;
  if (data.indexOf('\n') === -1 && data.indexOf('\r') === -1) return `${text}data: ${data}\n\n`;
  for (const line of data.split(/\r\n|\r|\n/)) text += `data: ${line}\n`;
  return `${text}\n`;
}
