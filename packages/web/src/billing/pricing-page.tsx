import { ActionIcon, Badge, Button, Menu, Paper, Switch, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useApiQuery } from '../api/use-api-query.js';
import { MoreIcon, SearchIcon } from '../app/app-icons.js';
import { useErrorText } from '../app/error-text.js';
import { EmptyResult, ErrorState, LoadingState, PageHeader } from '../app/page-states.js';
import { ConfirmModal } from '../gateway/confirm-modal.js';
import { NoticeAlert, useNotice } from '../gateway/console-notice.js';
import { useMessages } from '../i18n/locale-context.js';
import type { ModelPrice } from './billing-api.js';
import { PriceTagIcon } from './billing-icons.js';
import { formatMicros } from './micro-units.js';
import { PriceAliasesPanel } from './price-aliases-panel.js';
import { PriceEditModal } from './price-edit-modal.js';
import { priceWithActive } from './price-form.js';
import { PriceImportPanel } from './price-import-panel.js';
import { pricingMessages } from './pricing-messages.js';
import { useBillingApi } from './use-billing-api.js';

const priceColumns = [
  ['input', 'columnInput'],
  ['cache_read', 'columnCacheRead'],
  ['cache_write', 'columnCacheWrite'],
  ['output', 'columnOutput'],
  ['reasoning', 'columnReasoning'],
] as const;

function PriceRow(props: { price: ModelPrice; onToggle(): void; onEdit(): void; onRemove(): void }) {
  const t = useMessages(pricingMessages);
  const { price } = props;
  return (
    <Table.Tr data-model={price.model}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {price.model}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge
          miw="max-content"
          color={price.source === 'custom' ? 'indigo' : 'gray'}
          data-source={price.source}
        >
          {price.source === 'custom' ? t('sourceCustom') : t('sourceDefault')}
        </Badge>
      </Table.Td>
      {priceColumns.map(([field]) => (
        <Table.Td key={field} ta="right" ff="monospace" fz="sm">
          {price[field] === null ? (
            <Text span size="xs" c="dimmed">
              {field === 'reasoning' ? t('asOutput') : t('notSet')}
            </Text>
          ) : (
            formatMicros(price[field], price.currency)
          )}
        </Table.Td>
      ))}
      <Table.Td>
        <Badge miw="max-content" color={price.is_complete ? 'teal' : 'yellow'}>
          {price.is_complete ? t('complete') : t('incomplete')}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Switch
          checked={price.is_active}
          aria-label={t('toggleActive', { model: price.model })}
          onChange={props.onToggle}
        />
      </Table.Td>
      <Table.Td ta="right">
        <Menu position="bottom-end" shadow="md" width={200}>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('actionsFor', { model: price.model })}>
              <MoreIcon />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={props.onEdit}>{t('edit')}</Menu.Item>
            {price.source === 'custom' && (
              <Menu.Item color="red" onClick={props.onRemove}>
                {t('removeCustom')}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
}

export function PricingPage() {
  const t = useMessages(pricingMessages);
  const errorText = useErrorText();
  const billing = useBillingApi();
  const prices = useApiQuery(() => billing.listPrices(), 'prices');
  const aliases = useApiQuery(() => billing.listAliases(), 'aliases');
  const notice = useNotice();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<{ price: ModelPrice | null; model: string } | null>(null);
  const [removing, setRemoving] = useState<ModelPrice | null>(null);

  async function run(action: () => Promise<string>) {
    notice.clear();
    try {
      notice.showSuccess(await action());
    } catch (error) {
      notice.showFailure(errorText(error));
    }
    prices.reload();
  }

  const needle = search.trim().toLowerCase();
  const items = prices.data?.items.filter((price) => price.model.toLowerCase().includes(needle));
  const pricesTable = (
    <>
      <TextInput
        placeholder={t('search')}
        aria-label={t('search')}
        leftSection={<SearchIcon size={16} />}
        type="search"
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        mb="md"
        maw={320}
      />
      {prices.error !== undefined && !prices.isLoading ? (
        <ErrorState error={prices.error} onRetry={prices.reload} />
      ) : !items ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <EmptyResult
          title={t('noPricesTitle')}
          description={t('noPricesBody')}
          icon={<PriceTagIcon size={28} />}
        />
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table verticalSpacing="xs" highlightOnHover data-testid="prices-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('columnModel')}</Table.Th>
                <Table.Th>{t('columnSource')}</Table.Th>
                {priceColumns.map(([field, label]) => (
                  <Table.Th key={field} ta="right">
                    {t(label)}
                  </Table.Th>
                ))}
                <Table.Th>{t('columnComplete')}</Table.Th>
                <Table.Th>{t('columnActive')}</Table.Th>
                <Table.Th ta="right">{t('columnActions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((price) => (
                <PriceRow
                  key={price.model}
                  price={price}
                  onToggle={() =>
                    void run(async () => {
                      const isActive = !price.is_active;
                      await billing.upsertPrice(price.model, priceWithActive(price, isActive));
                      return t(isActive ? 'activatedDone' : 'deactivatedDone', { model: price.model });
                    })
                  }
                  onEdit={() => setEditing({ price, model: price.model })}
                  onRemove={() => setRemoving(price)}
                />
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed" mt="xs">
            {t('perMillion')}
          </Text>
        </Table.ScrollContainer>
      )}
    </>
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={<Button onClick={() => setEditing({ price: null, model: '' })}>{t('addPrice')}</Button>}
      />
      <Paper p="lg">
        <NoticeAlert notice={notice.notice} onClose={notice.clear} testId="pricing-notice" />
        <Tabs defaultValue="prices" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="prices">{t('tabPrices')}</Tabs.Tab>
            <Tabs.Tab value="aliases">{t('tabAliases')}</Tabs.Tab>
            <Tabs.Tab value="import">{t('tabImport')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="prices">{pricesTable}</Tabs.Panel>
          <Tabs.Panel value="aliases">
            <PriceAliasesPanel
              aliases={aliases}
              onAdded={(alias) => {
                notice.showSuccess(t('aliasAdded', { alias: alias.alias, model: alias.model }));
                aliases.reload();
              }}
            />
          </Tabs.Panel>
          <Tabs.Panel value="import">
            <PriceImportPanel
              prices={prices.data?.items ?? []}
              aliases={aliases.data?.items ?? []}
              onSetPrice={(model, price) => setEditing({ price, model })}
            />
          </Tabs.Panel>
        </Tabs>
      </Paper>
      <PriceEditModal
        target={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          notice.showSuccess(t('savedDone', { model: saved.model }));
          prices.reload();
        }}
      />
      <ConfirmModal
        title={removing ? t('removeTitle', { model: removing.model }) : null}
        body={t('removeBody')}
        confirmLabel={t('confirmRemove')}
        cancelLabel={t('cancel')}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          const { model } = removing;
          await run(async () => {
            await billing.deletePrice(model);
            return t('removedDone', { model });
          });
          setRemoving(null);
        }}
      />
    </>
  );
}
