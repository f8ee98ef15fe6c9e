/** The logging the agent needs; a pino logger fits as is. */
export type AgentLogger = {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
};

/** One JSON line per event on stderr, for the standalone `switchyard agent` command. */
export function createStderrLogger(): AgentLogger {
  const write = (level: string) => (data: object, message: string) =>
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...data })}\n`);
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentLogger: AgentLogger = { info: () => {}, warn: () => {}, error: () => {} };
