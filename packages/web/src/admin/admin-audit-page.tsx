import { Badge, Code, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { AuditEvent } from '../api/identity-api.js';
import { useApiQuery } from '../api/use-api-query.js';
import { AuditIcon } from '../app/app-icons.js';
import { EmptyResult, ErrorState, LoadingState, PageHeader } from '../app/page-states.js';
import { formatDateTime } from '../i18n/date-format.js';
import { useLocale, useMessages } from '../i18n/locale-context.js';
import { useSession } from '../session/session-context.js';
import { adminMessages } from './admin-messages.js';
import { TablePagination } from './table-pagination.js';

const pageSize = 25;
const outcomeColors: Record<AuditEvent['outcome'], string> = {
  success: 'teal',
  failure: 'red',
  denied: 'orange',
};
const outcomeKeys = {
  success: 'outcomeSuccess',
  failure: 'outcomeFailure',
  denied: 'outcomeDenied',
} as const;

function AuditTable({ events }: { events: AuditEvent[] }) {
  const t = useMessages(adminMessages);
  const { locale } = useLocale();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('columnTime')}</Table.Th>
            <Table.Th>{t('columnActor')}</Table.Th>
            <Table.Th>{t('columnAction')}</Table.Th>
            <Table.Th>{t('columnTarget')}</Table.Th>
            <Table.Th>{t('columnOutcome')}</Table.Th>
            <Table.Th>{t('columnIp')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.id}>
              <Table.Td>
                <Text size="sm">{formatDateTime(event.created_at, locale)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={500} c={event.actor_username ? undefined : 'dimmed'}>
                  {event.actor_username ?? t('system')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Code>{event.action}</Code>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {event.target_type && event.target_id ? `${event.target_type} ${event.target_id}` : '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={outcomeColors[event.outcome]}>{t(outcomeKeys[event.outcome])}</Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" c="dimmed">
                  {event.ip ?? '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function AdminAuditPage() {
  const t = useMessages(adminMessages);
  const { identity } = useSession();
  const [filters, setFilters] = useState({ action: '', outcome: null as string | null, page: 1 });
  const [debouncedAction] = useDebouncedValue(filters.action.trim(), 250);
  const listQuery = {
    action: debouncedAction || undefined,
    outcome: (filters.outcome ?? undefined) as AuditEvent['outcome'] | undefined,
    page: filters.page,
    page_size: pageSize,
  };
  const events = useApiQuery(() => identity.listAudit(listQuery), JSON.stringify(listQuery));
  const data = events.data;

  return (
    <>
      <PageHeader title={t('auditTitle')} subtitle={t('auditSubtitle')} />
      <Paper p="lg">
        <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
          <TextInput
            label={t('actionFilter')}
            placeholder={t('actionPlaceholder')}
            value={filters.action}
            onChange={(event) => setFilters({ ...filters, action: event.currentTarget.value, page: 1 })}
            style={{ flex: '1 1 240px' }}
          />
          <Select
            label={t('outcomeFilter')}
            placeholder={t('anyOutcome')}
            clearable
            value={filters.outcome}
            onChange={(outcome) => setFilters({ ...filters, outcome, page: 1 })}
            data={(['success', 'failure', 'denied'] as const).map((value) => ({
              value,
              label: t(outcomeKeys[value]),
            }))}
            w={200}
          />
        </Group>
        {events.error !== undefined && !events.isLoading ? (
          <ErrorState error={events.error} onRetry={events.reload} />
        ) : !data ? (
          <LoadingState />
        ) : data.items.length === 0 ? (
          <EmptyResult
            title={t('noEventsTitle')}
            description={t('noEventsBody')}
            icon={<AuditIcon size={28} />}
          />
        ) : (
          <div aria-busy={events.isLoading}>
            <AuditTable events={data.items} />
            <TablePagination
              page={data.page}
              pageSize={data.page_size}
              total={data.total}
              onChange={(page) => setFilters({ ...filters, page })}
            />
          </div>
        )}
      </Paper>
    </>
  );
}
