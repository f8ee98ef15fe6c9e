import { Command, CommanderError } from 'commander';
import { registerPriceCommands } from '../billing/index.js';
import { ConfigError } from '../kernel/config.js';
import { isAppError } from '../kernel/errors.js';
import { registerAgentCommand } from './agent-command.js';
import { registerJudgeCommand } from './judge-command.js';
import { registerMigrateCommand } from './migrate-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerUserCommands } from './user-commands.js';

/** Every pillar adds its commands here (price, agent, relay, oi …). */
const commandRegistrars: Array<(program: Command) => void> = [
  registerServeCommand,
  registerMigrateCommand,
  registerUserCommands,
  registerJudgeCommand,
  registerAgentCommand,
  registerPriceCommands,
];

export function buildCliProgram(): Command {
  const program = new Command('switchyard')
    .description('Switchyard: LLM gateway, provider relay, GPU fleet and OI assistant in one platform')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commandRegistrars) register(program);
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildCliProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof ConfigError || isAppError(error)) {
      process.stderr.write(`switchyard: ${(error as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`switchyard: ${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}
