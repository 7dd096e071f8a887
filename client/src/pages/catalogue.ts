// Catalogue look-ups shared by the public pages and the desk.
import { api, call, type Schemas } from '../api/client';
import { todayInAlmaty } from '../i18n/format';

export type ServiceEntry = Schemas['ServiceEntry'];
export type FeeQuote = Schemas['FeeQuoteResponse'];

export async function loadServices(): Promise<ServiceEntry[]> {
  return (await call(api.GET('/api/v1/services'))).items;
}

export type ServiceSummary = Schemas['ServiceSummary'];

let embedded: ServiceSummary[] | undefined;

/**
 * The summary written into the catalogue page's HTML at build time (scripts/prerender.mjs, from
 * api/openapi/services-summary.json, which a test keeps equal to GET /services/summary): the first
 * render draws the cards from it, over the cards already painted from the HTML (issue 22, 4G).
 * None on any other page, or when the page was built without it.
 */
export function embeddedServiceSummaries(): ServiceSummary[] | undefined {
  if (embedded || typeof document === 'undefined') return embedded;
  const element = document.getElementById('kazgov-services-summary');
  if (!element?.textContent) return undefined;
  try {
    embedded = (JSON.parse(element.textContent) as Schemas['ServiceSummaryList']).items;
  } catch {
    // A damaged copy: the page asks the API as it would without one.
  }
  return embedded;
}

/** The prerender (src/prerender/catalogue.tsx) hands the summary over here, where there is no document. */
export function provideServiceSummaries(items: ServiceSummary[]): void {
  embedded = items;
}

/** The catalogue's cards: a few kilobytes instead of the whole catalogue (GET /services/summary). */
export async function loadServiceSummaries(): Promise<ServiceSummary[]> {
  // index.html starts this request with the page on the catalogue's paths, before the app's code
  // is in (issue 22, 4G): taken once; any failure there falls back to the ordinary call.
  const early = typeof window === 'undefined' ? undefined : (window as { __kazgovSummary?: Promise<Response> }).__kazgovSummary;
  if (early) {
    delete (window as { __kazgovSummary?: Promise<Response> }).__kazgovSummary;
    try {
      const response = await early;
      if (response.ok) return ((await response.json()) as Schemas['ServiceSummaryList']).items;
    } catch {
      // the ordinary call below says what went wrong
    }
  }
  return (await call(api.GET('/api/v1/services/summary'))).items;
}

/** Today's quote of a summarised service that has fee items; none for a free one. */
export async function quoteSummaryToday(service: ServiceSummary, now: Date = new Date()): Promise<FeeQuote | null> {
  if (service.free || !service.hasFeeItems) return null;
  return call(api.GET('/api/v1/fees/quote', {
    params: { query: { service: service.code, paymentDate: todayInAlmaty(now) } },
  }));
}

export async function loadService(code: string): Promise<ServiceEntry> {
  return call(api.GET('/api/v1/services/{code}', { params: { path: { code } } }));
}

/** Today's quote (all fee items) of a service that has fees; none for a free one. */
export async function quoteToday(service: ServiceEntry, now: Date = new Date()): Promise<FeeQuote | null> {
  if (service.fees.free || service.fees.items.length === 0) return null;
  return call(api.GET('/api/v1/fees/quote', {
    params: { query: { service: service.code, paymentDate: todayInAlmaty(now) } },
  }));
}

/** The smallest and the largest line of a quote (a service may have several fee items). */
export function feeRange(quote: FeeQuote): { min: number; max: number } {
  const amounts = quote.lines.map((line) => Number(line.amount));
  return { min: Math.min(...amounts), max: Math.max(...amounts) };
}
