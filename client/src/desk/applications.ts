// Calls of the clerk's desk: applications with their ETag (every change sends it back as
// If-Match), the printable documents fetched with the session's token, the office's windows.
import { api, call, callWithResponse, type Schemas } from '../api/client';

export type Application = Schemas['ApplicationView'];
export type ApplicationSummary = Schemas['ApplicationSummary'];
export type Acknowledgement = Schemas['AcknowledgementSlip'];
export type HistoryEvent = Schemas['ApplicationEvent'];

export const STATUSES = [
  'submitted', 'in-review', 'approved', 'ready-for-issue', 'issued', 'refused', 'withdrawn', 'suspended',
] as const;
export type Status = (typeof STATUSES)[number];

export const ACTIONS = ['start-review', 'approve', 'mark-ready', 'issue', 'refuse', 'withdraw', 'suspend', 'resume'] as const;
export type Action = (typeof ACTIONS)[number];

export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

export function isAction(value: string): value is Action {
  return (ACTIONS as readonly string[]).includes(value);
}

export interface Versioned {
  application: Application;
  etag: string;
}

function etagOf(response: Response, application: Application): string {
  return response.headers.get('ETag') ?? `"${application.version}"`;
}

export async function loadApplication(id: string): Promise<Versioned> {
  const { data, response } = await callWithResponse(api.GET('/api/v1/applications/{id}', { params: { path: { id } } }));
  return { application: data, etag: etagOf(response, data) };
}

export async function loadHistory(id: string): Promise<HistoryEvent[]> {
  return (await call(api.GET('/api/v1/applications/{id}/history', { params: { path: { id } } }))).events;
}

export type ActionBody =
  | Schemas['RefuseRequest']
  | Schemas['IssueRequest']
  | Schemas['ReasonRequest']
  | undefined;

/** A change of status, with If-Match: the ETag the page holds. */
export async function changeStatus(id: string, action: Action, etag: string, body?: ActionBody): Promise<Versioned> {
  // One path per action in the generated types; they share the shape, so one call serves them all.
  const path = `/api/v1/applications/{id}/${action}` as '/api/v1/applications/{id}/refuse';
  const { data, response } = await callWithResponse(api.POST(path, {
    params: { path: { id }, header: { 'If-Match': etag } },
    body: body as Schemas['RefuseRequest'],
  }));
  return { application: data, etag: etagOf(response, data) };
}

export async function recordReceipt(id: string, etag: string, receipt: Schemas['ReceiptRequest']): Promise<Versioned> {
  const { data, response } = await callWithResponse(api.POST('/api/v1/applications/{id}/receipts', {
    params: { path: { id }, header: { 'If-Match': etag } },
    body: receipt,
  }));
  return { application: data, etag: etagOf(response, data) };
}

type CalendarDay = { date: string; working: boolean };

/** Working days from the API's calendar (holidays, carried-over days off), today and the next weeks. */
export async function loadWorkingDays(from: string, to: string): Promise<Map<string, boolean>> {
  // The calendar endpoint declares no response shape in the OpenAPI document.
  const data = (await call(api.GET('/api/v1/calendar/days', { params: { query: { from, to } } }))) as unknown as { days?: CalendarDay[] };
  return new Map((data.days ?? []).map((day) => [day.date, day.working]));
}

export type Exams = Schemas['ExamsView'];
export type ExamRequest = Schemas['RecordExamRequest'];

/** Statuses in which the examination unit records exams (driver-licence §14–15); the API refuses later ones. */
export const EXAM_STATUSES: readonly string[] = ['submitted', 'in-review', 'suspended'];

/** The exams of a driver-licence application (driver-licence §14–15). */
export async function loadExams(id: string): Promise<Exams> {
  return call(api.GET('/api/v1/driver-licences/applications/{id}/exams', { params: { path: { id } } }));
}

/** Records an exam result with If-Match: the application's ETag the page holds; answers with the new one. */
export async function recordExam(id: string, etag: string, exam: ExamRequest): Promise<{ exams: Exams; etag: string }> {
  const { data, response } = await callWithResponse(api.POST('/api/v1/driver-licences/applications/{id}/exams', {
    params: { path: { id }, header: { 'If-Match': etag } },
    body: exam,
  }));
  return { exams: data, etag: response.headers.get('ETag') ?? `"${data.version}"` };
}
