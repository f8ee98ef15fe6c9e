import { describe, expect, it } from 'vitest';
import { createSseEventParser } from './sse-event-parser.js';

const frames = [
  ': switchyard task log\n\n',
  'id: 0\nevent: log\ndata: {"offset":0,"data":"hello\\n"}\n\n',
  'event: heartbeat\ndata: {}\n\n',
  'event: end\ndata: {"state":"succeeded","next_offset":1}\n\n',
].join('');

describe(createSseEventParser.name, () => {
  it('parses named events with ids and skips comments', () => {
    const events = createSseEventParser().push(frames);
    expect(events).toEqual([
      { event: 'log', id: '0', data: '{"offset":0,"data":"hello\\n"}' },
      { event: 'heartbeat', id: undefined, data: '{}' },
      { event: 'end', id: undefined, data: '{"state":"succeeded","next_offset":1}' },
    ]);
  });

  it('gives the same events however the stream is split into chunks', () => {
    const whole = createSseEventParser().push(frames);
    for (let size = 1; size <= 7; size += 1) {
      const parser = createSseEventParser();
      const events = [];
      for (let index = 0; index < frames.length; index += size)
        events.push(...parser.push(frames.slice(index, index + size)));
      expect(events, `chunks of ${size}`).toEqual(whole);
    }
  });

  it('accepts CRLF and bare CR line endings, also when a CRLF is split across chunks', () => {
    const parser = createSseEventParser();
    const events = [
      ...parser.push('event: log\r'),
      ...parser.push('\ndata: a\r\rdata: b\r'),
      ...parser.push('\n\r\n'),
    ];
    expect(events).toEqual([
      { event: 'log', id: undefined, data: 'a' },
      { event: 'message', id: undefined, data: 'b' },
    ]);
  });

  it('joins multi-line data with newlines and keeps a colon inside the value', () => {
    const events = createSseEventParser().push('data: first\ndata:second: part\ndata\n\n');
    expect(events).toEqual([{ event: 'message', id: undefined, data: 'first\nsecond: part\n' }]);
  });

  it('holds back an event until its blank line arrives and drops events without data', () => {
    const parser = createSseEventParser();
    expect(parser.push('event: log\ndata: partial')).toEqual([]);
    expect(parser.push('\n')).toEqual([]);
    expect(parser.push('\nevent: ping\n\n')).toEqual([{ event: 'log', id: undefined, data: 'partial' }]);
  });
});
