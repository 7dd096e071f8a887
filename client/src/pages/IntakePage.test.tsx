import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { Providers } from '../App';
import { drafts } from '../forms/drafts';
import { IntakeForm } from './IntakePage';
import type { FeeQuote, ServiceEntry } from './catalogue';

const text = (ru: string) => ({ kk: ru, ru, en: ru });
const item = (code: string, ru: string, mandatory = true) => ({ code, text: text(ru), mandatory, source: 'driver-licence §12' });

const service = {
  code: 'driver-licence',
  name: text('Выдача водительских удостоверений'),
  documents: [{
    applicantType: 'individual',
    text: text('физические лица'),
    items: [
      item('application-form', 'заявление на бланке'),
      item('identity-document', 'документ, удостоверяющий личность заявителя'),
      item('medical-certificate', 'медицинская справка'),
    ],
  }],
  refusalGrounds: [],
  fees: { free: false, items: [{ code: 'licence', percentOfMci: 125, text: text('за выдачу удостоверения'), source: 'driver-licence §8' }] },
} as unknown as ServiceEntry;

const quote: FeeQuote = {
  service: 'driver-licence', paymentDate: '2026-03-10', mci: { value: 4325, effectiveFrom: '2026-01-01' },
  lines: [{ item: 'licence', percentOfMci: 125, amount: 5406.25 }], total: 5406.25, currency: 'KZT',
};

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('the driver-licence intake form', () => {
  it('cannot be submitted while a mandatory document is unticked, and says which', () => {
    drafts.claim('staff:clerk.astana');
    const onSubmitted = vi.fn();
    render(
      <Providers language="ru">
        <IntakeForm officeId="road-police-astana-671c3429" service={service} quote={quote} onSubmitted={onSubmitted} />
      </Providers>,
    );
    fill('ИИН', '850315300128');
    fill('Фамилия', 'Ахметов');
    fill('Имя', 'Серік');
    fill('Телефон', '+77011234567');
    fireEvent.click(screen.getByLabelText('B'));
    const checklist = screen.getByTestId('checklist');
    const boxes = within(checklist).getAllByRole('checkbox');
    fireEvent.click(boxes[0]!);
    fireEvent.click(boxes[1]!);

    const submit = screen.getByRole('button', { name: 'Зарегистрировать заявление' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    expect(screen.getByTestId('submit-blocked').textContent)
      .toBe('Пока нельзя зарегистрировать:Не отмечены обязательные документы: «медицинская справка»');
    expect(submit.title).toBe('Не отмечены обязательные документы: «медицинская справка»');
    // The amount of the receipt is today's quote until the clerk changes it.
    expect((screen.getByLabelText('Сумма, ₸') as HTMLInputElement).value).toBe('5406.25');
    expect(screen.getByTestId('fee-quote').textContent)
      .toBe('При оплате сегодня (10 марта 2026 г.): 5\u00a0406,25\u00a0₸, 125% МРП (МРП 4\u00a0325\u00a0₸)');

    fireEvent.submit(submit.closest('form')!);
    expect(onSubmitted).not.toHaveBeenCalled();

    fireEvent.click(boxes[2]!);

    expect(submit.disabled).toBe(false);
    expect(screen.queryByTestId('submit-blocked')).toBeNull();
  });

  it('lists every reason while the form is empty, the IIN first', () => {
    render(
      <Providers language="en">
        <IntakeForm officeId="road-police-astana-671c3429" service={service} quote={quote} onSubmitted={() => {}} />
      </Providers>,
    );

    const reasons = within(screen.getByTestId('submit-blocked')).getAllByRole('listitem').map((li) => li.textContent);
    expect(reasons).toEqual([
      'The IIN is not valid',
      'Last and first name are missing',
      'The phone is missing',
      'No category chosen',
      'Mandatory documents not ticked: «заявление на бланке»; «документ, удостоверяющий личность заявителя»; «медицинская справка»',
    ]);
    // driver-licence §15: the exam sheet comes after intake, so the form does not ask for it.
    expect(screen.queryByLabelText('Theory exam passed')).toBeNull();
  });

  it('shows the birth date as the IIN is typed, and why a number is wrong', () => {
    render(
      <Providers language="ru">
        <IntakeForm officeId="road-police-astana-671c3429" service={service} quote={quote} onSubmitted={() => {}} />
      </Providers>,
    );

    fill('ИИН', '0904155');
    expect(screen.getByTestId('iin-hint').textContent).toMatch(/^Дата рождения: 15 апреля 2009 г\., полных лет: \d+ · ИИН состоит из 12 цифр: введено 7$/);
    fill('ИИН', '850229300128');
    expect(screen.getByTestId('iin-hint').textContent).toBe('Первые шесть цифр не дают существующую дату рождения');
    fill('ИИН', '8503-1530 0128');
    expect((screen.getByLabelText('ИИН') as HTMLInputElement).value).toBe('850315300128');
  });

  it('shows the person\'s open application of the service once the IIN is valid', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      const url = new URL(request.url);
      asked.push(url.search);
      return new Response(JSON.stringify({
        items: [{ id: '00000000-0000-0000-0000-000000000007', registrationNumber: '671C3429-2026-000007', service: 'driver-licence' }],
        nextCursor: null, overdueCount: 0,
      }), { headers: { 'Content-Type': 'application/json' } });
    });
    render(
      <MemoryRouter>
        <Providers language="ru">
          <IntakeForm officeId="road-police-astana-671c3429" service={service} quote={quote} onSubmitted={() => {}} />
        </Providers>
      </MemoryRouter>,
    );

    fill('ИИН', '85031530012');
    expect(screen.queryByTestId('open-applications')).toBeNull();
    fill('ИИН', '850315300128');
    expect((await screen.findByTestId('open-application')).textContent).toBe('671C3429-2026-000007');
    expect(screen.getByTestId('open-applications').textContent).toMatch(/^У этого человека есть открытое заявление на эту услугу \(1\)/);
    expect(asked).toEqual(['?q=850315300128&service=driver-licence&status=open&limit=5']);
    vi.unstubAllGlobals();
  });
});
