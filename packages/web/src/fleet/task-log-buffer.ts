import type { TaskLogItem } from './fleet-api.js';

export interface TaskLogBuffer {
  items: TaskLogItem[];
  chars: number;
  /** Items dropped from the front to stay under the cap; the viewer says so above the text. */
  droppedItems: number;
}

export const emptyTaskLogBuffer: TaskLogBuffer = { items: [], chars: 0, droppedItems: 0 };

/** 2 Mi characters keep the page responsive; the full log stays available through the pull API. */
export const taskLogViewerMaxChars = 2 * 1024 * 1024;

/** Appends streamed items and drops the oldest ones once the buffer passes `maxChars`. */
export function appendTaskLogItems(
  buffer: TaskLogBuffer,
  items: TaskLogItem[],
  maxChars = taskLogViewerMaxChars,
): TaskLogBuffer {
  const next = [...buffer.items, ...items];
  let chars = buffer.chars + items.reduce((sum, item) => sum + item.data.length, 0);
  let dropCount = 0;
  while (chars > maxChars && dropCount < next.length - 1) {
    chars -= next[dropCount].data.length;
    dropCount += 1;
  }
  return { items: next.slice(dropCount), chars, droppedItems: buffer.droppedItems + dropCount };
}
