import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/messages';
import { localSource } from './Source';

describe('a catalogue source in the page’s language', () => {
  it('names the standard instead of the service code', () => {
    expect(localSource('driver-licence §17.5', (key) => translate('ru', key))).toBe('стандарт «Водительские удостоверения» §17.5');
    expect(localSource('residence-permit §7.2, §7.3', (key) => translate('kk', key))).toBe('«Ықтиярхат» стандарты §7.2, §7.3');
  });

  it('leaves a source of another shape, or of an unknown code, as it is', () => {
    expect(localSource('Order 2020-04-30 N 355', (key) => translate('en', key))).toBe('Order 2020-04-30 N 355');
    expect(localSource('no-such-service §1', (key) => translate('en', key))).toBe('no-such-service §1');
  });
});
