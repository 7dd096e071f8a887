import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { TestApp } from '../App';
import { session, type ActorProfile } from '../auth/session';

const clerk: ActorProfile = {
  id: 'staff:clerk.astana', kind: 'staff', displayName: 'Айгерім Болатқызы Сейітова', position: null,
  role: 'clerk', officeId: 'road-police-astana-671c3429', services: ['driver-licence'], scopes: [],
};
const ID = '01a222c5-9b27-7ce0-810f-a08164b8b279';
const text = (s: string) => ({ kk: s, ru: s, en: s });

const application = {
  id: ID, registrationNumber: '671C3429-2026-000001', service: 'driver-licence', subType: null,
  officeId: 'road-police-astana-671c3429', channel: 'front-office', status: 'ready-for-issue', allowedActions: ['issue'],
  applicantType: 'individual',
  applicant: {
    kind: 'individual', iin: '850315300128', bin: null, travelDocument: null, lastName: 'Ахметов', firstName: 'Серік',
    middleName: null, organisationName: null, birthDate: '1985-03-15', citizenship: null, phone: '+77011234567', email: null,
    language: 'kk', fullName: 'Ахметов Серік', subjectId: '850315300128',
  },
  representative: null, documents: ['identity-document'],
  fees: { free: false, exemption: null, items: [], totalDue: 5406.25, totalPaid: 5406.25, settled: true },
  receipts: [], termVariant: 'default', term: 'PT6H', acceptedAt: '2026-03-10T07:30:00Z',
  acceptedBy: { id: 'staff:clerk.astana', fullName: 'Айгерім Болатқызы Сейітова', position: null },
  dueAt: '2026-03-11T05:30:00Z', dueDate: '2026-03-11', overdue: false, suspendedSince: null, eligibilityFindings: [],
  resultReference: 'KZ260000001', refusal: null, issuance: null, moduleData: { categories: ['B'] }, version: 4,
};

const service = {
  code: 'driver-licence', name: text('Выдача водительских удостоверений'),
  documents: [{ applicantType: 'individual', text: text(''), items: [] }],
  refusalGrounds: [], fees: { free: false, items: [] },
  // The service's hand-over windows are the catalogue's (driver-licence §7 note).
  issuanceWindows: [{ from: '12:00', to: '13:00', source: 'driver-licence §7 note' }, { from: '18:00', to: '19:00', source: 'driver-licence §7 note' }],
};

const office = {
  id: 'road-police-astana-671c3429', name: 'Астана қаласы ІІД ЖПБ ЕТБ',
  schedule: {
    officeId: 'road-police-astana-671c3429', timeZone: 'Asia/Almaty', days: [],
    // The office overrides another service's windows only: driver licences keep the catalogue's.
    serviceWindows: [
      { service: 'vehicle-registration', purpose: 'plates', from: '17:00:00', to: '18:00:00', source: null },
    ],
  },
};

const passedExams = {
  applicationId: ID, bothPassed: true, version: 4,
  theory: { id: 'e1', kind: 'theory', passed: true, examDate: '2026-03-10', examSheetNumber: null, recordedAt: '2026-03-10T05:00:00Z', recordedBy: 'staff:clerk.astana' },
  practical: { id: 'e2', kind: 'practical', passed: true, examDate: '2026-03-10', examSheetNumber: 'ЕП-0042', recordedAt: '2026-03-10T06:00:00Z', recordedBy: 'staff:clerk.astana' },
  history: [],
};

function stubApi(
  issue: (request: Request) => Response, current: object = application, exams: () => object = () => passedExams,
  events: object[] = [], catalogue: object = service,
) {
  const seen: Request[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    seen.push(request);
    const url = new URL(request.url);
    const respond = (body: unknown, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json', ...headers } });
    if (url.pathname === `/api/v1/applications/${ID}/issue`) return issue(request);
    if (url.pathname === `/api/v1/driver-licences/applications/${ID}/exams` && request.method === 'POST') return issue(request);
    if (url.pathname === `/api/v1/driver-licences/applications/${ID}/exams`) return respond(exams(), { ETag: '"4"' });
    if (url.pathname === `/api/v1/applications/${ID}`) return respond(current, { ETag: '"4"' });
    if (url.pathname.endsWith('/history')) return respond({ applicationId: ID, registrationNumber: application.registrationNumber, events });
    if (url.pathname === '/api/v1/services/driver-licence') return respond(catalogue);
    if (url.pathname.endsWith('/approve') || url.pathname.endsWith('/refuse')) return issue(request);
    if (url.pathname.startsWith('/api/v1/offices/')) return respond(office);
    // Working days as the national calendar gives them (weekends off).
    if (url.pathname === '/api/v1/calendar/days') return respond({ days: [] });
    return new Response('{}', { status: 404 });
  });
  return seen;
}

