import '@mantine/charts/styles.css';
import { BarChart, DonutChart } from '@mantine/charts';
import { ColorSwatch, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useApiQuery } from '../api/use-api-query.js';
import { EmptyResult, ErrorState, LoadingState, PageHeader } from '../app/page-states.js';
import { useMessages } from '../i18n/locale-context.js';
import { type FleetSummary, taskStates } from './fleet-api.js';
import { DashboardIcon } from './fleet-icons.js';
import { fleetMessages } from './fleet-messages.js';
import { taskStateLook } from './fleet-status-badges.js';
import { formatDurationSeconds } from './relative-time.js';
import { useFleetApi, useIntervalReload } from './use-fleet-api.js';

const refreshMs = 10_000;

function StatCard(props: { label: string; value: ReactNode; detail: string; testId: string }) {
  return (
    <Paper p="md" data-testid={props.testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {props.label}
      </Text>
      <Text fz={28} fw={700} mt={4} data-testid={`${props.testId}-value`}>
        {props.value}
      </Text>
      <Text size="sm" c="dimmed">
        {props.detail}
      </Text>
    </Paper>
  );
}

function ChartCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper p="md">
      <Title order={3} size="h5" mb="md">
        {title}
      </Title>
      <Group justify="center">{children}</Group>
    </Paper>
  );
}

interface DonutSlice {
  name: string;
  value: number;
  color: string;
}

/** A donut of the non-zero slices with a legend of all of them, so a zero still reads as a number. */
function CountDonut(props: { slices: DonutSlice[]; total: number; emptyText: string }) {
  const visible = props.slices.filter((slice) => slice.value > 0);
  return (
    <Stack align="center" gap="sm">
      {visible.length === 0 ? (
        <Text c="dimmed" size="sm" py="xl">
          {props.emptyText}
        </Text>
      ) : (
        <DonutChart
          data={visible}
          chartLabel={props.total}
          size={150}
          thickness={22}
          tooltipDataSource="segment"
        />
      )}
      <Group gap="md" justify="center">
        {props.slices.map((slice) => (
          <Group key={slice.name} gap={6} wrap="nowrap">
            <ColorSwatch
              color={`var(--mantine-color-${slice.color.replace('.', '-')})`}
              size={10}
              withShadow={false}
            />
            <Text size="sm">
              {slice.name}: <b>{slice.value}</b>
            </Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}

function SummaryStats({ summary }: { summary: FleetSummary }) {
  const t = useMessages(fleetMessages);
  const { machines, gpus, queue } = summary;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} mb="lg">
      <StatCard
        testId="stat-machines"
        label={t('statMachines')}
        value={machines.total}
        detail={t('statMachinesOnline', { online: machines.by_reachability.online, total: machines.total })}
      />
      <StatCard
        testId="stat-gpus"
        label={t('statGpus')}
        value={`${gpus.busy} / ${gpus.total}`}
        detail={t('statGpusFree', { free: gpus.free, total: gpus.total })}
      />
      <StatCard
        testId="stat-queue"
        label={t('statQueue')}
        value={queue.depth}
        detail={
          queue.depth > 0
            ? t('statOldestWait', { wait: formatDurationSeconds(queue.oldest_wait_s) })
            : t('statNothingQueued')
        }
      />
      <StatCard
        testId="stat-utilization"
        label={t('statUtilization')}
        value={
          gpus.mean_utilization_percent === null ? t('none') : `${Math.round(gpus.mean_utilization_percent)}%`
        }
        detail={
          gpus.mean_utilization_percent === null
            ? t('statNoGpuMetrics')
            : t('statUtilizationAcross', { total: gpus.total })
        }
      />
    </SimpleGrid>
  );
}

function SummaryCharts({ summary }: { summary: FleetSummary }) {
  const t = useMessages(fleetMessages);
  const reachability = summary.machines.by_reachability;
  const allocation = summary.machines.by_allocation;
  const tasksData = taskStates.map((state) => ({
    state: t(taskStateLook[state].key),
    count: summary.tasks.by_state[state] ?? 0,
    color: `${taskStateLook[state].color}.6`,
  }));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <ChartCard title={t('chartMachinesByState')}>
        <CountDonut
          total={summary.machines.total}
          emptyText={t('chartNoMachines')}
          slices={[
            { name: t('reachabilityOnline'), value: reachability.online, color: 'teal.6' },
            { name: t('reachabilityUnreachable'), value: reachability.unreachable, color: 'orange.6' },
            { name: t('reachabilityOffline'), value: reachability.offline, color: 'gray.5' },
          ]}
        />
      </ChartCard>
      <ChartCard title={t('chartGpus')}>
        <CountDonut
          total={summary.gpus.total}
          emptyText={t('chartNoGpus')}
          slices={[
            { name: t('gpusBusy'), value: summary.gpus.busy, color: 'indigo.6' },
            { name: t('gpusFree'), value: summary.gpus.free, color: 'teal.4' },
          ]}
        />
      </ChartCard>
      <ChartCard title={t('chartTasksByState')}>
        <BarChart
          h={220}
          w="100%"
          data={tasksData}
          dataKey="state"
          series={[{ name: 'count', label: t('chartCount'), color: 'indigo.6' }]}
          barProps={{ isAnimationActive: false }}
          withBarValueLabel
        />
      </ChartCard>
      <ChartCard title={t('chartMachinesByAllocation')}>
        <CountDonut
          total={summary.machines.total}
          emptyText={t('chartNoMachines')}
          slices={[
            { name: t('allocationIdle'), value: allocation.idle, color: 'gray.5' },
            { name: t('allocationAllocated'), value: allocation.allocated, color: 'indigo.6' },
            { name: t('allocationMaintenance'), value: allocation.maintenance, color: 'yellow.6' },
          ]}
        />
      </ChartCard>
    </SimpleGrid>
  );
}

export function FleetDashboardPage() {
  const t = useMessages(fleetMessages);
  const api = useFleetApi();
  const summary = useApiQuery(() => api.summary(), 'fleet-summary');
  useIntervalReload(summary.reload, { intervalMs: refreshMs, isActive: true });
  const data = summary.data;
  return (
    <>
      <PageHeader title={t('dashboardTitle')} subtitle={t('dashboardSubtitle')} />
      {summary.error !== undefined && !data ? (
        <ErrorState error={summary.error} onRetry={summary.reload} />
      ) : !data ? (
        <LoadingState />
      ) : (
        <Stack gap={0} data-testid="fleet-dashboard">
          <SummaryStats summary={data} />
          {data.machines.total === 0 && data.tasks.by_state.queued === 0 ? (
            <Paper p="lg">
              <EmptyResult
                title={t('noMachinesYetTitle')}
                description={t('noMachinesYetBody')}
                icon={<DashboardIcon size={28} />}
              />
            </Paper>
          ) : (
            <SummaryCharts summary={data} />
          )}
        </Stack>
      )}
    </>
  );
}
