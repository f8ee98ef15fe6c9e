import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { lazy, type ReactNode, Suspense } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { commonMessages } from '../i18n/common-messages.js';
import { useMessages } from '../i18n/locale-context.js';
import { useSession } from '../session/session-context.js';
import { AppLayout } from './app-layout.js';
import { navigationSections } from './navigation-registry.js';
import { sectionsVisibleTo } from './navigation-types.js';
import { LoadingState } from './page-states.js';

const LoginPage = lazy(async () => ({ default: (await import('../auth/login-page.js')).LoginPage }));
const SignupPage = lazy(async () => ({ default: (await import('../auth/signup-page.js')).SignupPage }));

function RequireSignedIn({ children }: { children: ReactNode }) {
  const { status, endReason } = useSession();
  const location = useLocation();
  if (status === 'loading') return <LoadingState minHeight={400} />;
  if (status === 'signed-out') {
    const params = new URLSearchParams();
    if (endReason) params.set('reason', endReason);
    if (location.pathname !== '/' && endReason !== 'logged-out')
      params.set('next', location.pathname + location.search);
    const search = params.toString();
    return <Navigate to={`/login${search ? `?${search}` : ''}`} replace />;
  }
  return children;
}

function RequireSignedOut({ children }: { children: ReactNode }) {
  const { status } = useSession();
  if (status === 'loading') return <LoadingState minHeight={400} />;
  if (status === 'signed-in') return <Navigate to="/" replace />;
  return children;
}

export function NotFoundPage() {
  const t = useMessages(commonMessages);
  return (
    <Center mih={360}>
      <Stack align="center" gap="sm" maw={420} ta="center">
        <Text fz={48} fw={800} c="indigo.3">
          404
        </Text>
        <Title order={2}>{t('notFoundTitle')}</Title>
        <Text c="dimmed">{t('notFoundBody')}</Text>
        <Button component={Link} to="/" variant="light" mt="sm">
          {t('backToOverview')}
        </Button>
      </Stack>
    </Center>
  );
}

export function AppRoutes() {
  const { user } = useSession();
  // Routes exist only for sections this user may see; anything else falls through to 404.
  const sections = sectionsVisibleTo(navigationSections, user?.role);
  return (
    <Suspense fallback={<LoadingState minHeight={400} />}>
      <Routes>
        <Route
          path="/login"
          element={
            <RequireSignedOut>
              <LoginPage />
            </RequireSignedOut>
          }
        />
        <Route
          path="/signup"
          element={
            <RequireSignedOut>
              <SignupPage />
            </RequireSignedOut>
          }
        />
        <Route
          element={
            <RequireSignedIn>
              <AppLayout />
            </RequireSignedIn>
          }
        >
          {sections.flatMap((section) => [
            ...section.pages.map((page) => (
              <Route key={page.path} path={page.path} element={<page.page />} />
            )),
            ...(section.routes ?? []).map((route) => (
              <Route key={route.path} path={route.path} element={<route.page />} />
            )),
          ])}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
