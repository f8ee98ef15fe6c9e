import type { FaultConfig, SimFault, SimReply } from '../sim-types.js';

const builtInReply: SimReply = { text: 'Hello from llm-sim.' };

export interface ScriptState {
  queue: SimReply[];
  modelReplies: Map<string, SimReply>;
  defaultReply: SimReply;
  faults: FaultConfig;
}

export function createScriptState(options: {
  defaultReply?: SimReply;
  modelReplies?: Record<string, SimReply>;
  faults?: FaultConfig;
}): ScriptState {
  return {
    queue: [],
    modelReplies: new Map(Object.entries(options.modelReplies ?? {})),
    defaultReply: options.defaultReply ?? builtInReply,
    faults: options.faults ?? {},
  };
}

function isEmptyFault(fault: SimFault): boolean {
  return Object.keys(fault).length === 0;
}

/**
 * Picks the reply for one request: the next queued reply, else the model's reply, else the default.
 * Faults merge field by field: config default < config by model < the reply's own < the request header.
 */
export function takeReply(
  state: ScriptState,
  model: string | undefined,
  headerFault: SimFault | undefined,
): SimReply {
  const scripted =
    state.queue.shift() ??
    (model !== undefined ? state.modelReplies.get(model) : undefined) ??
    state.defaultReply;
  const fault: SimFault = {
    ...state.faults.default,
    ...(model !== undefined ? state.faults.byModel?.[model] : undefined),
    ...scripted.fault,
    ...headerFault,
  };
  return isEmptyFault(fault) ? scripted : { ...scripted, fault };
}
