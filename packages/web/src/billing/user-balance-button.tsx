import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useState } from 'react';
import { useApiQuery } from '../api/use-api-query.js';
import { FormErrorAlert, useApiForm } from '../app/api-form.js';
import { ErrorState } from '../app/page-states.js';
import { useMessages } from '../i18n/locale-context.js';
import { WalletIcon } from './billing-icons.js';
import { billingMessages } from './billing-messages.js';
import { formatMicros, parseCurrencyToMicros, parseSignedCurrencyToMicros } from './micro-units.js';
import { useBillingApi } from './use-billing-api.js';

function UserBalanceModal(props: { userId: string; username: string; onClose(): void }) {
  const t = useMessages(billingMessages);
  const billing = useBillingApi();
  const balance = useApiQuery(() => billing.userBalance(props.userId), props.userId);
  const { fieldErrors, formError, isSubmitting, submit, errorId } = useApiForm();
  const [mode, setMode] = useState<'adjust' | 'set'>('adjust');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [isLimited, setIsLimited] = useState(true);
  const [savedText, setSavedText] = useState<string | null>(null);

  async function apply() {
    const micros = mode === 'adjust' ? parseSignedCurrencyToMicros(amount) : parseCurrencyToMicros(amount);
    const clientErrors: Record<string, string> = micros === null ? { amount: t('invalidAmount') } : {};
    const ok = await submit(async () => {
      const body = { note: note.trim() || undefined };
      const updated =
        mode === 'adjust'
          ? await billing.adjustBalance(props.userId, { ...body, delta_micros: micros ?? 0 })
          : await billing.setBalance(props.userId, {
              ...body,
              balance_micros: micros ?? 0,
              limited: isLimited,
            });
      setSavedText(t('balanceSaved', { amount: formatMicros(updated.balance_micros) }));
    }, clientErrors);
    if (ok) {
      setAmount('');
      balance.reload();
    }
  }

  return (
    <Modal opened onClose={props.onClose} title={t('userBalanceTitle', { username: props.username })}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void apply();
        }}
      >
        <Stack gap="md">
          {balance.error !== undefined && !balance.isLoading ? (
            <ErrorState error={balance.error} onRetry={balance.reload} />
          ) : (
            <Group gap="xl" data-testid="user-balance">
              {(['balance', 'reserved', 'used'] as const).map((field) => (
                <div key={field}>
                  <Text size="xs" c="dimmed">
                    {t(field)}
                  </Text>
                  <Text fw={700} ff="monospace">
                    {balance.data ? formatMicros(balance.data[`${field}_micros`]) : '…'}
                  </Text>
                </div>
              ))}
              {balance.data && (
                <Text size="sm" c="dimmed" data-testid="user-balance-limit">
                  {balance.data.limited ? t('limitOn') : t('limitOff')}
                </Text>
              )}
            </Group>
          )}
          <FormErrorAlert id={errorId} title={t('balanceError')} message={formError} />
          {savedText && (
            <Text size="sm" c="teal" role="status">
              {savedText}
            </Text>
          )}
          <SegmentedControl
            value={mode}
            onChange={(value) => setMode(value as 'adjust' | 'set')}
            data={[
              { value: 'adjust', label: t('adjustMode') },
              { value: 'set', label: t('setMode') },
            ]}
          />
          <TextInput
            label={t('amount')}
            description={mode === 'adjust' ? t('adjustHint') : t('setHint')}
            inputMode="decimal"
            value={amount}
            error={fieldErrors.amount ?? fieldErrors.delta_micros ?? fieldErrors.balance_micros}
            onChange={(event) => setAmount(event.currentTarget.value)}
          />
          {mode === 'set' && (
            <Checkbox
              label={t('limitedLabel')}
              description={t('limitedDescription')}
              checked={isLimited}
              onChange={(event) => setIsLimited(event.currentTarget.checked)}
            />
          )}
          <TextInput
            label={t('note')}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('close')}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {t('apply')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A row action for the admin users table: view and change one user's balance. */
export function UserBalanceButton(props: { userId: string; username: string }) {
  const t = useMessages(billingMessages);
  const [isOpen, setIsOpen] = useState(false);
  const label = t('userBalanceAction', { username: props.username });
  return (
    <>
      <Tooltip label={label}>
        <ActionIcon variant="subtle" color="gray" aria-label={label} onClick={() => setIsOpen(true)}>
          <WalletIcon />
        </ActionIcon>
      </Tooltip>
      {isOpen && (
        <UserBalanceModal userId={props.userId} username={props.username} onClose={() => setIsOpen(false)} />
      )}
    </>
  );
}
