import { Alert, Button, Checkbox, Group, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useApiQuery } from '../api/use-api-query.js';
import { ErrorState, LoadingState } from '../app/page-states.js';
import { formatDateTime } from '../i18n/date-format.js';
import { useLocale, useMessages } from '../i18n/locale-context.js';
import { modelsToImport } from './channel-form.js';
import { channelMessages } from './channel-messages.js';
import { useGatewayApi } from './use-gateway-api.js';

/** Lists a channel's upstream /v1/models and hands back the ones the admin picks. */
export function UpstreamModelsModal(props: {
  channel: { id: string; name: string } | null;
  currentModels: string[];
  onClose(): void;
  onAdd(models: string[]): void;
}) {
  const t = useMessages(channelMessages);
  const { locale } = useLocale();
  const gateway = useGatewayApi();
  const channelId = props.channel?.id;
  const upstream = useApiQuery(
    () => (channelId ? gateway.listUpstreamModels(channelId) : Promise.resolve(null)),
    channelId ?? '',
  );
  const [picked, setPicked] = useState<string[]>([]);
  const close = () => {
    setPicked([]);
    props.onClose();
  };
  const candidates = upstream.data ? modelsToImport(props.currentModels, upstream.data.models) : [];

  return (
    <Modal
      opened={props.channel !== null}
      onClose={close}
      title={t('importTitle', { name: props.channel?.name ?? '' })}
      size="lg"
    >
      {upstream.error !== undefined && !upstream.isLoading ? (
        <ErrorState error={upstream.error} onRetry={upstream.reload} />
      ) : !upstream.data ? (
        <LoadingState />
      ) : candidates.length === 0 ? (
        <Alert color="gray" variant="light">
          {t('importEmpty')}
        </Alert>
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('importBody')}
            {upstream.data.is_cached &&
              ` ${t('importCached', { time: formatDateTime(upstream.data.fetched_at, locale) ?? '' })}`}
          </Text>
          <Checkbox
            label={t('selectAll')}
            checked={picked.length === candidates.length}
            indeterminate={picked.length > 0 && picked.length < candidates.length}
            onChange={(event) => setPicked(event.currentTarget.checked ? candidates : [])}
          />
          <ScrollArea.Autosize mah={360}>
            <Checkbox.Group value={picked} onChange={setPicked}>
              <Stack gap={6} pl="md">
                {candidates.map((model) => (
                  <Checkbox key={model} value={model} label={model} />
                ))}
              </Stack>
            </Checkbox.Group>
          </ScrollArea.Autosize>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('cancel')}
            </Button>
            <Button
              disabled={picked.length === 0}
              onClick={() => {
                props.onAdd(picked);
                setPicked([]);
              }}
            >
              {t('importAdd', { count: picked.length })}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
