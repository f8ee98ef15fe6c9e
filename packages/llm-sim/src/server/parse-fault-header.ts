import type { SimFault } from '../sim-types.js';

type NumericFaultField =
  | 'status'
  | 'retryAfterSeconds'
  | 'latencyMs'
  | 'chunkDelayMs'
  | 'disconnectAfterChunks'
  | 'hangAfterChunks'
  | 'malformedChunkAt'
  | 'streamErrorAfterChunks';

// Header tokens → SimFault fields. Kept as a table so README and parser cannot drift apart.
const numericTokens: Record<string, NumericFaultField> = {
  status: 'status',
  'retry-after': 'retryAfterSeconds',
  'latency-ms': 'latencyMs',
  'chunk-delay-ms': 'chunkDelayMs',
  'disconnect-after': 'disconnectAfterChunks',
  'hang-after': 'hangAfterChunks',
  'malformed-at': 'malformedChunkAt',
  'error-after': 'streamErrorAfterChunks',
};

const flagTokens: Record<string, 'hang' | 'omitUsage'> = { hang: 'hang', 'omit-usage': 'omitUsage' };

/**
 * Parses `x-sim-fault: status=429; retry-after=3` or `disconnect-after=2, omit-usage`.
 * Unknown tokens throw, so a typo in a test fails loudly instead of silently doing nothing.
 */
export function parseFaultHeader(header: string): SimFault {
  const fault: SimFault = {};
  for (const rawToken of header.split(/[;,]/)) {
    const token = rawToken.trim();
    if (token === '') continue;
    const [key, value] = token.split('=', 2).map((part) => part.trim());
    if (value === undefined && key in flagTokens) {
      fault[flagTokens[key]] = true;
    } else if (key in numericTokens && value !== undefined && /^\d+$/.test(value)) {
      fault[numericTokens[key]] = Number(value);
    } else if (key === 'message' && value !== undefined) {
      fault.message = value;
    } else {
      throw new Error(`unknown x-sim-fault token "${token}"`);
    }
  }
  return fault;
}
