import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { TestApp } from '../App';
import { session, type ActorProfile } from '../auth/session';

const clerk: ActorProfile = {
  id: 'staff:clerk.astana', kind: 'staff', displayName: 'Айгерім Болатқызы Сейітова', position: null,
  role: 'clerk', officeId: 'road-police-astana-671c3429', services: ['driver-licence'], scopes: [],
};

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });

const summary = (n: number, dueAt: string, flags: { overdue?: boolean; dueToday?: boolean; status?: string } = {}) => ({
  id: `00000000-0000-0000-0000-00000000000${n}`,
  registrationNumber: `671C3429-2026-00000${n}`,
  service: 'driver-licence',
  officeId: 'road-police-astana-671c3429',
  status: flags.status ?? 'submitted',
  applicantName: `Заявитель ${n}`,
  subjectId: '850315300128',
  acceptedAt: '2026-03-05T04:00:00Z',
  dueAt,
  overdue: flags.overdue ?? false,
  dueToday: flags.dueToday ?? false,
});

describe('the inbox', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('marks overdue and due-today rows, shows the overdue count, and pages with the cursor', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/services') {
        return json({ items: [{ code: 'driver-licence', name: { kk: 'Жүргізуші куәліктерін беру', ru: 'Выдача водительских удостоверений', en: 'Driving licences' } }], nextCursor: null });
      }
      asked.push(url.search);
      if (url.searchParams.get('cursor') === 'page-2') {
        return json({ items: [summary(3, '2026-03-12T05:30:00Z', { status: 'in-review' })], nextCursor: null, overdueCount: 1, total: 3 });
      }
      return json({
        items: [summary(1, '2026-03-09T05:30:00Z', { overdue: true }), summary(2, '2026-03-10T10:00:00Z', { dueToday: true })],
        nextCursor: 'page-2',
        overdueCount: 1,
        total: 3,
      });
    });
    session.start('access', 'refresh', clerk);
    render(<TestApp path="/desk/inbox" language="ru" />);

    expect(await screen.findByRole('heading', { name: 'Входящие заявления' })).toBeTruthy();
    const table = await screen.findByTestId('inbox');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => [row.getAttribute('data-overdue'), row.getAttribute('data-due-today')]))
      .toEqual([['true', null], [null, 'true']]);
    expect(within(rows[0]!).getByText('просрочено')).toBeTruthy();
    expect(within(rows[1]!).getByText('сегодня')).toBeTruthy();
    // Almaty time (UTC+5) whatever the zone of the machine.
    expect(within(rows[0]!).getByText('9 мар. 2026 г., 10:30')).toBeTruthy();
    expect(screen.getByTestId('overdue-count').textContent).toBe('Просрочено: 1');
    expect(asked).toEqual(['?limit=25']);
    expect(screen.getByTestId('inbox-total').textContent).toBe('Показано 2 из 3');

    fireEvent.click(screen.getByRole('button', { name: 'Показать ещё' }));

    expect(await screen.findByText('671C3429-2026-000003')).toBeTruthy();
    expect(asked).toEqual(['?limit=25', '?limit=25&cursor=page-2']);
    expect(screen.queryByRole('button', { name: 'Показать ещё' })).toBeNull();
    expect(within(screen.getByTestId('inbox')).getAllByRole('row')).toHaveLength(4);
    expect(screen.getByTestId('inbox-total').textContent).toBe('Всего: 3');
  });

  it('asks for the page size the clerk picks (25, 50 or 100), kept in the URL', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/services') return json({ items: [], nextCursor: null });
      asked.push(url.searchParams.get('limit') ?? '');
      return json({ items: [summary(1, '2026-03-20T19:00:00Z')], nextCursor: null, overdueCount: 0, total: 1 });
    });
    session.start('access', 'refresh', clerk);
    const { unmount } = render(<TestApp path="/desk/inbox?size=100" language="en" />);
    expect(((await screen.findByTestId('inbox-page-size')) as HTMLInputElement).value).toBe('100');
    expect(screen.getByTestId('inbox-total').textContent).toBe('Total: 1');
    unmount();
    render(<TestApp path="/desk/inbox?size=7" language="en" />);
    const size = (await screen.findByTestId('inbox-page-size')) as HTMLInputElement;
    // A size the inbox does not offer is the default one (the e2e run picks 50 from the list).
    expect(size.value).toBe('25');
    await vi.waitFor(() => expect(asked).toEqual(['100', '25']));
  });

  it('asks for open applications by default, and for closed or all ones from the status filter in the URL', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/services') return json({ items: [], nextCursor: null });
      asked.push(url.searchParams.get('status') ?? '(open by default)');
      return json({ items: [], nextCursor: null, overdueCount: 0 });
    });
    session.start('access', 'refresh', clerk);
    const { unmount } = render(<TestApp path="/desk/inbox" language="en" />);
    expect(await screen.findByDisplayValue('Open')).toBeTruthy();
    unmount();
    render(<TestApp path="/desk/inbox?status=all" language="en" />);
    expect(await screen.findByDisplayValue('All statuses')).toBeTruthy();

    expect(asked).toEqual(['(open by default)', 'all']);
  });

  it('finds by what is typed in the search box, in every status, and keeps it in the URL', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/services') return json({ items: [], nextCursor: null });
      asked.push(`${url.searchParams.get('q') ?? ''}|${url.searchParams.get('status') ?? ''}`);
      const found = url.searchParams.get('q') ? [summary(1, '2026-03-20T19:00:00Z')] : [];
      return json({ items: found, nextCursor: null, overdueCount: 0 });
    });
    session.start('access', 'refresh', clerk);
    render(<TestApp path="/desk/inbox" language="en" />);
    await screen.findByTestId('inbox-empty');

    fireEvent.change(screen.getByTestId('inbox-search'), { target: { value: ' 850315 300 128 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Find' }));

    expect(await screen.findByText('Заявитель 1')).toBeTruthy();
    expect(screen.getByDisplayValue('All statuses')).toBeTruthy();
    expect(asked).toEqual(['|', '850315 300 128|']);
    expect(document.title).toBe('Inbox · Kazgov');
  });

  it('lists only the overdue ones when the overdue count is clicked, and an auditor sees each row\'s office', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/services') return json({ items: [], nextCursor: null });
      asked.push(url.searchParams.get('overdue') ?? '');
      return json({ items: [summary(1, '2026-03-01T19:00:00Z', { overdue: true })], nextCursor: null, overdueCount: 1 });
    });
    session.start('access', 'refresh', { ...clerk, id: 'staff:auditor', role: 'auditor', officeId: null, services: [] });
    render(<TestApp path="/desk/inbox" language="en" />);
    fireEvent.click(await screen.findByTestId('overdue-count'));
    await vi.waitFor(() => expect(asked).toEqual(['', 'true']));
    expect(screen.getByTestId('overdue-count').getAttribute('aria-pressed')).toBe('true');
    expect((await screen.findAllByTestId('inbox-office'))[0]!.textContent).toBe('road-police-astana-671c3429');
  });
});
