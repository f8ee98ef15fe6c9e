import { Alert, Button, Code, CopyButton, Group, Modal, Stack } from '@mantine/core';
import { useMessages } from '../i18n/locale-context.js';
import { apiKeyMessages } from './api-key-messages.js';

/** The one time a key's secret is visible; it is dropped from memory when the modal closes. */
export function ApiKeySecretModal(props: { secret: string | null; onClose(): void }) {
  const t = useMessages(apiKeyMessages);
  return (
    <Modal
      opened={props.secret !== null}
      onClose={props.onClose}
      title={t('secretTitle')}
      size="lg"
      closeOnClickOutside={false}
      centered
    >
      <Stack gap="md">
        <Alert color="yellow" variant="light">
          {t('secretWarning')}
        </Alert>
        <Code block data-testid="api-key-secret" style={{ wordBreak: 'break-all', fontSize: 14 }}>
          {props.secret}
        </Code>
        <Group justify="space-between">
          <CopyButton value={props.secret ?? ''}>
            {({ copied, copy }) => (
              <Button variant="light" color={copied ? 'teal' : undefined} onClick={copy}>
                {copied ? t('copied') : t('copy')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={props.onClose}>{t('secretDone')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
