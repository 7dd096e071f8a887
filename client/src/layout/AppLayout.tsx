import { createContext, useContext, useEffect } from 'react';
import { AppShell, Anchor, Box, Burger, Button, Container, Group, Stack, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery, useReducedMotion } from '@mantine/hooks';
import { NavLink as RouterLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useI18n } from '../i18n/I18nProvider';
import { signOut, useSession } from '../auth/auth';
import type { MessageKey } from '../i18n/messages';

interface NavItem {
  to: string;
  label: MessageKey;
  staffOnly?: boolean;
  /** Shown only to staff who serve this service (the session actor's services). */
  service?: string;
  /** Shown only to staff of this role (the unit head's workload, the administrator's clients). */
  role?: string;
  /** Hidden from staff of these roles (administrators see no citizens' applications). */
  hiddenFrom?: readonly string[];
}

const NOT_ADMIN = ['admin'] as const;
// A unit head's desk is the office's dashboard, an auditor's the ministry's view (the header has no
// room for both).
const NOT_ADMIN_HEAD_AUDITOR = ['admin', 'unit-head', 'auditor'] as const;

// Intake forms and application pages are reached from the inbox.
const NAV: NavItem[] = [
  { to: '/catalogue', label: 'nav.catalogue' },
  { to: '/offices', label: 'nav.offices' },
  { to: '/status', label: 'nav.statusCheck' },
  { to: '/desk/dashboard', label: 'nav.dashboard', staffOnly: true, role: 'unit-head' },
  { to: '/desk/ministry', label: 'nav.ministry', staffOnly: true, role: 'auditor' },
  { to: '/desk/inbox', label: 'nav.inbox', staffOnly: true, hiddenFrom: NOT_ADMIN },
  { to: '/desk', label: 'nav.desk', staffOnly: true, hiddenFrom: NOT_ADMIN_HEAD_AUDITOR },
  { to: '/desk/workload', label: 'nav.workload', staffOnly: true, role: 'unit-head' },
  { to: '/desk/weapons', label: 'weapons.register.link', staffOnly: true, service: 'weapon-registration', hiddenFrom: NOT_ADMIN },
  { to: '/desk/vehicles', label: 'vehicles.register.link', staffOnly: true, service: 'vehicle-registration', hiddenFrom: NOT_ADMIN },
  { to: '/desk/address-bureau', label: 'address.link', staffOnly: true, service: 'address-certificate', hiddenFrom: NOT_ADMIN },
  { to: '/desk/admin/clients', label: 'clients.link', staffOnly: true, role: 'admin' },
];

/** The items the session may see: staff-only ones once signed in, a service's only to its staff. */
export function visibleNav(services: readonly string[] | null, role?: string | null): NavItem[] {
  return NAV.filter((item) => (!item.staffOnly || services !== null)
    && (!item.service || (services ?? []).includes(item.service))
    && (!item.role || item.role === role)
    && !(role && item.hiddenFrom?.includes(role)));
}

/** The item of the longest path the current one starts with (/desk/applications/… is the inbox's). */
function activeItem(pathname: string): string | undefined {
  const own = NAV.some((item) => (item.service || item.role) && (pathname === item.to || pathname.startsWith(`${item.to}/`)));
  const path = !own && pathname.startsWith('/desk/') && pathname !== '/desk/' ? '/desk/inbox' : pathname;
  return NAV.map((item) => item.to).filter((to) => path === to || path.startsWith(`${to}/`)).sort((a, b) => b.length - a.length)[0];
}

// Below this width (Mantine's lg, 75em = 1200 px) the links, the language switch and sign-in move
// into a panel behind the burger: nine links in Kazakh do not fit beside them on a laptop's half
// screen, let alone on a 360 px phone. One of the two is rendered, never both, so every control
// exists once on the page.
const WIDE = '(min-width: 75em)';
// Staff have up to nine links (a unit head's dashboard and workload, an auditor's ministry view
// and registers): beside the brand, the language switch and the account they overflow at 1280 px
// in Russian, so a signed-in header gives the links a row of their own (e2e/header-fit.mjs).
const ROW = 64;
const NAV_ROW = 40;

