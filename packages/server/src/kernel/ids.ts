import { randomBytes } from 'node:crypto';

// Crockford base32: sortable as plain strings, no ambiguous letters.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let lastTimeMs = 0;
let lastRandom: Uint8Array = new Uint8Array(10);

function encodeTime(timeMs: number): string {
  let value = timeMs;
  let out = '';
  for (let index = 0; index < 10; index += 1) {
    out = alphabet[value % 32] + out;
    value = Math.floor(value / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

function incrementRandom(bytes: Uint8Array): Uint8Array {
  const next = Uint8Array.from(bytes);
  for (let index = next.length - 1; index >= 0; index -= 1) {
    if (next[index] < 255) {
      next[index] += 1;
      return next;
    }
    next[index] = 0;
  }
  return next;
}

/**
 * A ULID with a prefix (`usr_01J…`): lexically sortable by creation time, monotonic within one
 * millisecond in this process so ids created in a burst keep their order.
 */
export function newId(prefix: string, nowMs: number = Date.now()): string {
  if (nowMs <= lastTimeMs) {
    lastRandom = incrementRandom(lastRandom);
  } else {
    lastTimeMs = nowMs;
    lastRandom = new Uint8Array(randomBytes(10));
  }
  return `${prefix}_${encodeTime(lastTimeMs)}${encodeRandom(lastRandom)}`;
}
