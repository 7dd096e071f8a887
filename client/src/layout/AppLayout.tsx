import { AppShell, Anchor, Box, Button, Container, Group, Text, Title } from '@mantine/core';
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
  /** Shown only to staff of this role (the unit head's workload). */
  role?: string;
}

// Intake forms and application pages are reached from the inbox.
const NAV: NavItem[] = [
  { to: '/catalogue', label: 'nav.catalogue' },
  { to: '/offices', label: 'nav.offices' },
  { to: '/status', label: 'nav.statusCheck' },
  { to: '/desk/inbox', label: 'nav.inbox', staffOnly: true },
  { to: '/desk', label: 'nav.desk', staffOnly: true },
  { to: '/desk/workload', label: 'nav.workload', staffOnly: true, role: 'unit-head' },
  { to: '/desk/weapons', label: 'weapons.register.link', staffOnly: true, service: 'weapon-registration' },
  { to: '/desk/vehicles', label: 'vehicles.register.link', staffOnly: true, service: 'vehicle-registration' },
  { to: '/desk/address-bureau', label: 'address.link', staffOnly: true, service: 'address-certificate' },
];

/** The items the session may see: staff-only ones once signed in, a service's only to its staff. */
export function visibleNav(services: readonly string[] | null, role?: string | null): NavItem[] {
  return NAV.filter((item) => (!item.staffOnly || services !== null) && (!item.service || (services ?? []).includes(item.service))
    && (!item.role || item.role === role));
}

/** The item of the longest path the current one starts with (/desk/applications/… is the inbox's). */
function activeItem(pathname: string): string | undefined {
  const own = NAV.some((item) => item.service && (pathname === item.to || pathname.startsWith(`${item.to}/`)));
  const path = !own && pathname.startsWith('/desk/') && pathname !== '/desk/' ? '/desk/inbox' : pathname;
  return NAV.map((item) => item.to).filter((to) => path === to || path.startsWith(`${to}/`)).sort((a, b) => b.length - a.length)[0];
}

export function AppLayout() {
  const { t } = useI18n();
  const state = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const signedIn = state.status === 'signed-in';

  const onSignOut = async () => {
    await signOut();
    navigate('/sign-in', { state: { signedOut: true } });
  };

  return (
    <AppShell header={{ height: 64 }} padding="md">
      <AppShell.Header>
        <Container size="xl" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="lg" wrap="nowrap">
              <Anchor component={RouterLink} to="/catalogue" underline="never" c="inherit">
                <Title order={3} lh={1}>{t('app.title')}</Title>
                <Text size="xs" c="dimmed">{t('app.subtitle')}</Text>
              </Anchor>
              <Group gap="sm" component="nav" aria-label="main" wrap="nowrap">
                {visibleNav(signedIn ? state.actor.services ?? [] : null, signedIn ? state.actor.role : null).map((item) => (
                  <Anchor
                    key={item.to}
                    component={RouterLink}
                    to={item.to}
                    fw={activeItem(location.pathname) === item.to ? 700 : 400}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {t(item.label)}
                  </Anchor>
                ))}
              </Group>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <LanguageSwitch />
              {signedIn ? (
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" data-testid="signed-in-as">{state.actor.displayName}</Text>
                  <Button size="xs" variant="default" onClick={onSignOut}>{t('nav.signOut')}</Button>
                </Group>
              ) : (
                <Button
                  size="xs"
                  component={RouterLink}
                  to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}
                >
                  {t('nav.signIn')}
                </Button>
              )}
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="xl">
          <Box py="md">
            <Outlet />
          </Box>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
