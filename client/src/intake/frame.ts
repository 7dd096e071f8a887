// The intake frame's rules, free of React: who may apply, the §12 checklist of the chosen applicant
// type, what stops submission, and the request the frame hands to a section's submit.
import type { Schemas } from '../api/client';
import { checkIin, iinCheckDigit } from '../desk/iin';
import type { Language } from '../i18n/messages';
import type { FeeQuote, ServiceEntry } from '../pages/catalogue';
import type {
  ApplicantDetails, ApplicantKind, FrameDraft, IntakeDraft, IntakeSection, PickText, ReceiptDraft, ReceiptRequest,
  SubmissionFrame, Translate,
} from './types';

type DocumentGroup = Schemas['DocumentGroup'];
type DocumentItem = Schemas['DocumentItem'];
type SourcedText = Schemas['SourcedText'];

export const APPLICANT_KINDS: ApplicantKind[] = ['individual', 'foreigner', 'stateless-person', 'legal-entity'];
const NATURAL: ApplicantKind[] = ['individual', 'foreigner', 'stateless-person'];

export function emptyFrame(language: Language, kind: ApplicantKind = 'individual'): FrameDraft {
  return {
    idempotencyKey: '', applicantType: '', subType: '', additionalGroups: [], kind,
    iin: '', bin: '', organisationName: '', lastName: '', firstName: '', middleName: '',
    birthDate: '', citizenship: '', travelNumber: '', travelCountry: '', travelExpiresOn: '',
    phone: '', email: '', language, documents: [], feeItems: [], feeExemption: '', receipts: {},
  };
}

export function emptyIntake<T extends object>(section: IntakeSection<T>, service: ServiceEntry, language: Language): IntakeDraft<T> {
  const kinds = applicantKindsOf(service, section);
  const groups = mainGroups(service, section);
  return {
    ...emptyFrame(language, kinds[0] ?? 'individual'),
    applicantType: groups.length === 1 ? groups[0]!.applicantType : '',
    section: section.initial(),
  };
}

/**
 * Who may apply, read from the catalogue's applicant codes (and legal-entity document groups) ("citizen",
 * "foreigner", "stateless-person", "legal-entity", "security-company"…). A code that names no
 * kind ("pr-visa-holder", "category-1") admits any natural person. A section may say it instead.
 */
export function applicantKindsOf(service: ServiceEntry, section?: Pick<IntakeSection<object>, 'applicantKinds'>): ApplicantKind[] {
  if (section?.applicantKinds?.length) return section.applicantKinds;
  const kinds = new Set<ApplicantKind>();
  const LEGAL = /legal-entity|company|organisation/;
  // A document group for legal entities (vehicle-registration §13) admits them even when the applicants do not say so.
  if (service.documents.some((g) => LEGAL.test(g.applicantType))) kinds.add('legal-entity');
  for (const code of service.applicants.map((a) => a.code)) {
    if (code === 'citizen' || code === 'individual' || code.endsWith('-employee') || code.startsWith('individual-')) kinds.add('individual');
    else if (code.includes('stateless')) kinds.add('stateless-person');
    else if (code.includes('foreign')) kinds.add('foreigner');
    else if (LEGAL.test(code)) kinds.add('legal-entity');
    else NATURAL.forEach((kind) => kinds.add(kind));
  }
  const found = APPLICANT_KINDS.filter((kind) => kinds.has(kind));
  return found.length > 0 ? found : NATURAL;
}

/**
 * The document groups an applicant type is chosen from: where groups are named after the catalogue's
 * applicants (citizenship's category-1 … category-8), those; otherwise the groups not additional to
 * another; narrowed to the section's applicant types when it names them.
 */
