import {
  Badge,
  Button,
  Center,
  Group,
  Paper,
  Select,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useApiQuery } from '../api/use-api-query.js';
import { EmptyResult, ErrorState, LoadingState, PageHeader } from '../app/page-states.js';
import { useLocale, useMessages } from '../i18n/locale-context.js';
import { useSession } from '../session/session-context.js';
import type { RequestLogFilter, RequestLogItem } from './gateway-api.js';
import { RequestLogIcon } from './gateway-icons.js';
import { CostCell, TokensCell } from './request-log-cells.js';
import { RequestLogDetailDrawer } from './request-log-detail-drawer.js';
import { formatDurationMs, formatLogTime, parseStatusFilter, statusColorOf } from './request-log-format.js';
import { requestLogMessages } from './request-log-messages.js';
import { useCursorPages } from './use-cursor-pages.js';
import { useGatewayApi } from './use-gateway-api.js';

type Scope = 'all' | 'own';
const pageSize = 50;

interface FilterText {
  model: string;
  userId: string;
  keyId: string | null;
  channelId: string | null;
  status: string;
}

const emptyFilters: FilterText = { model: '', userId: '', keyId: null, channelId: null, status: '' };

function LogFilters(props: {
  scope: Scope;
  filters: FilterText;
  keyOptions: Array<{ value: string; label: string }>;
  channelOptions: Array<{ value: string; label: string }>;
  onChange(patch: Partial<FilterText>): void;
}) {
  const t = useMessages(requestLogMessages);
  const { filters, onChange } = props;
  return (
    <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
      <TextInput
        label={t('filterModel')}
        value={filters.model}
        onChange={(event) => onChange({ model: event.currentTarget.value })}
        w={200}
      />
      {props.scope === 'all' && (
        <TextInput
          label={t('filterUser')}
          value={filters.userId}
          onChange={(event) => onChange({ userId: event.currentTarget.value })}
          w={200}
        />
      )}
      {props.scope === 'all' ? (
        <TextInput
          label={t('filterKey')}
          value={filters.keyId ?? ''}
          onChange={(event) => onChange({ keyId: event.currentTarget.value || null })}
          w={200}
        />
      ) : (
        <Select
          label={t('filterKey')}
          placeholder={t('anyKey')}
          clearable
          data={props.keyOptions}
          value={filters.keyId}
          onChange={(keyId) => onChange({ keyId })}
          w={200}
        />
      )}
      {props.scope === 'all' && (
        <Select
          label={t('filterChannel')}
          placeholder={t('anyChannel')}
          clearable
          searchable
          data={props.channelOptions}
          value={filters.channelId}
          onChange={(channelId) => onChange({ channelId })}
          w={200}
        />
      )}
      <TextInput
        label={t('filterStatus')}
        placeholder={t('statusPlaceholder')}
        inputMode="numeric"
        value={filters.status}
        onChange={(event) => onChange({ status: event.currentTarget.value })}
        w={120}
      />
    </Group>
  );
}

