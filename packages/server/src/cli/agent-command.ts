import type { Command } from 'commander';

/** `switchyard agent --server URL --enroll-token T [--work-dir DIR] [--slots N] [--labels k=v,…]`, run by @switchyard/agent. */
export function registerAgentCommand(program: Command): void {
  program
    .command('agent')
    .description(
      'Run the agent on this machine: enroll once, then pull and run leased tasks (see `switchyard agent --help`)',
    )
    .helpOption(false)
    .allowUnknownOption(true)
    .argument('[args...]')
    .action(async (args: string[]) => {
      const { runAgentCommand } = await import('@switchyard/agent');
      process.exitCode = await runAgentCommand(args);
    });
}