export function mainGroups(service: ServiceEntry, section?: Pick<IntakeSection<object>, 'applicantTypes'>): DocumentGroup[] {
  const applicants = new Set((service.applicants ?? []).map((a) => a.code));
  const named = service.documents.filter((group) => applicants.has(group.applicantType));
  return (named.length > 0 ? named : service.documents.filter((group) => !group.additionalTo))
    .filter((group) => !section?.applicantTypes || section.applicantTypes.includes(group.applicantType));
}

/** The groups that add documents to an applicant type when their case applies ("stay over six months"). */
export function additionalGroups(service: ServiceEntry, applicantType: string): DocumentGroup[] {
  return service.documents.filter((group) => group.additionalTo === applicantType && applicantType !== '');
}

/** A group's note about the photos (residence-permit §12: full face, no headwear…), told by its text. */
export function isPhotoNote(note: SourcedText): boolean {
  return /photo|фото|сурет/i.test(`${note.text.en} ${note.text.ru}`);
}

export interface ChecklistItem extends DocumentItem {
  /** The photo conditions listed under the photo item. */
  conditions: SourcedText[];
}

export interface ChecklistGroup {
  group: DocumentGroup;
  /** An additionalTo group: shown with a "this applies" box; its items count only when it applies. */
  additional: boolean;
  applies: boolean;
  items: ChecklistItem[];
  /** The group's notes other than the photo conditions. */
  notes: SourcedText[];
}

function checklistGroup(group: DocumentGroup, additional: boolean, applies: boolean): ChecklistGroup {
  const photoItem = group.items.find((item) => item.photo);
  const notes = group.notes ?? [];
  const conditions = photoItem ? notes.filter(isPhotoNote) : [];
  return {
    group,
    additional,
    applies,
    items: group.items.map((item) => ({ ...item, conditions: item === photoItem ? conditions : [] })),
    notes: notes.filter((note) => !conditions.includes(note)),
  };
}

/** The §12 checklist of an applicant type: its group, then the groups additional to it. */
export function checklistOf(service: ServiceEntry, applicantType: string, applying: string[] = []): ChecklistGroup[] {
  const main = mainGroups(service).find((group) => group.applicantType === applicantType);
  if (!main) return [];
  // An applicant type additional to a base group (citizenship §12.1: a category's documents on top
  // of the common list) hands in both, always.
  const base = main.additionalTo ? service.documents.find((group) => group.applicantType === main.additionalTo) : undefined;
  if (base) return [checklistGroup(base, false, true), checklistGroup(main, false, true)];
  return [
    checklistGroup(main, false, true),
    ...additionalGroups(service, applicantType).map((group) => checklistGroup(group, true, applying.includes(group.applicantType))),
  ];
}

/**
 * The mandatory documents not ticked, of the main group and of the additional groups that apply; an
 * item whose exemptFor names one of <exempt> (the fee exemption claimed, a section's groups) is not demanded.
 */
export function missingDocuments(checklist: ChecklistGroup[], ticked: string[], exempt: string[] = []): ChecklistItem[] {
  return checklist
    .filter((group) => group.applies)
    .flatMap((group) => group.items)
    .filter((item) => item.mandatory && !ticked.includes(item.code) && !(item.exemptFor ?? []).some((e) => exempt.includes(e)));
}

/** The documents to send: ticked ones of groups that apply (a box ticked under a group later unticked is dropped). */
export function presentedDocuments(checklist: ChecklistGroup[], ticked: string[]): string[] {
  const known = new Set(checklist.filter((group) => group.applies).flatMap((group) => group.items.map((item) => item.code)));
  return ticked.filter((code) => known.has(code));
}

/** The fee items due: none when free, the only one, or the ones chosen. */
export function dueFeeItems(service: ServiceEntry, chosen: string[]): string[] {
  if (service.fees.free || service.fees.items.length === 0) return [];
  if (service.fees.items.length === 1) return [service.fees.items[0]!.code];
  return service.fees.items.map((item) => item.code).filter((code) => chosen.includes(code));
}

