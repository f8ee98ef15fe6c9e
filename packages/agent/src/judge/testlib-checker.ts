import path from 'node:path';
import type { JudgeVerdict, JudgeVerdictBasis } from '@switchyard/protocol';
import type { Sandbox } from '../sandbox/sandbox-types.js';
import { checkerLimits } from './judge-limits.js';
import { previewFile } from './text-preview.js';

export type CheckerRequest = {
  sandbox: Sandbox;
  checkerBinary: string;
  inputPath: string;
  outputPath: string;
  answerPath: string;
  /** Where the checker's own stdout/stderr go (artifacts). */
  logPrefix: string;
  messageBytes: number;
};

export type CheckerOutcome = { verdict: JudgeVerdict; basis: JudgeVerdictBasis; message: string };

/**
 * Runs a testlib checker as `checker input output answer` in the sandbox and maps its exit code:
 * 0 ok → AC, 1 wrong answer → WA, 2 presentation error → WA, 7 partial points → WA (no partial verdicts),
 * 3 fail → SE (the checker or the answer is broken, not the solution). testlib writes its verdict
 * line to stderr; that becomes the checker message.
 * @see https://github.com/MikeMirzayanov/testlib (testlib.h: _ok=0, _wa=1, _pe=2, _fail=3, _points=7)
 */
export async function runTestlibChecker(request: CheckerRequest): Promise<CheckerOutcome> {
  const result = await request.sandbox.run({
    command: ['/checker/checker', '/data/input', '/data/output', '/data/answer'],
    limits: checkerLimits,
    binds: [
      { source: path.dirname(request.checkerBinary), target: '/checker' },
      { source: request.inputPath, target: '/data/input' },
      { source: request.outputPath, target: '/data/output' },
      { source: request.answerPath, target: '/data/answer' },
    ],
    cwd: '/data',
    stdoutPath: `${request.logPrefix}.stdout`,
    stderrPath: `${request.logPrefix}.stderr`,
  });
  const stderr = await previewFile(`${request.logPrefix}.stderr`, request.messageBytes);
  const message = stderr.text.trim();
  if (result.killedBy !== null || result.oomKilled || result.signal !== null) {
    const stop = result.killedBy ?? (result.oomKilled ? 'memory' : `signal ${result.signal}`);
    return { verdict: 'SE', basis: 'system', message: `checker stopped (${stop}) ${message}`.trim() };
  }
  switch (result.exitCode) {
    case 0:
      return { verdict: 'AC', basis: 'checker', message };
    case 1:
    case 2:
    case 7:
      return { verdict: 'WA', basis: 'checker', message };
    default:
      return {
        verdict: 'SE',
        basis: 'system',
        message: `checker failed (exit ${result.exitCode}): ${message}`,
      };
  }
}
