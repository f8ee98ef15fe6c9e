import { Alert } from '@mantine/core';
import { useCallback, useId, useState } from 'react';
import { isApiError } from '../api/api-error.js';
import { useErrorText } from './error-text.js';

export type FieldErrors = Record<string, string>;

/**
 * Submit state for a form backed by one API call: client-side checks first, then the call; a
 * failure becomes the API's message above the form plus `details.fields` beside each input.
 */
export function useApiForm(options: { describeError?: (error: unknown) => string | undefined } = {}) {
  const { describeError } = options;
  const errorText = useErrorText();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const errorId = useId();

  const submit = useCallback(
    async (action: () => Promise<void>, clientErrors: FieldErrors = {}) => {
      setFormError(null);
      setFieldErrors(clientErrors);
      if (Object.keys(clientErrors).length > 0) return false;
      setIsSubmitting(true);
      try {
        await action();
        return true;
      } catch (error) {
        setFormError(describeError?.(error) ?? errorText(error));
        if (isApiError(error)) setFieldErrors(error.fieldErrors());
        return false;
      } finally {
        setIsSubmitting(false);
      }
    },
    [describeError, errorText],
  );

  const reset = useCallback(() => {
    setFieldErrors({});
    setFormError(null);
  }, []);

  return { fieldErrors, formError, isSubmitting, submit, reset, errorId };
}

export function FormErrorAlert({
  id,
  title,
  message,
}: {
  id: string;
  title: string;
  message: string | null;
}) {
  if (!message) return null;
  return (
    <Alert id={id} color="red" variant="light" title={title} role="alert" aria-live="assertive">
      {message}
    </Alert>
  );
}

/** Field names whose value is empty, as `{name: message}`. */
export function missingFields(
  values: Record<string, string>,
  required: string[],
  message: string,
): FieldErrors {
  return Object.fromEntries(required.filter((name) => !values[name]?.trim()).map((name) => [name, message]));
}
