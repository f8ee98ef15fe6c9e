import { ActionIcon, Button, Group, Input, Stack, TextInput } from '@mantine/core';
import { useMessages } from '../i18n/locale-context.js';
import type { MappingRow } from './channel-form.js';
import { channelMessages } from './channel-messages.js';

/** Requested → upstream model name rows. */
export function ChannelMappingEditor(props: {
  rows: MappingRow[];
  error?: string;
  onChange(rows: MappingRow[]): void;
}) {
  const t = useMessages(channelMessages);
  const { rows, onChange } = props;
  const update = (index: number, patch: Partial<MappingRow>) =>
    onChange(rows.map((row, rowIndex) => (rowIndex === index ? { ...row, ...patch } : row)));
  return (
    <Input.Wrapper label={t('fieldMapping')} description={t('mappingHint')} error={props.error}>
      <Stack gap="xs" mt={6}>
        {rows.map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity while being typed.
          <Group key={index} gap="xs" wrap="nowrap" align="center">
            <TextInput
              aria-label={t('mappingRequested')}
              placeholder={t('mappingRequested')}
              value={row.requested}
              onChange={(event) => update(index, { requested: event.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <span aria-hidden="true">→</span>
            <TextInput
              aria-label={t('mappingUpstream')}
              placeholder={t('mappingUpstream')}
              value={row.upstream}
              onChange={(event) => update(index, { upstream: event.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('removeMapping')}
              onClick={() => onChange(rows.filter((_, rowIndex) => rowIndex !== index))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Button
          variant="light"
          size="xs"
          w="fit-content"
          onClick={() => onChange([...rows, { requested: '', upstream: '' }])}
        >
          {t('addMapping')}
        </Button>
      </Stack>
    </Input.Wrapper>
  );
}
