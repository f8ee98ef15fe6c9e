import { Anchor, Code, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../i18n/date-format.js';
import { useLocale, useMessages } from '../i18n/locale-context.js';
import { formatCommandLine } from './command-line-text.js';
import type { Task } from './fleet-api.js';
import { TaskStateBadge } from './fleet-status-badges.js';
import { taskMessages } from './fleet-task-messages.js';

export function TaskTable(props: { tasks: Task[]; machineNames?: ReadonlyMap<string, string> }) {
  const t = useMessages(taskMessages);
  const { locale } = useLocale();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="tasks-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('columnTask')}</Table.Th>
            <Table.Th>{t('columnCommand')}</Table.Th>
            <Table.Th>{t('columnState')}</Table.Th>
            <Table.Th>{t('columnMachine')}</Table.Th>
            <Table.Th>{t('columnAttempt')}</Table.Th>
            <Table.Th>{t('columnCreated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.tasks.map((task) => (
            <Table.Tr key={task.id} data-task={task.id}>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/fleet/tasks/${encodeURIComponent(task.id)}`}
                  ff="monospace"
                  size="sm"
                >
                  {task.id}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {task.type}
                </Text>
              </Table.Td>
              <Table.Td maw={320}>
                <Code style={{ whiteSpace: 'pre-wrap', overflowWrap: 'break-word' }}>
                  {formatCommandLine(task.payload.command)}
                </Code>
              </Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <TaskStateBadge state={task.state} />
                  {task.wait_reason && (
                    <Text size="xs" c="dimmed" data-testid="wait-reason">
                      {t('waitReason', { reason: task.wait_reason })}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {task.machine_id ? (props.machineNames?.get(task.machine_id) ?? task.machine_id) : '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Text size="sm">{t('attemptOf', { attempt: task.attempt, max: task.max_attempts })}</Text>
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(task.created_at, locale)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