export function emptyReceipt(today: string): ReceiptDraft {
  return { bank: '', receiptNumber: '', paidOn: today, amount: null };
}

/** The amount shown in a receipt: what the clerk typed, or today's quote of the item. */
export function receiptAmount(receipt: ReceiptDraft, item: string, quote: FeeQuote | null): string {
  if (receipt.amount !== null) return receipt.amount;
  const line = quote?.lines.find((l) => l.item === item);
  return line ? String(line.amount) : '';
}

/** A BIN: twelve digits, a registration month, the entity kind and part digits, the IIN's check digit. */
export function isValidBin(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  const month = Number(value.slice(2, 4));
  if (month < 1 || month > 12) return false;
  if (value[4]! < '4' || value[4]! > '6' || value[5]! < '0' || value[5]! > '3') return false;
  return iinCheckDigit(value.slice(0, 11)) === Number(value[11]);
}

const COUNTRY = /^[A-Z]{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What in the applicant stops submission, in the order of the fields. */
export function applicantReasons(frame: FrameDraft, today: string, t: Translate): string[] {
  const reasons: string[] = [];
  if (frame.kind === 'individual') {
    if (!checkIin(frame.iin, today).valid) reasons.push(t('intake.blocked.iin'));
  } else if (frame.kind === 'legal-entity') {
    if (!isValidBin(frame.bin)) reasons.push(t('intake.blocked.bin'));
    if (!frame.organisationName.trim()) reasons.push(t('intake.blocked.organisation'));
  } else {
    const expires = frame.travelExpiresOn;
    if (!frame.travelNumber.trim() || !COUNTRY.test(frame.travelCountry.trim().toUpperCase()) || !DATE.test(expires)) {
      reasons.push(t('intake.blocked.travelDocument'));
    } else if (expires < today) {
      reasons.push(t('intake.blocked.travelDocumentExpired'));
    }
    if (!DATE.test(frame.birthDate) || frame.birthDate > today) reasons.push(t('intake.blocked.birthDate'));
    if (frame.kind === 'foreigner' && frame.citizenship.trim() && !COUNTRY.test(frame.citizenship.trim().toUpperCase())) {
      reasons.push(t('intake.blocked.citizenship'));
    }
  }
  if (frame.kind !== 'legal-entity' && (!frame.lastName.trim() || !frame.firstName.trim())) reasons.push(t('intake.blocked.name'));
  // The API needs a phone or an e-mail for the notifications (ApplicantValidation).
  if (!frame.phone.trim() && !frame.email.trim()) reasons.push(t('intake.blocked.phone'));
  return reasons;
}

/**
 * Everything that stops the form from being sent, in the order the clerk fills it in: the
 * applicant, the applicant type and sub-type, the section's own reasons, the §12 documents
 * (every standard's §12: all documents, or nothing is accepted), the fee items and receipts.
 */
export function blockingReasons<T extends object>(
  draft: IntakeDraft<T>,
  service: ServiceEntry,
  section: IntakeSection<T>,
  today: string,
  t: Translate,
  pick: PickText,
): string[] {
  const reasons = applicantReasons(draft, today, t);
  if (!mainGroups(service, section).some((group) => group.applicantType === draft.applicantType)) reasons.push(t('intake.blocked.applicantType'));
  if (section.subTypes?.length && !section.subTypes.some((s) => s.code === draft.subType)) reasons.push(t('intake.blocked.subType'));
  reasons.push(...section.validate(draft.section, { service, frame: draft, today, t, pick }));
  const exempt = [...(section.documentExemptions?.(draft.section, { service, frame: draft, today, t, pick }) ?? []), ...(draft.feeExemption ? [draft.feeExemption] : [])];
  const missing = missingDocuments(checklistOf(service, draft.applicantType, draft.additionalGroups), draft.documents, exempt);
  if (missing.length > 0) reasons.push(t('intake.blocked.documents', { list: missing.map((d) => `«${pick(d.text)}»`).join('; ') }));
  const items = dueFeeItems(service, draft.feeItems);
  if (!service.fees.free && service.fees.items.length > 1 && items.length === 0) reasons.push(t('intake.blocked.feeItems'));
  for (const item of items) {
    const receipt = draft.receipts[item];
    const parts = [receipt?.bank.trim(), receipt?.receiptNumber.trim()];
    if (parts.some(Boolean) && !parts.every(Boolean)) {
      reasons.push(t('intake.blocked.receipt'));
      break;
    }
  }
  return reasons;
}

/** The applicant as the API takes it (ApplicantDetails), only the fields of its kind. */
export function applicantOf(frame: FrameDraft): ApplicantDetails {
  const text = (value: string) => value.trim() || null;
  const person = frame.kind !== 'legal-entity';
  const foreign = frame.kind === 'foreigner' || frame.kind === 'stateless-person';
  return {
    kind: frame.kind,
    iin: frame.kind === 'individual' ? frame.iin.trim() : null,
    bin: frame.kind === 'legal-entity' ? frame.bin.trim() : null,
    travelDocument: foreign
      ? { number: text(frame.travelNumber), country: text(frame.travelCountry.toUpperCase()), expiresOn: text(frame.travelExpiresOn) }
      : null,
    lastName: person ? text(frame.lastName) : null,
    firstName: person ? text(frame.firstName) : null,
    middleName: person ? text(frame.middleName) : null,
    organisationName: person ? null : text(frame.organisationName),
    birthDate: foreign ? text(frame.birthDate) : null,
    citizenship: frame.kind === 'foreigner' ? text(frame.citizenship.toUpperCase()) : null,
    phone: text(frame.phone),
    email: text(frame.email),
    language: frame.language,
  };
}

/** The receipts typed in full (a receipt left empty is recorded later on the application page). */
export function receiptsOf(frame: FrameDraft, service: ServiceEntry, quote: FeeQuote | null): ReceiptRequest[] {
  return dueFeeItems(service, frame.feeItems).flatMap((item) => {
    const receipt = frame.receipts[item];
    if (!receipt || !receipt.bank.trim() || !receipt.receiptNumber.trim()) return [];
    return [{
      item,
      bank: receipt.bank.trim(),
      receiptNumber: receipt.receiptNumber.trim(),
      paidOn: receipt.paidOn,
      amount: Number(receiptAmount(receipt, item, quote).replace(',', '.')),
    }];
  });
}

export function submissionFrame<T extends object>(
  draft: IntakeDraft<T>, service: ServiceEntry, quote: FeeQuote | null, officeId: string, idempotencyKey: string,
): SubmissionFrame {
  const checklist = checklistOf(service, draft.applicantType, draft.additionalGroups);
  const feeItems = dueFeeItems(service, draft.feeItems);
  return {
    service: service.code,
    officeId,
    applicantType: draft.applicantType,
    subType: draft.subType || null,
    applicant: applicantOf(draft),
    documents: presentedDocuments(checklist, draft.documents),
    feeItems,
    feeExemption: draft.feeExemption && feeItems.length > 0 ? draft.feeExemption : null,
    receipts: receiptsOf(draft, service, quote),
    idempotencyKey,
  };
}

/** The body of POST /api/v1/applications for a service without a typed route. */
export function genericBody(frame: SubmissionFrame, moduleData: Record<string, unknown> = {}): Schemas['SubmitApplicationRequest'] {
  return {
    service: frame.service,
    subType: frame.subType,
    officeId: frame.officeId,
    channel: null,
    termVariant: null,
    applicantType: frame.applicantType,
    applicant: frame.applicant,
    representative: null,
    documents: frame.documents,
    feeItems: frame.feeItems,
    feeExemption: frame.feeExemption,
    receipts: frame.receipts,
    moduleData: moduleData as Schemas['SubmitApplicationRequest']['moduleData'],
  };
}
