/** Starts the simulator; see README.md for endpoints, scripting, faults and fixture replay. */

export type { LoadedFixture } from './fixtures/fixture-catalog.js';
/** Recorded provider fixtures with their protocol and expected usage, and their framed bytes. */
export { frameRecordedLine, listFixtures, loadFixture } from './fixtures/fixture-catalog.js';
export type {
  FixtureFacts,
  FixtureJsonFacts,
  FixtureStreamFacts,
  FixtureVendor,
} from './fixtures/fixture-table.js';
/** The deterministic prompt-token count used when a script gives no usage. */
export { estimatePromptTokens } from './render/estimate-prompt-tokens.js';
export type { LlmSim } from './server/llm-sim-server.js';
export { startLlmSim } from './server/llm-sim-server.js';
/** Parses an `x-sim-fault` header value (also used by the CLI's fault file checks). */
export { parseFaultHeader } from './server/parse-fault-header.js';
export type {
  FaultConfig,
  LlmSimOptions,
  RecordedRequest,
  RequestOutcome,
  SimFault,
  SimFinishReason,
  SimProtocol,
  SimReply,
  SimToolCall,
  UsageBuckets,
} from './sim-types.js';
