import { Code, Table, Text, Tooltip } from '@mantine/core';
import { formatDateTime } from '../i18n/date-format.js';
import { useLocale, useMessages } from '../i18n/locale-context.js';
import type { TaskAttempt } from './fleet-api.js';
import { taskMessages } from './fleet-task-messages.js';

export function TaskAttemptsTable(props: {
  attempts: TaskAttempt[];
  machineNames: ReadonlyMap<string, string>;
}) {
  const t = useMessages(taskMessages);
  const { locale } = useLocale();
  if (props.attempts.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('noAttempts')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="xs" data-testid="attempts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('columnN')}</Table.Th>
            <Table.Th>{t('columnAttemptId')}</Table.Th>
            <Table.Th>{t('columnMachine')}</Table.Th>
            <Table.Th>{t('columnEndReason')}</Table.Th>
            <Table.Th>{t('columnExitCode')}</Table.Th>
            <Table.Th>{t('columnStarted')}</Table.Th>
            <Table.Th>{t('columnEnded')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...props.attempts]
            .sort((left, right) => right.n - left.n)
            .map((attempt) => (
              <Table.Tr key={attempt.attempt_id} data-attempt={attempt.n}>
                <Table.Td>{attempt.n}</Table.Td>
                <Table.Td>
                  <Code>{attempt.attempt_id}</Code>
                  {!attempt.has_complete_logs && (
                    <Tooltip label={t('logsIncomplete')}>
                      <Text span c="orange" ml={6} aria-label={t('logsIncomplete')}>
                        ⚠
                      </Text>
                    </Tooltip>
                  )}
                </Table.Td>
                <Table.Td>{props.machineNames.get(attempt.machine_id) ?? attempt.machine_id}</Table.Td>
                <Table.Td>{attempt.end_reason ?? '—'}</Table.Td>
                <Table.Td>
                  {attempt.exit_code ?? (attempt.signal ? <Code>{attempt.signal}</Code> : '—')}
                </Table.Td>
                <Table.Td>{formatDateTime(attempt.started_at ?? attempt.claimed_at, locale) ?? '—'}</Table.Td>
                <Table.Td>{formatDateTime(attempt.ended_at, locale) ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
