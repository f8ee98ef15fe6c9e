import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';

/** A yes/no question before something that cannot be undone; stays open while the action runs. */
export function ConfirmModal(props: {
  title: string | null;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm(): Promise<void>;
  onClose(): void;
}) {
  const [isRunning, setIsRunning] = useState(false);
  return (
    <Modal opened={props.title !== null} onClose={props.onClose} title={props.title} centered>
      <Stack gap="md">
        <Text size="sm">{props.body}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {props.cancelLabel}
          </Button>
          <Button
            color="red"
            loading={isRunning}
            onClick={async () => {
              setIsRunning(true);
              try {
                await props.onConfirm();
              } finally {
                setIsRunning(false);
              }
            }}
          >
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
