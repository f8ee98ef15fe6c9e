import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import type { PublicUser } from '../api/identity-api.js';
import { FormErrorAlert, useApiForm } from '../app/api-form.js';
import { PasswordField } from '../app/password-field.js';
import { useMessages } from '../i18n/locale-context.js';
import { useSession } from '../session/session-context.js';
import { adminMessages } from './admin-messages.js';

export function ResetPasswordModal(props: {
  user: PublicUser | null;
  onClose(): void;
  onDone(user: PublicUser): void;
}) {
  const { user, onClose, onDone } = props;
  const t = useMessages(adminMessages);
  const { identity } = useSession();
  const [newPassword, setNewPassword] = useState('');
  const form = useApiForm();
  const { reset } = form;

  // biome-ignore lint/correctness/useExhaustiveDependencies: opening the modal for another user starts a clean form.
  useEffect(() => {
    setNewPassword('');
    reset();
  }, [user, reset]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!user) return;
    const isDone = await form.submit(
      () => identity.resetPassword(user.id, newPassword),
      newPassword ? {} : { new_password: t('required') },
    );
    if (isDone) onDone(user);
  }

  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={user ? t('resetTitle', { username: user.username }) : ''}
      centered
    >
      <form onSubmit={onSubmit} noValidate aria-describedby={form.formError ? form.errorId : undefined}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('resetDescription')}
          </Text>
          <FormErrorAlert id={form.errorId} title={t('resetPassword')} message={form.formError} />
          <PasswordField
            label={t('newPassword')}
            description={t('newPasswordHint')}
            autoComplete="new-password"
            required
            data-autofocus
            value={newPassword}
            onChange={(event) => setNewPassword(event.currentTarget.value)}
            error={form.fieldErrors.new_password}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" color="red" loading={form.isSubmitting}>
              {t('confirmReset')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
