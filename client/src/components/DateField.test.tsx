import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { Providers } from '../App';
import { DateField, formatDateInput, parseDate } from './DateField';

describe('the date field', () => {
  it('reads DD.MM.YYYY, digits alone and ISO dates, and refuses dates that do not exist', () => {
    expect(parseDate('15.03.2026')).toBe('2026-03-15');
    expect(parseDate('5.3.2026')).toBe('2026-03-05');
    expect(parseDate('15032026')).toBe('2026-03-15');
    expect(parseDate('2026-03-15')).toBe('2026-03-15');
    expect(parseDate('31.02.2026')).toBeNull();
    expect(parseDate('03/15/2026')).toBeNull();
    expect(parseDate('15.03')).toBeNull();
    expect(formatDateInput('2026-03-15')).toBe('15.03.2026');
  });

  function Form({ language, max }: { language: 'kk' | 'ru' | 'en'; max?: string }) {
    const [value, setValue] = useState('2026-03-10');
    return (
      <Providers language={language}>
        <DateField label="Дата" value={value} onChange={setValue} max={max} />
        <output data-testid="value">{value}</output>
      </Providers>
    );
  }

  it('shows DD.MM.YYYY with the page language’s hint, and hands the form yyyy-MM-dd', () => {
    render(<Form language="ru" max="2026-03-10" />);
    const input = screen.getByLabelText('Дата') as HTMLInputElement;
    expect(input.value).toBe('10.03.2026');
    expect(input.placeholder).toBe('ДД.ММ.ГГГГ');
    expect(input.type).toBe('text');

    fireEvent.change(input, { target: { value: '01.0' } });
    expect(screen.getByTestId('value').textContent).toBe('');
    fireEvent.change(input, { target: { value: '01.03.2026' } });
    expect(screen.getByTestId('value').textContent).toBe('2026-03-01');

    fireEvent.change(input, { target: { value: '2026-03-11' } });
    fireEvent.blur(input);
    expect(input.value).toBe('11.03.2026');
    expect(screen.getByText('Не позже 10.03.2026')).toBeTruthy();
    fireEvent.change(input, { target: { value: '31.02.2026' } });
    expect(screen.getByText('Введите дату в виде ДД.ММ.ГГГГ')).toBeTruthy();
  });

  it('gives the Kazakh hint on a Kazakh page', () => {
    render(<Form language="kk" />);
    expect((screen.getByLabelText('Дата') as HTMLInputElement).placeholder).toBe('КК.АА.ЖЖЖЖ');
  });
});
