// The weapon-registration panel on the application page: the §18 checks (unanswered ones block
// approval), asked with the ETag the page holds; the §17 recipient (a proxy with a power of attorney)
// recorded before hand-over; the unit linked to the register; the register in the staff navigation.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { TestApp } from '../../App';
import { session, type ActorProfile } from '../../auth/session';
import { visibleNav } from '../../layout/AppLayout';
import { recipientBody, registerLink } from './weapon-registration-review';

const clerk: ActorProfile = {
  id: 'staff:clerk.weapons.astana', kind: 'staff', displayName: 'Бауыржан Серікұлы Әбенов', position: null,
  role: 'clerk', officeId: 'lrs-astana', services: ['weapon-registration'], scopes: [],
};
const ID = '01a222c5-9b27-7ce0-810f-a08164b8b280';
const text = (s: string) => ({ kk: s, ru: s, en: s });

const application = {
  id: ID, registrationNumber: 'LRS-2026-000001', service: 'weapon-registration', subType: 'storage-carry-permit',
  officeId: 'lrs-astana', channel: 'front-office', status: 'in-review', allowedActions: ['approve', 'suspend'],
  applicantType: 'individual-storage-carry',
  applicant: {
    kind: 'individual', iin: '850315300128', bin: null, travelDocument: null, lastName: 'Ахметов', firstName: 'Серік',
    middleName: null, organisationName: null, birthDate: '1985-03-15', citizenship: null, phone: '+77011234567', email: null,
    language: 'kk', fullName: 'Ахметов Серік', subjectId: '850315300128',
  },
  representative: null, documents: [],
  fees: { free: false, exemption: null, items: [], totalDue: 0, totalPaid: 0, settled: true },
  receipts: [], termVariant: 'default', term: 'P15D', acceptedAt: '2026-03-10T07:30:00Z',
  acceptedBy: { id: clerk.id, fullName: clerk.displayName, position: null },
  dueAt: '2026-03-31T13:00:00Z', dueDate: '2026-03-31', overdue: false, suspendedSince: null, eligibilityFindings: [],
  resultReference: null, refusal: null, issuance: null, version: 4,
  moduleData: { applicantKind: 'individual', unit: { type: 'smooth-bore', make: 'Иж 27', model: '27М', serial: 'E2E-SB-0001' } },
};

const check = (code: string, answeredAt: string | null) => ({
  check: code, source: 'ҚСАЕК', ground: 'conviction-not-expunged', subject: '850315300128', askedAt: '2026-03-10T07:31:00Z',
  answeredAt, answer: answeredAt ? 'clear' : null, reference: null, attempts: 3, error: answeredAt ? null : 'timeout',
});

const proxyRecipient = {
  applicationId: ID, receivedBy: 'proxy', proxyName: 'Ахметов Ерлан', proxyIin: '900101300126',
  powerOfAttorney: { number: 'СН-114', issuedOn: '2026-03-01', validUntil: '2027-03-01', issuedBy: 'Нотариус' }, version: 6,
};

function stubApi(current: object, checks: object, stored: object | null = null) {
  const seen: Request[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    seen.push(request);
    const url = new URL(request.url);
    const respond = (body: unknown, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json', ...headers } });
    if (url.pathname === `/api/v1/weapons/applications/${ID}/external-checks`) return respond(checks, { ETag: '"5"' });
    if (url.pathname === `/api/v1/weapons/applications/${ID}/checks`) return respond(checks);
    if (url.pathname === `/api/v1/weapons/applications/${ID}/recipient`) {
      if (request.method === 'GET') return respond(stored ?? { applicationId: ID, receivedBy: null, version: 4 });
      return respond(proxyRecipient, { ETag: '"6"' });
    }
    if (url.pathname === `/api/v1/applications/${ID}`) return respond(current, { ETag: '"4"' });
    if (url.pathname.endsWith('/history')) return respond({ applicationId: ID, registrationNumber: application.registrationNumber, events: [] });
    if (url.pathname === '/api/v1/services/weapon-registration') {
      return respond({ code: 'weapon-registration', name: text('Қару'), documents: [], fees: { free: false, items: [] }, issuanceWindows: [],
        refusalGrounds: [{ code: 'conviction-not-expunged', text: text('өтелмеген сотталғандық'), source: 'weapon-registration §18.7' }] });
    }
    if (url.pathname === '/api/v1/calendar/days') return respond({ days: [] });
    return new Response('{}', { status: 404 });
  });
  return seen;
}

