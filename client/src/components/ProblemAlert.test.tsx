import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { Providers } from '../App';
import { ProblemAlert } from './ProblemAlert';

describe('ProblemAlert', () => {
  it('shows the API’s title, detail, field errors and correlation id', () => {
    render(
      <Providers language="ru">
        <ProblemAlert problem={{
          code: 'validation-failed', status: 400, title: 'Данные запроса неверны', detail: 'Проверьте поля',
          errors: { paymentDate: ['Обязательное поле не заполнено'] }, correlationId: 'c0ffee', language: 'ru',
        }} />
      </Providers>,
    );

    const alert = screen.getByRole('alert');
    expect(alert.getAttribute('data-problem-code')).toBe('validation-failed');
    expect(alert.getAttribute('lang')).toBe('ru');
    expect(alert.textContent).toContain('Данные запроса неверны');
    expect(alert.textContent).toContain('Проверьте поля');
    expect(alert.textContent).toContain('paymentDate: Обязательное поле не заполнено');
    expect(alert.textContent).toContain('Номер запроса: c0ffee');
  });

  it('does not repeat a detail that only repeats the title', () => {
    render(
      <Providers language="kk">
        <ProblemAlert problem={{ code: 'not-found', status: 404, title: 'Табылмады', detail: 'Табылмады' }} />
      </Providers>,
    );

    expect(screen.getAllByText('Табылмады')).toHaveLength(1);
  });

  it('writes the client’s own network problem in the UI language', () => {
    render(
      <Providers language="en">
        <ProblemAlert problem={{ code: 'network-error', status: 0, title: 'TypeError: Failed to fetch' }} />
      </Providers>,
    );

    expect(screen.getByRole('alert').textContent).toContain('Could not reach the server. Check the network and try again.');
  });
});
