// Catalogue look-ups shared by the public pages and the desk.
import { api, call, type Schemas } from '../api/client';
import { todayInAlmaty } from '../i18n/format';

export type ServiceEntry = Schemas['ServiceEntry'];
export type FeeQuote = Schemas['FeeQuoteResponse'];

export async function loadServices(): Promise<ServiceEntry[]> {
  return (await call(api.GET('/api/v1/services'))).items;
}

export type ServiceSummary = Schemas['ServiceSummary'];

/** The catalogue's cards: a few kilobytes instead of the whole catalogue (GET /services/summary). */
export async function loadServiceSummaries(): Promise<ServiceSummary[]> {
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