async function fillHandOver() {
  const issue = await screen.findByTestId('issue');
  fireEvent.change(within(issue).getByLabelText('Документ, удостоверяющий личность'), { target: { value: 'ID 045612378' } });
  fireEvent.click(within(issue).getByLabelText('Получатель расписался'));
  return issue;
}

describe('the application page', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('disables hand-over at the weekend and says when the next window opens', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-14T07:30:00Z')); // Saturday, 12:30 in Almaty
    stubApi(() => new Response('{}', { status: 500 }));
    session.start('access', 'refresh', clerk);
    render(<TestApp path={`/desk/applications/${ID}`} language="ru" />);

    const issue = await fillHandOver();

    expect(within(issue).getByTestId('window-state').textContent)
      .toBe('Сейчас не время выдачи. Следующее окно: 16 мар. 2026 г., 12:00–13:00');
    expect((within(issue).getByRole('button', { name: 'Выдать' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('hands over inside a window with the ETag it holds, and shows the API’s next window when it refuses', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-10T07:30:00Z')); // Tuesday, 12:30 in Almaty
    const seen = stubApi(() => new Response(JSON.stringify({
      type: 'urn:kazgov:problem:outside-issuance-window', code: 'outside-issuance-window', status: 409,
      title: 'Вне времени выдачи', detail: 'Следующее время выдачи: 2026-03-10 18:00–19:00',
      nextWindow: { from: '2026-03-10T13:00:00Z', to: '2026-03-10T14:00:00Z', local: '2026-03-10 18:00–19:00' },
    }), { status: 409, headers: { 'Content-Type': 'application/problem+json', 'Content-Language': 'ru' } }));
    session.start('access', 'refresh', clerk);
    render(<TestApp path={`/desk/applications/${ID}`} language="ru" />);

    const issue = await fillHandOver();
    expect(within(issue).getByTestId('window-state').textContent).toBe('Сейчас время выдачи: 12:00–13:00');
    expect((within(issue).getByLabelText('Получатель (Ф.И.О.)') as HTMLInputElement).value).toBe('Ахметов Серік');
    fireEvent.click(within(issue).getByRole('button', { name: 'Выдать' }));

    await waitFor(() => expect(screen.getByTestId('api-next-window').textContent)
      .toBe('По данным сервера следующее окно: 10 мар. 2026 г., 18:00–19:00'));
    expect(screen.getByRole('alert').getAttribute('data-problem-code')).toBe('outside-issuance-window');
    const sent = seen.find((request) => request.url.endsWith('/issue'))!;
    expect(sent.headers.get('If-Match')).toBe('"4"');
    expect(await sent.clone().json()).toEqual({ receivedBy: 'Ахметов Серік', identityDocument: 'ID 045612378', signatureTaken: true });
  });

  it('shows the exams, blocks approval until both are passed and records a result with the ETag it holds', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-10T07:30:00Z'));
    const inReview = { ...application, status: 'in-review', allowedActions: ['approve', 'suspend'], resultReference: null };
    const theoryOnly = { ...passedExams, bothPassed: false, practical: null };
    const seen = stubApi(() => new Response(JSON.stringify({ ...passedExams }), {
      headers: { 'Content-Type': 'application/json', ETag: '"5"' },
    }), inReview, () => theoryOnly);
    session.start('access', 'refresh', clerk);
    render(<TestApp path={`/desk/applications/${ID}`} language="en" />);

    const exams = await screen.findByTestId('exams');
    expect(within(exams).getByTestId('exam-results').getAttribute('data-both-passed')).toBe('false');
    expect(exams.querySelector('[data-exam="theory"]')!.getAttribute('data-passed')).toBe('true');
    expect(exams.querySelector('[data-exam="practical"]')!.textContent).toContain('Not recorded');
    expect((screen.getByRole('button', { name: 'Approve' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('approve-blocked').textContent).toBe('Approval needs both the theory and the practical exam passed (§15)');

    fireEvent.change(within(exams).getByLabelText('Exam sheet number'), { target: { value: 'ЕП-0042' } });
    fireEvent.click(within(exams).getByLabelText('Exam passed'));
    fireEvent.click(within(exams).getByRole('button', { name: 'Record the result' }));

    await waitFor(() => expect(seen.some((r) => r.method === 'POST' && r.url.endsWith('/exams'))).toBe(true));
    const sent = seen.find((r) => r.method === 'POST' && r.url.endsWith('/exams'))!;
    expect(sent.headers.get('If-Match')).toBe('"4"');
    expect(await sent.clone().json()).toEqual({ kind: 'practical', passed: true, date: '2026-03-10', examSheetNumber: 'ЕП-0042' });
  });

  it('asks before approving or refusing, naming the application; the refusal panel opens on request', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-10T07:30:00Z'));
    const inReview = { ...application, status: 'in-review', allowedActions: ['approve', 'refuse'], resultReference: null };
    const grounds = {
      ...service,
      refusalGrounds: [{ code: 'applicant-too-young', text: { kk: 'жасы жетпеген', ru: 'заявитель не достиг возраста', en: 'too young' }, source: 'driver-licence §17.5' }],
    };
    const seen = stubApi(() => new Response(JSON.stringify(inReview), {
      headers: { 'Content-Type': 'application/json', ETag: '"5"' },
    }), inReview, () => passedExams, [], grounds);
    session.start('access', 'refresh', clerk);
    render(<TestApp path={`/desk/applications/${ID}`} language="ru" />);

    fireEvent.click(await screen.findByRole('button', { name: 'Одобрить' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('confirm-text').textContent)
      .toBe('Заявление 671C3429-2026-000001, Ахметов Серік. Действие: «Одобрить». Его нельзя отменить.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Отмена' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(seen.some((r) => r.method === 'POST')).toBe(false);

    expect(screen.queryByTestId('refuse')).toBeNull();
    fireEvent.click(screen.getByTestId('open-refusal'));
    const refuse = await screen.findByTestId('refuse');
    fireEvent.click(within(refuse).getByRole('checkbox'));
    fireEvent.change(within(refuse).getByLabelText('Пояснение'), { target: { value: 'Шестнадцать лет' } });
    fireEvent.click(within(refuse).getByRole('button', { name: 'Отказать' }));
    const confirm = await screen.findByRole('dialog');
    expect(confirm.textContent).toContain('заявитель не достиг возраста');
    expect(seen.some((r) => r.method === 'POST')).toBe(false);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Отказать' }));
    await waitFor(() => expect(seen.some((r) => r.method === 'POST' && r.url.endsWith('/refuse'))).toBe(true));
    const sent = seen.find((r) => r.method === 'POST' && r.url.endsWith('/refuse'))!;
    expect(await sent.clone().json()).toEqual({ grounds: ['applicant-too-young'], explanation: 'Шестнадцать лет' });
  });

  it('shows the refusal notice in the page and prints it with the print dialog, not a new tab', async () => {
    const notice = 'РЭО УДП ДВД г. Астаны\n10.03.2026\n\nУВЕДОМЛЕНИЕ ОБ ОТКАЗЕ В ОКАЗАНИИ ГОСУДАРСТВЕННОЙ УСЛУГИ';
    const refused = {
      ...application, status: 'refused', allowedActions: [],
      refusal: { grounds: [], explanation: 'x', noticeLanguage: 'ru', notice, refusedAt: '2026-03-10T07:40:00Z', refusedBy: 'staff:clerk.astana' },
    };
    stubApi(() => new Response('{}', { status: 500 }), refused);
    session.start('access', 'refresh', clerk);
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    render(<TestApp path={`/desk/applications/${ID}`} language="en" />);

    const paper = await screen.findByTestId('notice-paper');
    expect(paper.getAttribute('lang')).toBe('ru');
    expect(paper.hasAttribute('data-paper')).toBe(true);
    expect(within(paper).getByTestId('refusal-notice').textContent).toBe(notice);
    fireEvent.click(screen.getByTestId('notice-print'));
    expect(print).toHaveBeenCalledTimes(1);
    expect(open).not.toHaveBeenCalled();
    // The paper printed is this one (styles.css prints the marked paper alone).
    expect(paper.hasAttribute('data-printing')).toBe(true);
    print.mockRestore();
    open.mockRestore();
  });

  it('shows a refusal in the history by its grounds’ texts, not their codes', async () => {
    const refused = { ...application, status: 'refused', allowedActions: [], refusal: null };
    const grounds = {
      ...service,
      refusalGrounds: [{ code: 'applicant-too-young', text: { kk: 'жасы жетпеген', ru: 'заявитель не достиг возраста', en: 'too young' }, source: 'driver-licence §17.5' }],
    };
    stubApi(() => new Response('{}', { status: 500 }), refused, () => passedExams, [
      { id: 1, at: '2026-03-10T07:30:00Z', actorId: 'staff:clerk.astana', actorName: 'Сейітова', action: 'refuse', fromStatus: 'in-review', toStatus: 'refused', reason: 'applicant-too-young' },
      { id: 2, at: '2026-03-10T07:31:00Z', actorId: 'staff:clerk.astana', actorName: 'Сейітова', action: 'suspend', fromStatus: 'in-review', toStatus: 'suspended', reason: 'applicant-too-young' },
    ], grounds);
    session.start('access', 'refresh', clerk);
    render(<TestApp path={`/desk/applications/${ID}`} language="ru" />);

    const history = await screen.findByTestId('history');
    await waitFor(() => expect(history.querySelectorAll('tbody tr')).toHaveLength(2));
    const cells = [...history.querySelectorAll('tbody tr td:nth-child(3)')].map((cell) => cell.textContent);
    expect(cells[0]).toBe('Отказано: заявитель не достиг возраста');
    // Another action's reason is the clerk's own words, shown as written.
    expect(cells[1]).toMatch(/: applicant-too-young$/);
  });
});
