import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../i18n/messages';
import type { FrameDraft } from '../types';
import { categoryOf, citizenshipReasons, citizenshipSection, kinOf } from './citizenship';

const t = (key: MessageKey, values?: Record<string, string | number>) => translate('en', key, values);
const frame = (applicantType: string, extra: Partial<FrameDraft> = {}) => ({ applicantType, kind: 'foreigner', feeExemption: '', ...extra }) as FrameDraft;

describe('the citizenship section', () => {
  it('reads the category from the applicant type', () => {
    expect(categoryOf('category-6')).toBe(6);
    expect(categoryOf('admission-common')).toBe(0);
  });

  it('offers adopted kin only in category 4 (§6.4)', () => {
    expect(kinOf(4)).toContain('adopted-child');
    expect(kinOf(2)).not.toContain('adopted-child');
  });

  it('asks each category its own facts', () => {
    const data = citizenshipSection.initial();
    expect(citizenshipReasons(data, { frame: frame('category-1'), t })).toEqual([t('citizenship.blocked.oralman')]);
    expect(citizenshipReasons(data, { frame: frame('category-6'), t })).toEqual([t('citizenship.blocked.marriage')]);
    expect(citizenshipReasons({ ...data, inKazakhstanBefore1991On: '1980-01-01' }, { frame: frame('category-3'), t })).toEqual([]);
    expect(citizenshipReasons(data, { frame: frame('category-3'), t })).toEqual([t('citizenship.blocked.relative')]);
    expect(citizenshipReasons(data, { frame: frame('category-8'), t })).toEqual([]);
  });

  it('spares a renouncing applicant the certificates of children and marriage they do not have (§12.2.г–д)', () => {
    const data = citizenshipSection.initial();
    const context = { frame: frame('category-8', { kind: 'individual' }), t } as never;
    expect(citizenshipSection.documentExemptions!(data, context)).toEqual(['no-children', 'not-married']);
    expect(citizenshipSection.documentExemptions!({ ...data, married: true }, context)).toEqual(['no-children']);
  });
});
