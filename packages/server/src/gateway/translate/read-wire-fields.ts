import { parseJsonPayload } from '../usage/parse-json-payload.js';
import { isRecord } from '../usage/usage-buckets.js';
import type { CanonicalImageSource } from './canonical-request.js';

// Lenient readers for client and upstream bodies: a field of the wrong type reads as absent, so a
// translator never throws on a body the upstream would have accepted or rejected on its own.

export { isRecord };

export function readString(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

export function readNumber(record: Record<string, unknown>, key: string): number | undefined {
  const value = record[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function readRecord(
  record: Record<string, unknown>,
  key: string,
): Record<string, unknown> | undefined {
  const value = record[key];
  return isRecord(value) ? value : undefined;
}

export function readRecords(record: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const value = record[key];
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function readStringList(record: Record<string, unknown>, key: string): string[] | undefined {
  const value = record[key];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

/** Tool arguments as an object; a model's malformed JSON becomes {} rather than an error. */
export function parseToolArguments(argumentsJson: string): Record<string, unknown> {
  const parsed = argumentsJson.trim() === '' ? {} : parseJsonPayload(argumentsJson);
  return isRecord(parsed) ? parsed : {};
}

/** `data:<media type>;base64,<data>` URLs become inline bytes; anything else stays a URL. */
export function imageSourceFromUrl(url: string): CanonicalImageSource {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  return match
    ? { kind: 'base64', mediaType: match[1] ?? 'image/png', data: match[2] ?? '' }
    : { kind: 'url', url };
}

export function imageSourceToUrl(source: CanonicalImageSource): string {
  return source.kind === 'url' ? source.url : `data:${source.mediaType};base64,${source.data}`;
}

/** Joins the text of content given either as a string or as a list of typed blocks. */
export function joinTextContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content))
    return content === undefined || content === null ? '' : JSON.stringify(content);
  return content
    .filter(isRecord)
    .map((block) => readString(block, 'text') ?? '')
    .join('');
}
