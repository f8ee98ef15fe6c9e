import {
  Button,
  Drawer,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { FormErrorAlert, useApiForm } from '../app/api-form.js';
import { useMessages } from '../i18n/locale-context.js';
import {
  type ChannelFormValues,
  channelToForm,
  channelTypes,
  checkChannelForm,
  defaultBaseUrlOf,
  emptyChannelForm,
  formToChannelCreate,
  formToChannelPatch,
  vendorPresets,
} from './channel-form.js';
import { ChannelMappingEditor } from './channel-mapping-editor.js';
import { channelMessages } from './channel-messages.js';
import type { ChannelType, PublicChannel } from './gateway-api.js';
import { UpstreamModelsModal } from './upstream-models-modal.js';
import { useGatewayApi } from './use-gateway-api.js';

/** Create (channel = null) or edit a channel. Keys are write-only: the field starts empty. */
export function ChannelDrawer(props: {
  isOpen: boolean;
  channel: PublicChannel | null;
  onClose(): void;
  onSaved(channel: PublicChannel, mode: 'create' | 'edit'): void;
}) {
  const t = useMessages(channelMessages);
  const gateway = useGatewayApi();
  const { fieldErrors, formError, isSubmitting, submit, reset, errorId } = useApiForm();
  const mode = props.channel ? 'edit' : 'create';
  const [values, setValues] = useState<ChannelFormValues>(emptyChannelForm);
  const [isImporting, setIsImporting] = useState(false);
  const set = (patch: Partial<ChannelFormValues>) => setValues((current) => ({ ...current, ...patch }));

  useEffect(() => {
    if (!props.isOpen) return;
    setValues(props.channel ? channelToForm(props.channel) : emptyChannelForm);
    reset();
  }, [props.isOpen, props.channel, reset]);

  async function save() {
    const problems = checkChannelForm(values, mode);
    const clientErrors = Object.fromEntries(
      Object.entries(problems).map(([field, problem]) => [field, t(problem)]),
    );
    await submit(async () => {
      const saved = props.channel
        ? await gateway.patchChannel(props.channel.id, formToChannelPatch(values, props.channel))
        : await gateway.createChannel(formToChannelCreate(values));
      props.onSaved(saved, mode);
    }, clientErrors);
  }

  const defaultBaseUrl = defaultBaseUrlOf(values.type, values.vendor);
  const error = (field: string, serverField = field) => fieldErrors[field] ?? fieldErrors[serverField];
  return (
    <Drawer
      opened={props.isOpen}
      onClose={props.onClose}
      position="right"
      size="lg"
      title={
        <Text fw={650} size="lg">
          {props.channel ? t('editTitle', { name: props.channel.name }) : t('createTitle')}
        </Text>
      }
    >
      <form
        noValidate
        aria-describedby={formError ? errorId : undefined}
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
          <SimpleGrid cols={2}>
            <Select
              label={t('fieldType')}
              data={channelTypes.map((type) => ({ value: type.id, label: type.name }))}
              value={values.type}
              disabled={mode === 'edit'}
              allowDeselect={false}
              onChange={(type) => set({ type: (type ?? 'openai') as ChannelType, vendor: null })}
            />
            {values.type === 'openai-compatible' && (
              <Select
                label={t('fieldVendor')}
                placeholder={t('vendorNone')}
                data={vendorPresets.map((preset) => ({ value: preset.id, label: preset.name }))}
                value={values.vendor}
                disabled={mode === 'edit'}
                clearable
                error={error('vendor')}
                onChange={(vendor) => set({ vendor })}
              />
            )}
          </SimpleGrid>
          <TextInput
            label={t('fieldBaseUrl')}
            required={defaultBaseUrl === null}
            placeholder={defaultBaseUrl ?? 'https://…/v1'}
            description={defaultBaseUrl ? t('baseUrlDefault', { url: defaultBaseUrl }) : undefined}
            value={values.baseUrl}
            error={error('baseUrl', 'base_url')}
            onChange={(event) => set({ baseUrl: event.currentTarget.value })}
          />
          <Textarea
            label={t('fieldKeys')}
            required={mode === 'create'}
            description={
              props.channel ? t('keysEditHint', { count: props.channel.key_count }) : t('keysHint')
            }
            placeholder="sk-…"
            autosize
            minRows={2}
            maxRows={6}
            autoComplete="off"
            spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            value={values.keysText}
            error={error('keysText', 'keys')}
            onChange={(event) => set({ keysText: event.currentTarget.value })}
          />
          <Stack gap={6}>
            <TagsInput
              label={t('fieldModels')}
              required
              description={t('modelsHint')}
              value={values.models}
              error={error('models')}
              onChange={(models) => set({ models })}
              clearable
            />
            {props.channel ? (
              <Button variant="light" size="xs" w="fit-content" onClick={() => setIsImporting(true)}>
                {t('importModels')}
              </Button>
            ) : (
              <Text size="xs" c="dimmed">
                {t('importNeedsSave')}
              </Text>
            )}
          </Stack>
          <ChannelMappingEditor
            rows={values.mapping}
            error={error('mapping', 'model_mapping')}
            onChange={(mapping) => set({ mapping })}
          />
          <TagsInput
            label={t('fieldGroups')}
            description={t('groupsHint')}
            value={values.groups}
            error={error('groups')}
            onChange={(groups) => set({ groups })}
          />
          <SimpleGrid cols={3}>
            <NumberInput
              label={t('fieldPriority')}
              description={t('priorityHint')}
              allowDecimal={false}
              value={values.priority}
              error={error('priority')}
              onChange={(value) => set({ priority: Number(value) || 0 })}
            />
            <NumberInput
              label={t('fieldWeight')}
              description={t('weightHint')}
              allowDecimal={false}
              allowNegative={false}
              value={values.weight}
              error={error('weight')}
              onChange={(value) => set({ weight: Number(value) || 0 })}
            />
            <NumberInput
              label={t('fieldTimeout')}
              allowDecimal={false}
              allowNegative={false}
              min={100}
              step={1000}
              value={values.timeoutMs}
              error={error('timeoutMs', 'timeout_ms')}
              onChange={(value) => set({ timeoutMs: Number(value) || 0 })}
            />
          </SimpleGrid>
          <Switch
            label={t('fieldEnabled')}
            checked={values.isEnabled}
            onChange={(event) => set({ isEnabled: event.currentTarget.checked })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {props.channel ? t('save') : t('create')}
            </Button>
          </Group>
        </Stack>
      </form>
      <UpstreamModelsModal
        channel={isImporting ? props.channel : null}
        currentModels={values.models}
        onClose={() => setIsImporting(false)}
        onAdd={(models) => {
          set({ models: [...values.models, ...models] });
          setIsImporting(false);
        }}
      />
    </Drawer>
  );
}
