import { Button, Group, Modal, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { FormErrorAlert, useApiForm } from '../app/api-form.js';
import { useMessages } from '../i18n/locale-context.js';
import type { ModelPrice } from './billing-api.js';
import {
  checkPriceForm,
  type EditablePriceField,
  emptyPriceForm,
  formToPriceUpsert,
  type PriceFormValues,
  priceToForm,
} from './price-form.js';
import { pricingMessages } from './pricing-messages.js';
import { useBillingApi } from './use-billing-api.js';

const fieldLabels = {
  input: 'columnInput',
  cache_read: 'columnCacheRead',
  cache_write: 'columnCacheWrite',
  output: 'columnOutput',
  reasoning: 'columnReasoning',
} as const satisfies Record<EditablePriceField, string>;

/**
 * Edit (or create, with `model` only) a model's price. Amounts are typed in currency per 1M tokens
 * and sent as exact integer micro-units.
 */
export function PriceEditModal(props: {
  target: { price: ModelPrice | null; model: string } | null;
  onClose(): void;
  onSaved(price: ModelPrice): void;
}) {
  const t = useMessages(pricingMessages);
  const billing = useBillingApi();
  const { fieldErrors, formError, isSubmitting, submit, reset, errorId } = useApiForm();
  const [values, setValues] = useState<PriceFormValues>(emptyPriceForm);
  const { target } = props;

  useEffect(() => {
    if (!target) return;
    setValues(target.price ? priceToForm(target.price) : { ...emptyPriceForm, model: target.model });
    reset();
  }, [target, reset]);

  const setPrice = (field: EditablePriceField, text: string) =>
    setValues((current) => ({ ...current, prices: { ...current.prices, [field]: text } }));

  async function save() {
    const clientErrors = Object.fromEntries(
      Object.entries(checkPriceForm(values)).map(([field, problem]) => [field, t(problem ?? 'required')]),
    );
    await submit(async () => {
      props.onSaved(await billing.upsertPrice(values.model.trim(), formToPriceUpsert(values)));
    }, clientErrors);
  }

  const isExisting = Boolean(target?.price);
  return (
    <Modal
      opened={target !== null}
      onClose={props.onClose}
      title={isExisting ? t('editTitle', { model: values.model }) : t('createTitle')}
      size="lg"
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Stack gap="md">
          <FormErrorAlert id={errorId} title={t('formError')} message={formError} />
          <SimpleGrid cols={2}>
            <TextInput
              label={t('fieldModel')}
              required
              disabled={isExisting}
              value={values.model}
              error={fieldErrors.model}
              onChange={(event) => setValues({ ...values, model: event.currentTarget.value })}
            />
            <TextInput
              label={t('fieldCurrency')}
              description={t('currencyHint')}
              maxLength={3}
              value={values.currency}
              error={fieldErrors.currency}
              onChange={(event) =>
                setValues({ ...values, currency: event.currentTarget.value.toUpperCase() })
              }
            />
          </SimpleGrid>
          <SimpleGrid cols={2}>
            {(Object.keys(fieldLabels) as EditablePriceField[]).map((field) => (
              <TextInput
                key={field}
                label={t(fieldLabels[field])}
                description={field === 'reasoning' ? t('reasoningHint') : t('priceHint')}
                inputMode="decimal"
                rightSection={values.currency}
                rightSectionWidth={48}
                value={values.prices[field]}
                error={fieldErrors[field]}
                onChange={(event) => setPrice(field, event.currentTarget.value)}
              />
            ))}
          </SimpleGrid>
          <Switch
            label={t('fieldActive')}
            description={t('activeHint')}
            checked={values.isActive}
            onChange={(event) => setValues({ ...values, isActive: event.currentTarget.checked })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {t('save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
