import { Alert, Badge, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import type { PublicUser } from '../api/identity-api.js';
import { useApiQuery } from '../api/use-api-query.js';
import { FormErrorAlert, missingFields, useApiForm } from '../app/api-form.js';
import { ErrorState, LoadingState, PageHeader } from '../app/page-states.js';
import { PasswordField } from '../app/password-field.js';
import { accountMessages } from '../i18n/account-messages.js';
import { commonMessages } from '../i18n/common-messages.js';
import { formatDateTime } from '../i18n/date-format.js';
import { useLocale, useMessages } from '../i18n/locale-context.js';
import { useSession } from '../session/session-context.js';

function DetailRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" py={10} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" fw={500} component="dd" m={0}>
        {children}
      </Text>
    </Group>
  );
}

function AccountDetails({ user }: { user: PublicUser }) {
  const t = useMessages(accountMessages);
  const common = useMessages(commonMessages);
  const { locale } = useLocale();
  return (
    <Paper p="lg">
      <Title order={3} size="h4" mb="sm">
        {t('detailsTitle')}
      </Title>
      <dl style={{ margin: 0 }}>
        <DetailRow label={t('fieldUsername')}>{user.username}</DetailRow>
        <DetailRow label={t('fieldEmail')}>{user.email ?? t('noEmail')}</DetailRow>
        <DetailRow label={t('fieldRole')}>
          <Badge color={user.role === 'admin' ? 'indigo' : 'gray'}>
            {user.role === 'admin' ? common('roleAdmin') : common('roleUser')}
          </Badge>
        </DetailRow>
        <DetailRow label={t('fieldStatus')}>
          <Badge color={user.is_disabled ? 'red' : 'teal'}>
            {user.is_disabled ? common('statusDisabled') : common('statusActive')}
          </Badge>
        </DetailRow>
        <DetailRow label={t('fieldCreated')}>{formatDateTime(user.created_at, locale)}</DetailRow>
        <DetailRow label={t('fieldLastLogin')}>
          {formatDateTime(user.last_login_at, locale) ?? common('never')}
        </DetailRow>
      </dl>
    </Paper>
  );
}

function ChangePasswordForm({ username }: { username: string }) {
  const t = useMessages(accountMessages);
  const { identity, signIn } = useSession();
  const empty = { currentPassword: '', newPassword: '', confirmPassword: '' };
  const [values, setValues] = useState(empty);
  const [isChanged, setIsChanged] = useState(false);
  const form = useApiForm();
  const update = (name: keyof typeof values) => (event: { currentTarget: { value: string } }) => {
    setIsChanged(false);
    setValues({ ...values, [name]: event.currentTarget.value });
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const clientErrors = missingFields(
      values,
      ['currentPassword', 'newPassword', 'confirmPassword'],
      t('required'),
    );
    if (values.confirmPassword && values.newPassword !== values.confirmPassword)
      clientErrors.confirmPassword = t('passwordsDiffer');
    const isDone = await form.submit(async () => {
      await identity.changePassword({
        current_password: values.currentPassword,
        new_password: values.newPassword,
      });
      // The server revokes every refresh token on a password change; sign in again to keep this tab.
      await signIn({ username, password: values.newPassword });
    }, clientErrors);
    if (isDone) {
      setValues(empty);
      setIsChanged(true);
    }
  }

  // The API names fields in snake_case; the form's inputs use camelCase.
  const fieldError = (apiName: string, formName: string) =>
    form.fieldErrors[apiName] ?? form.fieldErrors[formName];
  return (
    <Paper p="lg">
      <Title order={3} size="h4">
        {t('passwordTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('passwordDescription')}
      </Text>
      <form onSubmit={onSubmit} noValidate aria-describedby={form.formError ? form.errorId : undefined}>
        <Stack gap="md">
          {isChanged && (
            <Alert color="teal" variant="light" role="status">
              {t('passwordChanged')}
            </Alert>
          )}
          <FormErrorAlert id={form.errorId} title={t('passwordTitle')} message={form.formError} />
          <PasswordField
            label={t('currentPassword')}
            autoComplete="current-password"
            required
            value={values.currentPassword}
            onChange={update('currentPassword')}
            error={fieldError('current_password', 'currentPassword')}
          />
          <PasswordField
            label={t('newPassword')}
            description={t('newPasswordHint')}
            autoComplete="new-password"
            required
            value={values.newPassword}
            onChange={update('newPassword')}
            error={fieldError('new_password', 'newPassword')}
          />
          <PasswordField
            label={t('confirmNewPassword')}
            autoComplete="new-password"
            required
            value={values.confirmPassword}
            onChange={update('confirmPassword')}
            error={form.fieldErrors.confirmPassword}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={form.isSubmitting}>
              {t('savePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function ProfilePage() {
  const t = useMessages(accountMessages);
  const { identity, updateUser } = useSession();
  const me = useApiQuery(() => identity.me(), 'me');
  useEffect(() => {
    if (me.data) updateUser(me.data);
  }, [me.data, updateUser]);

  return (
    <>
      <PageHeader title={t('profileTitle')} subtitle={t('profileSubtitle')} />
      {me.error !== undefined && !me.isLoading ? (
        <ErrorState error={me.error} onRetry={me.reload} />
      ) : !me.data ? (
        <LoadingState />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <AccountDetails user={me.data} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <ChangePasswordForm username={me.data.username} />
          </Grid.Col>
        </Grid>
      )}
    </>
  );
}
