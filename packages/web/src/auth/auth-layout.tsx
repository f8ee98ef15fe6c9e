import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { BrandMark } from '../app/app-icons.js';
import { LanguageSwitcher } from '../app/language-switcher.js';
import { commonMessages } from '../i18n/common-messages.js';
import { useMessages } from '../i18n/locale-context.js';

export function AuthLayout(props: {
  title: string;
  subtitle: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  const t = useMessages(commonMessages);
  return (
    <Box
      mih="100vh"
      style={{
        background:
          'radial-gradient(circle at 15% 10%, var(--mantine-color-indigo-1), transparent 40%), radial-gradient(circle at 90% 90%, var(--mantine-color-cyan-1), transparent 45%), var(--mantine-color-gray-0)',
      }}
    >
      <Group justify="space-between" p="md">
        <Group gap={10}>
          <BrandMark />
          <Text fw={700} size="lg">
            {t('appName')}
          </Text>
        </Group>
        <LanguageSwitcher />
      </Group>
      <Center px="md" py={48}>
        <Stack w="100%" maw={420} gap="lg">
          <div>
            <Title order={1} fz={28} ta="center">
              {props.title}
            </Title>
            <Text c="dimmed" ta="center" mt={6}>
              {props.subtitle}
            </Text>
          </div>
          <Paper p="xl" shadow="sm">
            {props.children}
          </Paper>
          <Text ta="center" size="sm" c="dimmed">
            {props.footer}
          </Text>
          <Text ta="center" size="xs" c="dimmed">
            {t('tagline')}
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
