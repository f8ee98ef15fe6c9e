import { Alert, Badge, Button, Checkbox, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useApiQuery } from '../api/use-api-query.js';
import { ErrorState, LoadingState } from '../app/page-states.js';
import { useGatewayApi } from '../gateway/use-gateway-api.js';
import { useMessages } from '../i18n/locale-context.js';
import type { ModelPrice, PriceAlias } from './billing-api.js';
import { markPricedModels, type PricedMark } from './price-form.js';
import { pricingMessages } from './pricing-messages.js';

const markColors = { priced: 'teal', incomplete: 'yellow', alias: 'indigo', unpriced: 'red' } as const;

function MarkBadge({ mark }: { mark: PricedMark }) {
  const t = useMessages(pricingMessages);
  const label =
    mark.status === 'alias'
      ? t('statusAlias', { model: mark.target ?? '' })
      : t(
          ({ priced: 'statusPriced', incomplete: 'statusIncomplete', unpriced: 'statusUnpriced' } as const)[
            mark.status
          ],
        );
  return (
    <Badge miw="max-content" color={markColors[mark.status]} tt="none" data-mark={mark.status}>
      {label}
      {mark.status !== 'alias' && mark.target ? ` (${mark.target})` : ''}
    </Badge>
  );
}

/** A channel's upstream model list, each marked priced or not, with a shortcut to price it. */
export function PriceImportPanel(props: {
  prices: ModelPrice[];
  aliases: PriceAlias[];
  onSetPrice(model: string, price: ModelPrice | null): void;
}) {
  const t = useMessages(pricingMessages);
  const gateway = useGatewayApi();
  const channels = useApiQuery(() => gateway.listChannels(), 'pricing-channels');
  const [channelId, setChannelId] = useState<string | null>(null);
  const [isOnlyUnpriced, setIsOnlyUnpriced] = useState(false);
  const upstream = useApiQuery(
    () => (channelId ? gateway.listUpstreamModels(channelId) : Promise.resolve(null)),
    channelId ?? '',
  );

  if (channels.error !== undefined && !channels.isLoading)
    return <ErrorState error={channels.error} onRetry={channels.reload} />;
  if (!channels.data) return <LoadingState />;
  if (channels.data.items.length === 0) return <Alert color="gray">{t('noChannels')}</Alert>;

  const marks = upstream.data ? markPricedModels(upstream.data.models, props.prices, props.aliases) : [];
  const pricedCount = marks.filter((mark) => mark.status !== 'unpriced').length;
  const shown = isOnlyUnpriced ? marks.filter((mark) => mark.status === 'unpriced') : marks;
  const priceOf = (mark: PricedMark) =>
    props.prices.find((price) => price.model.toLowerCase() === mark.model.toLowerCase()) ?? null;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('importIntro')}
      </Text>
      <Group align="flex-end">
        <Select
          label={t('fieldChannel')}
          placeholder={t('pickChannel')}
          data={channels.data.items.map((channel) => ({ value: channel.id, label: channel.name }))}
          value={channelId}
          onChange={setChannelId}
          searchable
          w={280}
        />
        {upstream.data && (
          <Checkbox
            label={t('onlyUnpriced')}
            checked={isOnlyUnpriced}
            onChange={(event) => setIsOnlyUnpriced(event.currentTarget.checked)}
            mb={8}
          />
        )}
      </Group>
      {channelId &&
        (upstream.error !== undefined && !upstream.isLoading ? (
          <ErrorState error={upstream.error} onRetry={upstream.reload} />
        ) : !upstream.data ? (
          <LoadingState />
        ) : (
          <>
            <Text size="sm" fw={500}>
              {t('importSummary', { priced: pricedCount, total: marks.length })}
            </Text>
            <Table verticalSpacing="xs" data-testid="import-table">
              <Table.Tbody>
                {shown.map((mark) => (
                  <Table.Tr key={mark.model}>
                    <Table.Td>{mark.model}</Table.Td>
                    <Table.Td>
                      <MarkBadge mark={mark} />
                    </Table.Td>
                    <Table.Td ta="right">
                      {(mark.status === 'unpriced' || mark.status === 'incomplete') && (
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => props.onSetPrice(mark.model, priceOf(mark))}
                        >
                          {t('setPrice')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        ))}
    </Stack>
  );
}
