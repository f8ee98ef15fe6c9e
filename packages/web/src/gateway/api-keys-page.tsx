import { ActionIcon, Badge, Button, Code, Menu, Paper, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useApiQuery } from '../api/use-api-query.js';
import { MoreIcon } from '../app/app-icons.js';
import { useErrorText } from '../app/error-text.js';
import { EmptyResult, ErrorState, LoadingState, PageHeader } from '../app/page-states.js';
import { formatMicros } from '../billing/micro-units.js';
import { commonMessages } from '../i18n/common-messages.js';
import { formatDateTime } from '../i18n/date-format.js';
import { useLocale, useMessages } from '../i18n/locale-context.js';
import { ApiKeyDrawer } from './api-key-drawer.js';
import { isExpired } from './api-key-form.js';
import { apiKeyMessages } from './api-key-messages.js';
import { ApiKeySecretModal } from './api-key-secret-modal.js';
import { ConfirmModal } from './confirm-modal.js';
import { NoticeAlert, useNotice } from './console-notice.js';
import type { PublicApiKey } from './gateway-api.js';
import { KeyIcon } from './gateway-icons.js';
import { useGatewayApi } from './use-gateway-api.js';

function KeyLimits({ apiKey }: { apiKey: PublicApiKey }) {
  const t = useMessages(apiKeyMessages);
  const limits = [
    apiKey.rpm !== null && t('rpmLimit', { rpm: apiKey.rpm }),
    apiKey.tpm !== null && t('tpmLimit', { tpm: apiKey.tpm }),
    typeof apiKey.quota_micros === 'number' &&
      t('quotaLimit', {
        used: formatMicros(apiKey.quota_used_micros ?? 0),
        amount: formatMicros(apiKey.quota_micros),
      }),
  ].filter((limit): limit is string => Boolean(limit));
  return <Text size="sm">{limits.length > 0 ? limits.join(' · ') : t('noLimits')}</Text>;
}

function KeyRow(props: {
  apiKey: PublicApiKey;
  onToggle(enabled: boolean): void;
  onEdit(): void;
  onDelete(): void;
}) {
  const t = useMessages(apiKeyMessages);
  const common = useMessages(commonMessages);
  const { locale } = useLocale();
  const { apiKey } = props;
  return (
    <Table.Tr data-key-name={apiKey.name}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {apiKey.name}
        </Text>
        <Code>{apiKey.key_hint}</Code>
      </Table.Td>
      <Table.Td>
        <Switch
          checked={apiKey.enabled}
          aria-label={t('toggleKey', { name: apiKey.name })}
          onChange={(event) => props.onToggle(event.currentTarget.checked)}
        />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{apiKey.group}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" title={apiKey.models?.join(', ')}>
          {apiKey.models && apiKey.models.length > 0
            ? apiKey.models.length <= 2
              ? apiKey.models.join(', ')
              : t('modelCount', { count: apiKey.models.length })
            : t('allModels')}
        </Text>
      </Table.Td>
      <Table.Td>
        <KeyLimits apiKey={apiKey} />
      </Table.Td>
      <Table.Td>
        {isExpired(apiKey, Date.now()) ? (
          <Badge miw="max-content" color="red">
            {t('expired')}
          </Badge>
        ) : (
          <Text size="sm">{formatDateTime(apiKey.expires_at, locale) ?? common('never')}</Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={apiKey.last_used_at ? undefined : 'dimmed'}>
          {formatDateTime(apiKey.last_used_at, locale) ?? common('never')}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Menu position="bottom-end" shadow="md" width={180}>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('actionsFor', { name: apiKey.name })}>
              <MoreIcon />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={props.onEdit}>{t('edit')}</Menu.Item>
            <Menu.Divider />
            <Menu.Item color="red" onClick={props.onDelete}>
              {t('delete')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
}

export function ApiKeysPage() {
  const t = useMessages(apiKeyMessages);
  const errorText = useErrorText();
  const gateway = useGatewayApi();
  const keys = useApiQuery(() => gateway.listKeys(), 'api-keys');
  const notice = useNotice();
  const [drawer, setDrawer] = useState<{ apiKey: PublicApiKey | null } | null>(null);
  const [deleting, setDeleting] = useState<PublicApiKey | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  async function run(action: () => Promise<string>) {
    notice.clear();
    try {
      notice.showSuccess(await action());
    } catch (error) {
      notice.showFailure(errorText(error));
    }
    keys.reload();
  }

  const items = keys.data?.items;
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={<Button onClick={() => setDrawer({ apiKey: null })}>{t('newKey')}</Button>}
      />
      <Paper p="lg">
        <NoticeAlert notice={notice.notice} onClose={notice.clear} testId="api-keys-notice" />
        {keys.error !== undefined && !keys.isLoading ? (
          <ErrorState error={keys.error} onRetry={keys.reload} />
        ) : !items ? (
          <LoadingState />
        ) : items.length === 0 ? (
          <EmptyResult title={t('noKeysTitle')} description={t('noKeysBody')} icon={<KeyIcon size={28} />} />
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" highlightOnHover data-testid="api-keys-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('columnName')}</Table.Th>
                  <Table.Th>{t('columnEnabled')}</Table.Th>
                  <Table.Th>{t('columnGroup')}</Table.Th>
                  <Table.Th>{t('columnModels')}</Table.Th>
                  <Table.Th>{t('columnLimits')}</Table.Th>
                  <Table.Th>{t('columnExpires')}</Table.Th>
                  <Table.Th>{t('columnLastUsed')}</Table.Th>
                  <Table.Th ta="right">{t('columnActions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((apiKey) => (
                  <KeyRow
                    key={apiKey.id}
                    apiKey={apiKey}
                    onToggle={(enabled) =>
                      void run(async () => {
                        await gateway.patchKey(apiKey.id, { enabled });
                        return t(enabled ? 'enabledDone' : 'disabledDone', { name: apiKey.name });
                      })
                    }
                    onEdit={() => setDrawer({ apiKey })}
                    onDelete={() => setDeleting(apiKey)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <ApiKeyDrawer
        isOpen={drawer !== null}
        apiKey={drawer?.apiKey ?? null}
        onClose={() => setDrawer(null)}
        onCreated={(_created, createdSecret) => {
          setDrawer(null);
          setSecret(createdSecret);
          keys.reload();
        }}
        onSaved={(saved) => {
          setDrawer(null);
          notice.showSuccess(t('savedDone', { name: saved.name }));
          keys.reload();
        }}
      />
      <ApiKeySecretModal secret={secret} onClose={() => setSecret(null)} />
      <ConfirmModal
        title={deleting ? t('deleteTitle', { name: deleting.name }) : null}
        body={t('deleteBody')}
        confirmLabel={t('confirmDelete')}
        cancelLabel={t('cancel')}
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          const { id, name } = deleting;
          await run(async () => {
            await gateway.deleteKey(id);
            return t('deletedDone', { name });
          });
          setDeleting(null);
        }}
      />
    </>
  );
}
