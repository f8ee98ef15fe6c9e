import { Button, Drawer, Group, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { FormErrorAlert, useApiForm } from '../app/api-form.js';
import { useMessages } from '../i18n/locale-context.js';
import {
  type ApiKeyFormValues,
  apiKeyToForm,
  checkApiKeyForm,
  emptyApiKeyForm,
  formToApiKeyCreate,
  formToApiKeyPatch,
} from './api-key-form.js';
import { apiKeyMessages } from './api-key-messages.js';
import type { PublicApiKey } from './gateway-api.js';
import { useGatewayApi } from './use-gateway-api.js';

/** Create a key (apiKey = null; the secret comes back in onCreated) or edit a key's limits. */
export function ApiKeyDrawer(props: {
  isOpen: boolean;
  apiKey: PublicApiKey | null;
  onClose(): void;
  onCreated(key: PublicApiKey, secret: string): void;
  onSaved(key: PublicApiKey): void;
}) {
  const t = useMessages(apiKeyMessages);
  const gateway = useGatewayApi();
  const { fieldErrors, formError, isSubmitting, submit, reset, errorId } = useApiForm();
  const [values, setValues] = useState<ApiKeyFormValues>(emptyApiKeyForm);
  const set = (patch: Partial<ApiKeyFormValues>) => setValues((current) => ({ ...current, ...patch }));
  const { apiKey } = props;

  useEffect(() => {
    if (!props.isOpen) return;
    setValues(apiKey ? apiKeyToForm(apiKey) : emptyApiKeyForm);
    reset();
  }, [props.isOpen, apiKey, reset]);

  async function save() {
    const problems = checkApiKeyForm(values);
    const clientErrors = Object.fromEntries(
      Object.entries(problems).map(([field, problem]) => [field, t(problem)]),
    );
    await submit(async () => {
      if (apiKey) {
        props.onSaved(await gateway.patchKey(apiKey.id, formToApiKeyPatch(values, apiKey)));
        return;
      }
      const { key, ...created } = await gateway.createKey(formToApiKeyCreate(values));
      props.onCreated(created, key);
    }, clientErrors);
  }

  const error = (field: string, serverField = field) => fieldErrors[field] ?? fieldErrors[serverField];
  const textField = (field: 'rpm' | 'tpm', label: string) => (
    <TextInput
      label={label}
      description={t('limitHint')}
      inputMode="numeric"
      value={values[field]}
      error={error(field)}
      onChange={(event) => set({ [field]: event.currentTarget.value })}
    />
  );
  return (
    <Drawer
      opened={props.isOpen}
      onClose={props.onClose}
      position="right"
      size="md"
      title={
        <Text fw={650} size="lg">
          {apiKey ? t('editTitle', { name: apiKey.name }) : t('createTitle')}
        </Text>
      }
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Stack gap="md">
          <FormErrorAlert id={errorId} title={t('formError')} message={formError} />
          <TextInput
            label={t('fieldName')}
            required
            value={values.name}
            error={error('name')}
            onChange={(event) => set({ name: event.currentTarget.value })}
          />
          <TextInput
            label={t('fieldGroup')}
            description={t('groupHint')}
            value={values.group}
            error={error('group')}
            onChange={(event) => set({ group: event.currentTarget.value })}
          />
          <TextInput
            type="datetime-local"
            label={t('fieldExpires')}
            description={t('expiresHint')}
            value={values.expiresAtLocal}
            error={error('expiresAtLocal', 'expires_at')}
            onChange={(event) => set({ expiresAtLocal: event.currentTarget.value })}
          />
          <TagsInput
            label={t('fieldModels')}
            description={t('modelsHint')}
            value={values.models}
            error={error('models')}
            onChange={(models) => set({ models })}
          />
          <TagsInput
            label={t('fieldCidrs')}
            description={t('cidrsHint')}
            value={values.allowCidrs}
            error={error('allowCidrs', 'allow_cidrs')}
            onChange={(allowCidrs) => set({ allowCidrs })}
          />
          <SimpleGrid cols={2}>
            {textField('rpm', t('fieldRpm'))}
            {textField('tpm', t('fieldTpm'))}
          </SimpleGrid>
          <TextInput
            label={t('fieldQuota')}
            description={t('quotaHint')}
            inputMode="decimal"
            value={values.quota}
            error={error('quota', 'quota_micros')}
            onChange={(event) => set({ quota: event.currentTarget.value })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {apiKey ? t('save') : t('create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
