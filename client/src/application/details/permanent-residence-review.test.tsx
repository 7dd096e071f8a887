// The permanent-residence panel reads the §17 documents recorded so far (GET …/after-decision-documents),
// so a reload shows them ticked and fixed, and what is still missing; new ones are posted with If-Match.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { TestApp } from '../../App';
import { session, type ActorProfile } from '../../auth/session';

const clerk: ActorProfile = {
  id: 'staff:clerk.migration.astana', kind: 'staff', displayName: 'Жанар Қанатқызы Әбілова', position: null,
  role: 'clerk', officeId: 'migration-police-astana-e7769a19', services: ['permanent-residence'], scopes: [],
};
const ID = '01a222c5-9b27-7ce0-810f-a08164b8b281';
const text = (s: string) => ({ kk: s, ru: s, en: s });

const application = {
  id: ID, registrationNumber: 'E7769A19-2026-000003', service: 'permanent-residence', subType: null,
  officeId: clerk.officeId, channel: 'front-office', status: 'approved', allowedActions: ['mark-ready'],
  applicantType: 'other-lawful-stay',
  applicant: {
    kind: 'foreigner', iin: null, bin: null, travelDocument: null, lastName: 'Петров', firstName: 'Иван',
    middleName: null, organisationName: null, birthDate: '1984-06-21', citizenship: 'RU', phone: '+77011112233', email: null,
    language: 'ru', fullName: 'Петров Иван', subjectId: 'N1234567',
  },
  representative: null, documents: [],
  fees: { free: false, exemption: null, items: [], totalDue: 0, totalPaid: 0, settled: true },
  receipts: [], termVariant: 'default', term: 'P30D', acceptedAt: '2026-03-10T07:30:00Z',
  acceptedBy: { id: clerk.id, fullName: clerk.displayName, position: null },
  dueAt: '2026-04-20T13:00:00Z', dueDate: '2026-04-20', overdue: false, suspendedSince: null, eligibilityFindings: [],
  resultReference: null, refusal: null, issuance: null, version: 7, moduleData: { settlement: 'astana' },
};

function stubApi() {
  const seen: Request[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    seen.push(request);
    const url = new URL(request.url);
    const respond = (body: unknown, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json', ...headers } });
    const base = `/api/v1/migration/permanent-residence/applications/${ID}`;
    if (url.pathname === `${base}/after-decision-documents` && request.method === 'GET') {
      return respond({ applicationId: ID, recorded: ['residence-questionnaire'], missing: ['photos'], version: 7 });
    }
    if (url.pathname === `${base}/after-decision-documents`) return respond({ applicationId: ID, recorded: ['residence-questionnaire', 'photos'], missing: [], version: 8 });
    if (url.pathname === `${base}/checks`) return respond({ applicationId: ID, external: [], unansweredChecks: [], clerk: [], missingClerkGrounds: [], version: 7 });
    if (url.pathname === `/api/v1/applications/${ID}`) return respond(application, { ETag: '"7"' });
    if (url.pathname.endsWith('/history')) return respond({ applicationId: ID, registrationNumber: application.registrationNumber, events: [] });
    if (url.pathname === '/api/v1/services/permanent-residence') {
      return respond({ code: 'permanent-residence', name: text('ПМЖ'), fees: { free: false, items: [] }, issuanceWindows: [], refusalGrounds: [],
        documents: [{ applicantType: 'after-positive-decision', text: text(''), items: [
          { code: 'residence-questionnaire', text: text('Questionnaire') }, { code: 'photos', text: text('Photos') }, { code: 'fee-receipt', text: text('Receipt') },
        ] }] });
    }
    if (url.pathname === '/api/v1/calendar/days') return respond({ days: [] });
    return new Response('{}', { status: 404 });
  });
  return seen;
}

describe('the permanent-residence panel after the decision', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the recorded §17 documents ticked and fixed, the missing ones, and posts new ones with If-Match', async () => {
    const seen = stubApi();
    session.start('access', 'refresh', clerk);
    render(<TestApp path={`/desk/applications/${ID}`} language="en" />);

    const block = await screen.findByTestId('pr-after-decision');
    const missing = await within(block).findByTestId('after-decision-missing');
    expect(missing.getAttribute('data-missing')).toBe('photos');
    expect(missing.getAttribute('data-recorded')).toBe('residence-questionnaire');
    expect(missing.textContent).toContain('Photos');
    const box = (code: string) => block.querySelector(`input[data-after-document="${code}"]`) as HTMLInputElement;
    expect(box('residence-questionnaire').checked).toBe(true);
    expect(box('residence-questionnaire').disabled).toBe(true);
    expect(box('photos').checked).toBe(false);
    expect(box('fee-receipt')).toBeNull();

    fireEvent.click(box('photos'));
    fireEvent.click(within(block).getByRole('button', { name: 'Record the documents' }));
    await waitFor(() => expect(seen.some((r) => r.method === 'POST' && r.url.endsWith('/after-decision-documents'))).toBe(true));
    const sent = seen.find((r) => r.method === 'POST' && r.url.endsWith('/after-decision-documents'))!;
    expect(sent.headers.get('If-Match')).toBe('"7"');
    expect(await sent.clone().json()).toEqual({ documents: ['photos'] });
  });
});
