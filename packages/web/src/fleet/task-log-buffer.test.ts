import { describe, expect, it } from 'vitest';
import type { TaskLogItem } from './fleet-api.js';
import { appendTaskLogItems, emptyTaskLogBuffer } from './task-log-buffer.js';

const item = (offset: number, data: string): TaskLogItem => ({
  offset,
  attempt_id: 'att-1',
  stream: 'stdout',
  data,
});

describe(appendTaskLogItems.name, () => {
  it('keeps every item while under the cap', () => {
    const buffer = appendTaskLogItems(emptyTaskLogBuffer, [item(0, 'ab'), item(1, 'cd')], 10);
    expect(buffer).toEqual({ items: [item(0, 'ab'), item(1, 'cd')], chars: 4, droppedItems: 0 });
  });

  it('drops the oldest items past the cap and counts them', () => {
    let buffer = appendTaskLogItems(emptyTaskLogBuffer, [item(0, 'aaaa'), item(1, 'bbbb')], 10);
    buffer = appendTaskLogItems(buffer, [item(2, 'cccc')], 10);
    expect(buffer.items.map((entry) => entry.offset)).toEqual([1, 2]);
    expect(buffer).toMatchObject({ chars: 8, droppedItems: 1 });
  });

  it('always keeps the newest item even when it alone passes the cap', () => {
    const buffer = appendTaskLogItems(emptyTaskLogBuffer, [item(0, 'a'), item(1, 'x'.repeat(20))], 10);
    expect(buffer.items.map((entry) => entry.offset)).toEqual([1]);
  });
});
