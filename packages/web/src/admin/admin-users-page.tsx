import { ActionIcon, Alert, Badge, Group, Menu, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { PublicUser, UserRole } from '../api/identity-api.js';
import { useApiQuery } from '../api/use-api-query.js';
import { MoreIcon, SearchIcon, UsersIcon } from '../app/app-icons.js';
import { useErrorText } from '../app/error-text.js';
import { EmptyResult, ErrorState, LoadingState, PageHeader } from '../app/page-states.js';
import { UserBalanceButton } from '../billing/user-balance-button.js';
import { commonMessages } from '../i18n/common-messages.js';
import { formatDateTime } from '../i18n/date-format.js';
import { useLocale, useMessages } from '../i18n/locale-context.js';
import { useSession } from '../session/session-context.js';
import { adminMessages } from './admin-messages.js';
import { ResetPasswordModal } from './reset-password-modal.js';
import { TablePagination } from './table-pagination.js';

const pageSize = 20;

interface Notice {
  color: 'teal' | 'red';
  message: string;
}

function UserActions(props: {
  user: PublicUser;
  onPatch(patch: { is_disabled?: boolean; role?: UserRole }): void;
  onReset(): void;
}) {
  const { user, onPatch, onReset } = props;
  const t = useMessages(adminMessages);
  return (
    <Menu position="bottom-end" shadow="md" width={220}>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('actionsFor', { username: user.username })}>
          <MoreIcon />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => onPatch({ role: user.role === 'admin' ? 'user' : 'admin' })}>
          {user.role === 'admin' ? t('makeUser') : t('makeAdmin')}
        </Menu.Item>
        <Menu.Item onClick={onReset}>{t('resetPassword')}</Menu.Item>
        <Menu.Divider />
        <Menu.Item
          color={user.is_disabled ? 'teal' : 'red'}
          onClick={() => onPatch({ is_disabled: !user.is_disabled })}
        >
          {user.is_disabled ? t('enable') : t('disable')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function UserFilters(props: {
  query: string;
  role: string | null;
  status: string | null;
  onChange(next: { query?: string; role?: string | null; status?: string | null }): void;
}) {
  const t = useMessages(adminMessages);
  const common = useMessages(commonMessages);
  return (
    <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
      <TextInput
        label={t('searchLabel')}
        placeholder={t('searchPlaceholder')}
        leftSection={<SearchIcon size={16} />}
        type="search"
        value={props.query}
        onChange={(event) => props.onChange({ query: event.currentTarget.value })}
        style={{ flex: '1 1 240px' }}
      />
      <Select
        label={t('roleFilter')}
        placeholder={t('anyRole')}
        clearable
        value={props.role}
        onChange={(role) => props.onChange({ role })}
        data={[
          { value: 'admin', label: common('roleAdmin') },
          { value: 'user', label: common('roleUser') },
        ]}
        w={180}
      />
      <Select
        label={t('statusFilter')}
        placeholder={t('anyStatus')}
        clearable
        value={props.status}
        onChange={(status) => props.onChange({ status })}
        data={[
          { value: 'active', label: t('onlyActive') },
          { value: 'disabled', label: t('onlyDisabled') },
        ]}
        w={180}
      />
    </Group>
  );
}

function UsersTable(props: {
  users: PublicUser[];
  currentUserId: string | undefined;
  onPatch(user: PublicUser, patch: { is_disabled?: boolean; role?: UserRole }): void;
  onReset(user: PublicUser): void;
}) {
  const t = useMessages(adminMessages);
  const common = useMessages(commonMessages);
  const { locale } = useLocale();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('columnUser')}</Table.Th>
            <Table.Th>{t('columnRole')}</Table.Th>
            <Table.Th>{t('columnStatus')}</Table.Th>
            <Table.Th>{t('columnCreated')}</Table.Th>
            <Table.Th>{t('columnLastLogin')}</Table.Th>
            <Table.Th ta="right">{t('columnActions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.users.map((user) => (
            <Table.Tr key={user.id} data-username={user.username}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {user.username}
                  {user.id === props.currentUserId && (
                    <Text span c="dimmed" fw={400}>
                      {' '}
                      ({t('you')})
                    </Text>
                  )}
                </Text>
                {user.email && (
                  <Text size="xs" c="dimmed">
                    {user.email}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={user.role === 'admin' ? 'indigo' : 'gray'}>
                  {user.role === 'admin' ? common('roleAdmin') : common('roleUser')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Badge color={user.is_disabled ? 'red' : 'teal'}>
                  {user.is_disabled ? common('statusDisabled') : common('statusActive')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(user.created_at, locale)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={user.last_login_at ? undefined : 'dimmed'}>
                  {formatDateTime(user.last_login_at, locale) ?? common('never')}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <UserBalanceButton userId={user.id} username={user.username} />
                <UserActions
                  user={user}
                  onPatch={(patch) => props.onPatch(user, patch)}
                  onReset={() => props.onReset(user)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function AdminUsersPage() {
  const t = useMessages(adminMessages);
  const common = useMessages(commonMessages);
  const errorText = useErrorText();
  const { identity, user: currentUser } = useSession();
  const [filters, setFilters] = useState({
    query: '',
    role: null as string | null,
    status: null as string | null,
    page: 1,
  });
  const [debouncedQuery] = useDebouncedValue(filters.query.trim(), 250);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [resetTarget, setResetTarget] = useState<PublicUser | null>(null);
  const listQuery = {
    q: debouncedQuery || undefined,
    role: (filters.role ?? undefined) as UserRole | undefined,
    disabled: filters.status === null ? undefined : filters.status === 'disabled',
    page: filters.page,
    page_size: pageSize,
  };
  const users = useApiQuery(() => identity.listUsers(listQuery), JSON.stringify(listQuery));

  async function patchUser(user: PublicUser, patch: { is_disabled?: boolean; role?: UserRole }) {
    setNotice(null);
    try {
      const updated = await identity.patchUser(user.id, patch);
      const message =
        patch.is_disabled !== undefined
          ? t(updated.is_disabled ? 'disabledDone' : 'enabledDone', { username: updated.username })
          : t('roleDone', {
              username: updated.username,
              role: updated.role === 'admin' ? common('roleAdmin') : common('roleUser'),
            });
      setNotice({ color: 'teal', message });
      users.reload();
    } catch (error) {
      setNotice({ color: 'red', message: errorText(error) });
    }
  }

  const data = users.data;
  return (
    <>
      <PageHeader title={t('usersTitle')} subtitle={t('usersSubtitle')} />
      <Paper p="lg">
        <UserFilters
          query={filters.query}
          role={filters.role}
          status={filters.status}
          onChange={(next) => setFilters({ ...filters, ...next, page: 1 })}
        />
        {notice && (
          <Alert
            color={notice.color}
            variant="light"
            mb="md"
            role={notice.color === 'red' ? 'alert' : 'status'}
            withCloseButton
            onClose={() => setNotice(null)}
            data-testid="users-notice"
          >
            {notice.message}
          </Alert>
        )}
        {users.error !== undefined && !users.isLoading ? (
          <ErrorState error={users.error} onRetry={users.reload} />
        ) : !data ? (
          <LoadingState />
        ) : data.items.length === 0 ? (
          <EmptyResult
            title={t('noUsersTitle')}
            description={t('noUsersBody')}
            icon={<UsersIcon size={28} />}
          />
        ) : (
          <div aria-busy={users.isLoading}>
            <UsersTable
              users={data.items}
              currentUserId={currentUser?.id}
              onPatch={patchUser}
              onReset={setResetTarget}
            />
            <TablePagination
              page={data.page}
              pageSize={data.page_size}
              total={data.total}
              onChange={(page) => setFilters({ ...filters, page })}
            />
          </div>
        )}
      </Paper>
      <ResetPasswordModal
        user={resetTarget}
        onClose={() => setResetTarget(null)}
        onDone={(user) => {
          setResetTarget(null);
          setNotice({ color: 'teal', message: t('resetDone', { username: user.username }) });
        }}
      />
    </>
  );
}