/** The width the build's prerender draws the layout at (src/prerender/catalogue.tsx); unset in the browser. */
export const PrerenderWidth = createContext<boolean | undefined>(undefined);

export function AppLayout() {
  const { t } = useI18n();
  const state = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const signedIn = state.status === 'signed-in';
  // Measured at the first render; the build's prerender (no window) draws both widths.
  const forcedWidth = useContext(PrerenderWidth);
  const measured = useMediaQuery(WIDE, true, { getInitialValueInEffect: false });
  const wide = forcedWidth ?? measured;
  const [opened, { toggle, close }] = useDisclosure(false);
  // Whoever asked their system for less motion gets the menu at once, not slid in.
  const reducedMotion = useReducedMotion();
  // A followed link closes the panel.
  useEffect(close, [location.pathname, location.search, close]);

  const onSignOut = async () => {
    await signOut();
    navigate('/sign-in', { state: { signedOut: true } });
  };

  const navRow = wide && signedIn;
  const active = activeItem(location.pathname);
  const links = visibleNav(signedIn ? state.actor.services ?? [] : null, signedIn ? state.actor.role : null).map((item) => (
    <Anchor
      key={item.to}
      component={RouterLink}
      to={item.to}
      fw={active === item.to ? 700 : 400}
      aria-current={active === item.to ? 'page' : undefined}
      style={{ whiteSpace: 'nowrap' }}
      py={wide ? 0 : 6}
    >
      {t(item.label)}
    </Anchor>
  ));
  const account = signedIn ? (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" data-testid="signed-in-as" truncate maw={wide ? 320 : undefined}>{state.actor.displayName}</Text>
      <Button size="xs" variant="default" onClick={onSignOut}>{t('nav.signOut')}</Button>
    </Group>
  ) : (
    <Button size="xs" component={RouterLink} to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}>
      {t('nav.signIn')}
    </Button>
  );

  return (
    <AppShell
      header={{ height: navRow ? ROW + NAV_ROW : ROW }}
      navbar={wide ? undefined : { width: 300, breakpoint: 100_000, collapsed: { mobile: !opened, desktop: !opened } }}
      padding="md"
      transitionDuration={reducedMotion ? 0 : 200}
    >
      <a href="#main" className="kazgov-skip-link" data-testid="skip-link">{t('nav.skip')}</a>
      <AppShell.Header data-no-print>
        <Container size="xl" h="100%">
          <Group h={ROW} justify="space-between" wrap="nowrap" gap="md" data-testid="header-top">
            <Group gap="lg" wrap="nowrap" miw={0}>
              <Anchor component={RouterLink} to="/catalogue" underline="never" c="inherit" miw={0}>
                <Text fw={700} fz="h3" lh={1}>{t('app.title')}</Text>
                <Text size="xs" c="dark.4" truncate>{t('app.subtitle')}</Text>
              </Anchor>
              {wide && !navRow && <Group gap="md" component="nav" aria-label="main" wrap="nowrap" data-testid="header-nav">{links}</Group>}
            </Group>
            {wide ? (
              <Group gap="sm" wrap="nowrap">
                <LanguageSwitch />
                {account}
              </Group>
            ) : (
              <Burger
                opened={opened}
                onClick={toggle}
                aria-label={t('nav.menu')}
                aria-expanded={opened}
                aria-controls="kazgov-menu"
                data-testid="menu-button"
              />
            )}
          </Group>
          {navRow && (
            <Group h={NAV_ROW} gap="md" component="nav" aria-label="main" wrap="nowrap" align="start" data-testid="header-nav">{links}</Group>
          )}
        </Container>
      </AppShell.Header>
      {!wide && (
        <AppShell.Navbar p="md" id="kazgov-menu" data-testid="menu" hidden={!opened} data-no-print>
          {/* Drawn when opened: the language switch measures itself, work a phone's first paint need not do (issue 22, 4G). */}
          {opened && (
            <Stack gap="md">
              <LanguageSwitch />
              {account}
              <Stack gap={0} component="nav" aria-label="main">{links}</Stack>
            </Stack>
          )}
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main" tabIndex={-1}>
        <Container size="xl" px={0}>
          <Box py="md">
            <Outlet />
          </Box>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
