import { useState } from 'react';
import { MantineProvider, createTheme } from '@mantine/core';
import { RouterProvider, createBrowserRouter, createMemoryRouter } from 'react-router-dom';
import { I18nProvider } from './i18n/I18nProvider';
import type { Language } from './i18n/messages';
import { routes } from './routes';

const theme = createTheme({
  primaryColor: 'cyan',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
});

export function Providers({ children, language }: { children: React.ReactNode; language?: Language }) {
  return (
    <MantineProvider theme={theme}>
      <I18nProvider initial={language}>{children}</I18nProvider>
    </MantineProvider>
  );
}

export function App() {
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  );
}

/** The app at a path, in memory (component tests). */
export function TestApp({ path, language }: { path: string; language?: Language }) {
  const [router] = useState(() => createMemoryRouter(routes, { initialEntries: [path] }));
  return (
    <Providers language={language}>
      <RouterProvider router={router} />
    </Providers>
  );
}
