import type { UsageBuckets } from '../usage/usage-buckets.js';

/** Why generation stopped, in the union of the dialects' meanings; tables map each dialect. */
export type CanonicalStopReason =
  | 'end_turn'
  | 'stop_sequence'
  | 'max_tokens'
  | 'tool_use'
  | 'content_filter'
  | 'other';

export type CanonicalOutputPart =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'tool_call'; id: string; name: string; argumentsJson: string };

export interface CanonicalResponse {
  id: string;
  parts: CanonicalOutputPart[];
  stopReason: CanonicalStopReason;
  usage: UsageBuckets | undefined;
}
