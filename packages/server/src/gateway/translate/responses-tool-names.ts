import { parseJsonPayload } from '../usage/parse-json-payload.js';
import { isRecord, readRecord, readRecords, readString } from './read-wire-fields.js';

// Responses tools that other dialects lack, flattened to plain functions and restored on the way
// back: `custom` tools (free-form input, e.g. Codex's apply_patch) become a function with one
// string argument `input`; `namespace` tools (Codex's MCP servers, multi_agent_v1) become
// functions named `<namespace>__<name>`, because function names allow only [A-Za-z0-9_-].
// @see https://platform.openai.com/docs/guides/function-calling#custom-tools

export interface ResponsesToolOrigin {
  kind: 'function' | 'custom';
  name: string;
  namespace?: string;
}

export type ResponsesToolNames = Map<string, ResponsesToolOrigin>;

export function flattenToolName(name: string, namespace: string | undefined): string {
  return namespace ? `${namespace}__${name}` : name;
}

/** Flattened name → original tool, read from a Responses request body's `tools`. */
export function readResponsesToolNames(requestBody: unknown): ResponsesToolNames {
  const names: ResponsesToolNames = new Map();
  if (!isRecord(requestBody)) return names;
  for (const tool of readRecords(requestBody, 'tools')) {
    const name = readString(tool, 'name');
    if (!name) continue;
    if (tool.type === 'custom') names.set(name, { kind: 'custom', name });
    if (tool.type === 'function') names.set(name, { kind: 'function', name });
    if (tool.type === 'namespace') {
      for (const inner of readRecords(tool, 'tools')) {
        const innerName = readString(inner, 'name');
        if (innerName)
          names.set(flattenToolName(innerName, name), {
            kind: inner.type === 'custom' ? 'custom' : 'function',
            name: innerName,
            namespace: name,
          });
      }
    }
  }
  return names;
}

/** The JSON Schema given to the flattened function of a custom tool. */
export function customToolParameters(tool: Record<string, unknown>): Record<string, unknown> {
  const format = readRecord(tool, 'format');
  const definition = format ? readString(format, 'definition') : undefined;
  const description = definition
    ? `Raw input, passed through unchanged. It must match this ${readString(format ?? {}, 'syntax') ?? ''} grammar:\n${definition}`
    : 'Raw input, passed through unchanged.';
  return {
    type: 'object',
    properties: { input: { type: 'string', description } },
    required: ['input'],
    additionalProperties: false,
  };
}

/** A custom tool's raw input from the flattened function's arguments. */
export function readCustomToolInput(argumentsJson: string): string {
  const parsed = parseJsonPayload(argumentsJson);
  return isRecord(parsed) && typeof parsed.input === 'string' ? parsed.input : argumentsJson;
}
