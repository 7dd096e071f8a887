// The dashboards' calls. They go through the app's client (Accept-Language, the bearer token, one
// silent refresh); the indicator and today's-queue endpoints are typed here by their contract.
import { api, call, callWithResponse } from '../api/client';
import { indicatorSearch, exportFileName, type IndicatorQuery, type IndicatorReport } from './indicators';

type Num = number | string;

export interface TodayByService {
  service: string;
  purpose: 'submission' | 'pick-up' | string;
  waiting: Num;
  served: Num;
  averageWaitMinutes: Num | null;
  normMinutes: Num | null;
}

/** GET /api/v1/offices/{id}/dashboard/today. */
export interface TodayQueue {
  waiting: Num;
  called: Num;
  served: Num;
  noShow: Num;
  averageWaitMinutes: Num | null;
  longestWaitingMinutes: Num | null;
  overNorm: Num;
  byService: TodayByService[];
}

type Localized = { kk: string; ru: string; en: string };

/** One indicator number of GET /api/v1/indicators/definitions: how the platform computes it, from what. */
export interface IndicatorDefinition {
  number: string;
  groupNumber?: string;
  group?: Localized;
  text: Localized;
  method: Localized;
  sources: string[];
  measurable: boolean;
  noDataReason?: string | null;
}

type Result = { data?: unknown; error?: unknown; response: Response };
// The same client without the generated path types, for the endpoints typed by hand above.
const loose = api as unknown as {
  GET(path: string, init?: { params?: { path?: Record<string, string>; query?: Record<string, string> }; parseAs?: 'json' | 'blob' }): Promise<Result>;
};

export function loadIndicators(query: IndicatorQuery): Promise<IndicatorReport> {
  return call(loose.GET('/api/v1/indicators', { params: { query: indicatorSearch(query) } })) as Promise<IndicatorReport>;
}

export async function loadDefinitions(): Promise<IndicatorDefinition[]> {
  return ((await call(loose.GET('/api/v1/indicators/definitions'))) as { items: IndicatorDefinition[] }).items;
}

export function loadTodayQueue(officeId: string): Promise<TodayQueue> {
  return call(loose.GET('/api/v1/offices/{id}/dashboard/today', { params: { path: { id: officeId } } })) as Promise<TodayQueue>;
}

/** The export as a file: fetched with the session's token (a new tab would have none) and saved. */
export async function downloadIndicators(query: IndicatorQuery, format: 'csv' | 'xlsx'): Promise<string> {
  const { data, response } = await callWithResponse(loose.GET('/api/v1/indicators/export', {
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
