import type { UsageBuckets } from '../usage/usage-buckets.js';
import type { CanonicalStopReason } from './canonical-response.js';

/**
 * What an upstream stream says, dialect-free. Tool calls are keyed by `index` (the upstream's own
 * numbering, unique per call within one response). `usage` is cumulative: the last one wins.
 */
export type CanonicalStreamEvent =
  | { type: 'start'; id?: string }
  | { type: 'text_delta'; text: string }
  | { type: 'reasoning_delta'; text: string }
  | { type: 'tool_call_start'; index: number; id: string; name: string }
  | { type: 'tool_call_delta'; index: number; argumentsJson: string }
  | { type: 'tool_call_end'; index: number }
  | { type: 'finish'; stopReason: CanonicalStopReason }
  | { type: 'usage'; usage: UsageBuckets }
  | { type: 'error'; error: CanonicalStreamError };

export interface CanonicalStreamError {
  status: number;
  message: string;
  type?: string;
}
