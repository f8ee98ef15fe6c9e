import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError } from '../api/api-error.js';
import { FormErrorAlert, missingFields, useApiForm } from '../app/api-form.js';
import { PasswordField } from '../app/password-field.js';
import { authMessages } from '../i18n/auth-messages.js';
import { commonMessages } from '../i18n/common-messages.js';
import { useLocale, useMessages } from '../i18n/locale-context.js';
import { useSession } from '../session/session-context.js';
import { AuthLayout } from './auth-layout.js';

/** Only same-origin paths, so `?next=` cannot send anyone elsewhere. */
export function safeNextPath(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function SessionEndNotice({ reason }: { reason: string | null }) {
  const t = useMessages(authMessages);
  if (reason === 'disabled') {
    return (
      <Alert
        color="red"
        variant="light"
        title={t('reasonDisabledTitle')}
        role="alert"
        data-testid="session-notice"
      >
        {t('reasonDisabledBody')}
      </Alert>
    );
  }
  if (reason === 'expired') {
    return (
      <Alert
        color="yellow"
        variant="light"
        title={t('reasonExpiredTitle')}
        role="alert"
        data-testid="session-notice"
      >
        {t('reasonExpiredBody')}
      </Alert>
    );
  }
  if (reason === 'logged-out') {
    return (
      <Alert color="indigo" variant="light" role="status" data-testid="session-notice">
        {t('reasonLoggedOut')}
      </Alert>
    );
  }
  return null;
}

export function LoginPage() {
  const t = useMessages(authMessages);
  const { locale } = useLocale();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [values, setValues] = useState({ username: '', password: '' });
  const form = useApiForm({
    describeError: (error) =>
      isApiError(error) && error.status === 401 ? commonMessages[locale].errorInvalidCredentials : undefined,
  });
  const reason = form.formError ? null : searchParams.get('reason');

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const isDone = await form.submit(
      async () => {
        await signIn(values);
      },
      missingFields(values, ['username', 'password'], t('required')),
    );
    if (isDone) navigate(safeNextPath(searchParams.get('next')), { replace: true });
  }

  return (
    <AuthLayout
      title={t('loginTitle')}
      subtitle={t('loginSubtitle')}
      footer={
        <>
          {t('noAccount')}{' '}
          <Anchor component={Link} to="/signup" fw={600}>
            {t('toSignup')}
          </Anchor>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate aria-describedby={form.formError ? form.errorId : undefined}>
        <Stack gap="md">
          <SessionEndNotice reason={reason} />
          <FormErrorAlert id={form.errorId} title={t('formErrorTitle')} message={form.formError} />
          <TextInput
            label={t('username')}
            name="username"
            autoComplete="username"
            required
            autoFocus
            value={values.username}
            onChange={(event) => setValues({ ...values, username: event.currentTarget.value })}
            error={form.fieldErrors.username}
          />
          <PasswordField
            label={t('password')}
            name="password"
            autoComplete="current-password"
            required
            value={values.password}
            onChange={(event) => setValues({ ...values, password: event.currentTarget.value })}
            error={form.fieldErrors.password}
          />
          <Button type="submit" fullWidth loading={form.isSubmitting} mt="xs">
            {t('loginSubmit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
