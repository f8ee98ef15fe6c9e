import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../api/api-error.js';
import { useApiQuery } from '../api/use-api-query.js';
import { useErrorText } from '../app/error-text.js';
import { ErrorState, LoadingState, PageHeader } from '../app/page-states.js';
import { useLocale, useMessages } from '../i18n/locale-context.js';
import { EnrollmentTokenModal } from './enrollment-token-modal.js';
import type { EnrollmentToken } from './fleet-api.js';
import { machineMessages } from './fleet-machine-messages.js';
import { AllocationBadge, HealthBadge, ReachabilityBadge } from './fleet-status-badges.js';
import { GpuCard } from './gpu-card.js';
import { emptyGpuMetricHistory, recordGpuSamples } from './gpu-metric-history.js';
import { machineAddress } from './machine-address.js';
import { MachineFacts } from './machine-facts.js';
import { formatRelativeTime } from './relative-time.js';
import { TaskTable } from './task-table.js';
import { useFleetApi, useIntervalReload } from './use-fleet-api.js';

const refreshMs = 5_000;

function RecentTasks({ machineId, machineName }: { machineId: string; machineName: string }) {
  const t = useMessages(machineMessages);
  const api = useFleetApi();
  const tasks = useApiQuery(
    () => api.listTasks({ machine_id: machineId, page_size: 10 }),
    `machine-tasks-${machineId}`,
  );
  useIntervalReload(tasks.reload, { intervalMs: 15_000, isActive: true });
  return (
    <Paper p="lg">
      <Title order={3} size="h4" mb="sm">
        {t('recentTasksTitle')}
      </Title>
      {tasks.error !== undefined && !tasks.data ? (
        <ErrorState error={tasks.error} onRetry={tasks.reload} />
      ) : !tasks.data ? (
        <LoadingState minHeight={80} />
      ) : tasks.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('noRecentTasks')}
        </Text>
      ) : (
        <TaskTable tasks={tasks.data.items} machineNames={new Map([[machineId, machineName]])} />
      )}
    </Paper>
  );
}

export function FleetMachinePage() {
  const t = useMessages(machineMessages);
  const errorText = useErrorText();
  const { locale } = useLocale();
  const api = useFleetApi();
  const machineId = useParams().id ?? '';
  const machine = useApiQuery(() => api.getMachine(machineId), `machine-${machineId}`);
  useIntervalReload(machine.reload, { intervalMs: refreshMs, isActive: machine.data !== undefined });
  const [history, setHistory] = useState(emptyGpuMetricHistory);
  const [notice, setNotice] = useState<{ color: 'teal' | 'red'; message: string } | null>(null);
  const [enrollment, setEnrollment] = useState<EnrollmentToken | null>(null);
  const data = machine.data;

  useEffect(() => {
    if (data) setHistory((current) => recordGpuSamples(current, data));
  }, [data]);

  async function run(action: 'collect' | 'enroll') {
    setNotice(null);
    try {
      if (action === 'enroll') setEnrollment(await api.issueEnrollmentToken(machineId));
      else {
        await api.requestCollect(machineId);
        setNotice({ color: 'teal', message: t('recollectRequested') });
        machine.reload();
      }
    } catch (error) {
      setNotice({ color: 'red', message: errorText(error) });
    }
  }

  const back = (
    <Anchor component={Link} to="/fleet/machines" size="sm">
      ← {t('backToMachines')}
    </Anchor>
  );
  if (machine.error !== undefined && !data) {
    const isMissing = isApiError(machine.error) && machine.error.status === 404;
    return (
      <Stack>
        {back}
        {isMissing ? (
          <Alert color="gray">{t('detailNotFound')}</Alert>
        ) : (
          <ErrorState error={machine.error} onRetry={machine.reload} />
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
          title={data.name}
          subtitle={machineAddress(data) || undefined}
          actions={
            <Group gap="sm">
              <Button variant="default" onClick={() => void run('enroll')}>
                {t('enrollmentToken')}
              </Button>
              <Button variant="light" onClick={() => void run('collect')} disabled={data.needs_collect}>
                {t('recollect')}
              </Button>
            </Group>
          }
        />
        <Group gap="xs">
          <ReachabilityBadge reachability={data.reachability} />
          <AllocationBadge allocation={data.allocation} />
          <HealthBadge health={data.health} />
          {data.needs_collect && (
            <Badge color="yellow" variant="light" data-testid="collect-pending">
              {t('collectPending')}
            </Badge>
          )}
          <Text size="sm" c="dimmed">
            {t('columnHeartbeat')}:{' '}
            {formatRelativeTime(data.last_heartbeat_at, { nowMs: Date.now(), locale }) ?? t('neverSeen')}
          </Text>
        </Group>
      </div>
      {notice && (
        <Alert
          color={notice.color}
          variant="light"
          withCloseButton
          onClose={() => setNotice(null)}
          data-testid="machine-notice"
        >
          {notice.message}
        </Alert>
      )}
      <MachineFacts machine={data} />
      <Paper p="lg">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4">
            {t('gpusTitle')}
          </Title>
          {data.gpus.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('sparklineNote')}
            </Text>
          )}
        </Group>
        {data.gpus.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('noGpus')}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
            {data.gpus.map((gpu) => (
              <GpuCard key={gpu.uuid} gpu={gpu} samples={history.samplesByUuid[gpu.uuid] ?? []} />
            ))}
          </SimpleGrid>
        )}
      </Paper>
      <RecentTasks machineId={data.id} machineName={data.name} />
      <EnrollmentTokenModal
        machineName={data.name}
        enrollment={enrollment}
        onClose={() => setEnrollment(null)}
      />
    </Stack>
  );
}
