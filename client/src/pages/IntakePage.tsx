// The intake page: the clerk picks one of the services they serve at their office, and the shared
// frame (src/intake/IntakeForm.tsx) takes the application with that service's section
// (src/intake/registry.ts), or the generic fallback. /desk/intake/:service or /desk/intake?service=.
import { useState } from 'react';
import { PageTitle } from '../components/PageTitle';
import { Alert, Select, Stack, Text } from '@mantine/core';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, call } from '../api/client';
import { useApi } from '../api/useApi';
import { useSession } from '../auth/auth';
import type { ActorProfile } from '../auth/session';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Loading';
import type { Acknowledgement } from '../desk/applications';
import { useI18n } from '../i18n/I18nProvider';
import type { Language } from '../i18n/messages';
import { IntakeForm } from '../intake/IntakeForm';
import { sectionFor, servableServices } from '../intake/registry';
import { Slip } from '../intake/Slip';
import { loadService, loadServices, quoteToday, type ServiceEntry } from './catalogue';

export { IntakeForm };

export function IntakePage() {
  const state = useSession();
  if (state.status !== 'signed-in') return null;
  return <Intake actor={state.actor} />;
}

/** The catalogue and the office's services: which services this clerk can take here. */
async function loadChoices(actor: ActorProfile) {
  const [services, office] = await Promise.all([
    loadServices(),
    actor.officeId
      ? call(api.GET('/api/v1/offices/{id}', { params: { path: { id: actor.officeId } } }))
      : Promise.resolve(null),
  ]);
  return { services, servable: servableServices(services.map((s) => s.code), actor.services, office?.services ?? null) };
}

function Intake({ actor }: { actor: ActorProfile }) {
  const { t, pick } = useI18n();
  const params = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const code = params.service ?? search.get('service') ?? '';
  const choices = useApi(() => loadChoices(actor), [actor.officeId, actor.services.join(',')]);
  const servable = choices.data?.servable ?? [];
  const served = code !== '' && servable.includes(code);

  if (!actor.officeId) {
    return (
      <Stack gap="md">
        <PageTitle>{t('intake.titleGeneric')}</PageTitle>
        <Alert color="yellow">{t('intake.noOffice')}</Alert>
      </Stack>
    );
  }
  if (choices.problem) return <ProblemAlert problem={choices.problem} onRetry={choices.reload} />;
  if (!choices.data) return <Loading />;
  // One service: nothing to choose.
  if (code === '' && servable.length === 1) return <Navigate to={`/desk/intake/${servable[0]}`} replace />;

  const names = new Map(choices.data.services.map((s) => [s.code, pick(s.name)]));
  const chooser = (
    <Select
      label={t('intake.service')}
      placeholder={t('intake.chooseService')}
      data={servable.map((c) => ({ value: c, label: names.get(c) ?? c }))}
      value={served ? code : null}
      onChange={(value) => value && navigate(`/desk/intake/${value}`)}
      allowDeselect={false}
      maw={640}
      data-testid="service-choice"
    />
  );
  return (
    <Stack gap="md">
      {!served && (
        <>
          <PageTitle>{t('intake.titleGeneric')}</PageTitle>
          {code !== '' && <Alert color="yellow" data-testid="not-served">{t('intake.notServed', { service: code })}</Alert>}
          {servable.length === 0 && <Alert color="yellow">{t('intake.noServices')}</Alert>}
          {chooser}
        </>
      )}
      {served && <ServiceIntake key={code} code={code} officeId={actor.officeId} chooser={servable.length > 1 ? chooser : null} />}
    </Stack>
  );
}

function ServiceIntake({ code, officeId, chooser }: { code: string; officeId: string; chooser: React.ReactNode }) {
  const { t, pick } = useI18n();
  const loaded = useApi(async () => {
    const service = await loadService(code);
    return { service, quote: await quoteToday(service) };
  }, [code]);
  const [submitted, setSubmitted] = useState<{ slip: Acknowledgement; language: Language }>();
  const section = sectionFor(code);
  const service: ServiceEntry | undefined = loaded.data?.service;
  return (
    <Stack gap="md">
      <PageTitle>{section.title ? t(section.title) : t('intake.titleGeneric')}</PageTitle>
      {service && !section.title && <Text c="dimmed" data-testid="intake-service">{pick(service.name)}</Text>}
      {!submitted && chooser}
      {loaded.problem && <ProblemAlert problem={loaded.problem} onRetry={loaded.reload} />}
      {loaded.loading && !loaded.data && <Loading />}
      {submitted && loaded.data && (
        <Slip slip={submitted.slip} language={submitted.language} service={loaded.data.service} onNext={() => setSubmitted(undefined)} />
      )}
      {!submitted && loaded.data && (
        <IntakeForm officeId={officeId} service={loaded.data.service} quote={loaded.data.quote} onSubmitted={(slip, language) => setSubmitted({ slip, language })} />
      )}
    </Stack>
  );
}
