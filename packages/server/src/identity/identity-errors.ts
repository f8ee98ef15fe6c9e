import { AppError } from '../kernel/errors.js';

export const invalidCredentials = () =>
  new AppError({ code: 'unauthorized', status: 401, message: 'Invalid username or password' });
export const invalidToken = (message = 'Invalid or expired token') =>
  new AppError({ code: 'unauthorized', status: 401, message });
export const userDisabled = () =>
  new AppError({ code: 'user_disabled', status: 403, message: 'This account has been disabled' });
export const usernameTaken = (username: string) =>
  new AppError({
    code: 'username_taken',
    status: 409,
    message: `Username ${username} is already taken`,
    details: { field: 'username' },
  });
export const signupClosed = () =>
  new AppError({
    code: 'signup_disabled',
    status: 403,
    message: 'Open registration is disabled; ask an administrator for an account',
  });
export const lastAdmin = () =>
  new AppError({
    code: 'last_admin',
    status: 409,
    message: 'At least one enabled administrator must remain',
  });
export const cannotChangeSelf = (what: string) =>
  new AppError({ code: 'forbidden', status: 403, message: `Administrators cannot ${what} themselves` });
export const userNotFound = (id: string) =>
  new AppError({ code: 'not_found', status: 404, message: `User ${id} not found` });
export const wrongCurrentPassword = () =>
  new AppError({
    code: 'invalid_request',
    status: 400,
    message: 'Current password is wrong',
    details: { fields: { current_password: 'is wrong' } },
  });
