import {
  Button,
  Drawer,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { FormErrorAlert, useApiForm } from '../app/api-form.js';
import { useMessages } from '../i18n/locale-context.js';
import type { Machine, Task } from './fleet-api.js';
import { taskMessages } from './fleet-task-messages.js';
import {
  buildTaskCreateBody,
  emptyTaskForm,
  type TaskFormValues,
  type TaskTargetKind,
} from './task-create-body.js';
import { useFleetApi } from './use-fleet-api.js';

const monospace = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

function TargetFields(props: {
  values: TaskFormValues;
  errors: Record<string, string>;
  machines: Machine[] | null;
  set<Key extends keyof TaskFormValues>(key: Key, value: TaskFormValues[Key]): void;
}) {
  const t = useMessages(taskMessages);
  const { values, errors, set } = props;
  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" fw={500} mb={4} id="task-target-label">
          {t('fieldTarget')}
        </Text>
        <SegmentedControl
          aria-labelledby="task-target-label"
          value={values.target}
          onChange={(value) => set('target', value as TaskTargetKind)}
          data={[
            { value: 'any', label: t('targetAny') },
            { value: 'machine', label: t('targetMachine') },
            { value: 'labels', label: t('targetLabels') },
          ]}
        />
      </div>
      {values.target === 'machine' &&
        (props.machines ? (
          <Select
            label={t('fieldMachine')}
            required
            searchable
            value={values.machineId}
            error={errors.machineId ?? errors.machine_id}
            onChange={(value) => set('machineId', value)}
            data={props.machines.map((machine) => ({
              value: machine.id,
              label: `${machine.name} (${machine.reachability})`,
            }))}
          />
        ) : (
          <TextInput
            label={t('fieldMachineId')}
            required
            value={values.machineId ?? ''}
            error={errors.machineId ?? errors.machine_id}
            onChange={(event) => set('machineId', event.currentTarget.value || null)}
          />
        ))}
      {values.target === 'labels' && (
        <Textarea
          label={t('fieldLabels')}
          description={t('fieldLabelsHint')}
          required
          autosize
          minRows={2}
          value={values.labelLines}
          error={errors.labelLines ?? errors.labels}
          onChange={(event) => set('labelLines', event.currentTarget.value)}
        />
      )}
    </Stack>
  );
}

/** `machines` is the admin's machine list for the target picker; other users type a machine id. */
export function TaskCreateDrawer(props: {
  opened: boolean;
  machines: Machine[] | null;
  onClose(): void;
  onCreated(task: Task): void;
}) {
  const t = useMessages(taskMessages);
  const api = useFleetApi();
  const form = useApiForm();
  const [values, setValues] = useState<TaskFormValues>(emptyTaskForm);
  const set = <Key extends keyof TaskFormValues>(key: Key, value: TaskFormValues[Key]) =>
    setValues((current) => ({ ...current, [key]: value }));

  async function submit() {
    const built = buildTaskCreateBody(values);
    const clientErrors =
      'problems' in built
        ? Object.fromEntries(Object.entries(built.problems).map(([field, problem]) => [field, t(problem)]))
        : {};
    let created: Task | undefined;
    const isDone = await form.submit(async () => {
      if ('body' in built) created = await api.createTask(built.body);
    }, clientErrors);
    if (isDone && created) {
      setValues(emptyTaskForm);
      props.onCreated(created);
    }
  }

  const errors = form.fieldErrors;
  return (
    <Drawer opened={props.opened} onClose={props.onClose} title={t('createTitle')} position="right" size="lg">
      <form
        noValidate
        aria-describedby={form.formError ? form.errorId : undefined}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <FormErrorAlert id={form.errorId} title={t('createFailed')} message={form.formError} />
          <Textarea
            label={t('fieldCommand')}
            description={t('fieldCommandHint')}
            required
            data-autofocus
            autosize
            minRows={3}
            spellCheck={false}
            styles={monospace}
            value={values.commandLines}
            error={errors.commandLines ?? errors.command}
            onChange={(event) => set('commandLines', event.currentTarget.value)}
          />
          <Textarea
            label={t('fieldEnv')}
            description={t('fieldEnvHint')}
            autosize
            minRows={2}
            spellCheck={false}
            styles={monospace}
            value={values.envLines}
            error={errors.envLines ?? errors.env}
            onChange={(event) => set('envLines', event.currentTarget.value)}
          />
          <TargetFields values={values} errors={errors} machines={props.machines} set={set} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label={t('fieldTimeout')}
              placeholder={t('fieldTimeoutHint')}
              min={1}
              value={values.timeoutSeconds}
              error={errors.timeout_s}
              onChange={(value) => set('timeoutSeconds', typeof value === 'number' ? value : '')}
            />
            <NumberInput
              label={t('fieldGpus')}
              min={0}
              max={64}
              value={values.gpus}
              error={errors.gpus}
              onChange={(value) => set('gpus', typeof value === 'number' ? value : '')}
            />
            <NumberInput
              label={t('fieldMaxAttempts')}
              min={1}
              max={20}
              value={values.maxAttempts}
              error={errors.max_attempts}
              onChange={(value) => set('maxAttempts', typeof value === 'number' ? value : '')}
            />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={props.onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={form.isSubmitting}>
              {t('create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
