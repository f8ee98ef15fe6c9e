import {
  Alert,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useApiQuery } from '../api/use-api-query.js';
import { EmptyResult, ErrorState, LoadingState, PageHeader } from '../app/page-states.js';
import { useGatewayApi } from '../gateway/use-gateway-api.js';
import { useMessages } from '../i18n/locale-context.js';
import { BalanceCards } from './balance-cards.js';
import type { Granularity, UsageSummary, UsageSummaryQuery } from './billing-api.js';
import { UsageIcon } from './billing-icons.js';
import { billingMessages } from './billing-messages.js';
import { formatMicros } from './micro-units.js';
import { defaultUsageRange, periodPoints, topModelSlices } from './usage-chart-data.js';
import { CostChart, TokensChart, TopModelsChart } from './usage-charts.js';
import { useBillingApi } from './use-billing-api.js';

type Scope = 'all' | 'own';

interface UsageFilters {
  granularity: Granularity;
  from: string;
  to: string;
  model: string;
  keyId: string;
  userId: string;
}

const wholeNumber = new Intl.NumberFormat('en');

function TotalsRow({ summary }: { summary: UsageSummary }) {
  const t = useMessages(billingMessages);
  const { totals } = summary;
  const figures = [
    { label: t('totalCost'), value: formatMicros(totals.cost_micros) },
    { label: t('totalRequests'), value: wholeNumber.format(totals.requests) },
    {
      label: t('totalInput'),
      value: wholeNumber.format(totals.input + totals.cache_read + totals.cache_write),
    },
    { label: t('totalOutput'), value: wholeNumber.format(totals.output) },
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} mb="md" data-testid="usage-totals">
      {figures.map((figure) => (
        <Paper key={figure.label} p="sm">
          <Text size="xs" c="dimmed">
            {figure.label}
          </Text>
          <Text fw={700} fz="lg" ff="monospace">
            {figure.value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function UsageFilterBar(props: {
  scope: Scope;
  filters: UsageFilters;
  onChange(patch: Partial<UsageFilters>): void;
}) {
  const t = useMessages(billingMessages);
  const gateway = useGatewayApi();
  const keys = useApiQuery(
    () => (props.scope === 'own' ? gateway.listKeys() : Promise.resolve({ items: [] })),
    `usage-keys-${props.scope}`,
  );
  const { filters, onChange } = props;
  return (
    <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('granularity')}
        </Text>
        <SegmentedControl
          value={filters.granularity}
          onChange={(value) => onChange({ granularity: value as Granularity })}
          data={[
            { value: 'day', label: t('byDay') },
            { value: 'month', label: t('byMonth') },
          ]}
        />
      </Stack>
      <TextInput
        type="date"
        label={t('from')}
        value={filters.from}
        max={filters.to}
        onChange={(event) => onChange({ from: event.currentTarget.value })}
      />
      <TextInput
        type="date"
        label={t('to')}
        value={filters.to}
        min={filters.from}
        onChange={(event) => onChange({ to: event.currentTarget.value })}
      />
      <TextInput
        label={t('filterModel')}
        value={filters.model}
        onChange={(event) => onChange({ model: event.currentTarget.value })}
        w={180}
      />
      {props.scope === 'all' ? (
        <>
          <TextInput
            label={t('filterUser')}
            value={filters.userId}
            onChange={(event) => onChange({ userId: event.currentTarget.value })}
            w={180}
          />
          <TextInput
            label={t('filterKey')}
            value={filters.keyId}
            onChange={(event) => onChange({ keyId: event.currentTarget.value })}
            w={180}
          />
        </>
      ) : (
        <Select
          label={t('filterKey')}
          placeholder={t('anyKey')}
          clearable
          data={(keys.data?.items ?? []).map((key) => ({ value: key.id, label: key.name }))}
          value={filters.keyId || null}
          onChange={(keyId) => onChange({ keyId: keyId ?? '' })}
          w={180}
        />
      )}
    </Group>
  );
}

function UsageView({ scope }: { scope: Scope }) {
  const t = useMessages(billingMessages);
  const billing = useBillingApi();
  const [filters, setFilters] = useState<UsageFilters>(() => ({
    granularity: 'day',
    ...defaultUsageRange(Date.now()),
    model: '',
    keyId: '',
    userId: '',
  }));
  const [debounced] = useDebouncedValue(filters, 300);
  const query: UsageSummaryQuery = {
    granularity: debounced.granularity,
    from: debounced.from || undefined,
    to: debounced.to || undefined,
    model: debounced.model.trim() || undefined,
    key_id: debounced.keyId.trim() || undefined,
    user_id: debounced.userId.trim() || undefined,
  };
  const summary = useApiQuery(() => billing.summary(scope, query), JSON.stringify([scope, query]));
  const data = summary.data;
  const range = { from: data?.from.slice(0, 10) ?? debounced.from, to: debounced.to || debounced.from };
  const points = data ? periodPoints(data, range) : [];

  return (
    <>
      <UsageFilterBar
        scope={scope}
        filters={filters}
        onChange={(patch) => setFilters({ ...filters, ...patch })}
      />
      {summary.error !== undefined && !summary.isLoading ? (
        <ErrorState error={summary.error} onRetry={summary.reload} />
      ) : !data ? (
        <LoadingState minHeight={300} />
      ) : (
        <div aria-busy={summary.isLoading}>
          <TotalsRow summary={data} />
          {data.totals.pricing_missing_requests > 0 && (
            <Alert color="yellow" variant="light" mb="md">
              {t('pricingMissing', { count: data.totals.pricing_missing_requests })}
            </Alert>
          )}
          <Stack gap="md">
            <CostChart points={points} granularity={data.granularity} />
            {data.totals.requests === 0 ? (
              <Paper p="md">
                <EmptyResult
                  title={t('noUsageTitle')}
                  description={t('noUsageBody')}
                  icon={<UsageIcon size={28} />}
                />
              </Paper>
            ) : (
              <>
                <TokensChart points={points} />
                <TopModelsChart slices={topModelSlices(data.models, { limit: 7, otherLabel: t('other') })} />
              </>
            )}
          </Stack>
        </div>
      )}
    </>
  );
}

export function UsagePage() {
  const t = useMessages(billingMessages);
  return (
    <>
      <PageHeader title={t('usageTitle')} subtitle={t('usageSubtitle')} />
      <BalanceCards />
      <UsageView scope="own" />
    </>
  );
}

export function AdminUsagePage() {
  const t = useMessages(billingMessages);
  return (
    <>
      <PageHeader title={t('allUsageTitle')} subtitle={t('allUsageSubtitle')} />
      <UsageView scope="all" />
    </>
  );
}
