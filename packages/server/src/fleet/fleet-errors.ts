import { AppError } from '../kernel/errors.js';

export const staleAttempt = (details?: Record<string, unknown>) =>
  new AppError({
    code: 'stale_attempt',
    status: 409,
    message: 'This attempt is no longer the current lease of the task; stop it',
    details,
  });
export const taskNotFound = () =>
  new AppError({ code: 'task_not_found', status: 404, message: 'Task not found' });
export const machineNotFound = () =>
  new AppError({ code: 'machine_not_found', status: 404, message: 'Machine not found' });
export const machineExists = (field: string, value: string) =>
  new AppError({
    code: 'machine_exists',
    status: 409,
    message: `A machine with ${field} "${value}" already exists`,
    details: { field, value },
  });
export const machineTokenInvalid = () =>
  new AppError({ code: 'machine_token_invalid', status: 401, message: 'Unknown or revoked machine token' });
export const enrollmentTokenInvalid = () =>
  new AppError({
    code: 'enrollment_token_invalid',
    status: 401,
    message: 'Enrollment token is unknown, used or expired',
  });
export const idempotencyKeyReused = () =>
  new AppError({
    code: 'idempotency_key_reused',
    status: 409,
    message: 'This Idempotency-Key was used with a different request body',
  });
export const taskTypeUnknown = (type: string) =>
  new AppError({
    code: 'task_type_unknown',
    status: 400,
    message: `Unknown task type "${type}"`,
    details: { type },
  });
export const taskTypeUnavailable = (type: string, executor: string) =>
  new AppError({
    code: 'task_type_unavailable',
    status: 422,
    message: `No machine offers the "${executor}" executor that "${type}" tasks need`,
    details: { type, executor },
  });
export const taskNotRetryable = (state: string) =>
  new AppError({
    code: 'task_not_retryable',
    status: 409,
    message: `Only failed or cancelled tasks can be retried (task is ${state})`,
  });
