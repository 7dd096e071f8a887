import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { TestApp } from '../App';
import { session, type ActorProfile } from '../auth/session';

const clerk: ActorProfile = {
  id: 'staff:clerk.migration.astana', kind: 'staff', displayName: 'Жанар Қанатқызы Әбілова', position: null,
  role: 'clerk', officeId: 'migration-police-astana-e7769a19',
  services: ['residence-permit', 'temporary-registration', 'driver-licence'], scopes: [],
};

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const name = (en: string) => ({ kk: en, ru: en, en });

function fakeApi() {
  vi.stubGlobal('fetch', async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (path === '/api/v1/services') {
      return json({
        items: [
          { code: 'driver-licence', name: name('Driving licences') },
          { code: 'residence-permit', name: name('Residence permits') },
          { code: 'temporary-registration', name: name('Temporary registration') },
          { code: 'citizenship', name: name('Citizenship') },
        ],
        nextCursor: null,
      });
    }
    if (path === '/api/v1/offices/migration-police-astana-e7769a19') {
      return json({ id: 'migration-police-astana-e7769a19', services: ['residence-permit', 'temporary-registration', 'citizenship'] });
    }
    return json({ code: 'not-in-this-test', title: path, status: 404 }, 404);
  });
}

describe('the intake page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('offers the services the clerk serves that their office provides', async () => {
    fakeApi();
    session.start('token', null, clerk);
    render(<TestApp path="/desk/intake" language="en" />);
    await screen.findByRole('heading', { level: 1, name: 'Taking an application' });
    fireEvent.click(screen.getByRole('combobox', { name: 'Public service' }));
    const options = await screen.findAllByRole('option', { hidden: true });
    // driver-licence is the clerk's but not this office's; citizenship the office's but not the clerk's.
    expect(options.map((o) => o.textContent)).toEqual(['Residence permits', 'Temporary registration']);
  });

  it('says so when the service in the address is not one the clerk takes here', async () => {
    fakeApi();
    session.start('token', null, clerk);
    render(<TestApp path="/desk/intake?service=driver-licence" language="en" />);
    expect((await screen.findByTestId('not-served')).textContent)
      .toBe('You do not take applications for «driver-licence» at this office');
  });
});
