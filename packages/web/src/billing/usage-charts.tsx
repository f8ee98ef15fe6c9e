import '@mantine/charts/styles.css';
import { BarChart, DonutChart } from '@mantine/charts';
import { Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useMessages } from '../i18n/locale-context.js';
import { billingMessages } from './billing-messages.js';
import { formatMicros } from './micro-units.js';
import type { ModelSlice, PeriodPoint } from './usage-chart-data.js';

const compactNumber = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const wholeNumber = new Intl.NumberFormat('en');
const sliceColors = ['indigo.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.6', 'pink.6', 'lime.7', 'gray.5'];

function ChartCard(props: { title: string; hint?: string; testId: string; children: ReactNode }) {
  return (
    <Paper p="md" data-testid={props.testId}>
      <Title order={3} size="h5">
        {props.title}
      </Title>
      {props.hint && (
        <Text size="xs" c="dimmed">
          {props.hint}
        </Text>
      )}
      <div style={{ marginTop: 12 }}>{props.children}</div>
    </Paper>
  );
}

export function CostChart({ points, granularity }: { points: PeriodPoint[]; granularity: 'day' | 'month' }) {
  const t = useMessages(billingMessages);
  return (
    <ChartCard
      title={t('costChartTitle', { period: t(granularity === 'day' ? 'periodDay' : 'periodMonth') })}
      testId="usage-cost-chart"
    >
      <BarChart
        h={260}
        data={points}
        dataKey="period"
        series={[{ name: 'cost', label: t('totalCost'), color: 'indigo.6' }]}
        valueFormatter={(value) => formatMicros(Math.round(value * 1_000_000))}
        tickLine="y"
        maxBarWidth={28}
      />
    </ChartCard>
  );
}

export function TokensChart({ points }: { points: PeriodPoint[] }) {
  const t = useMessages(billingMessages);
  return (
    <ChartCard title={t('tokensChartTitle')} hint={t('tokensChartHint')} testId="usage-tokens-chart">
      <BarChart
        h={260}
        data={points}
        dataKey="period"
        type="stacked"
        withLegend
        series={[
          { name: 'input', label: t('bucketInput'), color: 'indigo.6' },
          { name: 'cache_read', label: t('bucketCacheRead'), color: 'cyan.5' },
          { name: 'cache_write', label: t('bucketCacheWrite'), color: 'grape.5' },
          { name: 'output', label: t('bucketOutput'), color: 'teal.6' },
        ]}
        valueFormatter={(value) => compactNumber.format(value)}
        tickLine="y"
        maxBarWidth={28}
      />
    </ChartCard>
  );
}

/** The costliest models as a donut, with the exact numbers beside it. */
export function TopModelsChart({ slices }: { slices: ModelSlice[] }) {
  const t = useMessages(billingMessages);
  const data = slices.map((slice, index) => ({
    name: slice.name,
    value: Math.max(slice.cost, 0),
    color: sliceColors[index % sliceColors.length],
  }));
  const hasCost = data.some((entry) => entry.value > 0);
  return (
    <ChartCard title={t('modelsChartTitle')} testId="usage-models-chart">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {hasCost ? (
          <Group justify="center">
            <DonutChart
              data={data}
              size={200}
              thickness={28}
              withTooltip
              tooltipDataSource="segment"
              valueFormatter={(value) => formatMicros(Math.round(value * 1_000_000))}
            />
          </Group>
        ) : (
          <BarChart
            h={200}
            data={slices}
            dataKey="name"
            orientation="vertical"
            series={[{ name: 'requests', label: t('columnRequests'), color: 'indigo.6' }]}
            yAxisProps={{ width: 120 }}
          />
        )}
        <Stack gap={0}>
          <Table fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('columnModel')}</Table.Th>
                <Table.Th ta="right">{t('columnRequests')}</Table.Th>
                <Table.Th ta="right">{t('columnTokens')}</Table.Th>
                <Table.Th ta="right">{t('columnCost')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {slices.map((slice, index) => (
                <Table.Tr key={slice.name}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <span
                        aria-hidden="true"
                        style={{
                          width: 10,
                          height: 10,
                          borderRadius: 2,
                          background: `var(--mantine-color-${sliceColors[index % sliceColors.length].replace('.', '-')})`,
                        }}
                      />
                      {slice.name}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">{wholeNumber.format(slice.requests)}</Table.Td>
                  <Table.Td ta="right">{compactNumber.format(slice.tokens)}</Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {formatMicros(slice.costMicros)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </SimpleGrid>
    </ChartCard>
  );
}