function LogRow(props: { item: RequestLogItem; channelName: string; onOpen(): void }) {
  const t = useMessages(requestLogMessages);
  const { locale } = useLocale();
  const { item } = props;
  return (
    <Table.Tr data-request-id={item.id}>
      <Table.Td>
        <UnstyledButton onClick={props.onOpen} aria-label={t('showDetails', { id: item.id })}>
          <Text size="sm" c="indigo" td="underline" style={{ whiteSpace: 'nowrap' }}>
            {formatLogTime(item.created_at, locale)}
          </Text>
        </UnstyledButton>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{item.model}</Text>
        {item.upstream_model && item.upstream_model !== item.model && (
          <Text size="xs" c="dimmed">
            → {item.upstream_model}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" maw={160} truncate="end" title={props.channelName}>
          {props.channelName}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Badge miw="max-content" color={statusColorOf(item.status)}>
            {item.status}
          </Badge>
          {item.stream && (
            <Badge miw="max-content" color="indigo" size="xs">
              {t('stream')}
            </Badge>
          )}
        </Group>
        {item.error_code && (
          <Text size="xs" c="red" ff="monospace">
            {item.error_code}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <TokensCell item={item} />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">
          {formatDurationMs(item.ttfb_ms)} / {formatDurationMs(item.duration_ms)}
        </Text>
        <Text size="xs" c="dimmed">
          {t('overheadValue', { overhead: formatDurationMs(item.overhead_ms) })}
        </Text>
      </Table.Td>
      <Table.Td>
        <CostCell item={item} />
      </Table.Td>
    </Table.Tr>
  );
}

function RequestLogView({ scope }: { scope: Scope }) {
  const t = useMessages(requestLogMessages);
  const gateway = useGatewayApi();
  const [filters, setFilters] = useState<FilterText>(emptyFilters);
  const [debounced] = useDebouncedValue(filters, 300);
  const [open, setOpen] = useState<RequestLogItem | null>(null);
  // Channel names need the admin API; other users see channel ids.
  const isAdmin = useSession().user?.role === 'admin';
  const channels = useApiQuery(
    () => (isAdmin ? gateway.listChannels() : Promise.resolve({ items: [] })),
    `channels-${isAdmin}`,
  );
  const keys = useApiQuery(
    () => (scope === 'own' ? gateway.listKeys() : Promise.resolve({ items: [] })),
    `keys-${scope}`,
  );
  const query: RequestLogFilter = {
    model: debounced.model.trim() || undefined,
    user_id: scope === 'all' ? debounced.userId.trim() || undefined : undefined,
    key_id: debounced.keyId?.trim() || undefined,
    channel_id: debounced.channelId ?? undefined,
    status: parseStatusFilter(debounced.status),
  };
  const logs = useCursorPages(
    (cursor) => gateway.listLogs(scope, { ...query, cursor, limit: pageSize }),
    JSON.stringify([scope, query]),
  );
  const channelNames = useMemo(
    () => new Map((channels.data?.items ?? []).map((channel) => [channel.id, channel.name])),
    [channels.data],
  );
  const channelName = (id: string | null) => (id ? (channelNames.get(id) ?? id) : '—');

  return (
    <Paper p="lg">
      <LogFilters
        scope={scope}
        filters={filters}
        keyOptions={(keys.data?.items ?? []).map((key) => ({ value: key.id, label: key.name }))}
        channelOptions={(channels.data?.items ?? []).map((channel) => ({
          value: channel.id,
          label: channel.name,
        }))}
        onChange={(patch) => setFilters({ ...filters, ...patch })}
      />
      {logs.error !== undefined && !logs.isLoading && !logs.items ? (
        <ErrorState error={logs.error} onRetry={logs.reload} />
      ) : !logs.items ? (
        <LoadingState />
      ) : logs.items.length === 0 ? (
        <EmptyResult
          title={t('noLogsTitle')}
          description={t('noLogsBody')}
          icon={<RequestLogIcon size={28} />}
        />
      ) : (
        <div aria-busy={logs.isLoading}>
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" highlightOnHover data-testid="request-log-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('columnTime')}</Table.Th>
                  <Table.Th>{t('columnModel')}</Table.Th>
                  <Table.Th>{t('columnChannel')}</Table.Th>
                  <Table.Th>{t('columnStatus')}</Table.Th>
                  <Table.Th>{t('columnTokens')}</Table.Th>
                  <Table.Th>{t('columnTiming')}</Table.Th>
                  <Table.Th>{t('columnCost')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {logs.items.map((item) => (
                  <LogRow
                    key={item.id}
                    item={item}
                    channelName={channelName(item.channel_id)}
                    onOpen={() => setOpen(item)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {logs.error !== undefined && <ErrorState error={logs.error} onRetry={logs.loadMore} />}
          <Center mt="md">
            {logs.hasMore ? (
              <Button variant="light" loading={logs.isLoading} onClick={logs.loadMore}>
                {t('loadMore')}
              </Button>
            ) : (
              <Text size="sm" c="dimmed">
                {t('endOfLog')}
              </Text>
            )}
          </Center>
        </div>
      )}
      <RequestLogDetailDrawer item={open} channelName={channelName} onClose={() => setOpen(null)} />
    </Paper>
  );
}

export function AdminRequestLogsPage() {
  const t = useMessages(requestLogMessages);
  return (
    <>
      <PageHeader title={t('adminTitle')} subtitle={t('adminSubtitle')} />
      <RequestLogView scope="all" />
    </>
  );
}

export function MyRequestsPage() {
  const t = useMessages(requestLogMessages);
  return (
    <>
      <PageHeader title={t('ownTitle')} subtitle={t('ownSubtitle')} />
      <RequestLogView scope="own" />
    </>
  );
}
