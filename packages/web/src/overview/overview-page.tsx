import { Card, Group, SimpleGrid, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router-dom';
import { navigationSections } from '../app/navigation-registry.js';
import { type NavigationPage, sectionsVisibleTo } from '../app/navigation-types.js';
import { EmptyResult, PageHeader } from '../app/page-states.js';
import { accountMessages } from '../i18n/account-messages.js';
import { useLocale, useMessages } from '../i18n/locale-context.js';
import { useSession } from '../session/session-context.js';

function PageCard({ page }: { page: NavigationPage }) {
  const { locale } = useLocale();
  const Icon = page.icon;
  return (
    <UnstyledButton component={Link} to={page.path} style={{ display: 'block' }}>
      <Card withBorder padding="lg" radius="md" h="100%">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <ThemeIcon size={40} radius="md" variant="light">
            <Icon size={22} />
          </ThemeIcon>
          <div>
            <Text fw={600}>{page.label(locale)}</Text>
            {page.description && (
              <Text size="sm" c="dimmed" mt={4}>
                {page.description(locale)}
              </Text>
            )}
          </div>
        </Group>
      </Card>
    </UnstyledButton>
  );
}

export function OverviewPage() {
  const t = useMessages(accountMessages);
  const { locale } = useLocale();
  const { user } = useSession();
  const sections = sectionsVisibleTo(navigationSections, user?.role);
  const serviceSections = sections.filter((section) => section.isService);
  const adminSections = sections.filter((section) => section.requiredRole === 'admin');

  return (
    <>
      <PageHeader
        title={t('overviewTitle', { username: user?.username ?? '' })}
        subtitle={t('overviewSubtitle')}
      />
      <Title order={3} size="h4" mb="sm">
        {t('overviewServicesTitle')}
      </Title>
      {serviceSections.length === 0 ? (
        <Card withBorder radius="md" mb="xl">
          <EmptyResult title={t('overviewNoServicesTitle')} description={t('overviewNoServicesBody')} />
        </Card>
      ) : (
        serviceSections.map((section) => (
          <SimpleGrid
            key={section.id}
            cols={{ base: 1, sm: 2, lg: 3 }}
            mb="xl"
            aria-label={section.label(locale)}
          >
            {section.pages.map((page) => (
              <PageCard key={page.path} page={page} />
            ))}
          </SimpleGrid>
        ))
      )}
      {adminSections.length > 0 && (
        <>
          <Title order={3} size="h4" mb="sm">
            {t('overviewAdminTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {adminSections.flatMap((section) =>
              section.pages.map((page) => <PageCard key={page.path} page={page} />),
            )}
          </SimpleGrid>
        </>
      )}
    </>
  );
}
