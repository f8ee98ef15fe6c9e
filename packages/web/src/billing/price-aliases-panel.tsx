import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ApiQuery } from '../api/use-api-query.js';
import { FormErrorAlert, missingFields, useApiForm } from '../app/api-form.js';
import { EmptyResult, ErrorState, LoadingState } from '../app/page-states.js';
import { useMessages } from '../i18n/locale-context.js';
import type { PriceAlias } from './billing-api.js';
import { pricingMessages } from './pricing-messages.js';
import { useBillingApi } from './use-billing-api.js';

/** The alias list and a one-line form to add one. */
export function PriceAliasesPanel(props: {
  aliases: ApiQuery<{ items: PriceAlias[] }>;
  onAdded(alias: PriceAlias): void;
}) {
  const t = useMessages(pricingMessages);
  const billing = useBillingApi();
  const { fieldErrors, formError, isSubmitting, submit, errorId } = useApiForm();
  const [values, setValues] = useState({ alias: '', model: '' });
  const { aliases } = props;

  async function add() {
    const ok = await submit(
      async () => {
        props.onAdded(await billing.addAlias({ alias: values.alias.trim(), model: values.model.trim() }));
      },
      missingFields(values, ['alias', 'model'], t('required')),
    );
    if (ok) setValues({ alias: '', model: '' });
  }

  const items = aliases.data?.items;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('aliasesIntro')}
      </Text>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <FormErrorAlert id={errorId} title={t('formError')} message={formError} />
        <Group align="flex-start" gap="sm" mt={formError ? 'sm' : 0}>
          <TextInput
            label={t('fieldAlias')}
            placeholder="gpt-4-turbo"
            value={values.alias}
            error={fieldErrors.alias}
            onChange={(event) => setValues({ ...values, alias: event.currentTarget.value })}
          />
          <TextInput
            label={t('fieldTarget')}
            placeholder="gpt-4"
            value={values.model}
            error={fieldErrors.model}
            onChange={(event) => setValues({ ...values, model: event.currentTarget.value })}
          />
          <Button type="submit" mt={25} loading={isSubmitting}>
            {t('addAlias')}
          </Button>
        </Group>
      </form>
      {aliases.error !== undefined && !aliases.isLoading ? (
        <ErrorState error={aliases.error} onRetry={aliases.reload} />
      ) : !items ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <EmptyResult title={t('noAliasesTitle')} description={t('noAliasesBody')} />
      ) : (
        <Table verticalSpacing="xs" data-testid="aliases-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fieldAlias')}</Table.Th>
              <Table.Th>{t('fieldTarget')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((alias) => (
              <Table.Tr key={alias.alias}>
                <Table.Td>{alias.alias}</Table.Td>
                <Table.Td>{alias.model}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
