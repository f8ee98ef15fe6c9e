import { z } from 'zod';
import { openAICompatibleVendors } from '../upstream/openai-compatible/openai-compatible-presets.js';

export const channelTypeSchema = z.enum(['openai', 'anthropic', 'gemini', 'openai-compatible']);
export type ChannelType = z.infer<typeof channelTypeSchema>;
export const channelStatusSchema = z.enum(['enabled', 'disabled', 'auto_disabled']);
export type ChannelStatus = z.infer<typeof channelStatusSchema>;

export const modelNameSchema = z.string().min(1).max(200);
export const groupNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, { message: 'may contain only letters, digits, _ . and -' });
const baseUrlSchema = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .max(500)
  .transform((value) => value.replace(/\/+$/, ''));
const channelKeysSchema = z
  .array(z.string().trim().min(1).max(1000))
  .min(1, { message: 'give at least one key' })
  .max(100);

const channelFields = {
  name: z.string().trim().min(1).max(100),
  // SDK conventions: OpenAI-style base URLs end in the version (…/v1); Anthropic and Gemini ones do not.
  base_url: baseUrlSchema,
  keys: channelKeysSchema,
  models: z.array(modelNameSchema).min(1).max(1000),
  model_mapping: z.record(modelNameSchema, modelNameSchema),
  groups: z.array(groupNameSchema).min(1).max(50),
  priority: z.number().int().min(-1_000_000).max(1_000_000),
  weight: z.number().int().min(0).max(1_000_000),
  timeout_ms: z.number().int().min(100).max(600_000),
};

export const channelCreateSchema = z
  .object({
    name: channelFields.name,
    type: channelTypeSchema,
    vendor: z.enum(openAICompatibleVendors).optional(),
    base_url: channelFields.base_url.optional(),
    keys: channelFields.keys,
    models: channelFields.models,
    model_mapping: channelFields.model_mapping.default({}),
    groups: channelFields.groups.default(['default']),
    priority: channelFields.priority.default(0),
    weight: channelFields.weight.default(1),
    timeout_ms: channelFields.timeout_ms.default(30_000),
    status: z.enum(['enabled', 'disabled']).default('enabled'),
  })
  .refine((value) => value.vendor === undefined || value.type === 'openai-compatible', {
    message: 'vendor applies only to type openai-compatible',
    path: ['vendor'],
  })
  .refine(
    (value) =>
      value.base_url !== undefined || value.vendor !== undefined || value.type !== 'openai-compatible',
    {
      message: 'give base_url or a vendor preset',
      path: ['base_url'],
    },
  );
export type ChannelCreate = z.infer<typeof channelCreateSchema>;

export const channelPatchSchema = z.object({
  name: channelFields.name.optional(),
  base_url: channelFields.base_url.optional(),
  keys: channelFields.keys.optional(),
  models: channelFields.models.optional(),
  model_mapping: channelFields.model_mapping.optional(),
  groups: channelFields.groups.optional(),
  priority: channelFields.priority.optional(),
  weight: channelFields.weight.optional(),
  timeout_ms: channelFields.timeout_ms.optional(),
  // auto_disabled is set only by the router; an admin re-enables with 'enabled'.
  status: z.enum(['enabled', 'disabled']).optional(),
});
export type ChannelPatch = z.infer<typeof channelPatchSchema>;

export const channelIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const channelTestSchema = z.object({ model: modelNameSchema.optional() }).optional();
export const upstreamModelsQuerySchema = z.object({ channel_id: z.string().min(1).max(64) });

export const publicChannelSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: channelTypeSchema,
  vendor: z.string().nullable(),
  base_url: z.string(),
  key_count: z.number(),
  models: z.array(z.string()),
  model_mapping: z.record(z.string(), z.string()),
  groups: z.array(z.string()),
  priority: z.number(),
  weight: z.number(),
  timeout_ms: z.number(),
  status: channelStatusSchema,
  status_reason: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  last_test: z
    .object({
      at: z.string(),
      latency_ms: z.number().nullable(),
      outcome: z.string(),
      error: z.string().nullable(),
    })
    .nullable(),
});
export type PublicChannel = z.infer<typeof publicChannelSchema>;
