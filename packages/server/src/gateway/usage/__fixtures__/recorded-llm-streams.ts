import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dialect } from '../llm-dialect.js';

// Test support: the recordings in ./llm-streams with the dialect each one speaks, framed as wire bytes.

const streamsFolder = join(dirname(fileURLToPath(import.meta.url)), 'llm-streams');

export interface RecordedFixture {
  name: string;
  dialect: Dialect;
  /** One SSE data payload per line, as recorded. */
  chunkLines?: string[];
  /** The parsed non-stream body. */
  body?: unknown;
}

// openai-text is the chat completions API; the other openai recordings are the Responses API.
function dialectOf(vendor: string, name: string): Dialect | undefined {
  if (vendor === 'anthropic') return 'anthropic-messages';
  if (vendor === 'google') return 'gemini';
  if (vendor === 'openai') {
    if (name === 'openai-embedding') return undefined;
    return name === 'openai-text' ? 'openai-chat' : 'openai-responses';
  }
  return 'openai-chat';
}

export function listRecordedFixtures(): RecordedFixture[] {
  const fixtures = new Map<string, RecordedFixture>();
  for (const vendor of readdirSync(streamsFolder, { withFileTypes: true })) {
    if (!vendor.isDirectory()) continue;
    for (const file of readdirSync(join(streamsFolder, vendor.name)).sort()) {
      const name = file.replace(/\.chunks\.txt$|\.json$/, '');
      const dialect = dialectOf(vendor.name, name);
      if (!dialect) continue;
      const fixture = fixtures.get(name) ?? { name, dialect };
      const text = readFileSync(join(streamsFolder, vendor.name, file), 'utf8');
      if (file.endsWith('.chunks.txt')) fixture.chunkLines = text.split('\n').filter((line) => line.trim() !== '');
      else fixture.body = JSON.parse(text);
      fixtures.set(name, fixture);
    }
  }
  return [...fixtures.values()].sort((left, right) => left.name.localeCompare(right.name));
}

export function loadRecordedFixture(name: string): RecordedFixture {
  const fixture = listRecordedFixtures().find((candidate) => candidate.name === name);
  if (!fixture) throw new Error(`no recorded fixture ${name}`);
  return fixture;
}

function eventTypeOf(line: string): string | undefined {
  return /^\{"type":"([^"]+)"/.exec(line)?.[1];
}

/** The bytes a provider sends for these payloads (event lines, Gemini's CRLF, chat's [DONE]). */
export function frameRecordedStream(dialect: Dialect, lines: string[]): string {
  let wire = '';
  for (const line of lines) {
    if (dialect === 'gemini') wire += `data: ${line}\r\n\r\n`;
    else if (dialect === 'openai-chat') wire += `data: ${line}\n\n`;
    else wire += `event: ${eventTypeOf(line) ?? 'message'}\ndata: ${line}\n\n`;
  }
  return dialect === 'openai-chat' ? `${wire}data: [DONE]\n\n` : wire;
}
