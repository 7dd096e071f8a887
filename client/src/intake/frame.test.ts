import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { translate, type MessageKey } from '../i18n/messages';
import type { FeeQuote, ServiceEntry } from '../pages/catalogue';
import {
  applicantKindsOf, applicantOf, blockingReasons, checklistOf, emptyIntake, genericBody, isValidBin, mainGroups, missingDocuments,
  presentedDocuments, receiptsOf, submissionFrame,
} from './frame';
import { sectionFor, servableServices } from './registry';
import { driverLicenceSection } from './sections/driver-licence';
import { genericSection } from './sections/generic';
import { vehicleRegistrationSection } from './sections/vehicle-registration';
import type { IntakeDraft } from './types';

// The reviewed catalogue entries themselves (GET /api/v1/services/{code} serves them as they are).
const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'modules', 'Kazgov.Platform', 'Catalogue', 'Data');
const catalogue = (code: string): ServiceEntry => JSON.parse(readFileSync(join(DATA, `${code}.json`), 'utf8')) as ServiceEntry;
const temporaryRegistration = catalogue('temporary-registration');
const residencePermit = catalogue('residence-permit');
const driverLicence = catalogue('driver-licence');
const citizenship = catalogue('citizenship');

const t = (key: MessageKey, values?: Record<string, string | number>) => translate('en', key, values);
const pick = (text: { en: string }) => text.en;
const TODAY = '2026-03-10';

/** A foreigner's temporary-registration draft, filled in the way the e2e walk fills it. */
function foreignerDraft(): IntakeDraft<Record<string, never>> {
  return {
    ...emptyIntake(genericSection, temporaryRegistration, 'ru'),
    kind: 'foreigner',
    travelNumber: 'FA1234567', travelCountry: 'UZ', travelExpiresOn: '2030-05-31', birthDate: '1990-04-12', citizenship: 'uz',
    lastName: ' Каримов ', firstName: 'Бахтиёр', phone: '+77011234599',
    documents: ['identity-document-with-visa', 'migration-card', 'registration-application'],
    idempotencyKey: '',
  };
}

