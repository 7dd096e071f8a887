import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { Providers } from '../App';
import type { ServiceEntry } from '../pages/catalogue';
import { IntakeForm } from './IntakeForm';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'modules', 'Kazgov.Platform', 'Catalogue', 'Data');
const catalogue = (code: string): ServiceEntry => JSON.parse(readFileSync(join(DATA, `${code}.json`), 'utf8')) as ServiceEntry;

function renderForm(service: ServiceEntry) {
  render(
    <Providers language="en">
      <IntakeForm officeId="migration-police-astana-e7769a19" service={service} quote={null} onSubmitted={() => {}} />
    </Providers>,
  );
}

describe('the intake frame for a service without a section of its own', () => {
  it('asks a foreigner for the travel document, and adds the six-month documents when that case applies', () => {
    renderForm(catalogue('temporary-registration'));
    // temporary-registration §6: foreigners and stateless persons; no IIN asked.
    expect(screen.queryByLabelText('IIN')).toBeNull();
    expect((screen.getByLabelText('Foreigner') as HTMLInputElement).checked).toBe(true);
    screen.getByLabelText('Travel document number');
    screen.getByLabelText('Citizenship (RU, UZ…)');
    fireEvent.click(screen.getByLabelText('Stateless person'));
    expect(screen.queryByLabelText('Citizenship (RU, UZ…)')).toBeNull();
    expect(screen.getByTestId('fee-free').textContent).toBe('The service is free of charge');

    const checklist = screen.getByTestId('checklist');
    expect(within(checklist).getAllByRole('checkbox').map((box) => box.getAttribute('data-document') ?? box.getAttribute('data-additional')))
      .toEqual(['identity-document-with-visa', 'migration-card', 'registration-application', 'stay-over-six-months']);
    fireEvent.click(within(checklist).getByRole('checkbox', { name: /^Applies: Foreigners and stateless persons whose temporary stay/ }));
    expect(within(checklist).getAllByRole('checkbox').map((box) => box.getAttribute('data-document')).slice(4))
      .toEqual(['address-arrival-sheets', 'statistical-record-slip', 'photos']);
    expect(screen.getByTestId('submit-blocked').textContent).toMatch(/«Two completed address arrival sheets/);
  });

  it('lists the photo conditions under the one photo item', () => {
    renderForm(catalogue('residence-permit'));
    fireEvent.click(screen.getByRole('radio', { name: 'Foreigners' }));
    const conditions = screen.getByTestId('photo-conditions');
    expect(conditions.getAttribute('data-document-conditions')).toBe('photos');
    expect(within(conditions).getAllByRole('listitem')).toHaveLength(4);
    expect(screen.queryByTestId('group-notes')).toBeNull();
    // residence-permit has two fee items: the clerk says which are due.
    expect(screen.getByTestId('submit-blocked').textContent).toMatch(/No fee item chosen/);
  });
});
