import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiProblem, type Problem } from './problem';
import { useI18n } from '../i18n/I18nProvider';

export interface ApiState<T> {
  data: T | undefined;
  problem: Problem | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data for a page and loads it again when deps or the UI language change, so that texts
 * and problems the API localises always match the language on screen. `initial`: data the page
 * already has (the catalogue's summary, written into its HTML): the first render shows it and
 * nothing is loaded until deps, the language or a reload ask for it.
 */
export function useApi<T>(load: () => Promise<T>, deps: readonly unknown[], initial?: T): ApiState<T> {
  const { language } = useI18n();
  const [state, setState] = useState<{ data?: T; problem?: Problem; loading: boolean }>(() =>
    initial === undefined ? { loading: true } : { data: initial, loading: false });
  const [attempt, setAttempt] = useState(0);
  const skipFirst = useRef(initial !== undefined);

  useEffect(() => {
    if (skipFirst.current) {
      skipFirst.current = false;
      return;
    }
    let current = true;
    setState((previous) => ({ data: previous.data, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => {
        if (!current) return;
        if (isApiProblem(error)) setState({ problem: error.problem, loading: false });
        else setState({ problem: { code: 'unexpected-response', title: String(error), status: 0 }, loading: false });
      },
    );
    return () => {
      current = false;
    };
    // load is a new closure on every render; deps say when it means something new.
  }, [language, attempt, ...deps]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data: state.data, problem: state.problem, loading: state.loading, reload };
}
