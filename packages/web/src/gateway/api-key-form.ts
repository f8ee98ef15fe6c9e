import { formatMicrosAsDecimal, parseCurrencyToMicros } from '../billing/micro-units.js';
import type { ApiKeyCreate, ApiKeyPatch, PublicApiKey } from './gateway-api.js';

export interface ApiKeyFormValues {
  name: string;
  group: string;
  /** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local input gives it; empty = never. */
  expiresAtLocal: string;
  models: string[];
  allowCidrs: string[];
  /** Limits as typed; empty = unlimited. */
  rpm: string;
  tpm: string;
  /** Spending limit in currency units (e.g. "5.25"); empty = unlimited. */
  quota: string;
}

export const emptyApiKeyForm: ApiKeyFormValues = {
  name: '',
  group: 'default',
  expiresAtLocal: '',
  models: [],
  allowCidrs: [],
  rpm: '',
  tpm: '',
  quota: '',
};

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** An ISO instant as the value of a datetime-local input, in this browser's time zone. */
export function isoToLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}T${twoDigits(
    date.getHours(),
  )}:${twoDigits(date.getMinutes())}`;
}

function localInputToIso(value: string): string | null {
  if (!value.trim()) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function apiKeyToForm(key: PublicApiKey): ApiKeyFormValues {
  return {
    name: key.name,
    group: key.group,
    expiresAtLocal: isoToLocalInput(key.expires_at),
    models: key.models ?? [],
    allowCidrs: key.allow_cidrs ?? [],
    rpm: key.rpm === null ? '' : String(key.rpm),
    tpm: key.tpm === null ? '' : String(key.tpm),
    quota:
      key.quota_micros === null || key.quota_micros === undefined
        ? ''
        : formatMicrosAsDecimal(key.quota_micros),
  };
}

export type ApiKeyFormProblem = 'required' | 'positiveInteger' | 'invalidAmount' | 'invalidDate';

const parseLimit = (text: string): number | null | undefined => {
  if (!text.trim()) return null;
  return /^\d+$/.test(text.trim()) && Number(text) >= 1 ? Number(text) : undefined;
};

export function checkApiKeyForm(
  values: ApiKeyFormValues,
): Partial<Record<keyof ApiKeyFormValues, ApiKeyFormProblem>> {
  const problems: Partial<Record<keyof ApiKeyFormValues, ApiKeyFormProblem>> = {};
  if (!values.name.trim()) problems.name = 'required';
  if (parseLimit(values.rpm) === undefined) problems.rpm = 'positiveInteger';
  if (parseLimit(values.tpm) === undefined) problems.tpm = 'positiveInteger';
  if (values.quota.trim() && parseCurrencyToMicros(values.quota) === null) problems.quota = 'invalidAmount';
  if (values.expiresAtLocal.trim() && localInputToIso(values.expiresAtLocal) === null)
    problems.expiresAtLocal = 'invalidDate';
  return problems;
}

/** POST /api/keys: optional fields are left out rather than sent empty. */
export function formToApiKeyCreate(values: ApiKeyFormValues): ApiKeyCreate {
  const rpm = parseLimit(values.rpm);
  const tpm = parseLimit(values.tpm);
  const quotaMicros = values.quota.trim() ? parseCurrencyToMicros(values.quota) : null;
  return {
    name: values.name.trim(),
    group: values.group.trim() || 'default',
    expires_at: localInputToIso(values.expiresAtLocal),
    ...(values.models.length > 0 ? { models: values.models } : {}),
    ...(values.allowCidrs.length > 0 ? { allow_cidrs: values.allowCidrs } : {}),
    ...(typeof rpm === 'number' ? { rpm } : {}),
    ...(typeof tpm === 'number' ? { tpm } : {}),
    ...(quotaMicros !== null ? { quota_micros: quotaMicros } : {}),
  };
}

/** PATCH /api/keys/:id: empty lists and limits become null (no restriction). */
export function formToApiKeyPatch(values: ApiKeyFormValues, original: PublicApiKey): ApiKeyPatch {
  const quotaMicros = values.quota.trim() ? parseCurrencyToMicros(values.quota) : null;
  const originalQuota = original.quota_micros ?? null;
  return {
    name: values.name.trim(),
    group: values.group.trim() || 'default',
    expires_at: localInputToIso(values.expiresAtLocal),
    models: values.models.length > 0 ? values.models : null,
    allow_cidrs: values.allowCidrs.length > 0 ? values.allowCidrs : null,
    rpm: parseLimit(values.rpm) ?? null,
    tpm: parseLimit(values.tpm) ?? null,
    ...(quotaMicros !== originalQuota ? { quota_micros: quotaMicros } : {}),
  };
}

export function isExpired(key: Pick<PublicApiKey, 'expires_at'>, nowMs: number): boolean {
  return key.expires_at !== null && Date.parse(key.expires_at) <= nowMs;
}
