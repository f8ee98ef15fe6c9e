import fs from 'node:fs';
import path from 'node:path';
import type { AgentClaimedTask } from '@switchyard/protocol';

/** Why the agent ended a process itself; decides the outcome reported by `complete`. */
export type TerminationReason = 'cancelled' | 'timeout' | 'lease_lost';

/**
 * What the agent keeps on disk per held attempt, so a restarted agent can list its held attempts in
 * `register` and then adopt (`continue`) or kill (`abort`) them.
 */
export type AttemptRecord = {
  task: AgentClaimedTask;
  /** Process group leader; null until spawned (or for executors without a pid). */
  pid: number | null;
  /** Wall-clock time the command was released; the task timeout survives restarts with it. */
  released_at_ms: number | null;
  termination: TerminationReason | null;
};

const recordFile = 'attempt.json';

export function createAttemptRecordStore(workDir: string) {
  const attemptsDir = path.join(workDir, 'attempts');
  const dirOf = (attemptId: string) => path.join(attemptsDir, attemptId.replace(/[^A-Za-z0-9_.-]/g, '_'));
  return {
    dirOf,
    save(record: AttemptRecord) {
      const dir = dirOf(record.task.attempt_id);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${recordFile}.tmp`), JSON.stringify(record));
      fs.renameSync(path.join(dir, `${recordFile}.tmp`), path.join(dir, recordFile));
    },
    list(): AttemptRecord[] {
      if (!fs.existsSync(attemptsDir)) return [];
      const records: AttemptRecord[] = [];
      for (const entry of fs.readdirSync(attemptsDir)) {
        try {
          records.push(
            JSON.parse(fs.readFileSync(path.join(attemptsDir, entry, recordFile), 'utf8')) as AttemptRecord,
          );
        } catch {
          // A directory without a readable record was never claimed for real; it is removed below.
          fs.rmSync(path.join(attemptsDir, entry), { recursive: true, force: true });
        }
      }
      return records;
    },
    /** The attempt is finished with the server (completed, stale or aborted): its spool and files go. */
    remove(attemptId: string) {
      fs.rmSync(dirOf(attemptId), { recursive: true, force: true });
    },
  };
}

export type AttemptRecordStore = ReturnType<typeof createAttemptRecordStore>;
