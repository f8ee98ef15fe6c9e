import { z } from 'zod';

export const usernameSchema = z
  .string()
  .min(3, { message: 'must be at least 3 characters' })
  .max(32, { message: 'must be at most 32 characters' })
  .regex(/^[A-Za-z0-9_.-]+$/, { message: 'may contain only letters, digits, _ . and -' });
export const passwordSchema = z
  .string()
  .min(8, { message: 'must be at least 8 characters' })
  .max(128, { message: 'must be at most 128 characters' });

export const signupSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  email: z.email({ message: 'must be an email address' }).max(320).optional().nullable(),
});
export type Signup = z.infer<typeof signupSchema>;

export const loginSchema = z.object({
  username: z.string().min(1, { message: 'is required' }).max(64),
  password: z.string().min(1, { message: 'is required' }).max(128),
});
export type Login = z.infer<typeof loginSchema>;

export const refreshSchema = z.object({ refresh_token: z.string().min(1).max(200) });
export const logoutSchema = z.object({ refresh_token: z.string().min(1).max(200).optional() }).optional();
export const passwordChangeSchema = z.object({
  current_password: z.string().min(1, { message: 'is required' }).max(128),
  new_password: passwordSchema,
});

export const userRoleSchema = z.enum(['admin', 'user']);
export type UserRole = z.infer<typeof userRoleSchema>;

export const publicUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string().nullable(),
  role: userRoleSchema,
  is_disabled: z.boolean(),
  created_at: z.string(),
  last_login_at: z.string().nullable(),
});
export type PublicUser = z.infer<typeof publicUserSchema>;

export const sessionTokensSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  token_type: z.literal('bearer'),
  expires_in: z.number(),
  user: publicUserSchema,
});
export type SessionTokens = z.infer<typeof sessionTokensSchema>;

const booleanQuery = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');
// Pagination is normalised, not rejected: page < 1 becomes 1, page_size is clamped to 1..100.
const pageQuery = z.coerce
  .number()
  .int({ message: 'must be an integer' })
  .optional()
  .transform((value) => Math.max(1, value ?? 1));
const pageSizeQuery = z.coerce
  .number()
  .int({ message: 'must be an integer' })
  .optional()
  .transform((value) => Math.min(100, Math.max(1, value ?? 20)));

export const paginationQuerySchema = z.object({ page: pageQuery, page_size: pageSizeQuery });

export const userListQuerySchema = paginationQuerySchema.extend({
  q: z.string().max(100).optional(),
  role: userRoleSchema.optional(),
  disabled: booleanQuery.optional(),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const userPatchSchema = z
  .object({ is_disabled: z.boolean().optional(), role: userRoleSchema.optional() })
  .refine((value) => value.is_disabled !== undefined || value.role !== undefined, {
    message: 'give is_disabled or role',
  });
export type UserPatch = z.infer<typeof userPatchSchema>;

export const resetPasswordSchema = z.object({ new_password: passwordSchema });
export const userIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

export const auditListQuerySchema = paginationQuerySchema.extend({
  action: z.string().max(64).optional(),
  actor_id: z.string().max(64).optional(),
  target_id: z.string().max(64).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditListQuery = z.infer<typeof auditListQuerySchema>;

export const userCreateSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  email: z.email().max(320).optional().nullable(),
  role: userRoleSchema.default('user'),
});
