import { MantineProvider } from '@mantine/core';
import { BrowserRouter } from 'react-router-dom';
import { LocaleProvider } from '../i18n/locale-context.js';
import { SessionProvider } from '../session/session-context.js';
import { AppRoutes } from './app-routes.js';
import { appTheme } from './app-theme.js';

export function AppRoot() {
  return (
    <MantineProvider theme={appTheme} defaultColorScheme="light">
      <LocaleProvider>
        <SessionProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </SessionProvider>
      </LocaleProvider>
    </MantineProvider>
  );
}
