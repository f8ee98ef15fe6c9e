import { Alert, Anchor, Button, Code, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../api/api-error.js';
import { useApiQuery } from '../api/use-api-query.js';
import { useErrorText } from '../app/error-text.js';
import { ErrorState, LoadingState, PageHeader } from '../app/page-states.js';
import { formatDateTime } from '../i18n/date-format.js';
import { useLocale, useMessages } from '../i18n/locale-context.js';
import { useSession } from '../session/session-context.js';
import { formatBytes } from './byte-size.js';
import { formatCommandLine } from './command-line-text.js';
import { finalTaskStates, type TaskDetail } from './fleet-api.js';
import { TaskStateBadge } from './fleet-status-badges.js';
import { taskMessages } from './fleet-task-messages.js';
import { TaskAttemptsTable } from './task-attempts-table.js';
import { TaskLogViewer } from './task-log-viewer.js';
import { useFleetApi, useIntervalReload } from './use-fleet-api.js';

const refreshMs = 5_000;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function TaskSummary({
  task,
  machineNames,
}: {
  task: TaskDetail;
  machineNames: ReadonlyMap<string, string>;
}) {
  const t = useMessages(taskMessages);
  const { locale } = useLocale();
  const labels = Object.entries(task.target.labels).map(([key, value]) => `${key}=${value}`);
  const target = [
    task.target.machine_id ? (machineNames.get(task.target.machine_id) ?? task.target.machine_id) : null,
    labels.length > 0 ? labels.join(', ') : null,
    task.target.gpus > 0 ? t('targetGpus', { gpus: task.target.gpus }) : null,
  ].filter(Boolean);
  return (
    <Paper p="lg">
      <Stack gap="md">
        <Code block data-testid="task-command" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {formatCommandLine(task.payload.command)}
        </Code>
        {task.wait_reason && (
          <Alert color="yellow" variant="light" data-testid="task-wait-reason">
            {t('waitReason', { reason: task.wait_reason })}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }}>
          <Fact label={t('fieldState')}>
            <TaskStateBadge state={task.state} />
          </Fact>
          <Fact label={t('fieldType')}>{task.type}</Fact>
          <Fact label={t('columnAttempt')}>
            {t('attemptOf', { attempt: task.attempt, max: task.max_attempts })}
          </Fact>
          <Fact label={t('fieldTarget2')}>
            {target.length > 0 ? target.join(' · ') : t('targetAnyMachine')}
          </Fact>
          <Fact label={t('columnMachine')}>
            {task.machine_id ? (machineNames.get(task.machine_id) ?? task.machine_id) : '—'}
          </Fact>
          <Fact label={t('fieldExitCode')}>
            <span data-testid="task-exit-code">{task.exit_code ?? task.signal ?? '—'}</span>
          </Fact>
          <Fact label={t('fieldEndReason')}>{task.end_reason ?? '—'}</Fact>
          <Fact label={t('fieldGpuIndexes')}>
            {task.gpu_indexes.length > 0 ? task.gpu_indexes.join(', ') : '—'}
          </Fact>
          <Fact label={t('columnCreated')}>{formatDateTime(task.created_at, locale)}</Fact>
          <Fact label={t('fieldStarted')}>{formatDateTime(task.started_at, locale) ?? '—'}</Fact>
          <Fact label={t('fieldEnded')}>{formatDateTime(task.ended_at, locale) ?? '—'}</Fact>
          <Fact label={t('fieldLog')}>
            {t('logSize', { items: task.log.items, bytes: formatBytes(task.log.bytes) ?? '0 B' })}
          </Fact>
        </SimpleGrid>
        {task.error && (
          <Alert color="red" variant="light" title={t('fieldError')}>
            {task.error}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

export function FleetTaskPage() {
  const t = useMessages(taskMessages);
  const errorText = useErrorText();
  const api = useFleetApi();
  const isAdmin = useSession().user?.role === 'admin';
  const taskId = useParams().id ?? '';
  const task = useApiQuery(() => api.getTask(taskId), `task-${taskId}`);
  const machines = useApiQuery(
    () => (isAdmin ? api.listMachines().then((page) => page.items) : Promise.resolve([])),
    `machines-${isAdmin}`,
  );
  const isFinal = task.data ? finalTaskStates.has(task.data.state) : false;
  useIntervalReload(task.reload, { intervalMs: refreshMs, isActive: task.data !== undefined && !isFinal });
  const [notice, setNotice] = useState<{ color: 'teal' | 'red'; message: string } | null>(null);
  const machineNames = new Map((machines.data ?? []).map((machine) => [machine.id, machine.name]));

  async function act(action: 'cancel' | 'retry') {
    setNotice(null);
    try {
      await (action === 'cancel' ? api.cancelTask(taskId) : api.retryTask(taskId));
      setNotice({ color: 'teal', message: action === 'cancel' ? t('cancelRequested') : t('retried') });
      task.reload();
    } catch (error) {
      setNotice({ color: 'red', message: errorText(error) });
    }
  }

  const data = task.data;
  const back = (
    <Anchor component={Link} to="/fleet/tasks" size="sm">
      ← {t('backToTasks')}
    </Anchor>
  );
  if (task.error !== undefined && !data) {
    const isMissing = isApiError(task.error) && (task.error.status === 404 || task.error.status === 403);
    return (
      <Stack>
        {back}
        {isMissing ? (
          <Alert color="gray" variant="light">
            {t('detailNotFound')}
          </Alert>
        ) : (
          <ErrorState error={task.error} onRetry={task.reload} />
        )}
      </Stack>
    );
  }
  if (!data) return <LoadingState />;
  return (
    <Stack gap="lg">
      <div>
        {back}
        <PageHeader
          title={t('taskTitle', { id: data.id })}
          actions={
            <Group gap="sm">
              {!isFinal && (
                <Button
                  color="red"
                  variant="light"
                  disabled={data.cancel_requested}
                  onClick={() => void act('cancel')}
                >
                  {t('cancelTask')}
                </Button>
              )}
              {(data.state === 'failed' || data.state === 'cancelled') && (
                <Button onClick={() => void act('retry')}>{t('retryTask')}</Button>
              )}
            </Group>
          }
        />
      </div>
      {notice && (
        <Alert
          color={notice.color}
          variant="light"
          withCloseButton
          onClose={() => setNotice(null)}
          data-testid="task-notice"
        >
          {notice.message}
        </Alert>
      )}
      <TaskSummary task={data} machineNames={machineNames} />
      <Paper p="lg">
        <Title order={3} size="h4" mb="sm">
          {t('attemptsTitle')}
        </Title>
        <TaskAttemptsTable attempts={data.attempts} machineNames={machineNames} />
      </Paper>
      <TaskLogViewer
        key={`${data.id}-${data.attempts.length}`}
        taskId={data.id}
        isTruncated={data.log.is_truncated}
        onEnded={task.reload}
      />
    </Stack>
  );
}
