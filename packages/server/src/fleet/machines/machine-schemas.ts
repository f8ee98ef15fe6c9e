import { z } from 'zod';

const labelKey = z
  .string()
  .regex(/^[A-Za-z0-9_./-]{1,63}$/, { message: 'label keys use letters, digits, _ . / -' });
const labelValue = z
  .string()
  .max(200)
  .regex(/^[^=,;]*$/, { message: 'label values may not contain = , ;' });
export const machineLabelsSchema = z.record(labelKey, labelValue);

export const sshLoginSchema = z
  .object({
    host: z.string().min(1).max(255).optional(),
    port: z.number().int().min(1).max(65535).default(22),
    user: z.string().min(1).max(64),
    password: z.string().min(1).max(1024).optional(),
    private_key: z.string().min(1).max(16_384).optional(),
  })
  .refine((login) => login.password !== undefined || login.private_key !== undefined, {
    message: 'needs a password or a private_key',
  });
export type SshLogin = z.infer<typeof sshLoginSchema>;

const hostField = z.string().min(1).max(255);
export const createMachineSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9_.-]+$/, { message: 'may contain only letters, digits, _ . and -' }),
  hostname: hostField.optional(),
  ip: z.union([z.ipv4(), z.ipv6()]).optional(),
  domain: hostField.optional(),
  region: z.string().max(64).optional(),
  labels: machineLabelsSchema.optional(),
  ssh: sshLoginSchema.optional(),
});
export type CreateMachine = z.infer<typeof createMachineSchema>;

export const patchMachineSchema = z.object({
  hostname: hostField.nullable().optional(),
  ip: z.union([z.ipv4(), z.ipv6()]).nullable().optional(),
  domain: hostField.nullable().optional(),
  region: z.string().max(64).nullable().optional(),
  labels: machineLabelsSchema.optional(),
  allocation: z.enum(['idle', 'allocated', 'maintenance']).optional(),
  ssh: sshLoginSchema.nullable().optional(),
});
export type PatchMachine = z.infer<typeof patchMachineSchema>;

export const machineIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const importMachinesSchema = z.object({ csv: z.string().min(1).max(5_000_000) });
