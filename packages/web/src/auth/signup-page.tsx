import { Anchor, Button, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { type FieldErrors, FormErrorAlert, missingFields, useApiForm } from '../app/api-form.js';
import { PasswordField } from '../app/password-field.js';
import { authMessages } from '../i18n/auth-messages.js';
import { useMessages } from '../i18n/locale-context.js';
import { useSession } from '../session/session-context.js';
import { AuthLayout } from './auth-layout.js';

export function SignupPage() {
  const t = useMessages(authMessages);
  const { signUp } = useSession();
  const navigate = useNavigate();
  const [values, setValues] = useState({ username: '', email: '', password: '', confirmPassword: '' });
  const form = useApiForm();
  const update = (name: keyof typeof values) => (event: { currentTarget: { value: string } }) =>
    setValues({ ...values, [name]: event.currentTarget.value });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const clientErrors: FieldErrors = missingFields(
      values,
      ['username', 'password', 'confirmPassword'],
      t('required'),
    );
    if (values.confirmPassword && values.password !== values.confirmPassword)
      clientErrors.confirmPassword = t('passwordsDiffer');
    const isDone = await form.submit(async () => {
      await signUp({
        username: values.username.trim(),
        password: values.password,
        email: values.email.trim() || undefined,
      });
    }, clientErrors);
    if (isDone) navigate('/', { replace: true });
  }

  return (
    <AuthLayout
      title={t('signupTitle')}
      subtitle={t('signupSubtitle')}
      footer={
        <>
          {t('haveAccount')}{' '}
          <Anchor component={Link} to="/login" fw={600}>
            {t('toLogin')}
          </Anchor>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate aria-describedby={form.formError ? form.errorId : undefined}>
        <Stack gap="md">
          <FormErrorAlert id={form.errorId} title={t('formErrorTitle')} message={form.formError} />
          <TextInput
            label={t('username')}
            description={t('usernameHint')}
            name="username"
            autoComplete="username"
            required
            autoFocus
            value={values.username}
            onChange={update('username')}
            error={form.fieldErrors.username}
          />
          <TextInput
            label={t('email')}
            description={t('emailHint')}
            name="email"
            type="email"
            autoComplete="email"
            value={values.email}
            onChange={update('email')}
            error={form.fieldErrors.email}
          />
          <PasswordField
            label={t('password')}
            description={t('passwordHint')}
            name="password"
            autoComplete="new-password"
            required
            value={values.password}
            onChange={update('password')}
            error={form.fieldErrors.password}
          />
          <PasswordField
            label={t('confirmPassword')}
            name="confirmPassword"
            autoComplete="new-password"
            required
            value={values.confirmPassword}
            onChange={update('confirmPassword')}
            error={form.fieldErrors.confirmPassword}
          />
          <Button type="submit" fullWidth loading={form.isSubmitting} mt="xs">
            {t('signupSubmit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
