import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { TextInput } from '@mantine/core';
import { Providers } from '../App';
import { ProblemAlert } from '../components/ProblemAlert';
import { intakeFieldLabels } from '../intake/IntakeForm';
import { sections } from '../intake/registry';
import { proxyDriverRegistrationSection } from '../intake/sections/proxy-driver-registration';
import { translate } from '../i18n/messages';
import type { ServiceEntry } from '../pages/catalogue';
import { FieldErrorsProvider, intakeFieldOf, placeErrors, useFieldErrors } from './fieldErrors';

const problem = {
  code: 'validation-failed', status: 400, title: 'Данные запроса неверны',
  errors: {
    'applicant.phone': ['Номер телефона должен быть в виде +7XXXXXXXXXX'],
    'applicant.travelDocument.expiresOn': ['Обязательное поле не заполнено'],
    'receipts[1].amount': ['Сумма должна быть положительной, с точностью до тиына'],
    categories: ['Выберите категорию'],
    'moduleData.unknown': ['?'],
  },
};
const text = (ru: string) => ({ kk: ru, ru, en: ru });
const service = {
  code: 'residence-permit',
  fees: { free: false, items: [{ code: 'permit', text: text('за вид на жительство') }, { code: 'card', text: text('за карточку') }] },
} as unknown as ServiceEntry;

describe('field errors of an intake problem', () => {
  const fieldOf = intakeFieldOf(['permit', 'card']);

  it('maps the API’s JSON paths to the form’s fields', () => {
    expect(fieldOf('applicant.phone')).toBe('phone');
    expect(fieldOf('applicant.travelDocument.expiresOn')).toBe('travelExpiresOn');
    expect(fieldOf('receipts[1].amount')).toBe('receipt:card:amount');
    expect(fieldOf('receipt.paidOn')).toBe('receipt:permit:paidOn');
    expect(fieldOf('receipts[5].amount')).toBeNull();
    expect(placeErrors(problem, fieldOf).byField).toMatchObject({
      phone: ['Номер телефона должен быть в виде +7XXXXXXXXXX'],
      'receipt:card:amount': ['Сумма должна быть положительной, с точностью до тиына'],
    });
  });

  it('names each field by its label in the summary, and shows the message under the field', () => {
    const labels = intakeFieldLabels(service, (key) => translate('ru', key), (t) => t.ru, { categories: 'Категории' });
    const labelOf = (path: string) => {
      const key = fieldOf(path);
      return key === null ? undefined : labels(key);
    };
    function Phone() {
      const errorOf = useFieldErrors();
      return <TextInput label="Телефон" error={errorOf('phone')} />;
    }
    render(
      <Providers language="ru">
        <FieldErrorsProvider errors={placeErrors(problem, fieldOf).byField}>
          <Phone />
        </FieldErrorsProvider>
        <ProblemAlert problem={problem} labelOf={labelOf} />
      </Providers>,
    );

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Телефон: Номер телефона должен быть в виде +7XXXXXXXXXX');
    expect(alert.textContent).toContain(`${translate('ru', 'intake.travelExpiresOn')}: Обязательное поле не заполнено`);
    expect(alert.textContent).toContain(`${translate('ru', 'intake.amount')} (за карточку): Сумма должна быть положительной`);
    expect(alert.textContent).toContain('Категории: Выберите категорию');
    expect(alert.textContent).not.toContain('applicant.phone');
    expect(alert.textContent).not.toContain('receipts[1]');
    // A path no field knows stays as it is.
    expect(alert.textContent).toContain('moduleData.unknown: ?');

    const input = screen.getByLabelText('Телефон');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(input.getAttribute('aria-describedby')!.split(' ')[0]!)!.textContent)
      .toBe('Номер телефона должен быть в виде +7XXXXXXXXXX');
  });
});

describe('field errors of every service section', () => {
  const t = (key: Parameters<typeof translate>[1]) => translate('ru', key);

  it('gives every section with fields a label for each, and maps its paths to them', () => {
    for (const section of Object.values(sections)) {
      if (!section.Section || section.service === '*') continue;
      const labels = section.fieldLabels?.(t) ?? {};
      expect(Object.keys(labels).length, `${section.service} names its fields`).toBeGreaterThan(0);
      const fieldOf = intakeFieldOf([], { paths: section.paths, keys: Object.keys(labels) });
      for (const [path, key] of Object.entries(section.paths ?? {})) {
        expect(fieldOf(path), path).toBe(key);
        expect(labels[key], `${section.service}: ${path} has a label`).toBeTruthy();
      }
    }
  });

  it('finds a nested path by its last part and leaves an unknown one alone', () => {
    const fieldOf = intakeFieldOf([], { keys: ['serial', 'make'] });
    expect(fieldOf('unit.serial')).toBe('serial');
    expect(fieldOf('make')).toBe('make');
    expect(fieldOf('unit.colour')).toBe('unit.colour');
  });

  it('shows the power of attorney’s error under its field, named by its label', () => {
    const Section = proxyDriverRegistrationSection.Section!;
    const section = proxyDriverRegistrationSection;
    const labels = section.fieldLabels!(t);
    const fieldOf = intakeFieldOf([], { paths: section.paths, keys: Object.keys(labels) });
    const problem = { code: 'validation-failed', status: 400, title: 'Данные запроса неверны', errors: { 'powerOfAttorney.number': ['Обязательное поле не заполнено'] } };
    render(
      <Providers language="ru">
        <FieldErrorsProvider errors={placeErrors(problem, fieldOf).byField}>
          <Section data={section.initial()} update={() => undefined} context={{} as never} />
        </FieldErrorsProvider>
        <ProblemAlert problem={problem} labelOf={(path) => labels[fieldOf(path) ?? '']} />
      </Providers>,
    );
    const input = screen.getByLabelText(translate('ru', 'vehicles.proxy.poaNumber'));
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain(`${translate('ru', 'vehicles.proxy.poaNumber')}: Обязательное поле не заполнено`);
    expect(screen.getByRole('alert').textContent).not.toContain('powerOfAttorney');
  });
});
