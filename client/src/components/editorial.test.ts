import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { citizenText, editorialNotes } from './editorial';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'modules', 'Kazgov.Platform', 'Catalogue', 'Data');

describe('editorial notes in catalogue texts', () => {
  it('takes the note out of a citizen’s text and keeps the rest', () => {
    const ru = 'Срок оказания услуги — два месяца (в тексте: «кемінде екі ай», «не менее двух месяцев»).';
    expect(citizenText(ru)).toBe('Срок оказания услуги — два месяца.');
    expect(editorialNotes(ru)).toEqual(['в тексте: «кемінде екі ай», «не менее двух месяцев»']);
    const en = 'website www.mvd.kz (printed in the standard as «www. mіd. kz.»); reception telephone (7172) 71-40-75.';
    expect(citizenText(en)).toBe('website www.mvd.kz; reception telephone (7172) 71-40-75.');
    expect(citizenText('60 minutes (the text says «ең аз уақыт», "minimum time"; read as the maximum).'))
      .toBe('60 minutes.');
  });

  it('leaves every other parenthesis alone', () => {
    const text = 'телефон приёмной (7172) 71-40-75 (§7.2)';
    expect(citizenText(text)).toBe(text);
    expect(editorialNotes(text)).toEqual([]);
  });

  it('leaves no note of the shipped catalogue in any citizen’s text', () => {
    const notes: string[] = [];
    for (const file of readdirSync(DATA).filter((name) => name.endsWith('.json'))) {
      const entry = JSON.parse(readFileSync(join(DATA, file), 'utf8')) as Record<string, unknown>;
      // The readings are the catalogue's own commentary, never shown to citizens at all.
      delete entry.readings;
      const walk = (value: unknown): void => {
        if (typeof value === 'string') {
          const cleaned = citizenText(value);
          if (/в тексте|the text says|printed in the standard|not given in the text/i.test(cleaned)) notes.push(`${file}: ${cleaned}`);
        } else if (Array.isArray(value)) value.forEach(walk);
        else if (value && typeof value === 'object') Object.values(value).forEach(walk);
      };
      walk(entry);
    }
    expect(notes).toEqual([]);
  });
});
