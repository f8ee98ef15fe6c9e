import { isRecord } from './usage-buckets.js';

// Upstream payloads are untrusted: a malformed event must cost us the event, never the request.

/** JSON.parse that returns undefined instead of throwing. */
export function parseJsonPayload(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * True when `"key"` appears with an object value. The quoted key cannot match text inside a JSON
 * string, where every quote is escaped, so this is a safe pre-check before a full parse.
 */
export function hasObjectField(text: string, key: string): boolean {
  return findObjectStart(text, `"${key}"`, 0) !== -1;
}

function findObjectStart(text: string, quotedKey: string, fromIndex: number): number {
  let keyIndex = text.indexOf(quotedKey, fromIndex);
  while (keyIndex !== -1) {
    let index = skipSpaces(text, keyIndex + quotedKey.length);
    if (text[index] === ':') {
      index = skipSpaces(text, index + 1);
      if (text[index] === '{') return index;
    }
    keyIndex = text.indexOf(quotedKey, keyIndex + quotedKey.length);
  }
  return -1;
}

function skipSpaces(text: string, index: number): number {
  let cursor = index;
  while (cursor < text.length && /\s/.test(text[cursor] ?? '')) cursor++;
  return cursor;
}

/**
 * Recovers the last `"key": {…}` object from text that is not valid JSON as a whole, e.g. a
 * recorded Responses event cut short by one closing brace (parallel-tool-call-wrapper.1).
 */
export function extractObjectField(text: string, key: string): Record<string, unknown> | undefined {
  const quotedKey = `"${key}"`;
  let found: Record<string, unknown> | undefined;
  let start = findObjectStart(text, quotedKey, 0);
  while (start !== -1) {
    const end = findObjectEnd(text, start);
    if (end === -1) break;
    const value = parseJsonPayload(text.slice(start, end + 1));
    if (isRecord(value)) found = value;
    start = findObjectStart(text, quotedKey, end);
  }
  return found;
}

function findObjectEnd(text: string, start: number): number {
  let depth = 0;
  let isInString = false;
  for (let index = start; index < text.length; index++) {
    const character = text[index];
    if (isInString) {
      if (character === '\\') index++;
      else if (character === '"') isInString = false;
    } else if (character === '"') isInString = true;
    else if (character === '{') depth++;
    else if (character === '}' && --depth === 0) return index;
  }
  return -1;
}
