import { useEffect, useState } from 'react';
import { PageTitle } from '../components/PageTitle';
import { Alert, Button, Card, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { signIn, useSession } from '../auth/auth';
import { loginOf } from '../auth/session';
import { isApiProblem, type Problem } from '../api/problem';
import { ProblemAlert } from '../components/ProblemAlert';
import { useI18n } from '../i18n/I18nProvider';

/**
 * Only a path of this app may follow sign-in (never another site); otherwise the inbox, or for an
 * administrator (who sees no applications) the integrator clients, for a unit head the office's
 * dashboard, for an auditor the ministry's view.
 */
export function safeNext(next: string | null, role?: string | null): string {
  if (next && next.startsWith('/') && !next.startsWith('//')) return next;
  if (role === 'admin') return '/desk/admin/clients';
  if (role === 'unit-head') return '/desk/dashboard';
  if (role === 'auditor') return '/desk/ministry';
  return '/desk/inbox';
}

export function SignInPage() {
  const { t } = useI18n();
  const state = useSession();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'), state.status === 'signed-in' ? state.actor.role : null);
  const reason = params.get('reason');
  const [username, setUsername] = useState(state.status === 'expired' ? loginOf(state.actor) : '');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (state.status === 'signed-in') navigate(next, { replace: true });
  }, [state.status, next, navigate]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await signIn(username.trim(), password);
    } catch (error) {
      setProblem(isApiProblem(error) ? error.problem : { code: 'unexpected-response', title: String(error), status: 0 });
      setBusy(false);
    }
  };

  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut;
  return (
    <Stack maw={420} mx="auto" gap="md">
      <PageTitle>{t('signIn.title')}</PageTitle>
      <Text c="dimmed">{t('signIn.intro')}</Text>
      {reason === 'expired' && <Alert color="yellow" data-testid="session-expired">{t('signIn.expired')}</Alert>}
      {reason === 'required' && <Alert color="blue">{t('signIn.required')}</Alert>}
      {signedOut && <Alert color="gray" data-testid="signed-out">{t('signIn.signedOut')}</Alert>}
      {problem && <ProblemAlert problem={problem} />}
      <Card withBorder padding="lg">
        <form onSubmit={submit}>
          <Stack gap="sm">
            <TextInput
              label={t('signIn.username')}
              name="username"
              autoComplete="username"
              required
              value={username}
              onChange={(event) => setUsername(event.currentTarget.value)}
            />
            <PasswordInput
              label={t('signIn.password')}
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <Button type="submit" loading={busy}>{t('signIn.submit')}</Button>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
