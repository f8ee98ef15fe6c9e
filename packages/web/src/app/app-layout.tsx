import {
  AppShell,
  Avatar,
  Badge,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { commonMessages } from '../i18n/common-messages.js';
import { useLocale, useMessages } from '../i18n/locale-context.js';
import { useSession } from '../session/session-context.js';
import { BrandMark, LogoutIcon, UserIcon } from './app-icons.js';
import { LanguageSwitcher } from './language-switcher.js';
import { navigationSections } from './navigation-registry.js';
import { type NavigationPage, sectionsVisibleTo } from './navigation-types.js';
import { LoadingState } from './page-states.js';

function isActivePage(page: NavigationPage, pathname: string): boolean {
  return page.path === '/'
    ? pathname === '/'
    : pathname === page.path || pathname.startsWith(`${page.path}/`);
}

function UserMenu() {
  const { user, signOut } = useSession();
  const t = useMessages(commonMessages);
  if (!user) return null;
  return (
    <Menu position="bottom-end" width={220} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={t('accountMenu')} data-testid="user-menu">
          <Group gap={8} wrap="nowrap">
            <Avatar size={30} radius="xl" color="indigo">
              {user.username.slice(0, 2).toUpperCase()}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm">
              {user.username}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('signedInAs', { username: user.username })}</Menu.Label>
        <Menu.Item leftSection={<UserIcon size={16} />} component={Link} to="/profile">
          {t('navProfile')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<LogoutIcon size={16} />} onClick={signOut}>
          {t('logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function AppLayout() {
  const [isNavOpen, { toggle, close }] = useDisclosure(false);
  const { user } = useSession();
  const { locale } = useLocale();
  const t = useMessages(commonMessages);
  const { pathname } = useLocation();
  const sections = sectionsVisibleTo(navigationSections, user?.role);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !isNavOpen } }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={isNavOpen}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('toggleNavigation')}
            />
            <UnstyledButton component={Link} to="/" aria-label={t('appName')}>
              <Group gap={10} wrap="nowrap">
                <BrandMark />
                <Text fw={700} size="lg">
                  {t('appName')}
                </Text>
              </Group>
            </UnstyledButton>
            {user?.role === 'admin' && (
              <Badge color="indigo" visibleFrom="sm">
                {t('roleAdmin')}
              </Badge>
            )}
          </Group>
          <Group gap="md" wrap="nowrap">
            <LanguageSwitcher />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('mainNavigation')}>
        <ScrollArea>
          {sections.map((section) => (
            <div key={section.id} data-section={section.id}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mt="md" mb={6}>
                {section.label(locale)}
              </Text>
              {section.pages.map((page) => {
                const Icon = page.icon;
                const isActive = isActivePage(page, pathname);
                return (
                  <NavLink
                    key={page.path}
                    component={Link}
                    to={page.path}
                    label={page.label(locale)}
                    leftSection={<Icon />}
                    active={isActive}
                    aria-current={isActive ? 'page' : undefined}
                    onClick={close}
                    variant="light"
                    style={{ borderRadius: 'var(--mantine-radius-md)' }}
                  />
                );
              })}
            </div>
          ))}
        </ScrollArea>
      </AppShell.Navbar>

      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <Suspense fallback={<LoadingState minHeight={320} />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
