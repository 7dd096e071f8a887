import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { TextInput } from '@mantine/core';
import { Providers } from '../App';
import { ProblemAlert } from '../components/ProblemAlert';
import { intakeFieldLabels } from '../intake/IntakeForm';
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
