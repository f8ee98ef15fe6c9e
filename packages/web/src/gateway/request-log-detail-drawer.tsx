import { Badge, Code, Drawer, Group, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDateTime } from '../i18n/date-format.js';
import { useLocale, useMessages } from '../i18n/locale-context.js';
import type { RequestLogItem } from './gateway-api.js';
import { bucketLabelKeys, CostCell, UsageSourceBadge } from './request-log-cells.js';
import { formatDurationMs, statusColorOf, usageBucketNames } from './request-log-format.js';
import { requestLogMessages } from './request-log-messages.js';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/** One request in full: who, what, timing, usage per bucket and every upstream attempt in order. */
export function RequestLogDetailDrawer(props: {
  item: RequestLogItem | null;
  channelName(id: string | null): string;
  onClose(): void;
}) {
  const t = useMessages(requestLogMessages);
  const { locale } = useLocale();
  const { item } = props;
  return (
    <Drawer
      opened={item !== null}
      onClose={props.onClose}
      position="right"
      size="lg"
      title={item && <Text fw={650}>{t('detailTitle', { id: item.id })}</Text>}
    >
      {item && (
        <Stack gap="lg" data-testid="request-detail">
          <SimpleGrid cols={2}>
            <Fact label={t('columnTime')}>{formatDateTime(item.created_at, locale)}</Fact>
            <Fact label={t('columnStatus')}>
              <Badge miw="max-content" color={statusColorOf(item.status)}>
                {item.status}
              </Badge>{' '}
              {item.error_code && <Code>{item.error_code}</Code>}
            </Fact>
            <Fact label={t('columnModel')}>
              {item.model}
              {item.upstream_model && item.upstream_model !== item.model && ` → ${item.upstream_model}`}
            </Fact>
            <Fact label={t('columnChannel')}>{props.channelName(item.channel_id)}</Fact>
            <Fact label={t('detailUser')}>{item.user_id ?? '—'}</Fact>
            <Fact label={t('detailKey')}>{item.key_id ?? '—'}</Fact>
            <Fact label={t('detailGroup')}>{item.group ?? '—'}</Fact>
            <Fact label={t('detailProtocols')}>
              {item.inbound} → {item.outbound ?? '—'}{' '}
              {item.stream && (
                <Badge miw="max-content" size="xs">
                  {t('stream')}
                </Badge>
              )}
            </Fact>
            <Fact label={t('columnCost')}>
              <CostCell item={item} />
            </Fact>
            <Fact label={t('detailUsageSource')}>
              <UsageSourceBadge source={item.usage_source} />
            </Fact>
          </SimpleGrid>
          <Text size="sm">
            {t('timeline', {
              ttfb: formatDurationMs(item.ttfb_ms),
              duration: formatDurationMs(item.duration_ms),
              overhead: formatDurationMs(item.overhead_ms),
            })}
          </Text>
          {item.error_message && (
            <Fact label={t('detailError')}>
              <Code block>{item.error_message}</Code>
            </Fact>
          )}
          <div>
            <Title order={4} size="h5" mb="xs">
              {t('detailUsage')}
            </Title>
            <SimpleGrid cols={5}>
              {usageBucketNames.map((bucket) => (
                <Fact key={bucket} label={t(bucketLabelKeys[bucket])}>
                  {item.usage[bucket].toLocaleString(locale)}
                </Fact>
              ))}
            </SimpleGrid>
          </div>
          <div>
            <Title order={4} size="h5" mb="sm">
              {t('detailAttempts')}
            </Title>
            {item.attempts.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('noAttempts')}
              </Text>
            ) : (
              <Timeline active={item.attempts.length - 1} bulletSize={18} lineWidth={2}>
                {item.attempts.map((attempt, index) => {
                  const isOk = attempt.status !== null && attempt.status < 400 && !attempt.error;
                  return (
                    <Timeline.Item
                      // biome-ignore lint/suspicious/noArrayIndexKey: the chain is fixed and ordered.
                      key={index}
                      color={isOk ? 'teal' : 'red'}
                      title={
                        <Group gap="xs">
                          <Text size="sm" fw={600}>
                            {t('attemptNumber', { number: index + 1 })}
                          </Text>
                          <Badge miw="max-content" size="xs" color={isOk ? 'teal' : 'red'}>
                            {isOk ? t('attemptOk') : t('attemptFailed')}
                          </Badge>
                        </Group>
                      }
                    >
                      <Text size="xs" c="dimmed">
                        {props.channelName(attempt.channel_id)} · {attempt.upstream_model} · HTTP{' '}
                        {attempt.status ?? '—'} · {formatDurationMs(attempt.duration_ms)}
                      </Text>
                      {attempt.error && (
                        <Text size="xs" c="red" mt={2}>
                          {attempt.error}
                        </Text>
                      )}
                    </Timeline.Item>
                  );
                })}
              </Timeline>
            )}
          </div>
        </Stack>
      )}
    </Drawer>
  );
}
