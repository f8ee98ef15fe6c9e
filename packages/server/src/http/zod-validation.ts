import type { FastifyInstance, FastifySchema } from 'fastify';
import { type ZodType, z } from 'zod';
import { AppError } from '../kernel/errors.js';

function isZodSchema(value: unknown): value is ZodType {
  return typeof value === 'object' && value !== null && typeof (value as ZodType).safeParse === 'function';
}

/** Turns zod issues into `{field: message}` so a form can show each next to its input. */
export function describeZodIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix?: string,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Parses a value with a schema or throws a 400 invalid_request naming the offending fields. */
export function parseWithSchema<T extends ZodType>(schema: T, value: unknown, part = 'body'): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = describeZodIssues(result.error.issues, part === 'body' ? undefined : part);
  throw new AppError({
    code: 'invalid_request',
    status: 400,
    message: `Invalid ${part}: ${Object.entries(fields)
      .map(([field, message]) => `${field}: ${message}`)
      .join('; ')}`,
    details: { fields },
  });
}

/**
 * Route schemas are zod: validated here (coerced results replace the raw input) and converted to
 * JSON Schema only for the OpenAPI document. Responses are serialised with JSON.stringify.
 */
export function installZodValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => {
    if (!isZodSchema(schema)) return () => true;
    return (data: unknown) => {
      const result = schema.safeParse(data);
      if (result.success) return { value: result.data };
      try {
        parseWithSchema(schema, data, httpPart ?? 'body');
      } catch (error) {
        return { error: error as Error };
      }
      return { value: data };
    };
  });
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}

/** Converts the zod parts of a route schema into JSON Schema for @fastify/swagger. */
export function transformZodSchemaForOpenApi({ schema, url }: { schema: FastifySchema; url: string }) {
  if (!schema) return { schema, url };
  const converted: Record<string, unknown> = { ...schema };
  for (const part of ['body', 'querystring', 'params', 'headers'] as const) {
    const value = schema[part];
    if (isZodSchema(value)) converted[part] = z.toJSONSchema(value, { io: 'input', unrepresentable: 'any' });
  }
  if (schema.response && typeof schema.response === 'object') {
    converted.response = Object.fromEntries(
      Object.entries(schema.response as Record<string, unknown>).map(([status, value]) => [
        status,
        isZodSchema(value) ? z.toJSONSchema(value, { io: 'output', unrepresentable: 'any' }) : value,
      ]),
    );
  }
  return { schema: converted as FastifySchema, url };
}

/**
 * The already-validated value of a route part. The validator compiler has parsed and replaced it
 * (`{ value }`), so parsing again would apply transforms twice; this only carries the type.
 */
export function validated<T extends ZodType>(_schema: T, value: unknown): z.infer<T> {
  return value as z.infer<T>;
}
