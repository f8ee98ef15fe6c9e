import { Alert, Badge, Box, Group, Paper, ScrollArea, Switch, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { createStorageTokenStore } from '../api/token-store.js';
import { useMessages } from '../i18n/locale-context.js';
import { useSession } from '../session/session-context.js';
import { taskMessages } from './fleet-task-messages.js';
import { appendTaskLogItems, emptyTaskLogBuffer, type TaskLogBuffer } from './task-log-buffer.js';
import { followTaskLog, type TaskLogConnection, type TaskLogFollowerDeps } from './task-log-follower.js';

type ViewerStatus = TaskLogConnection | 'ended' | 'failed';

const statusLook: Record<
  ViewerStatus,
  { color: string; key: 'logConnecting' | 'logLive' | 'logReconnecting' | 'logEnded' | 'logFailed' }
> = {
  connecting: { color: 'gray', key: 'logConnecting' },
  open: { color: 'teal', key: 'logLive' },
  reconnecting: { color: 'orange', key: 'logReconnecting' },
  ended: { color: 'indigo', key: 'logEnded' },
  failed: { color: 'red', key: 'logFailed' },
};

const streamColor = {
  stdout: undefined,
  stderr: 'var(--mantine-color-red-3)',
  system: 'var(--mantine-color-yellow-4)',
};

function waitFor(delayMs: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(resolve, delayMs);
    signal.addEventListener('abort', () => {
      window.clearTimeout(timer);
      resolve();
    });
  });
}

/** Follows the task's log over SSE for as long as the page is open; `onEnded` fires once the task is final. */
function useTaskLogStream(taskId: string, onEnded: () => void) {
  const { client } = useSession();
  const [buffer, setBuffer] = useState<TaskLogBuffer>(emptyTaskLogBuffer);
  const [status, setStatus] = useState<ViewerStatus>('connecting');
  const onEndedRef = useRef(onEnded);
  onEndedRef.current = onEnded;

  useEffect(() => {
    const controller = new AbortController();
    const tokens = createStorageTokenStore(window.localStorage);
    const deps: TaskLogFollowerDeps = {
      fetch: (input, init) => window.fetch(input, init),
      readAccessToken: () => tokens.read()?.accessToken ?? null,
      // Any authenticated call through the client rotates an expired pair (or ends the session).
      renewSession: () =>
        client.request({ path: '/api/auth/me' }).then(
          () => true,
          () => false,
        ),
      wait: waitFor,
    };
    setBuffer(emptyTaskLogBuffer);
    void followTaskLog(
      {
        taskId,
        offset: 0,
        signal: controller.signal,
        onItems: (items) => setBuffer((current) => appendTaskLogItems(current, items)),
        onConnection: setStatus,
      },
      deps,
    ).then((result) => {
      if (result.outcome === 'aborted') return;
      setStatus(result.outcome === 'ended' ? 'ended' : 'failed');
      if (result.outcome === 'ended') onEndedRef.current();
    });
    return () => controller.abort();
  }, [taskId, client]);

  return { buffer, status };
}

export function TaskLogViewer(props: { taskId: string; isTruncated: boolean; onEnded(): void }) {
  const t = useMessages(taskMessages);
  const { buffer, status } = useTaskLogStream(props.taskId, props.onEnded);
  const [isFollowing, setIsFollowing] = useState(true);
  const viewport = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: new output is the trigger.
  useEffect(() => {
    const element = viewport.current;
    if (isFollowing && element) element.scrollTop = element.scrollHeight;
  }, [buffer, isFollowing]);

  const look = statusLook[status];
  return (
    <Paper p="lg">
      <Group justify="space-between" mb="sm">
        <Group gap="sm">
          <Title order={3} size="h4">
            {t('logTitle')}
          </Title>
          <Badge color={look.color} variant="light" data-testid="log-status" data-status={status}>
            {t(look.key)}
          </Badge>
        </Group>
        <Switch
          label={t('logAutoScroll')}
          checked={isFollowing}
          onChange={(event) => setIsFollowing(event.currentTarget.checked)}
        />
      </Group>
      {buffer.droppedItems > 0 && (
        <Text size="xs" c="dimmed" mb="xs">
          {t('logDropped', { count: buffer.droppedItems })}
        </Text>
      )}
      <ScrollArea
        h={420}
        viewportRef={viewport}
        type="auto"
        bg="dark.8"
        style={{ borderRadius: 'var(--mantine-radius-md)' }}
        onWheel={(event) => {
          // Scrolling up to read pauses following; the switch resumes it.
          if (event.deltaY < 0) setIsFollowing(false);
        }}
      >
        <Box
          component="pre"
          m={0}
          p="md"
          c="gray.2"
          role="log"
          aria-label={t('logRegion')}
          data-testid="task-log"
          style={{
            fontFamily: 'var(--mantine-font-family-monospace)',
            fontSize: 13,
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-all',
          }}
        >
          {buffer.items.length === 0 ? (
            <Text span c="dimmed" ff="monospace" size="sm">
              {t('logEmpty')}
            </Text>
          ) : (
            buffer.items.map((item) => (
              <span key={item.offset} data-stream={item.stream} style={{ color: streamColor[item.stream] }}>
                {item.data}
              </span>
            ))
          )}
        </Box>
      </ScrollArea>
      {props.isTruncated && (
        <Alert color="yellow" variant="light" mt="sm" data-testid="log-truncated">
          {t('logTruncated')}
        </Alert>
      )}
    </Paper>
  );
}
