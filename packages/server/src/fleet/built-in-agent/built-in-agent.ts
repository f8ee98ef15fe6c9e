import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../../kernel/logging.js';
import type { MachineService } from '../machines/machine-service.js';

interface AgentHandle {
  stop(): Promise<void>;
}
type StartAgent = (options: {
  serverUrl: string;
  machineToken: string;
  workDir: string;
  slots: number;
}) => Promise<AgentHandle>;

/**
 * The agent for this server's own machine, so a fresh install runs tasks with one command: the machine
 * (named after the hostname) is created or reused and gets a freshly minted token on every start.
 */
export async function startBuiltInAgent(options: {
  machines: MachineService;
  logger: Logger;
  serverUrl: string;
  dataDir: string;
  slots: number;
}): Promise<AgentHandle | null> {
  const name =
    os
      .hostname()
      .replace(/[^A-Za-z0-9_.-]/g, '-')
      .slice(0, 128) || 'local';
  const existing = await options.machines.findByName(name);
  const machine =
    existing ?? (await options.machines.insertNewMachine({ name, labels: { 'switchyard.local': 'true' } }));
  const machineToken = await options.machines.mintMachineToken(machine.id);
  let startAgent: StartAgent | undefined;
  try {
    const agentModule = (await import('@switchyard/agent')) as { startAgent?: StartAgent };
    startAgent = agentModule.startAgent;
  } catch (error) {
    options.logger.warn({ err: error }, 'built-in agent unavailable: @switchyard/agent failed to load');
    return null;
  }
  if (typeof startAgent !== 'function') {
    options.logger.warn('built-in agent unavailable: @switchyard/agent has no startAgent');
    return null;
  }
  const handle = await startAgent({
    serverUrl: options.serverUrl,
    machineToken,
    workDir: path.join(options.dataDir, 'agent'),
    slots: options.slots,
  });
  options.logger.info({ machine_id: machine.id, name }, 'built-in agent started');
  return handle;
}
