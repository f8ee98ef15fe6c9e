import { Alert } from '@mantine/core';
import { useState } from 'react';

export interface Notice {
  color: 'teal' | 'red';
  message: string;
}

/** The outcome of the last action on a page: green status or red alert, dismissible. */
export function useNotice() {
  const [notice, setNotice] = useState<Notice | null>(null);
  return {
    notice,
    showSuccess: (message: string) => setNotice({ color: 'teal', message }),
    showFailure: (message: string) => setNotice({ color: 'red', message }),
    clear: () => setNotice(null),
  };
}

export function NoticeAlert(props: { notice: Notice | null; onClose(): void; testId?: string }) {
  if (!props.notice) return null;
  const { color, message } = props.notice;
  return (
    <Alert
      color={color}
      variant="light"
      mb="md"
      role={color === 'red' ? 'alert' : 'status'}
      withCloseButton
      onClose={props.onClose}
      data-testid={props.testId}
    >
      {message}
    </Alert>
  );
}
