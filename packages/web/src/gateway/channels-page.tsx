import { ActionIcon, Badge, Button, Group, Menu, Paper, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useApiQuery } from '../api/use-api-query.js';
import { MoreIcon } from '../app/app-icons.js';
import { useErrorText } from '../app/error-text.js';
import { EmptyResult, ErrorState, LoadingState, PageHeader } from '../app/page-states.js';
import { useMessages } from '../i18n/locale-context.js';
import { ChannelDrawer } from './channel-drawer.js';
import { channelMessages } from './channel-messages.js';
import { ChannelStatusBadge } from './channel-status-badge.js';
import { ConfirmModal } from './confirm-modal.js';
import { NoticeAlert, useNotice } from './console-notice.js';
import type { PublicChannel } from './gateway-api.js';
import { ChannelIcon } from './gateway-icons.js';
import { useGatewayApi } from './use-gateway-api.js';

const shownModelCount = 3;

function LastTestBadge({ channel }: { channel: PublicChannel }) {
  const t = useMessages(channelMessages);
  const test = channel.last_test;
  if (!test)
    return (
      <Text size="sm" c="dimmed">
        {t('notTested')}
      </Text>
    );
  if (test.outcome === 'ok')
    return (
      <Badge miw="max-content" color="teal">
        {t('testOk', { latency: test.latency_ms ?? 0 })}
      </Badge>
    );
  return (
    <Tooltip label={test.error ?? test.outcome} multiline maw={360} withArrow>
      <Badge miw="max-content" color="red" tabIndex={0}>
        {t('testFailed')}
      </Badge>
    </Tooltip>
  );
}

function ChannelRow(props: {
  channel: PublicChannel;
  isTesting: boolean;
  onTest(): void;
  onEdit(): void;
  onToggle(): void;
  onDelete(): void;
}) {
  const t = useMessages(channelMessages);
  const { channel } = props;
  const hidden = channel.models.length - shownModelCount;
  return (
    <Table.Tr data-channel={channel.name}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {channel.name}
        </Text>
        <Text size="xs" c="dimmed">
          {channel.vendor ?? channel.type} · {channel.base_url}
        </Text>
      </Table.Td>
      <Table.Td>
        <ChannelStatusBadge status={channel.status} reason={channel.status_reason} />
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {channel.models.slice(0, shownModelCount).map((model) => (
            <Badge miw="max-content" key={model} color="gray" tt="none">
              {model}
            </Badge>
          ))}
          {hidden > 0 && (
            <Tooltip label={channel.models.slice(shownModelCount).join(', ')} multiline maw={360}>
              <Text size="xs" c="dimmed" tabIndex={0}>
                {t('moreModels', { count: hidden })}
              </Text>
            </Tooltip>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{channel.groups.join(', ')}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{t('priorityWeight', { priority: channel.priority, weight: channel.weight })}</Text>
        <Text size="xs" c="dimmed">
          {t('keyCount', { count: channel.key_count })}
        </Text>
      </Table.Td>
      <Table.Td>
        <LastTestBadge channel={channel} />
      </Table.Td>
      <Table.Td ta="right">
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          <Button size="xs" variant="light" loading={props.isTesting} onClick={props.onTest}>
            {t('test')}
          </Button>
          <Menu position="bottom-end" shadow="md" width={180}>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={t('actionsFor', { name: channel.name })}>
                <MoreIcon />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={props.onEdit}>{t('edit')}</Menu.Item>
              <Menu.Item onClick={props.onToggle}>
                {channel.status === 'enabled' ? t('disable') : t('enable')}
              </Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" onClick={props.onDelete}>
                {t('delete')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

export function ChannelsPage() {
  const t = useMessages(channelMessages);
  const errorText = useErrorText();
  const gateway = useGatewayApi();
  const channels = useApiQuery(() => gateway.listChannels(), 'channels');
  const notice = useNotice();
  const [drawer, setDrawer] = useState<{ channel: PublicChannel | null } | null>(null);
  const [deleting, setDeleting] = useState<PublicChannel | null>(null);
  const [testingId, setTestingId] = useState<string | null>(null);

  async function run(action: () => Promise<string>) {
    notice.clear();
    try {
      notice.showSuccess(await action());
    } catch (error) {
      notice.showFailure(errorText(error));
    }
    channels.reload();
  }

  async function test(channel: PublicChannel) {
    notice.clear();
    setTestingId(channel.id);
    try {
      const result = await gateway.testChannel(channel.id);
      const values = { name: channel.name, model: result.model, latency: result.latency_ms ?? 0 };
      if (result.ok) notice.showSuccess(t('testDone', values));
      else notice.showFailure(t('testFailedNotice', { ...values, error: result.error ?? '' }));
    } catch (error) {
      notice.showFailure(errorText(error));
    } finally {
      setTestingId(null);
    }
    channels.reload();
  }

  const items = channels.data?.items;
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={<Button onClick={() => setDrawer({ channel: null })}>{t('newChannel')}</Button>}
      />
      <Paper p="lg">
        <NoticeAlert notice={notice.notice} onClose={notice.clear} testId="channels-notice" />
        {channels.error !== undefined && !channels.isLoading ? (
          <ErrorState error={channels.error} onRetry={channels.reload} />
        ) : !items ? (
          <LoadingState />
        ) : items.length === 0 ? (
          <EmptyResult
            title={t('noChannelsTitle')}
            description={t('noChannelsBody')}
            icon={<ChannelIcon size={28} />}
          />
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" highlightOnHover data-testid="channels-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('columnName')}</Table.Th>
                  <Table.Th>{t('columnStatus')}</Table.Th>
                  <Table.Th>{t('columnModels')}</Table.Th>
                  <Table.Th>{t('columnGroups')}</Table.Th>
                  <Table.Th>{t('columnRouting')}</Table.Th>
                  <Table.Th>{t('columnLastTest')}</Table.Th>
                  <Table.Th ta="right">{t('columnActions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((channel) => (
                  <ChannelRow
                    key={channel.id}
                    channel={channel}
                    isTesting={testingId === channel.id}
                    onTest={() => void test(channel)}
                    onEdit={() => setDrawer({ channel })}
                    onToggle={() =>
                      void run(async () => {
                        const isEnabling = channel.status !== 'enabled';
                        await gateway.patchChannel(channel.id, {
                          status: isEnabling ? 'enabled' : 'disabled',
                        });
                        return t(isEnabling ? 'enabledDone' : 'disabledDone', { name: channel.name });
                      })
                    }
                    onDelete={() => setDeleting(channel)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <ChannelDrawer
        isOpen={drawer !== null}
        channel={drawer?.channel ?? null}
        onClose={() => setDrawer(null)}
        onSaved={(channel, mode) => {
          setDrawer(null);
          notice.showSuccess(t(mode === 'create' ? 'createdDone' : 'savedDone', { name: channel.name }));
          channels.reload();
        }}
      />
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
            await gateway.deleteChannel(id);
            return t('deletedDone', { name });
          });
          setDeleting(null);
        }}
      />
    </>
  );
}
