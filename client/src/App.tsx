import { useState } from 'react';
import {
  DEFAULT_THEME, MantineProvider, createTheme, darken, defaultVariantColorsResolver, parseThemeColor, type CSSVariablesResolver, type MantineColorsTuple,
} from '@mantine/core';
import { RouterProvider, createBrowserRouter, createMemoryRouter } from 'react-router-dom';
import { I18nProvider } from './i18n/I18nProvider';
import type { Language } from './i18n/messages';
import { routes } from './routes';

// Shade 9 of every colour for filled backgrounds and coloured text, and dark text on light fills:
// axe-core's contrast check (4.5:1) fails Mantine's default shade 6 (cyan 2.78:1, green 2.55:1).
const theme = createTheme({
  primaryColor: 'cyan',
  primaryShade: { light: 9, dark: 8 },
  autoContrast: true,
  // Orange 9 (#d9480f) is 4.29:1 on white: the countdown's "due today" needs a darker one.
  colors: { orange: [...DEFAULT_THEME.colors.orange.slice(0, 9), '#b8400d'] as unknown as MantineColorsTuple },
  // Light badges and alerts: their text one step darker than shade 9 on the light tint (3.8:1 otherwise).
  variantColorResolver: (input) => {
    const colors = defaultVariantColorsResolver(input);
    const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
    if (input.variant === 'light' && parsed.isThemeColor && parsed.color in input.theme.colors) {
      return { ...colors, color: darken(input.theme.colors[parsed.color]![9], 0.3) };
    }
    return colors;
  },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
});

// Dimmed text in gray 7 (#495057, 8:1 on white) instead of gray 6 (3.3:1).
const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});

export function Providers({ children, language }: { children: React.ReactNode; language?: Language }) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariables}>
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
