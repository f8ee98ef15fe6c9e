import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { groupNameSchema, modelNameSchema } from '../channels/channel-schemas.js';

// A bare address counts as a one-address range (/32 or /128).
export function parseCidrRange(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  if (text.includes('/')) return ipaddr.parseCIDR(text);
  const address = ipaddr.parse(text);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

const cidrSchema = z
  .string()
  .trim()
  .max(64)
  .refine(
    (value) => {
      try {
        parseCidrRange(value);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be an IP address or CIDR range' },
  );

const limitSchema = z.number().int().min(1).max(100_000_000);

export const apiKeyCreateSchema = z.object({
  name: z.string().trim().min(1).max(100),
  group: groupNameSchema.default('default'),
  expires_at: z.iso.datetime({ offset: true }).nullable().default(null),
  models: z.array(modelNameSchema).max(1000).optional(),
  allow_cidrs: z.array(cidrSchema).max(100).optional(),
  rpm: limitSchema.optional(),
  tpm: limitSchema.optional(),
  // The key's own spending limit in micro-units inside the owner's balance; null = unlimited.
  quota_micros: z.number().int().min(0).max(1e15).nullable().optional(),
});
export type ApiKeyCreate = z.infer<typeof apiKeyCreateSchema>;

export const apiKeyPatchSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  group: groupNameSchema.optional(),
  expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
  // null (or an empty list) removes the restriction.
  models: z.array(modelNameSchema).max(1000).nullable().optional(),
  allow_cidrs: z.array(cidrSchema).max(100).nullable().optional(),
  rpm: limitSchema.nullable().optional(),
  tpm: limitSchema.nullable().optional(),
  enabled: z.boolean().optional(),
  quota_micros: z.number().int().min(0).max(1e15).nullable().optional(),
});
export type ApiKeyPatch = z.infer<typeof apiKeyPatchSchema>;

export const apiKeyIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

export const publicApiKeySchema = z.object({
  id: z.string(),
  user_id: z.string(),
  name: z.string(),
  key_hint: z.string(),
  group: z.string(),
  expires_at: z.string().nullable(),
  models: z.array(z.string()).nullable(),
  allow_cidrs: z.array(z.string()).nullable(),
  rpm: z.number().nullable(),
  tpm: z.number().nullable(),
  enabled: z.boolean(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  quota_micros: z.number().nullable().optional(),
  quota_used_micros: z.number().optional(),
});
export type PublicApiKey = z.infer<typeof publicApiKeySchema>;
export const createdApiKeySchema = publicApiKeySchema.extend({ key: z.string() });
