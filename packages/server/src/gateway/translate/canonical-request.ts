// The one form every dialect translates through (n parsers + n renderers instead of n² pairs).
// It keeps only what at least two dialects can express; dialect-only fields are dropped on
// translation and forwarded untouched only on same-dialect pass-through (done by the core).

export type CanonicalImageSource =
  | { kind: 'base64'; mediaType: string; data: string }
  | { kind: 'url'; url: string };

export type CanonicalPart =
  | { type: 'text'; text: string }
  | { type: 'image'; source: CanonicalImageSource }
  | { type: 'reasoning'; text: string }
  | { type: 'tool_call'; id: string; name: string; argumentsJson: string }
  | { type: 'tool_result'; toolCallId: string; name?: string; content: string; isError?: boolean };

/** Tool results ride in user messages (as in Anthropic); chat renders them as `tool` messages. */
export interface CanonicalMessage {
  role: 'user' | 'assistant';
  parts: CanonicalPart[];
}

export interface CanonicalTool {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

export type CanonicalToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  | { type: 'required' }
  | { type: 'tool'; name: string };

export type CanonicalResponseFormat =
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict?: boolean };

export interface CanonicalRequest {
  /** System and developer text, hoisted in order (Anthropic and Gemini only take it up front). */
  system: string[];
  messages: CanonicalMessage[];
  tools: CanonicalTool[];
  toolChoice?: CanonicalToolChoice;
  parallelToolCalls?: boolean;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  responseFormat?: CanonicalResponseFormat;
}
