import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useMessages } from '../i18n/locale-context.js';
import type { RequestLogItem } from './gateway-api.js';
import { describeRequestCost, type UsageBucketName, visibleUsageBuckets } from './request-log-format.js';
import { requestLogMessages } from './request-log-messages.js';

export const bucketLabelKeys = {
  input: 'bucketInput',
  cache_read: 'bucketCacheRead',
  cache_write: 'bucketCacheWrite',
  output: 'bucketOutput',
  reasoning: 'bucketReasoning',
} as const satisfies Record<UsageBucketName, string>;

const tokenFormat = new Intl.NumberFormat('en');

export function UsageSourceBadge({ source }: { source: RequestLogItem['usage_source'] }) {
  const t = useMessages(requestLogMessages);
  return (
    <Badge
      miw="max-content"
      size="xs"
      color={source === 'reported' ? 'teal' : 'orange'}
      data-usage-source={source}
    >
      {t(source)}
    </Badge>
  );
}

/** Tokens per bucket on one line, with where the numbers came from. */
export function TokensCell({ item }: { item: RequestLogItem }) {
  const t = useMessages(requestLogMessages);
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
        {visibleUsageBuckets(item.usage)
          .map(({ bucket, tokens }) => `${t(bucketLabelKeys[bucket])} ${tokenFormat.format(tokens)}`)
          .join(' · ')}
      </Text>
      <UsageSourceBadge source={item.usage_source} />
    </Group>
  );
}

export function CostCell({ item }: { item: RequestLogItem }) {
  const t = useMessages(requestLogMessages);
  const cost = describeRequestCost(item);
  if (cost.kind === 'pricing_missing')
    return (
      <Tooltip label={t('noPriceHint')} withArrow>
        <Badge miw="max-content" color="yellow" tabIndex={0} data-testid="no-price">
          {t('noPrice')}
        </Badge>
      </Tooltip>
    );
  if (cost.kind === 'none')
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Text size="sm" ff="monospace">
      {cost.text}
    </Text>
  );
}
