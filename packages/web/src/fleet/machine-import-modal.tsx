import { Alert, Button, Code, FileInput, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { FormErrorAlert, useApiForm } from '../app/api-form.js';
import { useMessages } from '../i18n/locale-context.js';
import type { MachineCsvImportReport } from './fleet-api.js';
import { machineMessages } from './fleet-machine-messages.js';
import { fleetMessages } from './fleet-messages.js';
import { useFleetApi } from './use-fleet-api.js';

function ImportReport({ report }: { report: MachineCsvImportReport }) {
  const t = useMessages(machineMessages);
  return (
    <Stack gap="sm" data-testid="import-report">
      <Alert color={report.skipped.length > 0 ? 'yellow' : 'teal'} variant="light" role="status">
        {t('importResult', { created: report.created.length, skipped: report.skipped.length })}
      </Alert>
      {report.created.length > 0 && (
        <Table withTableBorder data-testid="import-created">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>{t('importLine')}</Table.Th>
              <Table.Th>{t('importCreatedTitle')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.created.map((row) => (
              <Table.Tr key={row.line}>
                <Table.Td>{row.line}</Table.Td>
                <Table.Td>{row.name}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {report.skipped.length > 0 && (
        <Table withTableBorder data-testid="import-skipped">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>{t('importLine')}</Table.Th>
              <Table.Th>{t('importSkippedTitle')}</Table.Th>
              <Table.Th>{t('importReason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.skipped.map((row) => (
              <Table.Tr key={row.line}>
                <Table.Td>{row.line}</Table.Td>
                <Table.Td>{row.name ?? '—'}</Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Code>{row.code}</Code>
                    <Text size="sm">{row.reason}</Text>
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function MachineImportModal(props: { opened: boolean; onClose(): void; onImported(): void }) {
  const t = useMessages(machineMessages);
  const common = useMessages(fleetMessages);
  const api = useFleetApi();
  const form = useApiForm();
  const [csv, setCsv] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<MachineCsvImportReport | null>(null);

  function close() {
    setCsv('');
    setFile(null);
    setReport(null);
    form.reset();
    props.onClose();
  }

  async function runImport() {
    const text = file ? await file.text() : csv;
    const isDone = await form.submit(
      async () => {
        setReport(await api.importMachines(text));
      },
      text.trim() ? {} : { csv: t('importEmpty') },
    );
    if (isDone) props.onImported();
  }

  return (
    <Modal opened={props.opened} onClose={close} title={t('importTitle')} size="xl" centered>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('importBody')}
        </Text>
        <FormErrorAlert id={form.errorId} title={t('importFailed')} message={form.formError} />
        <Textarea
          label={t('importPaste')}
          autosize
          minRows={5}
          maxRows={14}
          spellCheck={false}
          disabled={file !== null}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          placeholder={'name,hostname,ip,labels\ngpu-01,gpu-01.lan,10.0.0.11,gpu=h100;zone=a'}
          value={csv}
          error={form.fieldErrors.csv}
          onChange={(event) => setCsv(event.currentTarget.value)}
        />
        <FileInput label={t('importFile')} accept=".csv,text/csv" clearable value={file} onChange={setFile} />
        {report && <ImportReport report={report} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {report ? common('close') : t('cancel')}
          </Button>
          <Button onClick={() => void runImport()} loading={form.isSubmitting}>
            {t('importRun')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
