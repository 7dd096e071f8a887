import { useState, type FormEvent } from 'react';
import { Alert, Button, Rating, Stack, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router-dom';
import { api, call, type Schemas } from '../api/client';
import { isApiProblem, type Problem } from '../api/problem';
import { useApi } from '../api/useApi';
import { Loading } from '../components/Loading';
import { ProblemAlert } from '../components/ProblemAlert';
import { useI18n } from '../i18n/I18nProvider';

type Scores = { quality: number; information: number; courtesy: number };
const QUESTIONS = ['quality', 'information', 'courtesy'] as const;

/** The page of the feedback link (public, /feedback?token=…): three scores 1–5, once per application. */
export function FeedbackPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [scores, setScores] = useState<Scores>({ quality: 0, information: 0, courtesy: 0 });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<Schemas['FeedbackResponse'] | null>(null);
  const [busy, setBusy] = useState(false);
  const link = useApi(() => call(api.GET('/api/v1/feedback/link', { params: { query: { token } } })), [token]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      setSaved(await call(api.POST('/api/v1/feedback', { body: { token, ...scores } })));
    } catch (error) {
      if (isApiProblem(error)) setProblem(error.problem);
      else throw error;
    } finally {
      setBusy(false);
    }
  };

  if (saved) return <Alert color="green" data-testid="feedback-thanks">{t('feedback.thanks')}</Alert>;
  if (link.problem) return <Stack maw={560}><Title order={1}>{t('feedback.title')}</Title><ProblemAlert problem={link.problem} /></Stack>;
  if (!link.data) return <Loading />;
  return (
    <Stack gap="md" maw={560}>
      <Title order={1}>{t('feedback.title')}</Title>
      <Text>{t('feedback.intro', { number: link.data.registrationNumber })}</Text>
      <form onSubmit={submit} data-testid="feedback-form">
        <Stack gap="md">
          {QUESTIONS.map((question) => (
            <Stack key={question} gap={4}>
              <Text fw={600} id={`feedback-${question}`}>{t(`feedback.${question}`)}</Text>
              <Rating
                size="xl"
                value={scores[question]}
                onChange={(value) => setScores({ ...scores, [question]: value })}
                aria-labelledby={`feedback-${question}`}
                data-testid={`feedback-${question}`}
              />
            </Stack>
          ))}
          {problem && <ProblemAlert problem={problem} />}
          <Button type="submit" loading={busy} disabled={QUESTIONS.some((q) => scores[q] === 0)} data-testid="feedback-submit">
            {t('feedback.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