describe('the weapon-registration panel', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('asks the agencies with the ETag it holds and says an unanswered check blocks approval', async () => {
    const checks = { applicationId: ID, checks: [check('criminal-record', '2026-03-10T07:31:05Z'), check('administrative-offences', null)],
      unansweredChecks: ['administrative-offences'], version: 5 };
    const seen = stubApi(application, checks);
    session.start('access', 'refresh', clerk);
    render(<TestApp path={`/desk/applications/${ID}`} language="en" />);

    const panel = await screen.findByTestId('weapon-checks');
    const blocking = await within(panel).findByTestId('weapon-checks-blocking');
    expect(blocking.textContent).toContain('Unanswered checks block approval (§18)');
    expect(blocking.textContent).toContain('Administrative offences (§18.3)');
    expect(panel.querySelector('[data-check="criminal-record"]')!.getAttribute('data-answer')).toBe('clear');
    expect(within(panel).queryByTestId('weapon-checks-complete')).toBeNull();
    expect(within(panel).getByTestId('weapon-register-link').getAttribute('href'))
      .toBe(`/desk/weapons?make=${encodeURIComponent('Иж').replace(/%20/g, '+')}+27&serial=E2E-SB-0001`);
    // No recipient before the decision.
    expect(screen.queryByTestId('weapon-recipient')).toBeNull();

    fireEvent.click(within(panel).getByRole('button', { name: 'Ask the agencies' }));
    await waitFor(() => expect(seen.some((r) => r.method === 'POST' && r.url.endsWith('/external-checks'))).toBe(true));
    expect(seen.find((r) => r.method === 'POST' && r.url.endsWith('/external-checks'))!.headers.get('If-Match')).toBe('"4"');
  });

  it('does not hold an organisation’s approval on the person checks (§13.10)', async () => {
    const organisation = { ...application, applicant: { ...application.applicant, kind: 'legal-entity', iin: null, bin: '100140000123' } };
    stubApi(organisation, { applicationId: ID, checks: [], unansweredChecks: ['criminal-record', 'administrative-offences'], version: 5 });
    session.start('access', 'refresh', clerk);
    render(<TestApp path={`/desk/applications/${ID}`} language="en" />);
    expect((await screen.findByTestId('weapon-checks-organisation')).textContent).toContain('not required');
    await screen.findByTestId('weapon-checks-none');
    expect(screen.queryByTestId('weapon-checks-blocking')).toBeNull();
  });

  it('says every check is answered when none is left', async () => {
    stubApi(application, { applicationId: ID, checks: [check('criminal-record', '2026-03-10T07:31:05Z')], unansweredChecks: [], version: 5 });
    session.start('access', 'refresh', clerk);
    render(<TestApp path={`/desk/applications/${ID}`} language="ru" />);
    expect((await screen.findByTestId('weapon-checks-complete')).textContent).toBe('Ответы на все проверки получены');
  });

  it('shows the recipient recorded before the page was opened (§17)', async () => {
    const approved = { ...application, status: 'ready-for-issue', allowedActions: ['issue'], resultReference: 'WP26-0000001' };
    stubApi(approved, { applicationId: ID, checks: [], unansweredChecks: [], version: 5 }, proxyRecipient);
    session.start('access', 'refresh', clerk);
    render(<TestApp path={`/desk/applications/${ID}`} language="en" />);

    expect((await screen.findByTestId('weapon-recipient-recorded')).textContent).toBe('Recorded: Ахметов Ерлан receives it, power of attorney СН-114');
  });

  it('records a proxy with the power of attorney before hand-over (§17)', async () => {
    const approved = { ...application, status: 'ready-for-issue', allowedActions: ['issue'], resultReference: 'WP26-0000001' };
    const seen = stubApi(approved, { applicationId: ID, checks: [], unansweredChecks: [], version: 5 });
    session.start('access', 'refresh', clerk);
    render(<TestApp path={`/desk/applications/${ID}`} language="en" />);

    const block = await screen.findByTestId('weapon-recipient');
    expect(within(block).getByText(/without it the permit cannot be issued/)).toBeTruthy();
    expect(screen.queryByTestId('weapon-recipient-recorded')).toBeNull();
    fireEvent.click(within(block).getByText('A proxy'));
    const type = (label: string, value: string) => fireEvent.change(within(block).getByLabelText(label), { target: { value } });
    type('Proxy’s full name', ' Ахметов Ерлан ');
    type('Proxy’s IIN', '900101300126');
    type('Power of attorney number', 'СН-114');
    type('Power of attorney issued on', '2026-03-01');
    type('Power of attorney valid until', '2027-03-01');
    type('Power of attorney issued by', 'Нотариус');
    fireEvent.click(within(block).getByRole('button', { name: 'Record the recipient' }));

    expect((await screen.findByTestId('weapon-recipient-recorded')).textContent).toBe('Recorded: Ахметов Ерлан receives it, power of attorney СН-114');
    const sent = seen.find((r) => r.method === 'PUT' && r.url.endsWith('/recipient'))!;
    expect(sent.headers.get('If-Match')).toBe('"4"');
    expect(await sent.clone().json()).toEqual({
      receivedBy: 'proxy',
      proxy: { fullName: 'Ахметов Ерлан', iin: '900101300126', powerOfAttorney: { number: 'СН-114', issuedOn: '2026-03-01', validUntil: '2027-03-01', issuedBy: 'Нотариус' } },
    });
  });
});

describe('weapon register links', () => {
  it('link a unit by make and serial, nothing without both', () => {
    expect(registerLink({ make: 'Hatsan', serial: 'PN-1' })).toBe('/desk/weapons?make=Hatsan&serial=PN-1');
    expect(registerLink({ make: 'Hatsan', serial: ' ' })).toBeNull();
    expect(registerLink(null)).toBeNull();
  });

  it('the applicant receives without a proxy', () => {
    expect(recipientBody({ receivedBy: 'applicant', fullName: 'x', iin: '', number: '', issuedOn: '', validUntil: '', issuedBy: '' }))
      .toEqual({ receivedBy: 'applicant', proxy: null });
  });

  it('the register is in the navigation of weapon-registration staff only', () => {
    const has = (services: string[] | null) => visibleNav(services).some((item) => item.to === '/desk/weapons');
    expect(has(['weapon-registration'])).toBe(true);
    expect(has(['driver-licence'])).toBe(false);
    expect(has(null)).toBe(false);
    expect(visibleNav(['driver-licence']).map((item) => item.to)).toEqual(['/catalogue', '/offices', '/status', '/desk/inbox', '/desk']);
  });
});
