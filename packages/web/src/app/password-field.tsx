import { PasswordInput, type PasswordInputProps } from '@mantine/core';

/** Mantine's PasswordInput marks errors only with data-invalid; screen readers need aria-invalid too. */
export function PasswordField(props: PasswordInputProps) {
  return <PasswordInput aria-invalid={props.error ? true : undefined} {...props} />;
}
