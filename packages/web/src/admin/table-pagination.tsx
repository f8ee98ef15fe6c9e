import { Group, Pagination, Text } from '@mantine/core';
import { commonMessages } from '../i18n/common-messages.js';
import { useMessages } from '../i18n/locale-context.js';

export function TablePagination(props: {
  page: number;
  pageSize: number;
  total: number;
  onChange(page: number): void;
}) {
  const { page, pageSize, total, onChange } = props;
  const t = useMessages(commonMessages);
  if (total === 0) return null;
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" mt="md" wrap="wrap">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('paginationSummary', { from, to, total })}
      </Text>
      <Pagination
        total={Math.max(1, Math.ceil(total / pageSize))}
        value={page}
        onChange={onChange}
        size="sm"
      />
    </Group>
  );
}
