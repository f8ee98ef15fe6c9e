import type { TaskCreate } from './fleet-api.js';
import { parseKeyValueLines } from './key-value-lines.js';

export type TaskTargetKind = 'any' | 'machine' | 'labels';

/** The create-task form as typed: the command is one argument per line, so arguments may hold spaces. */
export interface TaskFormValues {
  commandLines: string;
  envLines: string;
  timeoutSeconds: number | '';
  target: TaskTargetKind;
  machineId: string | null;
  labelLines: string;
  gpus: number | '';
  maxAttempts: number | '';
}

export type TaskFormProblem =
  | 'commandRequired'
  | 'envInvalid'
  | 'labelsInvalid'
  | 'labelsRequired'
  | 'machineRequired';

export const emptyTaskForm: TaskFormValues = {
  commandLines: '',
  envLines: '',
  timeoutSeconds: '',
  target: 'any',
  machineId: null,
  labelLines: '',
  gpus: 0,
  maxAttempts: 3,
};

/**
 * The POST /api/tasks body for a `command` task, or the problem per form field. Argument lines keep
 * their inner whitespace; only wholly blank lines are dropped (an empty argument is rarely meant).
 */
export function buildTaskCreateBody(
  values: TaskFormValues,
): { body: TaskCreate } | { problems: Partial<Record<keyof TaskFormValues, TaskFormProblem>> } {
  const problems: Partial<Record<keyof TaskFormValues, TaskFormProblem>> = {};
  const command = values.commandLines.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (command.length === 0) problems.commandLines = 'commandRequired';
  const env = parseKeyValueLines(values.envLines);
  if (env.invalidLines.length > 0) problems.envLines = 'envInvalid';
  const labels = parseKeyValueLines(values.labelLines, { allowsCommas: true });
  if (values.target === 'labels') {
    if (labels.invalidLines.length > 0) problems.labelLines = 'labelsInvalid';
    else if (Object.keys(labels.values).length === 0) problems.labelLines = 'labelsRequired';
  }
  if (values.target === 'machine' && !values.machineId) problems.machineId = 'machineRequired';
  if (Object.keys(problems).length > 0) return { problems };
  const body: TaskCreate = { type: 'command', command };
  if (Object.keys(env.values).length > 0) body.env = env.values;
  if (values.timeoutSeconds !== '') body.timeout_s = values.timeoutSeconds;
  if (values.target === 'machine' && values.machineId) body.machine_id = values.machineId;
  if (values.target === 'labels') body.labels = labels.values;
  if (values.gpus !== '' && values.gpus > 0) body.gpus = values.gpus;
  if (values.maxAttempts !== '') body.max_attempts = values.maxAttempts;
  return { body };
}
