import '@mantine/charts/styles.css';
import { Sparkline } from '@mantine/charts';
import { Badge, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMessages } from '../i18n/locale-context.js';
import { formatBytes } from './byte-size.js';
import type { MachineGpu } from './fleet-api.js';
import { machineMessages } from './fleet-machine-messages.js';
import type { GpuSample } from './gpu-metric-history.js';

function MetricWithSparkline(props: {
  label: string;
  value: string;
  samples: Array<number | null>;
  color: string;
  testId: string;
}) {
  return (
    <Stack gap={2} data-testid={props.testId}>
      <Group justify="space-between" gap={4}>
        <Text size="xs" c="dimmed">
          {props.label}
        </Text>
        <Text size="sm" fw={600}>
          {props.value}
        </Text>
      </Group>
      <Sparkline
        h={36}
        data={props.samples.length > 1 ? props.samples : [...props.samples, ...props.samples]}
        color={props.color}
        curveType="linear"
        fillOpacity={0.25}
        strokeWidth={1.5}
        areaProps={{ isAnimationActive: false }}
      />
    </Stack>
  );
}

const orDash = (value: number | null | undefined, unit: string, digits = 0) =>
  value === null || value === undefined ? '—' : `${value.toFixed(digits)}${unit}`;

export function GpuCard(props: { gpu: MachineGpu; samples: GpuSample[] }) {
  const t = useMessages(machineMessages);
  const { gpu, samples } = props;
  const metrics = gpu.metrics;
  const memoryTotal = metrics?.memory_total_bytes ?? gpu.memory_total_bytes;
  const memoryPercent =
    metrics?.memory_used_bytes != null && memoryTotal > 0
      ? (metrics.memory_used_bytes / memoryTotal) * 100
      : null;
  return (
    <Paper p="md" withBorder data-testid="gpu-card" data-gpu-index={gpu.index}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <div>
          <Text fw={600} size="sm">
            GPU {gpu.index} · {gpu.name}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {gpu.uuid}
          </Text>
        </div>
        {(metrics?.ecc_errors_uncorrected ?? 0) > 0 && (
          <Badge color="red" variant="filled">
            ECC {metrics?.ecc_errors_uncorrected}
          </Badge>
        )}
      </Group>
      {!metrics ? (
        <Text size="sm" c="dimmed">
          {t('gpuNoMetrics')}
        </Text>
      ) : (
        <Stack gap="sm">
          <div>
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                {t('gpuMemory')}
              </Text>
              <Text size="xs">
                {formatBytes(metrics.memory_used_bytes) ?? '—'} / {formatBytes(memoryTotal) ?? '—'}
              </Text>
            </Group>
            <Progress
              value={memoryPercent ?? 0}
              color={(memoryPercent ?? 0) > 90 ? 'red' : 'indigo'}
              size="sm"
            />
          </div>
          <SimpleGrid cols={2} spacing="sm">
            <MetricWithSparkline
              testId="gpu-utilization"
              label={t('gpuUtilization')}
              value={orDash(metrics.utilization_percent, '%')}
              samples={samples.map((sample) => sample.utilizationPercent)}
              color="indigo"
            />
            <MetricWithSparkline
              testId="gpu-memory"
              label={t('gpuMemory')}
              value={orDash(memoryPercent, '%')}
              samples={samples.map((sample) => sample.memoryUsedPercent)}
              color="violet"
            />
            <MetricWithSparkline
              testId="gpu-temperature"
              label={t('gpuTemperature')}
              value={orDash(metrics.temperature_c, ' °C')}
              samples={samples.map((sample) => sample.temperatureC)}
              color={(metrics.temperature_c ?? 0) >= 85 ? 'red' : 'orange'}
            />
            <MetricWithSparkline
              testId="gpu-power"
              label={t('gpuPower')}
              value={orDash(metrics.power_watts, ' W', 1)}
              samples={samples.map((sample) => sample.powerWatts)}
              color="teal"
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('gpuClock')}: {orDash(metrics.sm_clock_mhz, ' MHz')} · {t('gpuEcc')}:{' '}
            {metrics.ecc_errors_uncorrected ?? '—'}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}
