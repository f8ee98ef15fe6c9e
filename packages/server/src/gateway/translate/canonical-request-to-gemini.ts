import type { CanonicalPart, CanonicalRequest, CanonicalToolChoice } from './canonical-request.js';
import { parseToolArguments } from './read-wire-fields.js';

// @see https://ai.google.dev/api/generate-content#request-body
// The model and stream flag go in the URL (…/models/{model}:streamGenerateContent?alt=sse), so the
// body has neither.

// Gemini 3 rejects a replayed functionCall without the thoughtSignature it issued; Google documents
// this value for history that came from another model.
// @see https://ai.google.dev/gemini-api/docs/thought-signatures
const foreignThoughtSignature = 'skip_thought_signature_validator';

function guessMediaType(url: string): string {
  const extension = /\.([a-z0-9]+)(?:$|\?)/i.exec(url)?.[1]?.toLowerCase();
  const byExtension: Record<string, string> = {
    png: 'image/png',
    gif: 'image/gif',
    webp: 'image/webp',
    pdf: 'application/pdf',
  };
  return (extension && byExtension[extension]) || 'image/jpeg';
}

function renderPart(
  part: CanonicalPart,
  namesByCallId: Map<string, string>,
): Record<string, unknown> | undefined {
  switch (part.type) {
    case 'text':
      return { text: part.text };
    case 'image':
      return part.source.kind === 'base64'
        ? { inlineData: { mimeType: part.source.mediaType, data: part.source.data } }
        : { fileData: { mimeType: guessMediaType(part.source.url), fileUri: part.source.url } };
    case 'tool_call':
      namesByCallId.set(part.id, part.name);
      return {
        functionCall: { name: part.name, args: parseToolArguments(part.argumentsJson) },
        thoughtSignature: foreignThoughtSignature,
      };
    case 'tool_result': {
      // functionResponse.response must be an object; plain text goes under `result`.
      const name = part.name ?? namesByCallId.get(part.toolCallId) ?? '';
      const key = part.isError ? 'error' : 'result';
      return { functionResponse: { name, response: { [key]: part.content } } };
    }
    case 'reasoning':
      return undefined;
  }
}

function renderToolConfig(choice: CanonicalToolChoice): Record<string, unknown> {
  const modes: Record<CanonicalToolChoice['type'], string> = {
    auto: 'AUTO',
    none: 'NONE',
    required: 'ANY',
    tool: 'ANY',
  };
  const config: Record<string, unknown> = { mode: modes[choice.type] };
  if (choice.type === 'tool') config.allowedFunctionNames = [choice.name];
  return { functionCallingConfig: config };
}

export function canonicalRequestToGemini(request: CanonicalRequest): Record<string, unknown> {
  const namesByCallId = new Map<string, string>();
  const contents = request.messages
    .map((message) => ({
      role: message.role === 'assistant' ? 'model' : 'user',
      parts: message.parts.flatMap((part) => renderPart(part, namesByCallId) ?? []),
    }))
    .filter((content) => content.parts.length > 0);
  const body: Record<string, unknown> = { contents };
  if (request.system.length > 0) body.systemInstruction = { parts: [{ text: request.system.join('\n\n') }] };
  if (request.tools.length > 0) {
    // parametersJsonSchema takes full JSON Schema; `parameters` rejects e.g. additionalProperties.
    const functionDeclarations = request.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      parametersJsonSchema: tool.parameters,
    }));
    body.tools = [{ functionDeclarations }];
  }
  if (request.toolChoice && request.tools.length > 0) body.toolConfig = renderToolConfig(request.toolChoice);
  const generationConfig: Record<string, unknown> = {};
  if (request.maxOutputTokens !== undefined) generationConfig.maxOutputTokens = request.maxOutputTokens;
  if (request.temperature !== undefined) generationConfig.temperature = request.temperature;
  if (request.topP !== undefined) generationConfig.topP = request.topP;
  if (request.stopSequences && request.stopSequences.length > 0)
    generationConfig.stopSequences = request.stopSequences;
  if (request.responseFormat) {
    generationConfig.responseMimeType = 'application/json';
    if (request.responseFormat.type === 'json_schema')
      generationConfig.responseJsonSchema = request.responseFormat.schema;
  }
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  return body;
}
