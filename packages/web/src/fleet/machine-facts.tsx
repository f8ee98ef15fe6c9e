import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDateTime } from '../i18n/date-format.js';
import { useLocale, useMessages } from '../i18n/locale-context.js';
import { formatBytes } from './byte-size.js';
import type { Machine } from './fleet-api.js';
import { machineMessages } from './fleet-machine-messages.js';
import { formatDurationSeconds } from './relative-time.js';

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

function FactsCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper p="lg" h="100%">
      <Title order={3} size="h5" mb="md">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}

/** Identity, hardware facts from `register`, and the last heartbeat's system metrics. */
export function MachineFacts({ machine }: { machine: Machine }) {
  const t = useMessages(machineMessages);
  const { locale } = useLocale();
  const hardware = machine.hardware;
  const system = machine.system_metrics;
  const dash = '—';
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }}>
      <FactsCard title={t('addressesTitle')}>
        <Fact label={t('fieldHostname')}>{machine.hostname ?? dash}</Fact>
        <Fact label={t('fieldIp')}>{machine.ip ?? dash}</Fact>
        <Fact label={t('fieldDomain')}>{machine.domain ?? dash}</Fact>
        <Fact label={t('fieldRegion')}>{machine.region ?? dash}</Fact>
        <Fact label={t('fieldLabels')}>
          <Group gap={4}>
            {Object.keys(machine.labels).length === 0
              ? dash
              : Object.entries(machine.labels).map(([key, value]) => (
                  <Badge key={key} variant="default" size="sm" tt="none">
                    {key}={value}
                  </Badge>
                ))}
          </Group>
        </Fact>
        <Fact label={t('sshLogin')}>{machine.has_ssh_login ? t('sshStored') : t('sshNone')}</Fact>
        <Fact label={t('machineToken')}>{machine.has_token ? t('tokenIssued') : t('tokenNone')}</Fact>
      </FactsCard>
      <FactsCard title={t('hardwareTitle')}>
        {!hardware ? (
          <Text size="sm" c="dimmed">
            {t('hwUnknown')}
          </Text>
        ) : (
          <>
            <Fact label={t('hwCpu')}>
              {hardware.cpu_model ?? dash}
              {hardware.cpu_cores ? ` · ${t('hwCores', { cores: hardware.cpu_cores })}` : ''}
            </Fact>
            <Fact label={t('hwMemory')}>{formatBytes(hardware.memory_total_bytes) ?? dash}</Fact>
            <Fact label={t('hwOs')}>{[hardware.os, hardware.arch].filter(Boolean).join(' / ') || dash}</Fact>
            <Fact label={t('hwDisks')}>
              {(hardware.disks ?? []).length === 0
                ? dash
                : (hardware.disks ?? [])
                    .map((disk) => `${disk.mount} ${formatBytes(disk.total_bytes)}`)
                    .join(', ')}
            </Fact>
            <Fact label={t('hwAgent')}>{hardware.agent_version ?? dash}</Fact>
            <Fact label={t('hwExecutors')}>{machine.executors.join(', ') || dash}</Fact>
            <Fact label={t('hwSlots')}>{machine.slots}</Fact>
            <Fact label={t('registered')}>{formatDateTime(machine.registered_at, locale) ?? dash}</Fact>
          </>
        )}
      </FactsCard>
      <FactsCard title={t('systemTitle')}>
        {!system ? (
          <Text size="sm" c="dimmed">
            {t('hwUnknown')}
          </Text>
        ) : (
          <>
            <Fact label={t('sysCpu')}>{system.cpu_percent.toFixed(0)}%</Fact>
            <Fact label={t('sysLoad')}>{system.load_average.map((load) => load.toFixed(2)).join(' · ')}</Fact>
            <Fact label={t('sysMemory')}>
              {formatBytes(system.memory_used_bytes)} / {formatBytes(system.memory_total_bytes)}
            </Fact>
            <Fact label={t('sysUptime')}>{formatDurationSeconds(system.uptime_s)}</Fact>
          </>
        )}
      </FactsCard>
    </SimpleGrid>
  );
}
