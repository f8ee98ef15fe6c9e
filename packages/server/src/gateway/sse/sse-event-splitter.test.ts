import { describe, expect, it } from 'vitest';
import { frameRecordedStream, listRecordedFixtures } from '../usage/__fixtures__/recorded-llm-streams.js';
import { formatSseEvent } from './format-sse-event.js';
import { createSseEventSplitter, type SseEvent } from './sse-event-splitter.js';

const encoder = new TextEncoder();

function splitAll(pieces: Uint8Array[]): SseEvent[] {
  const events: SseEvent[] = [];
  const splitter = createSseEventSplitter((event) => events.push(event));
  for (const piece of pieces) splitter.push(piece);
  splitter.end();
  return events;
}

function bytesOneByOne(bytes: Uint8Array): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let index = 0; index < bytes.length; index++) pieces.push(bytes.subarray(index, index + 1));
  return pieces;
}

const streamFixtures = listRecordedFixtures().filter((fixture) => fixture.chunkLines);

describe(createSseEventSplitter.name, () => {
  it.each(streamFixtures.map((fixture) => [fixture.name, fixture] as const))(
    'yields every recorded payload of %s whether fed whole or one byte at a time',
    (_name, fixture) => {
      const lines = fixture.chunkLines ?? [];
      const bytes = encoder.encode(frameRecordedStream(fixture.dialect, lines));
      const expected = fixture.dialect === 'openai-chat' ? [...lines, '[DONE]'] : lines;
      expect(splitAll([bytes]).map((event) => event.data)).toEqual(expected);
      expect(splitAll(bytesOneByOne(bytes)).map((event) => event.data)).toEqual(expected);
    },
  );

  it('gives the same events for every two-piece split of small recordings', () => {
    for (const fixture of streamFixtures) {
      const wire = frameRecordedStream(fixture.dialect, fixture.chunkLines ?? []);
      const bytes = encoder.encode(wire);
      if (bytes.length > 4000) continue;
      const whole = splitAll([bytes]);
      for (let cut = 1; cut < bytes.length; cut++) {
        expect(splitAll([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(whole);
      }
    }
  });

  it('keeps the event name of Anthropic and Responses events', () => {
    const events = splitAll([
      encoder.encode('event: message_start\ndata: {"a":1}\n\nevent: ping\ndata: {}\n\n'),
    ]);
    expect(events).toEqual([
      { event: 'message_start', data: '{"a":1}' },
      { event: 'ping', data: '{}' },
    ]);
  });

  it.each([
    ['\\n', '\n'],
    ['\\r\\n', '\r\n'],
    ['\\r', '\r'],
  ])('splits events whose lines end in %s, at every byte boundary', (_label, lineEnd) => {
    const wire = `event: a${lineEnd}data: one${lineEnd}data: two${lineEnd}id: 7${lineEnd}${lineEnd}: comment${lineEnd}data: three${lineEnd}${lineEnd}`;
    const bytes = encoder.encode(wire);
    const expected = [
      { event: 'a', data: 'one\ntwo', id: '7' },
      { event: undefined, data: 'three' },
    ];
    expect(splitAll(bytesOneByOne(bytes))).toEqual(expected);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(splitAll([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(expected);
    }
  });

  it('ignores comment-only events and keeps an empty data line as empty data', () => {
    const events = splitAll([encoder.encode(': keep-alive\n\ndata:\n\ndata:x\n\n')]);
    expect(events).toEqual([
      { event: undefined, data: '' },
      { event: undefined, data: 'x' },
    ]);
  });

  it('decodes a multi-byte character split across chunks', () => {
    const bytes = encoder.encode('data: {"t":"÷ 5 — 😀"}\n\n');
    expect(splitAll(bytesOneByOne(bytes))).toEqual([{ event: undefined, data: '{"t":"÷ 5 — 😀"}' }]);
  });

  it('flushes an unterminated last event on end', () => {
    expect(splitAll([encoder.encode('data: a\n\ndata: {"usage":1}\n')])).toEqual([
      { event: undefined, data: 'a' },
      { event: undefined, data: '{"usage":1}' },
    ]);
  });

  it('strips a leading byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('data: x\n\n')]);
    expect(splitAll(bytesOneByOne(bytes))).toEqual([{ event: undefined, data: 'x' }]);
  });
});

describe(formatSseEvent.name, () => {
  it('writes event, id and one data line per line of data, and reads back the same event', () => {
    const event: SseEvent = { event: 'message_delta', data: 'a\nb', id: '3' };
    const wire = formatSseEvent(event);
    expect(wire).toBe('event: message_delta\nid: 3\ndata: a\ndata: b\n\n');
    expect(splitAll([encoder.encode(wire)])).toEqual([event]);
  });

  it('writes a data-only event without an event line', () => {
    expect(formatSseEvent({ event: undefined, data: '[DONE]' })).toBe('data: [DONE]\n\n');
  });
});