describe('the §12 checklist of a catalogue entry', () => {
  it('lists the applicant type\'s group, then the groups additional to it, which count only when they apply', () => {
    const off = checklistOf(temporaryRegistration, 'host-or-self');
    expect(off.map((g) => [g.group.applicantType, g.additional, g.applies])).toEqual([
      ['host-or-self', false, true],
      ['stay-over-six-months', true, false],
    ]);
    expect(missingDocuments(off, ['identity-document-with-visa', 'migration-card', 'registration-application'])).toEqual([]);

    // temporary-registration §12: a stay over six months adds the arrival sheets, the statistical slip and a photo.
    const on = checklistOf(temporaryRegistration, 'host-or-self', ['stay-over-six-months']);
    expect(missingDocuments(on, ['identity-document-with-visa', 'migration-card', 'registration-application']).map((i) => i.code))
      .toEqual(['address-arrival-sheets', 'statistical-record-slip', 'photos']);
    // A box ticked under a group that no longer applies is not sent.
    expect(presentedDocuments(off, ['migration-card', 'photos'])).toEqual(['migration-card']);
    expect(presentedDocuments(on, ['migration-card', 'photos'])).toEqual(['migration-card', 'photos']);
  });

  it('shows the photo conditions as one item with the conditions under it, other notes stay the group\'s', () => {
    const [foreigner] = checklistOf(residencePermit, 'foreigner');
    const photo = foreigner!.items.find((i) => i.code === 'photos')!;
    expect(photo.photo).toEqual({ count: 2, widthMm: 35, heightMm: 45 });
    expect(photo.conditions.map((c) => c.text.en)).toEqual([
      expect.stringMatching(/^The photo must match the applicant's age/),
      expect.stringMatching(/^The photo must be printed photographically/),
      'A person who always wears glasses is photographed wearing them (not dark glasses).',
      'Headwear is not allowed in the photo, except for persons who wear it for religious traditions.',
    ]);
    expect(foreigner!.items.filter((i) => i.conditions.length > 0)).toHaveLength(1);
    expect(foreigner!.notes).toEqual([]);

    // permanent-residence §12: its notes are about documents, not photos, and stay with the group.
    const [other] = checklistOf(catalogue('permanent-residence'), 'other-lawful-stay');
    expect(other!.items.every((i) => i.conditions.length === 0)).toBe(true);
    expect(other!.notes).toHaveLength(3);
  });

  it('has no checklist until an applicant type of the service is chosen', () => {
    expect(checklistOf(citizenship, '')).toEqual([]);
    expect(checklistOf(temporaryRegistration, 'stay-over-six-months')).toEqual([]);
    // citizenship: the categories are the applicant types; each adds its own documents to the common admission list.
    expect(checklistOf(citizenship, 'admission-common')).toEqual([]);
    expect(checklistOf(citizenship, 'category-6').map((g) => [g.group.applicantType, g.additional, g.applies]))
      .toEqual([['admission-common', false, true], ['category-6', false, true]]);
  });
});

describe('who may apply', () => {
  it('reads the applicant kinds from the catalogue, a section may say otherwise', () => {
    expect(applicantKindsOf(temporaryRegistration)).toEqual(['foreigner', 'stateless-person']);
    expect(applicantKindsOf(residencePermit)).toEqual(['foreigner', 'stateless-person']);
    expect(applicantKindsOf(driverLicence)).toEqual(['individual', 'foreigner', 'stateless-person']);
    expect(applicantKindsOf(driverLicence, driverLicenceSection)).toEqual(['individual']);
    expect(applicantKindsOf(catalogue('weapon-registration'))).toEqual(['individual', 'legal-entity']);
    expect(applicantKindsOf(catalogue('address-certificate'))).toEqual(['individual', 'foreigner', 'stateless-person', 'legal-entity']);
    // "pr-visa-holder", "other-lawful-stay" name no kind: any natural person.
    expect(applicantKindsOf(catalogue('permanent-residence'))).toEqual(['individual', 'foreigner', 'stateless-person']);
  });

  it('starts a draft with the first kind and the only applicant type', () => {
    const draft = emptyIntake(genericSection, temporaryRegistration, 'kk');
    expect([draft.kind, draft.applicantType, draft.language]).toEqual(['foreigner', 'host-or-self', 'kk']);
    expect(emptyIntake(genericSection, citizenship, 'kk').applicantType).toBe('');
  });
});

describe('what blocks submission', () => {
  it('lets a complete foreigner\'s temporary registration through', () => {
    expect(blockingReasons(foreignerDraft(), temporaryRegistration, genericSection, TODAY, t, pick)).toEqual([]);
  });

  it('names the travel document, the birth date, the name, the contact and the documents, in that order', () => {
    const draft = { ...foreignerDraft(), travelCountry: 'Uzb', birthDate: '2026-03-11', firstName: '', phone: '', documents: [] };
    expect(blockingReasons(draft, temporaryRegistration, genericSection, TODAY, t, pick)).toEqual([
      'The travel document number, country (two letters) and expiry are missing',
      'The date of birth is missing or in the future',
      'Last and first name are missing',
      'The phone is missing',
      expect.stringMatching(/^Mandatory documents not ticked: «A valid identity document.*»; «The migration card.*»; «The registration application.*»$/),
    ]);
  });

  it('refuses a travel document that expired the day before, and takes one expiring today', () => {
    const reasons = (travelExpiresOn: string) =>
      blockingReasons({ ...foreignerDraft(), travelExpiresOn }, temporaryRegistration, genericSection, TODAY, t, pick);
    expect(reasons('2026-03-09')).toEqual(['The travel document has expired']);
    expect(reasons('2026-03-10')).toEqual([]);
  });

  it('asks for the additional documents once their group applies', () => {
    const draft = { ...foreignerDraft(), additionalGroups: ['stay-over-six-months'] };
    expect(blockingReasons(draft, temporaryRegistration, genericSection, TODAY, t, pick)).toEqual([
      expect.stringMatching(/^Mandatory documents not ticked: «Two completed address arrival sheets.*»; «The statistical record slip.*»; «One photo, 35x45 mm.*»$/),
    ]);
  });

  it('asks for the applicant type where the service has several, and the fee items where it has several', () => {
    const draft = { ...emptyIntake(genericSection, residencePermit, 'en'), applicantType: '' };
    const reasons = blockingReasons(draft, residencePermit, genericSection, TODAY, t, pick);
    expect(reasons).toContain('No applicant type chosen');
    expect(reasons).toContain('No fee item chosen');
  });

  it('checks a legal entity\'s BIN and name instead of a person\'s', () => {
    expect(isValidBin('040340001283')).toBe(isValidBinByHand('040340001283'));
    const draft = { ...emptyIntake(genericSection, catalogue('address-certificate'), 'en'), kind: 'legal-entity' as const, applicantType: 'legal-entity', phone: '+77010000000' };
    expect(blockingReasons(draft, catalogue('address-certificate'), genericSection, TODAY, t, pick).slice(0, 2))
      .toEqual(['The BIN is not valid', 'The organisation name is missing']);
  });

  it('adds the section\'s own reasons after the applicant\'s', () => {
    const draft = { ...emptyIntake(driverLicenceSection, driverLicence, 'en') };
    expect(blockingReasons(draft, driverLicence, driverLicenceSection, TODAY, t, pick).slice(0, 4))
      .toEqual(['The IIN is not valid', 'Last and first name are missing', 'The phone is missing', 'No category chosen']);
  });
});

/** The BIN rules written out once more, so the test does not only repeat the code. */
function isValidBinByHand(bin: string): boolean {
  const d = bin.split('').map(Number);
  let sum = d.slice(0, 11).reduce((s, v, i) => s + v * (i + 1), 0) % 11;
  if (sum === 10) sum = d.slice(0, 11).reduce((s, v, i) => s + v * ((i + 2) % 11 + 1), 0) % 11;
  return sum === d[11] && Number(bin.slice(2, 4)) >= 1 && Number(bin.slice(2, 4)) <= 12 && '456'.includes(bin[4]!) && '0123'.includes(bin[5]!);
}

describe('the generic fallback', () => {
  it('is the section of every service without its own', () => {
    expect(sectionFor('address-certificate')).toBe(genericSection);
    expect(sectionFor('vehicle-registration')).toBe(vehicleRegistrationSection);
    expect(sectionFor('driver-licence')).toBe(driverLicenceSection);
  });

  it('builds POST /api/v1/applications with the applicant type, documents, fee items, receipts and empty module data', () => {
    const frame = submissionFrame(foreignerDraft(), temporaryRegistration, null, 'migration-police-astana-e7769a19', 'key-1');
    expect(genericBody(frame)).toEqual({
      service: 'temporary-registration',
      subType: null,
      officeId: 'migration-police-astana-e7769a19',
      channel: null,
      termVariant: null,
      applicantType: 'host-or-self',
      applicant: {
        kind: 'foreigner', iin: null, bin: null,
        travelDocument: { number: 'FA1234567', country: 'UZ', expiresOn: '2030-05-31' },
        lastName: 'Каримов', firstName: 'Бахтиёр', middleName: null, organisationName: null,
        birthDate: '1990-04-12', citizenship: 'UZ', phone: '+77011234599', email: null, language: 'ru',
      },
      representative: null,
      documents: ['identity-document-with-visa', 'migration-card', 'registration-application'],
      feeItems: [],
      feeExemption: null,
      receipts: [],
      moduleData: {},
    });
  });

  it('sends the typed receipts of the due fee items, the amount from today\'s quote unless changed', () => {
    const quote: FeeQuote = {
      service: 'residence-permit', paymentDate: TODAY, mci: { value: 4325, effectiveFrom: '2026-01-01' }, currency: 'KZT', total: 0,
      lines: [{ item: 'residence-permit', percentOfMci: 50, amount: 2162.5 }, { item: 'stateless-certificate', percentOfMci: 50, amount: 2162.5 }],
    };
    const draft = {
      ...emptyIntake(genericSection, residencePermit, 'en'),
      feeItems: ['residence-permit'],
      receipts: {
        'residence-permit': { bank: 'Kaspi Bank', receiptNumber: 'K-1', paidOn: TODAY, amount: null },
        'stateless-certificate': { bank: 'Halyk', receiptNumber: 'H-1', paidOn: TODAY, amount: '10' },
      },
    };
    expect(receiptsOf(draft, residencePermit, quote)).toEqual([
      { item: 'residence-permit', bank: 'Kaspi Bank', receiptNumber: 'K-1', paidOn: TODAY, amount: 2162.5 },
    ]);
  });

  it('posts through the shared route with the draft\'s Idempotency-Key and answers with the slip', async () => {
    const sent: Request[] = [];
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      sent.push(request.clone());
      return new Response(JSON.stringify({ application: {}, acknowledgement: { registrationNumber: 'E7769A19-2026-000001' } }),
        { status: 201, headers: { 'Content-Type': 'application/json' } });
    });
    const frame = submissionFrame(foreignerDraft(), temporaryRegistration, null, 'migration-police-astana-e7769a19', 'key-7');
    const slip = await genericSection.submit(frame, {});
    expect(slip.registrationNumber).toBe('E7769A19-2026-000001');
    expect(sent).toHaveLength(1);
    expect([sent[0]!.method, new URL(sent[0]!.url).pathname, sent[0]!.headers.get('Idempotency-Key')])
      .toEqual(['POST', '/api/v1/applications', 'key-7']);
    expect(JSON.parse(await sent[0]!.text())).toEqual(JSON.parse(JSON.stringify(genericBody(frame))));
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the applicant sent', () => {
  it('carries only the fields of its kind', () => {
    const individual = applicantOf({ ...foreignerDraft(), kind: 'individual', iin: '850315300128' });
    expect([individual.iin, individual.travelDocument, individual.birthDate, individual.citizenship]).toEqual(['850315300128', null, null, null]);
    const stateless = applicantOf({ ...foreignerDraft(), kind: 'stateless-person' });
    expect([stateless.citizenship, stateless.birthDate]).toEqual([null, '1990-04-12']);
  });
});

describe('the services a clerk can take', () => {
  it('are theirs that their office provides, in the catalogue\'s order', () => {
    const all = ['driver-licence', 'residence-permit', 'temporary-registration', 'permanent-residence', 'citizenship'];
    expect(servableServices(all, ['citizenship', 'temporary-registration', 'residence-permit'], ['temporary-registration', 'citizenship']))
      .toEqual(['temporary-registration', 'citizenship']);
    expect(servableServices(all, ['driver-licence'], null)).toEqual(['driver-licence']);
  });
});

// citizenship §12.1: where the groups are named after the applicants, the category is the applicant
// type and its checklist is the common list plus its own group, both always applying.
describe('applicant types named after the applicants', () => {
  const item = (code: string, exemptFor?: string[]) => ({ code, text: { kk: code, ru: code, en: code }, mandatory: true, source: 's', photo: null, ...(exemptFor ? { exemptFor } : {}) });
  const service = {
    applicants: [{ code: 'category-1' }, { code: 'category-8' }],
    documents: [
      { applicantType: 'admission-common', text: { kk: 'c', ru: 'c', en: 'c' }, items: [item('passport'), item('fee-receipt', ['oralman'])] },
      { applicantType: 'category-1', additionalTo: 'admission-common', text: { kk: '1', ru: '1', en: '1' }, items: [item('oralman-certificate')] },
      { applicantType: 'category-8', text: { kk: '8', ru: '8', en: '8' }, items: [item('marriage-certificate-copy', ['not-married'])] },
    ],
  } as unknown as Parameters<typeof mainGroups>[0];

  it('offers the categories, not the common list', () => {
    expect(mainGroups(service).map((g) => g.applicantType)).toEqual(['category-1', 'category-8']);
  });

  it('asks the common list and the category’s own documents, sparing what the applicant is exempt from', () => {
    const checklist = checklistOf(service, 'category-1');
    expect(checklist.map((g) => [g.group.applicantType, g.additional, g.applies])).toEqual([['admission-common', false, true], ['category-1', false, true]]);
    expect(missingDocuments(checklist, []).map((i) => i.code)).toEqual(['passport', 'fee-receipt', 'oralman-certificate']);
    expect(missingDocuments(checklist, [], ['oralman']).map((i) => i.code)).toEqual(['passport', 'oralman-certificate']);
    expect(missingDocuments(checklistOf(service, 'category-8'), [], ['not-married'])).toEqual([]);
  });
});
