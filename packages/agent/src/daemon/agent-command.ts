import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { agentEnrollReplySchema } from '@switchyard/protocol';
import { startAgent } from './agent-daemon.js';
import { createAgentHttp, isPermanentError } from './agent-http.js';
import { createStderrLogger } from './agent-logger.js';

const usage = `Usage: switchyard agent --server http://HOST:PORT (--enroll-token T | --token T) [options]

  --server URL         the Switchyard server
  --enroll-token T     single-use enrollment token; exchanged once, the machine token is kept in the work dir
  --token T            a machine token to use directly
  --work-dir DIR       where attempts, log spools and the machine token live (default ./switchyard-agent)
  --slots N            tasks run at once (default 1)
  --labels k=v,...     labels merged into the machine's labels
  --help               this text
`;

const tokenFileName = 'machine-token';

export function parseLabels(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  const labels: Record<string, string> = {};
  for (const pair of text.split(',').filter(Boolean)) {
    const separator = pair.indexOf('=');
    if (separator <= 0) throw new Error(`label "${pair}" is not k=v`);
    labels[pair.slice(0, separator).trim()] = pair.slice(separator + 1).trim();
  }
  return labels;
}

/**
 * The machine token: given directly, read from the work dir, or obtained by exchanging the enrollment token
 * exactly once and stored with mode 0600, so a restart needs no new enrollment token.
 */
export async function resolveMachineToken(options: {
  serverUrl: string;
  workDir: string;
  token?: string;
  enrollToken?: string;
  /** Tests bound the retries; the command retries until the server answers. */
  maxAttempts?: number;
  maxRetryDelayMs?: number;
}): Promise<string> {
  if (options.token) return options.token;
  const tokenPath = path.join(options.workDir, tokenFileName);
  if (fs.existsSync(tokenPath)) return fs.readFileSync(tokenPath, 'utf8').trim();
  if (!options.enrollToken)
    throw new Error(`no machine token in ${tokenPath}; pass --enroll-token or --token`);
  const http = createAgentHttp({ serverUrl: options.serverUrl });
  const body = { enrollment_token: options.enrollToken, hostname: os.hostname() };
  let reply: { machine_token: string } | null = null;
  // An unreachable or restarting server is waited out; a refused token (4xx) is final.
  for (
    let delayMs = 1_000;
    reply === null;
    delayMs = Math.min(delayMs * 2, options.maxRetryDelayMs ?? 30_000)
  ) {
    try {
      reply = await http.post('enroll', body, { reply: agentEnrollReplySchema });
    } catch (error) {
      if (isPermanentError(error) || (options.maxAttempts !== undefined && --options.maxAttempts <= 0))
        throw error;
      process.stderr.write(`switchyard agent: enrollment failed (${(error as Error).message}); retrying\n`);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
  fs.mkdirSync(options.workDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(`${tokenPath}.tmp`, reply.machine_token, { mode: 0o600 });
  fs.renameSync(`${tokenPath}.tmp`, tokenPath);
  return reply.machine_token;
}

/** `switchyard agent …` (argv without the command name); resolves to the exit code. */
export async function runAgentCommand(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parseOptions>;
  try {
    values = parseOptions(argv);
  } catch (error) {
    process.stderr.write(`switchyard agent: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (!values.server) {
    process.stderr.write(
      `switchyard agent: --server and --enroll-token (or --token) are required\n\n${usage}`,
    );
    return 2;
  }
  const logger = createStderrLogger();
  const workDir = path.resolve(values['work-dir'] ?? 'switchyard-agent');
  const slots = values.slots === undefined ? 1 : Number(values.slots);
  if (!Number.isInteger(slots) || slots < 1) {
    process.stderr.write('switchyard agent: --slots must be a positive integer\n');
    return 2;
  }
  let machineToken: string;
  let labels: Record<string, string> | undefined;
  try {
    labels = parseLabels(values.labels);
    machineToken = await resolveMachineToken({
      serverUrl: values.server,
      workDir,
      token: values.token,
      enrollToken: values['enroll-token'],
    });
  } catch (error) {
    process.stderr.write(`switchyard agent: ${(error as Error).message}\n`);
    return 1;
  }
  const agent = await startAgent({ serverUrl: values.server, machineToken, workDir, slots, labels, logger });
  const onSignal = () => void agent.stop();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  const { reason } = await agent.exited;
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  return reason === 'stopped' ? 0 : 1;
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      server: { type: 'string' },
      'enroll-token': { type: 'string' },
      token: { type: 'string' },
      'work-dir': { type: 'string' },
      slots: { type: 'string' },
      labels: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}
