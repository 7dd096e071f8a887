// The one date input of the app. A browser's <input type="date"> draws its own format from the
// browser's locale, not the page's (mm/dd/yyyy in an English Chromium on a Kazakh page), so dates
// are typed as text in the form used in Kazakhstan in every language, DD.MM.YYYY, and handed to
// the form as yyyy-MM-dd. Digits alone (15032026) and an ISO date (2026-03-15, as pasted from
// another system) are read too; the field shows DD.MM.YYYY once it loses focus.
import { useEffect, useState } from 'react';
import { TextInput, type TextInputProps } from '@mantine/core';
import { useI18n } from '../i18n/I18nProvider';

/** yyyy-MM-dd of what was typed, or null when it is not a whole, real date. */
export function parseDate(text: string): string | null {
  const value = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const local = /^(\d{1,2})[./\s-](\d{1,2})[./\s-](\d{4})$/.exec(value);
  const digits = /^(\d{2})(\d{2})(\d{4})$/.exec(value);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]]
    : local ? [local[3], local[2], local[1]] : digits ? [digits[3], digits[2], digits[1]] : [];
  if (!year || !month || !day) return null;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1000 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** DD.MM.YYYY of a yyyy-MM-dd date; anything else as it is. */
export function formatDateInput(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

export interface DateFieldProps extends Omit<TextInputProps, 'value' | 'onChange' | 'type' | 'min' | 'max'> {
  /** yyyy-MM-dd, or '' when empty. */
  value: string;
  /** yyyy-MM-dd once a whole date is typed; '' while the field is empty or not yet a date. */
  onChange: (value: string) => void;
  /** The earliest and latest dates that make sense here (yyyy-MM-dd): outside them the field says so. */
  min?: string;
  max?: string;
}

export function DateField({ value, onChange, min, max, error, onBlur, ...props }: DateFieldProps) {
  const { t } = useI18n();
  const [text, setText] = useState(() => formatDateInput(value));
  // A value set from outside (a draft restored, a form cleared) replaces what is shown.
  useEffect(() => {
    if (value !== (parseDate(text) ?? '')) setText(formatDateInput(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a change of the value itself
  }, [value]);
  const parsed = parseDate(text);
  const typedWhole = text.replace(/\D/g, '').length >= 8;
  const own = parsed === null
    ? (typedWhole ? t('date.invalid') : undefined)
    : max && parsed > max ? t('date.tooLate', { max: formatDateInput(max) })
      : min && parsed < min ? t('date.tooEarly', { min: formatDateInput(min) }) : undefined;
  return (
    <TextInput
      {...props}
      inputMode="numeric"
      autoComplete="off"
      placeholder={t('date.placeholder')}
      maxLength={10}
      value={text}
      error={error ?? own}
      data-date-value={parsed ?? ''}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        const date = parseDate(next);
        if ((date ?? '') !== value) onChange(date ?? '');
      }}
      onBlur={(event) => {
        if (parsed) setText(formatDateInput(parsed));
        onBlur?.(event);
      }}
    />
  );
}
