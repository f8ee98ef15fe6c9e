import { Paper, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { useApiQuery } from '../api/use-api-query.js';
import { ErrorState } from '../app/page-states.js';
import { useMessages } from '../i18n/locale-context.js';
import { billingMessages } from './billing-messages.js';
import { formatMicros } from './micro-units.js';
import { useBillingApi } from './use-billing-api.js';

function StatCard(props: { label: string; hint: string; micros: number | undefined; testId: string }) {
  return (
    <Paper p="md" data-testid={props.testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {props.label}
      </Text>
      {props.micros === undefined ? (
        <Skeleton h={30} mt={6} w="60%" />
      ) : (
        <Text fz={26} fw={700} ff="monospace" mt={2}>
          {formatMicros(props.micros)}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {props.hint}
      </Text>
    </Paper>
  );
}

/** The signed-in user's balance, reserved and used amounts (GET /api/billing/balance). */
export function BalanceCards() {
  const t = useMessages(billingMessages);
  const billing = useBillingApi();
  const balance = useApiQuery(() => billing.myBalance(), 'balance');
  if (balance.error !== undefined && !balance.isLoading)
    return <ErrorState error={balance.error} onRetry={balance.reload} />;
  const data = balance.data;
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} mb="lg">
      <StatCard
        label={t('balance')}
        hint={data && !data.limited ? t('unlimitedHint') : t('balanceHint')}
        micros={data?.balance_micros}
        testId="balance"
      />
      <StatCard
        label={t('reserved')}
        hint={t('reservedHint')}
        micros={data?.reserved_micros}
        testId="reserved"
      />
      <StatCard label={t('used')} hint={t('usedHint')} micros={data?.used_micros} testId="used" />
    </SimpleGrid>
  );
}
