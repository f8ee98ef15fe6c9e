import type { FastifyInstance } from 'fastify';
import { validated } from '../http/zod-validation.js';
import { type AuthGuards, principalOf } from './auth-guard.js';
import { userNotFound } from './identity-errors.js';
import {
  loginSchema,
  logoutSchema,
  passwordChangeSchema,
  publicUserSchema,
  refreshSchema,
  sessionTokensSchema,
  signupSchema,
} from './identity-schemas.js';
import type { SessionService } from './sessions/session-service.js';
import { presentUser } from './users/user-presenter.js';
import type { UserService } from './users/user-service.js';

const tags = ['auth'];

export function registerAuthRoutes(
  app: FastifyInstance,
  deps: { sessions: SessionService; users: UserService; guards: AuthGuards },
) {
  const { sessions, users, guards } = deps;

  app.post(
    '/api/auth/signup',
    {
      schema: {
        tags,
        summary: 'Create an account (open registration)',
        body: signupSchema,
        response: { 201: sessionTokensSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await sessions.signup(validated(signupSchema, request.body), request.ip)),
  );
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary: 'Log in with username and password',
        body: loginSchema,
        response: { 200: sessionTokensSchema },
      },
    },
    async (request) => sessions.login(validated(loginSchema, request.body), request.ip),
  );
  app.post(
    '/api/auth/refresh',
    {
      schema: {
        tags,
        summary: 'Rotate a refresh token for a new token pair',
        body: refreshSchema,
        response: { 200: sessionTokensSchema },
      },
    },
    async (request) => sessions.refresh(validated(refreshSchema, request.body).refresh_token, request.ip),
  );
  app.post(
    '/api/auth/logout',
    {
      preHandler: guards.requireUser,
      schema: { tags, summary: 'Revoke the given refresh token family', body: logoutSchema },
    },
    async (request, reply) => {
      const body = validated(logoutSchema, request.body);
      await sessions.logout({
        principal: principalOf(request),
        refreshToken: body?.refresh_token,
        ip: request.ip,
      });
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/auth/me',
    {
      preHandler: guards.requireUser,
      schema: { tags, summary: 'The logged-in user', response: { 200: publicUserSchema } },
    },
    async (request) => {
      const user = await users.findById(principalOf(request).userId);
      if (!user) throw userNotFound(principalOf(request).userId);
      return presentUser(user);
    },
  );
  app.put(
    '/api/auth/password',
    {
      preHandler: guards.requireUser,
      schema: { tags, summary: 'Change my password', body: passwordChangeSchema },
    },
    async (request, reply) => {
      const body = validated(passwordChangeSchema, request.body);
      await sessions.changePassword({
        principal: principalOf(request),
        currentPassword: body.current_password,
        newPassword: body.new_password,
        ip: request.ip,
      });
      return reply.status(204).send();
    },
  );
}
