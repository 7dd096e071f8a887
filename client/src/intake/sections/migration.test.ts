// residence-permit, temporary-registration and permanent-residence sections: their rules at the
// boundaries, what stops submission, and the exact JSON each posts to its typed route.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { translate, type MessageKey } from '../../i18n/messages';
import type { ServiceEntry } from '../../pages/catalogue';
import { blockingReasons, emptyIntake, mainGroups, submissionFrame } from '../frame';
import { sectionFor } from '../registry';
import type { IntakeDraft, SectionContext } from '../types';
import { isAtLeast, lastDay, plusDays, plusMonths } from './migration-dates';
import {
  housingMinimum, meetsMinimum, minimumBalance, minimumBalanceMci, parseAmount, permanentResidenceBody, permanentResidenceSection,
  validatePermanentResidence, type PermanentResidenceData,
} from './permanent-residence';
import { needsTravelProof, residencePermitBody, residencePermitSection, type ResidencePermitData } from './residence-permit';
import {
  daysLate, dueBy, periodEstimate, temporaryRegistrationBody, temporaryRegistrationSection, validateTemporaryRegistration,
  type TemporaryRegistrationData,
} from './temporary-registration';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'modules', 'Kazgov.Platform', 'Catalogue', 'Data');
const catalogue = (code: string): ServiceEntry => JSON.parse(readFileSync(join(DATA, `${code}.json`), 'utf8')) as ServiceEntry;
const residencePermit = catalogue('residence-permit');
const temporaryRegistration = catalogue('temporary-registration');
const permanentResidence = catalogue('permanent-residence');

const t = (key: MessageKey, values?: Record<string, string | number>) => translate('en', key, values);
const pick = (text: { en: string }) => text.en;
const TODAY = '2026-03-10';
const OFFICE = 'migration-police-astana-e7769a19';

afterEach(() => vi.unstubAllGlobals());

/** Catches the one request a submit sends and answers 201 with a slip. */
function captureFetch() {
  const sent: Request[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    sent.push(request.clone());
    return new Response(JSON.stringify({ application: {}, acknowledgement: { registrationNumber: 'E7769A19-2026-000009' } }),
      { status: 201, headers: { 'Content-Type': 'application/json' } });
  });
  return sent;
}

function foreigner<T extends object>(section: typeof residencePermitSection | typeof temporaryRegistrationSection | typeof permanentResidenceSection, service: ServiceEntry) {
  return {
    ...emptyIntake(section as never, service, 'ru'),
    kind: 'foreigner' as const,
    travelNumber: 'FA1234567', travelCountry: 'UZ', travelExpiresOn: '2030-05-31', birthDate: '1990-04-12', citizenship: 'UZ',
    lastName: 'Каримов', firstName: 'Бахтиёр', phone: '+77011234599',
  } as IntakeDraft<T>;
}

const context = (service: ServiceEntry, frame: IntakeDraft<object>): SectionContext => ({ service, frame, today: TODAY, t, pick });

