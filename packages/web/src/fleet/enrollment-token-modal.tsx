import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { formatDateTime } from '../i18n/date-format.js';
import { useLocale, useMessages } from '../i18n/locale-context.js';
import type { EnrollmentToken } from './fleet-api.js';
import { machineMessages } from './fleet-machine-messages.js';
import { fleetMessages } from './fleet-messages.js';

/** The exact command an admin runs on the new machine (server cli/agent-command.ts). */
export function agentEnrollCommand(serverUrl: string, token: string): string {
  return `switchyard agent --server ${serverUrl} --enroll-token ${token}`;
}

function CopyableCode(props: { value: string; testId: string; label: string }) {
  const t = useMessages(fleetMessages);
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {props.label}
        </Text>
        <CopyButton value={props.value}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant="light" color={copied ? 'teal' : undefined} onClick={copy}>
              {copied ? t('copied') : t('copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Code block data-testid={props.testId} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
        {props.value}
      </Code>
    </Stack>
  );
}

/** Shows a freshly issued single-use token once; it is not kept anywhere after the modal closes. */
export function EnrollmentTokenModal(props: {
  machineName: string | null;
  enrollment: EnrollmentToken | null;
  onClose(): void;
}) {
  const t = useMessages(machineMessages);
  const common = useMessages(fleetMessages);
  const { locale } = useLocale();
  const { enrollment } = props;
  return (
    <Modal
      opened={enrollment !== null}
      onClose={props.onClose}
      title={t('enrollmentTokenFor', { name: props.machineName ?? '' })}
      size="xl"
      closeOnClickOutside={false}
      centered
    >
      {enrollment && (
        <Stack gap="md">
          <Alert color="yellow" variant="light">
            {t('enrollmentTokenBody')}
          </Alert>
          <CopyableCode label={t('token')} value={enrollment.token} testId="enrollment-token" />
          <Text size="sm" c="dimmed" data-testid="enrollment-expiry">
            {t('enrollmentExpires', { time: formatDateTime(enrollment.expires_at, locale) ?? '' })}
          </Text>
          <CopyableCode
            label={t('enrollmentCommand')}
            value={agentEnrollCommand(window.location.origin, enrollment.token)}
            testId="enrollment-command"
          />
          <Group justify="flex-end">
            <Button onClick={props.onClose}>{common('close')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
