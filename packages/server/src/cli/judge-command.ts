import type { Command } from 'commander';

export function registerJudgeCommand(program: Command): void {
  program
    .command('judge')
    .description(
      'Compile main.cpp and judge it against a test directory in the sandbox (see `switchyard judge --help`)',
    )
    .helpOption(false)
    .allowUnknownOption(true)
    .argument('[args...]')
    .action(async (args: string[]) => {
      const { runJudgeCommand } = await import('@switchyard/agent');
      process.exitCode = await runJudgeCommand(args);
    });
}