describe('calendar arithmetic as the API reads it', () => {
  it('adds months NodaTime-style and finds anniversaries of 29 February', () => {
    expect(plusMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(plusMonths('2026-03-10', 6)).toBe('2026-09-10');
    expect(isAtLeast('2008-02-29', 16, '2024-02-28')).toBe(false);
    expect(isAtLeast('2008-02-29', 16, '2024-02-29')).toBe(true);
    expect(isAtLeast('2010-02-28', 16, '2026-02-28')).toBe(true);
    expect(isAtLeast('2010-02-28', 16, '2026-02-27')).toBe(false);
  });

  it('ends a term on its last day: 90 days from 10 March on 7 June, one month on 9 April', () => {
    expect(lastDay('2026-03-10', 'P90D')).toBe('2026-06-07');
    expect(lastDay('2026-03-10', 'P1M')).toBe('2026-04-09');
    expect(lastDay('2026-03-10', 'P3M')).toBe('2026-06-09');
    expect(plusDays('2026-02-28', 1)).toBe('2026-03-01');
  });
});

describe('residence-permit', () => {
  const filled = (patch: Partial<IntakeDraft<ResidencePermitData>> = {}): IntakeDraft<ResidencePermitData> => ({
    ...foreigner<ResidencePermitData>(residencePermitSection, residencePermit), ...patch,
  });

  it('is the registered section, and its sub-type sets the applicant type, kind and fee item', () => {
    expect(sectionFor('residence-permit')).toBe(residencePermitSection);
    expect(residencePermitSection.frameOf!(filled({ subType: 'stateless-certificate', documents: ['photos'] }), residencePermit, TODAY)).toEqual({
      kind: 'stateless-person', feeItems: ['stateless-certificate'], applicantType: 'stateless-person', documents: [], additionalGroups: [],
    });
    expect(residencePermitSection.frameOf!(filled({ subType: 'residence-permit', applicantType: 'foreigner', documents: ['photos'] }), residencePermit, TODAY))
      .toEqual({ kind: 'foreigner', feeItems: ['residence-permit'] });
    expect(residencePermitSection.frameOf!(filled(), residencePermit, TODAY)).toEqual({});
  });

  it('§6: 16 on the 16th birthday; a permit the day before is refused, a certificate needs the unaccompanied-travel proof', () => {
    const reasons = (subType: string, birthDate: string, proof = '') =>
      residencePermitSection.validate({ unaccompaniedTravelProof: proof }, context(residencePermit, filled({ subType, birthDate })));
    expect(reasons('residence-permit', '2010-03-10')).toEqual([]);
    expect(reasons('residence-permit', '2010-03-11')).toEqual(['residence-permit §6: a residence permit is issued from the age of 16']);
    expect(reasons('stateless-certificate', '2010-03-10')).toEqual([]);
    expect(reasons('stateless-certificate', '2010-03-11'))
      .toEqual(['residence-permit §6: the proof of travelling abroad unaccompanied is missing for a person under 16']);
    expect(reasons('stateless-certificate', '2010-03-11', 'Нотариальное согласие №12')).toEqual([]);
    expect(needsTravelProof('stateless-certificate', '2010-03-11', TODAY)).toBe(true);
    expect(needsTravelProof('stateless-certificate', '2010-03-10', TODAY)).toBe(false);
    expect(needsTravelProof('residence-permit', '2012-01-01', TODAY)).toBe(false);
  });

  it('blocks nothing more once the sub-type and documents are in; the frame takes the fee item from the sub-type', () => {
    let draft = filled({ subType: 'residence-permit' });
    draft = { ...draft, ...residencePermitSection.frameOf!(draft, residencePermit, TODAY) };
    draft.documents = ['national-passport', 'house-register-book', 'fee-receipt', 'photos'];
    expect(blockingReasons(draft, residencePermit, residencePermitSection, TODAY, t, pick)).toEqual([]);
  });

  it('posts exactly this to POST /api/v1/migration/residence-permits/applications with the Idempotency-Key', async () => {
    let draft = filled({ subType: 'stateless-certificate', birthDate: '2011-05-01', kind: 'stateless-person', citizenship: '' });
    draft = { ...draft, ...residencePermitSection.frameOf!(draft, residencePermit, TODAY) };
    draft.documents = ['identity-document', 'house-register-book', 'fee-receipt', 'photos'];
    draft.receipts = { 'stateless-certificate': { bank: 'Halyk Bank', receiptNumber: 'H-1', paidOn: TODAY, amount: '17300' } };
    draft.section = { unaccompaniedTravelProof: ' Согласие органа опеки №5 ' };
    const frame = submissionFrame(draft, residencePermit, null, OFFICE, 'key-rp');
    const sent = captureFetch();
    vi.setSystemTime(new Date('2026-03-10T07:30:00Z'));
    const slip = await residencePermitSection.submit(frame, draft.section);
    vi.useRealTimers();
    expect(slip.registrationNumber).toBe('E7769A19-2026-000009');
    expect([sent[0]!.method, new URL(sent[0]!.url).pathname, sent[0]!.headers.get('Idempotency-Key')])
      .toEqual(['POST', '/api/v1/migration/residence-permits/applications', 'key-rp']);
    expect(JSON.parse(await sent[0]!.text())).toEqual({
      officeId: OFFICE,
      channel: null,
      subType: 'stateless-certificate',
      applicant: {
        kind: 'stateless-person', iin: null, bin: null,
        travelDocument: { number: 'FA1234567', country: 'UZ', expiresOn: '2030-05-31' },
        lastName: 'Каримов', firstName: 'Бахтиёр', middleName: null, organisationName: null,
        birthDate: '2011-05-01', citizenship: null, phone: '+77011234599', email: null, language: 'ru',
      },
      representative: null,
      documents: ['identity-document', 'house-register-book', 'fee-receipt', 'photos'],
      receipts: [{ item: 'stateless-certificate', bank: 'Halyk Bank', receiptNumber: 'H-1', paidOn: TODAY, amount: 17300 }],
      feeExemption: null,
      unaccompaniedTravelProof: 'Согласие органа опеки №5',
    });
    // An adult's proof is not sent (the API refuses it from an adult asking for a permit).
    expect(residencePermitBody({ ...frame, subType: 'residence-permit', applicant: { ...frame.applicant, birthDate: '1990-01-01' } },
      draft.section, TODAY).unaccompaniedTravelProof).toBeNull();
  });
});

describe('temporary-registration', () => {
  const data = (patch: Partial<TemporaryRegistrationData> = {}): TemporaryRegistrationData => ({ ...temporaryRegistrationSection.initial(), ...patch });
  const draft = (section: TemporaryRegistrationData, patch: Partial<IntakeDraft<TemporaryRegistrationData>> = {}) => ({
    ...foreigner<TemporaryRegistrationData>(temporaryRegistrationSection, temporaryRegistration),
    documents: ['identity-document-with-visa', 'migration-card', 'registration-application'],
    section,
    ...patch,
  });

  it('§6: due on the fifth day after the crossing (the crossing day not counted); late from the sixth', () => {
    expect(dueBy('2026-03-01')).toBe('2026-03-06');
    expect(daysLate('2026-03-01', '2026-03-06')).toBe(0);
    expect(daysLate('2026-03-01', '2026-03-07')).toBe(1);
    expect(daysLate('2026-03-10', '2026-03-10')).toBe(0);
    expect(daysLate('2026-02-27', '2026-03-10')).toBe(6);
  });

  it('§16: the period is cut by the visa-free limit (90 days, Turkey one month), the visa, the academic year, a category', () => {
    const kg = draft(data(), { citizenship: 'KG', travelCountry: 'KG' });
    expect(periodEstimate(data({ requestedUntil: '2026-12-31' }), kg, temporaryRegistration, TODAY))
      .toEqual({ from: TODAY, until: '2026-06-07', by: 'visa-free-limit', overSixMonths: false });
    const tr = draft(data(), { citizenship: 'TR', travelCountry: 'TR' });
    expect(periodEstimate(data({ requestedUntil: '2026-12-31' }), tr, temporaryRegistration, TODAY)?.until).toBe('2026-04-09');
    const de = draft(data(), { citizenship: 'DE', travelCountry: 'DE' });
    const visa = { visaKind: 'multiple-entry' as const, visaValidUntil: '2027-12-31' };
    expect(periodEstimate(data({ requestedUntil: '2026-12-31', ...visa, basis: 'study', studyInstitution: 'ЕНУ' }), de, temporaryRegistration, TODAY))
      .toEqual({ from: TODAY, until: '2026-06-30', by: 'academic-year', overSixMonths: false });
    expect(periodEstimate(data({ requestedUntil: '2026-12-31', hostKind: 'self', selfCategory: '3', ...visa }), de, temporaryRegistration, TODAY)?.until)
      .toBe('2026-04-09');
    expect(periodEstimate(data({ requestedUntil: '2026-12-31', ...visa }), { ...de, travelExpiresOn: '2026-05-01' }, temporaryRegistration, TODAY)?.by)
      .toBe('travel-document');
    expect(periodEstimate(data(), de, temporaryRegistration, TODAY)).toBeNull();
  });

  it('§12: the six-month documents switch on when the period runs past 9 September from 10 March', () => {
    const de = (until: string) => draft(data({ requestedUntil: until, visaKind: 'multiple-entry', visaValidUntil: '2027-12-31' }),
      { citizenship: 'DE', travelCountry: 'DE' });
    expect(temporaryRegistrationSection.frameOf!(de('2026-09-09'), temporaryRegistration, TODAY)).toEqual({ additionalGroups: [] });
    expect(temporaryRegistrationSection.frameOf!(de('2026-09-10'), temporaryRegistration, TODAY)).toEqual({ additionalGroups: ['stay-over-six-months'] });
    expect(temporaryRegistrationSection.frameOf!(draft(data()), temporaryRegistration, TODAY)).toEqual({});
  });

  it('says what is missing, in the order of the fields; a visa only where appendix 4 does not free the citizenship', () => {
    const uz = draft(data());
    expect(validateTemporaryRegistration(data(), context(temporaryRegistration, uz))).toEqual([
      '§12: who registers is not chosen',
      'The address of stay is missing',
      '§6: the border-crossing day is missing or in the future',
      'The requested end is missing or past',
    ]);
    const ready = data({ hostKind: 'individual', hostIin: '850315300128', hostName: 'Сейітов Арман', address: 'Астана, 10',
      borderCrossedOn: '2026-03-09', requestedUntil: '2026-04-30' });
    expect(validateTemporaryRegistration(ready, context(temporaryRegistration, uz))).toEqual([]);
    const de = draft(ready, { citizenship: 'DE', travelCountry: 'DE' });
    expect(validateTemporaryRegistration(ready, context(temporaryRegistration, de)))
      .toEqual(['§12.1, appendix 4: not a visa-free citizenship — the visa\'s kind and validity are needed']);
    expect(validateTemporaryRegistration({ ...ready, visaKind: 'single-entry', visaValidUntil: '2026-03-09' }, context(temporaryRegistration, de)))
      .toHaveLength(1);
    expect(validateTemporaryRegistration({ ...ready, visaKind: 'single-entry', visaValidUntil: TODAY }, context(temporaryRegistration, de))).toEqual([]);
    expect(validateTemporaryRegistration({ ...ready, borderCrossedOn: '2026-03-11' }, context(temporaryRegistration, uz)))
      .toEqual(['§6: the border-crossing day is missing or in the future']);
    // Appendix 3 category 1 is for the citizens of its listed states only.
    const self = { ...ready, hostKind: 'self' as const, selfCategory: '1' };
    const listed = (temporaryRegistration.selfRegistrationCategories ?? [])[0]!.countries!.map((c) => c.iso);
    expect([listed.includes('DE'), listed.includes('UZ')]).toEqual([true, false]);
    const withVisa = { ...self, visaKind: 'single-entry' as const, visaValidUntil: '2026-06-01' };
    expect(validateTemporaryRegistration(withVisa, context(temporaryRegistration, de))).toEqual([]);
    expect(validateTemporaryRegistration(self, context(temporaryRegistration, uz)))
      .toEqual(['Appendix 3, category 1: the applicant\'s citizenship is not listed']);
    expect(validateTemporaryRegistration({ ...ready, group: true, members: [] }, context(temporaryRegistration, uz)))
      .toEqual(['§15: the group\'s list number, certifier and every member\'s details are needed']);
  });

  it('posts exactly this to POST /api/v1/migration/temporary-registrations/applications with the Idempotency-Key', async () => {
    const section = data({
      hostKind: 'legal-entity', hostBin: '040340001283', hostName: 'ТОО «Север»', address: ' Астана, Бейбітшілік к-сі, 10 ',
      migrationCardNumber: 'MC123456', borderCrossedOn: '2026-03-01', requestedUntil: '2026-04-30',
      visaNumber: 'V123', visaKind: 'multiple-entry', visaValidUntil: '2026-12-31', basis: 'work-permit',
      workPermitNumber: 'WP-1', workPermitValidUntil: '2027-01-31',
      group: true, groupListNumber: 'TG-17', groupCertifiedBy: 'Consul A. Nurlanov',
      members: [{ kind: 'foreigner', number: 'YA1', country: 'de', expiresOn: '2031-01-01', lastName: 'Müller', firstName: 'Anna', birthDate: '1985-02-01', citizenship: 'de' }],
    });
    const frame = submissionFrame(draft(section), temporaryRegistration, null, OFFICE, 'key-tr');
    const sent = captureFetch();
    await temporaryRegistrationSection.submit(frame, section);
    expect([sent[0]!.method, new URL(sent[0]!.url).pathname, sent[0]!.headers.get('Idempotency-Key')])
      .toEqual(['POST', '/api/v1/migration/temporary-registrations/applications', 'key-tr']);
    const body = JSON.parse(await sent[0]!.text());
    expect(body).toEqual({
      officeId: OFFICE,
      channel: null,
      applicant: {
        kind: 'foreigner', iin: null, bin: null,
        travelDocument: { number: 'FA1234567', country: 'UZ', expiresOn: '2030-05-31' },
        lastName: 'Каримов', firstName: 'Бахтиёр', middleName: null, organisationName: null,
        birthDate: '1990-04-12', citizenship: 'UZ', phone: '+77011234599', email: null, language: 'ru',
      },
      representative: null,
      documents: ['identity-document-with-visa', 'migration-card', 'registration-application'],
      host: { kind: 'legal-entity', iin: null, bin: '040340001283', name: 'ТОО «Север»', selfCategory: null },
      address: 'Астана, Бейбітшілік к-сі, 10',
      migrationCardNumber: 'MC123456',
      borderCrossedOn: '2026-03-01',
      requestedUntil: '2026-04-30',
      visa: { number: 'V123', kind: 'multiple-entry', validUntil: '2026-12-31' },
      workPermit: { number: 'WP-1', validUntil: '2027-01-31' },
      study: null,
      extendsRegistration: null,
      group: {
        listNumber: 'TG-17', certifiedBy: 'Consul A. Nurlanov',
        members: [{
          kind: 'foreigner', travelDocument: { number: 'YA1', country: 'DE', expiresOn: '2031-01-01' },
          lastName: 'Müller', firstName: 'Anna', middleName: null, birthDate: '1985-02-01', citizenship: 'DE', visa: null,
        }],
      },
    });
    // A stateless member has no citizenship, whatever was typed before the kind changed.
    const stateless = temporaryRegistrationBody(frame, { ...section, members: [{ ...section.members[0]!, kind: 'stateless-person' }] });
    expect(stateless.group!.members![0]).toMatchObject({ kind: 'stateless-person', citizenship: null });
    // A self-registered foreigner: the category, no host name; no visa when none is typed.
    expect(temporaryRegistrationBody(frame, data({ hostKind: 'self', selfCategory: '2', hostName: 'x', address: 'A' })))
      .toMatchObject({ host: { kind: 'self', iin: null, bin: null, name: null, selfCategory: 2 }, visa: null, workPermit: null, group: null });
  });
});

describe('permanent-residence', () => {
  const data = (patch: Partial<PermanentResidenceData> = {}): PermanentResidenceData => ({ ...permanentResidenceSection.initial(), ...patch });
  const draft = (section: PermanentResidenceData, patch: Partial<IntakeDraft<PermanentResidenceData>> = {}) => ({
    ...foreigner<PermanentResidenceData>(permanentResidenceSection, permanentResidence),
    citizenship: 'RU', travelCountry: 'RU', applicantType: 'other-lawful-stay', section, ...patch,
  });

  it('§12.2.ж: 1 320 × the MCI of today, compared to the tiyn', () => {
    expect(minimumBalanceMci(permanentResidence)).toBe(1320);
    expect(minimumBalance(4325)).toBe(5_709_000);
    expect(minimumBalance(3932)).toBe(5_190_240);
    expect(meetsMinimum('5709000', 5_709_000)).toBe(true);
    expect(meetsMinimum('5 709 000,00', 5_709_000)).toBe(true);
    expect(meetsMinimum('5708999.99', 5_709_000)).toBe(false);
    expect(meetsMinimum('', 5_709_000)).toBeNull();
    expect(parseAmount('12,5')).toBe(12.5);
    expect(parseAmount('-1')).toBeNull();
  });

  it('§12.2.з: family members × 15 m² × the settlement’s price, compared to the tiyn', () => {
    const minimum = housingMinimum('3', 560_000)!;
    expect(minimum).toBe(25_200_000);
    expect(housingMinimum('1', 333_333.33)).toBe(4_999_999.95);
    expect(housingMinimum('2', 1000, 20)).toBe(40_000);
    expect(meetsMinimum('25200000', minimum)).toBe(true);
    expect(meetsMinimum('25 200 000,00', minimum)).toBe(true);
    expect(meetsMinimum('25199999.99', minimum)).toBe(false);
    expect(meetsMinimum('4999999.95', housingMinimum('1', 333_333.33)!)).toBe(true);
    expect(meetsMinimum('4999999.94', housingMinimum('1', 333_333.33)!)).toBe(false);
    expect(housingMinimum('0', 560_000)).toBeNull();
    expect(housingMinimum('', 560_000)).toBeNull();
  });

  it('offers the two routes as applicant types, not the §17 list', () => {
    expect(mainGroups(permanentResidence, permanentResidenceSection).map((g) => g.applicantType)).toEqual(['pr-visa-holder', 'other-lawful-stay']);
    // The groups named after the catalogue's applicants are the applicant types, as on the server.
    expect(mainGroups(permanentResidence).map((g) => g.applicantType)).toEqual(['pr-visa-holder', 'other-lawful-stay']);
  });

  it('says what is missing; §12.2 asks for the balances unless exempt, a housing contract replaces the funds', () => {
    const empty = data({ familyMembers: '0' });
    expect(validatePermanentResidence(empty, context(permanentResidence, draft(empty)))).toEqual([
      'The settlement is missing', 'The address is missing', 'Family members: at least 1',
      '§12.2.ж: the bank balance is missing', '§12.2.з: the housing funds are missing (or tick the contract)',
    ]);
    const place = { settlement: 'astana', address: 'Астана, 10', familyMembers: '3' };
    expect(validatePermanentResidence(data(place), context(permanentResidence, draft(data(), { applicantType: 'pr-visa-holder' })))).toEqual([]);
    expect(validatePermanentResidence(data({ ...place, exemption: 'oralman' }), context(permanentResidence, draft(data()))))
      .toEqual(['The document proving the exemption is missing']);
    const contract = data({ ...place, bankBalance: '5709000', housingContract: true });
    expect(validatePermanentResidence(contract, context(permanentResidence, draft(contract))))
      .toEqual(['§12.2.з: the housing provision contract is not ticked among the documents']);
    expect(validatePermanentResidence(contract, context(permanentResidence, draft(contract, { documents: ['housing-provision-contract'] })))).toEqual([]);
  });

  it('an exemption frees the documents the catalogue says it frees (exemptFor)', () => {
    const all = ['application-questionnaire', 'identity-document', 'migration-card', 'autobiography', 'medical-certificate', 'housing-owner-consent', 'photos'];
    const section = data({ settlement: 'astana', address: 'Астана, 10', familyMembers: '1', exemption: 'oralman', exemptionBasis: 'Удостоверение оралмана №1' });
    expect(blockingReasons(draft(section, { documents: all }), permanentResidence, permanentResidenceSection, TODAY, t, pick)).toEqual([]);
    const treaty = { ...section, exemption: 'treaty-state-citizen' as const };
    expect(blockingReasons(draft(treaty, { documents: all }), permanentResidence, permanentResidenceSection, TODAY, t, pick))
      .toEqual([expect.stringMatching(/^Mandatory documents not ticked: «[^»]+»$/)]);
  });

  it('posts exactly this to POST /api/v1/migration/permanent-residence/applications with the Idempotency-Key (no receipt at intake)', async () => {
    const section = data({ settlement: ' Astana ', address: 'Астана, Мәңгілік Ел даңғылы, 10', familyMembers: '3', bankBalance: '5 709 000', housingFunds: '25200000' });
    const documents = ['application-questionnaire', 'identity-document', 'migration-card', 'exit-consent-of-state', 'autobiography',
      'medical-certificate', 'bank-statement-minimum-balance', 'bank-statement-housing-funds', 'housing-owner-consent', 'photos'];
    const frame = submissionFrame(draft(section, { documents }), permanentResidence, null, OFFICE, 'key-pr');
    const sent = captureFetch();
    await permanentResidenceSection.submit(frame, section);
    expect([sent[0]!.method, new URL(sent[0]!.url).pathname, sent[0]!.headers.get('Idempotency-Key')])
      .toEqual(['POST', '/api/v1/migration/permanent-residence/applications', 'key-pr']);
    expect(JSON.parse(await sent[0]!.text())).toEqual({
      officeId: OFFICE,
      channel: null,
      route: 'other-lawful-stay',
      applicant: {
        kind: 'foreigner', iin: null, bin: null,
        travelDocument: { number: 'FA1234567', country: 'RU', expiresOn: '2030-05-31' },
        lastName: 'Каримов', firstName: 'Бахтиёр', middleName: null, organisationName: null,
        birthDate: '1990-04-12', citizenship: 'RU', phone: '+77011234599', email: null, language: 'ru',
      },
      representative: null,
      documents,
      settlement: 'astana',
      address: 'Астана, Мәңгілік Ел даңғылы, 10',
      familyMembers: 3,
      exemption: null,
      exemptionBasis: null,
      bankBalance: 5709000,
      housingContract: false,
      housingFunds: 25200000,
    });
    // A PR-visa holder (§12.1) sends no solvency figures.
    expect(permanentResidenceBody({ ...frame, applicantType: 'pr-visa-holder' }, { ...section, exemption: 'oralman' }))
      .toMatchObject({ route: 'pr-visa-holder', exemption: null, bankBalance: null, housingContract: false, housingFunds: null });
  });
});

describe('permanent-residence receipts', () => {
  it('refuses a receipt typed at intake (§17.2: paid after the decision; the typed route takes none)', () => {
    const section = { ...permanentResidenceSection.initial(), settlement: 'astana', address: 'Астана, 10', familyMembers: '1' };
    const frame = {
      ...foreigner<PermanentResidenceData>(permanentResidenceSection, permanentResidence), applicantType: 'pr-visa-holder', section,
    };
    expect(validatePermanentResidence(section, context(permanentResidence, frame))).toEqual([]);
    const typed = { ...frame, receipts: { 'permanent-residence': { bank: 'Halyk', receiptNumber: '', paidOn: TODAY, amount: null } } };
    expect(validatePermanentResidence(section, context(permanentResidence, typed)))
      .toEqual(['§17.2: the duty is paid after the decision — record the receipt on the application page and leave it empty here']);
  });
});
