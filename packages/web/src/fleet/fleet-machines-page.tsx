import { Alert, Anchor, Badge, Button, Group, Paper, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useApiQuery } from '../api/use-api-query.js';
import { useErrorText } from '../app/error-text.js';
import { EmptyResult, ErrorState, LoadingState, PageHeader } from '../app/page-states.js';
import { formatDateTime } from '../i18n/date-format.js';
import { useLocale, useMessages } from '../i18n/locale-context.js';
import { EnrollmentTokenModal } from './enrollment-token-modal.js';
import type { EnrollmentToken, Machine } from './fleet-api.js';
import { MachineIcon } from './fleet-icons.js';
import { machineMessages } from './fleet-machine-messages.js';
import { AllocationBadge, HealthBadge, ReachabilityBadge } from './fleet-status-badges.js';
import { machineAddress } from './machine-address.js';
import { MachineCreateDrawer } from './machine-create-drawer.js';
import { MachineImportModal } from './machine-import-modal.js';
import { formatRelativeTime } from './relative-time.js';
import { useFleetApi, useIntervalReload } from './use-fleet-api.js';

const refreshMs = 15_000;

function MachineRow(props: { machine: Machine; nowMs: number; onEnroll(): void }) {
  const t = useMessages(machineMessages);
  const { locale } = useLocale();
  const { machine } = props;
  return (
    <Table.Tr data-machine={machine.name}>
      <Table.Td>
        <Anchor component={Link} to={`/fleet/machines/${encodeURIComponent(machine.id)}`} fw={600}>
          {machine.name}
        </Anchor>
        <Text size="xs" c="dimmed">
          {[machineAddress(machine), machine.region].filter(Boolean).join(' · ') || '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={6}>
          <ReachabilityBadge reachability={machine.reachability} />
          <AllocationBadge allocation={machine.allocation} />
          <HealthBadge health={machine.health} />
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {machine.gpus.length === 0
            ? '0'
            : t('gpusBusyOfTotal', { busy: machine.gpus_busy, total: machine.gpus.length })}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {Object.entries(machine.labels).map(([key, value]) => (
            <Badge key={key} variant="default" size="sm" tt="none">
              {key}={value}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Tooltip label={formatDateTime(machine.last_heartbeat_at, locale) ?? t('neverSeen')}>
          <Text size="sm" c={machine.last_heartbeat_at ? undefined : 'dimmed'}>
            {formatRelativeTime(machine.last_heartbeat_at, { nowMs: props.nowMs, locale }) ?? t('neverSeen')}
          </Text>
        </Tooltip>
      </Table.Td>
      <Table.Td ta="right">
        <Button size="compact-sm" variant="light" onClick={props.onEnroll}>
          {t('enrollmentToken')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

function MachinesTable(props: { machines: Machine[]; onEnroll(machine: Machine): void }) {
  const t = useMessages(machineMessages);
  const nowMs = Date.now();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="machines-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('columnName')}</Table.Th>
            <Table.Th>{t('columnStatus')}</Table.Th>
            <Table.Th>{t('columnGpus')}</Table.Th>
            <Table.Th>{t('columnLabels')}</Table.Th>
            <Table.Th>{t('columnHeartbeat')}</Table.Th>
            <Table.Th ta="right">{t('columnActions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.machines.map((machine) => (
            <MachineRow
              key={machine.id}
              machine={machine}
              nowMs={nowMs}
              onEnroll={() => props.onEnroll(machine)}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function FleetMachinesPage() {
  const t = useMessages(machineMessages);
  const errorText = useErrorText();
  const api = useFleetApi();
  const machines = useApiQuery(() => api.listMachines(), 'fleet-machines');
  useIntervalReload(machines.reload, { intervalMs: refreshMs, isActive: true });
  const [isCreating, setIsCreating] = useState(false);
  const [isImporting, setIsImporting] = useState(false);
  const [notice, setNotice] = useState<{ color: 'teal' | 'red'; message: string } | null>(null);
  const [enrollment, setEnrollment] = useState<{ name: string; token: EnrollmentToken } | null>(null);

  async function enroll(machine: Machine) {
    setNotice(null);
    try {
      setEnrollment({ name: machine.name, token: await api.issueEnrollmentToken(machine.id) });
    } catch (error) {
      setNotice({ color: 'red', message: errorText(error) });
    }
  }

  const data = machines.data;
  return (
    <>
      <PageHeader
        title={t('machinesTitle')}
        subtitle={t('machinesSubtitle')}
        actions={
          <Group gap="sm">
            <Button variant="default" onClick={() => setIsImporting(true)}>
              {t('importCsv')}
            </Button>
            <Button onClick={() => setIsCreating(true)}>{t('addMachine')}</Button>
          </Group>
        }
      />
      <Paper p="lg">
        {notice && (
          <Alert
            color={notice.color}
            variant="light"
            mb="md"
            role={notice.color === 'red' ? 'alert' : 'status'}
            withCloseButton
            onClose={() => setNotice(null)}
            data-testid="machines-notice"
          >
            {notice.message}
          </Alert>
        )}
        {machines.error !== undefined && !data ? (
          <ErrorState error={machines.error} onRetry={machines.reload} />
        ) : !data ? (
          <LoadingState />
        ) : data.items.length === 0 ? (
          <EmptyResult
            title={t('noMachinesTitle')}
            description={t('noMachinesBody')}
            icon={<MachineIcon size={28} />}
          />
        ) : (
          <MachinesTable machines={data.items} onEnroll={(machine) => void enroll(machine)} />
        )}
      </Paper>
      <MachineCreateDrawer
        opened={isCreating}
        onClose={() => setIsCreating(false)}
        onCreated={(machine) => {
          setIsCreating(false);
          setNotice({ color: 'teal', message: t('created', { name: machine.name }) });
          machines.reload();
        }}
      />
      <MachineImportModal
        opened={isImporting}
        onClose={() => setIsImporting(false)}
        onImported={machines.reload}
      />
      <EnrollmentTokenModal
        machineName={enrollment?.name ?? null}
        enrollment={enrollment?.token ?? null}
        onClose={() => setEnrollment(null)}
      />
    </>
  );
}
