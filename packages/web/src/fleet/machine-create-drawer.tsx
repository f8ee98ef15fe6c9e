import {
  Button,
  Divider,
  Drawer,
  Group,
  NumberInput,
  PasswordInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { FormErrorAlert, useApiForm } from '../app/api-form.js';
import { useMessages } from '../i18n/locale-context.js';
import type { Machine } from './fleet-api.js';
import { machineMessages } from './fleet-machine-messages.js';
import { buildMachineCreateBody, emptyMachineForm, type MachineFormValues } from './machine-create-body.js';
import { useFleetApi } from './use-fleet-api.js';

function SshLoginFields(props: {
  values: MachineFormValues;
  errors: Record<string, string>;
  set<Key extends keyof MachineFormValues>(key: Key, value: MachineFormValues[Key]): void;
}) {
  const t = useMessages(machineMessages);
  const { values, errors, set } = props;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t('fieldSshHost')}
          placeholder={t('fieldSshHostHint')}
          value={values.sshHost}
          onChange={(event) => set('sshHost', event.currentTarget.value)}
        />
        <NumberInput
          label={t('fieldSshPort')}
          min={1}
          max={65535}
          value={values.sshPort}
          onChange={(value) => set('sshPort', typeof value === 'number' ? value : '')}
        />
        <TextInput
          label={t('fieldSshUser')}
          required
          value={values.sshUser}
          error={errors.sshUser}
          onChange={(event) => set('sshUser', event.currentTarget.value)}
        />
      </SimpleGrid>
      <SegmentedControl
        aria-label={t('fieldSshAuth')}
        value={values.sshAuth}
        onChange={(value) => set('sshAuth', value as MachineFormValues['sshAuth'])}
        data={[
          { value: 'key', label: t('sshAuthKey') },
          { value: 'password', label: t('sshAuthPassword') },
        ]}
      />
      {values.sshAuth === 'key' ? (
        <Textarea
          label={t('fieldSshKey')}
          required
          autosize
          minRows={4}
          autoComplete="off"
          spellCheck={false}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          value={values.sshPrivateKey}
          error={errors.sshPrivateKey}
          onChange={(event) => set('sshPrivateKey', event.currentTarget.value)}
        />
      ) : (
        <PasswordInput
          label={t('fieldSshPassword')}
          required
          autoComplete="new-password"
          value={values.sshPassword}
          error={errors.sshPassword}
          onChange={(event) => set('sshPassword', event.currentTarget.value)}
        />
      )}
    </Stack>
  );
}

export function MachineCreateDrawer(props: {
  opened: boolean;
  onClose(): void;
  onCreated(machine: Machine): void;
}) {
  const t = useMessages(machineMessages);
  const api = useFleetApi();
  const form = useApiForm();
  const [values, setValues] = useState<MachineFormValues>(emptyMachineForm);
  const set = <Key extends keyof MachineFormValues>(key: Key, value: MachineFormValues[Key]) =>
    setValues((current) => ({ ...current, [key]: value }));

  function close() {
    // The SSH secret must not outlive the drawer.
    setValues(emptyMachineForm);
    form.reset();
    props.onClose();
  }

  async function submit() {
    const built = buildMachineCreateBody(values);
    const clientErrors =
      'problems' in built
        ? Object.fromEntries(Object.entries(built.problems).map(([field, problem]) => [field, t(problem)]))
        : {};
    let created: Machine | undefined;
    const isDone = await form.submit(async () => {
      if ('body' in built) created = await api.createMachine(built.body);
    }, clientErrors);
    if (isDone && created) {
      setValues(emptyMachineForm);
      props.onCreated(created);
    }
  }

  const errors = form.fieldErrors;
  return (
    <Drawer opened={props.opened} onClose={close} title={t('createTitle')} position="right" size="lg">
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
          <TextInput
            label={t('fieldName')}
            description={t('fieldNameHint')}
            required
            data-autofocus
            value={values.name}
            error={errors.name}
            onChange={(event) => set('name', event.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('fieldHostname')}
              value={values.hostname}
              error={errors.hostname}
              onChange={(event) => set('hostname', event.currentTarget.value)}
            />
            <TextInput
              label={t('fieldIp')}
              value={values.ip}
              error={errors.ip}
              onChange={(event) => set('ip', event.currentTarget.value)}
            />
            <TextInput
              label={t('fieldDomain')}
              value={values.domain}
              error={errors.domain}
              onChange={(event) => set('domain', event.currentTarget.value)}
            />
          </SimpleGrid>
          <TextInput
            label={t('fieldRegion')}
            value={values.region}
            error={errors.region}
            onChange={(event) => set('region', event.currentTarget.value)}
          />
          <Textarea
            label={t('fieldLabels')}
            description={t('fieldLabelsHint')}
            autosize
            minRows={2}
            value={values.labelLines}
            error={errors.labelLines ?? errors.labels}
            onChange={(event) => set('labelLines', event.currentTarget.value)}
          />
          <Divider />
          <Switch
            label={t('sshTitle')}
            description={t('sshHint')}
            checked={values.hasSsh}
            onChange={(event) => set('hasSsh', event.currentTarget.checked)}
          />
          {values.hasSsh && <SshLoginFields values={values} errors={errors} set={set} />}
          {errors.ssh && (
            <Text size="sm" c="red">
              {errors.ssh}
            </Text>
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
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
