// The dashboards' calls, through the app's client (Accept-Language, the bearer token, one silent refresh).
import { api, call, callWithResponse, type Schemas } from '../api/client';
import { indicatorSearch, exportFileName, type IndicatorQuery, type IndicatorReport } from './indicators';

export type TodayQueue = Schemas['QueueToday'];
export type IndicatorDefinition = Schemas['IndicatorDefinitionResponse'];

export function loadIndicators(query: IndicatorQuery): Promise<IndicatorReport> {
  return call(api.GET('/api/v1/indicators', { params: { query: indicatorSearch(query) } }));
}

export async function loadDefinitions(): Promise<IndicatorDefinition[]> {
  return (await call(api.GET('/api/v1/indicators/definitions'))).items;
}

export function loadTodayQueue(officeId: string): Promise<TodayQueue> {
  return call(api.GET('/api/v1/offices/{id}/dashboard/today', { params: { path: { id: officeId } } }));
}

/** The export as a file: fetched with the session's token (a new tab would have none) and saved. */
export async function downloadIndicators(query: IndicatorQuery, format: 'csv' | 'xlsx'): Promise<string> {
  const { data, response } = await callWithResponse(api.GET('/api/v1/indicators/export', {
    params: { query: { ...indicatorSearch(query), format } },
    parseAs: 'blob',
  }));
  const name = exportFileName(query, format, response.headers.get('Content-Disposition'));
  const url = URL.createObjectURL(data as Blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.style.display = 'none';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has started the download; the URL is no longer needed once it has been read.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return name;
}
