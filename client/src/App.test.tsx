import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { TestApp } from './App';
import { session, type ActorProfile } from './auth/session';

const clerk: ActorProfile = {
  id: 'staff:clerk.astana', kind: 'staff', displayName: 'Айгерім Болатқызы Сейітова', position: null,
  role: 'clerk', officeId: 'road-police-astana-671c3429', services: ['driver-licence'], scopes: [],
};

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });

const driverLicence = {
  code: 'driver-licence', module: 'Licensing', seedLines: '1-10',
  name: { kk: 'Жүргізуші куәліктерін беру', ru: 'Выдача водительских удостоверений', en: 'Issuing driving licences' },
  terms: { variants: [{ code: 'default', term: 'PT6H', clock: 'working-time', text: { kk: '', ru: '', en: '' }, source: 'driver-licence §7.1' }] },
  fees: { free: false, items: [{ code: 'licence', percentOfMci: 125, text: { kk: '', ru: '', en: '' }, source: 'driver-licence §8' }] },
};
const addressCertificate = {
  ...driverLicence,
  code: 'address-certificate',
  name: { kk: 'Мекенжай анықтамаларын беру', ru: 'Выдача адресных справок', en: 'Issuing address certificates' },
  terms: { variants: [{ code: 'default', term: 'PT10M', clock: 'working-time', text: { kk: '', ru: '', en: '' }, source: 'address-certificate §7' }] },
  fees: { free: true, items: [] },
};

describe('the app', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('opens the catalogue in Kazakh and switches every label and amount to Russian', async () => {
    const calls: { url: string; language: string | null }[] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      const url = new URL(request.url);
      calls.push({ url: url.pathname + url.search, language: request.headers.get('Accept-Language') });
      if (url.pathname === '/api/v1/services/summary') {
        return json({
          items: [addressCertificate, driverLicence].map((s) => ({
            code: s.code, name: s.name, term: { term: s.terms.variants[0]!.term, clock: s.terms.variants[0]!.clock },
            free: s.fees.free, hasFeeItems: s.fees.items.length > 0,
          })),
          nextCursor: null,
        });
      }
      if (url.pathname === '/api/v1/services') throw new Error('the catalogue page draws its cards from the summary');
      return json({
        service: 'driver-licence', paymentDate: '2026-11-27', mci: { value: 4325, effectiveFrom: '2026-01-01' },
        lines: [{ item: 'licence', percentOfMci: 125, amount: 5406.25 }], total: 5406.25, currency: 'KZT',
      });
    });
    render(<TestApp path="/catalogue" />);

    expect(await screen.findByRole('heading', { name: 'Мемлекеттік қызметтер' })).toBeTruthy();
    expect(await screen.findByText('Жүргізуші куәліктерін беру')).toBeTruthy();
    expect(screen.getByText('Тегін')).toBeTruthy();
    expect(screen.getByText('6 сағат · жұмыс уақыты')).toBeTruthy();
    // The cards come with the summary; today's fee follows with its quote.
    expect((await screen.findByTestId('fee-today')).textContent).toBe('Бүгінгі баж: 5\u00a0406,25\u00a0₸');
    expect(document.documentElement.lang).toBe('kk');
    // Only paid services are quoted, for today in Almaty.
    expect(calls.filter((c) => c.url.startsWith('/api/v1/fees/quote')).map((c) => c.url))
      .toEqual([expect.stringMatching(/^\/api\/v1\/fees\/quote\?service=driver-licence&paymentDate=\d{4}-\d{2}-\d{2}$/)]);

    fireEvent.click(screen.getByText('Русский'));

    expect(await screen.findByRole('heading', { name: 'Государственные услуги' })).toBeTruthy();
    expect(await screen.findByText('Выдача водительских удостоверений')).toBeTruthy();
    expect(screen.getByText('Бесплатно')).toBeTruthy();
    expect(screen.getByText('6 часов · рабочее время')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('fee-today').textContent).toBe('Пошлина на сегодня: 5\u00a0406,25\u00a0₸'));
    expect(document.documentElement.lang).toBe('ru');
    expect(localStorage.getItem('kazgov.language')).toBe('ru');
    // The data is asked for again in Russian, so the API's own texts and problems follow.
    expect(calls.at(-1)!.language).toBe('ru');
  });

  it('sends a visitor without a session from the desk to sign in, with the way back', async () => {
    render(<TestApp path="/desk" />);

    expect(await screen.findByRole('heading', { name: 'Жүйеге кіру' })).toBeTruthy();
    expect(screen.getByText('Бұл бетті ашу үшін жүйеге кіріңіз.')).toBeTruthy();
    expect((screen.getByLabelText(/Логин/) as HTMLInputElement).value).toBe('');
  });

  it('tells a clerk whose session expired that their input is kept, and offers the same login', async () => {
    session.start('access', 'refresh', clerk);
    session.expire();
    render(<TestApp path="/desk" language="ru" />);

    expect(await screen.findByTestId('session-expired')).toBeTruthy();
    expect(screen.getByTestId('session-expired').textContent).toBe('Сеанс истёк. Войдите снова: введённые данные сохранены.');
    expect((screen.getByLabelText(/Логин/) as HTMLInputElement).value).toBe('clerk.astana');
  });

  it('answers an unknown path with its own page', async () => {
    render(<TestApp path="/no/such/page" language="en" />);

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });
});
