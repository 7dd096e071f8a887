// The intake registry's contract. The shared frame (IntakeForm) asks for everything every service
// needs: the applicant, the applicant type and sub-type, the §12 checklist, the fee items and receipts,
// the Idempotency-Key of the draft, and shows the acknowledgement slip. A service adds only its own
// part: a section in src/intake/sections/<service>.tsx, listed in src/intake/registry.ts.
import type { ComponentType } from 'react';
import type { Schemas } from '../api/client';
import type { Acknowledgement } from '../desk/applications';
import type { Language, MessageKey } from '../i18n/messages';
import type { ServiceEntry } from '../pages/catalogue';

export type ApplicantKind = Schemas['ApplicantKind'];
export type ApplicantDetails = Schemas['ApplicantDetails'];
export type ReceiptRequest = Schemas['ReceiptRequest'];

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;
export type PickText = (text: { kk: string; ru: string; en: string }) => string;

/** One receipt as typed in the form (per fee item); amount null = today's quote. */
export interface ReceiptDraft {
  bank: string;
  receiptNumber: string;
  paidOn: string;
  amount: string | null;
}

/** What the frame keeps in the draft (sessionStorage, key `intake:<service>`). */
export interface FrameDraft {
  /** The Idempotency-Key of this form: made at the first submit, kept until the form is done. */
  idempotencyKey: string;
  /** The catalogue document group's applicantType ('' until chosen when the service has several). */
  applicantType: string;
  /** '' when none (the section's subTypes list the choices). */
  subType: string;
  /** The groups with additionalTo = applicantType that apply to this applicant (their items are then required too). */
  additionalGroups: string[];
  kind: ApplicantKind;
  iin: string;
  bin: string;
  organisationName: string;
  lastName: string;
  firstName: string;
  middleName: string;
  /** yyyy-MM-dd; asked of foreigners and stateless persons (an IIN carries it). */
  birthDate: string;
  /** ISO 3166-1 alpha-2, foreigners. */
  citizenship: string;
  travelNumber: string;
  travelCountry: string;
  travelExpiresOn: string;
  phone: string;
  email: string;
  language: Language;
  documents: string[];
  /** Chosen fee items (services with several; a single item is always due). */
  feeItems: string[];
  feeExemption: string;
  receipts: Record<string, ReceiptDraft>;
}

export interface IntakeDraft<T> extends FrameDraft {
  /** The service section's own data. */
  section: T;
}

/** What a section sees of the form around it. */
export interface SectionContext {
  service: ServiceEntry;
  frame: FrameDraft;
  /** yyyy-MM-dd in Almaty. */
  today: string;
  t: Translate;
  pick: PickText;
}

export interface SectionProps<T> {
  data: T;
  update: (patch: Partial<T>) => void;
  context: SectionContext;
}

/** The frame's part of a submission, checked and trimmed; a section's submit adds its own data and posts it. */
export interface SubmissionFrame {
  service: string;
  officeId: string;
  applicantType: string;
  subType: string | null;
  applicant: ApplicantDetails;
  documents: string[];
  feeItems: string[];
  feeExemption: string | null;
  receipts: ReceiptRequest[];
  idempotencyKey: string;
}

export interface IntakeSection<T extends object> {
  /** The catalogue code of the service ('*' for the generic fallback). */
  service: string;
  /** The page heading; the generic one names the service. */
  title?: MessageKey;
  /** Who may apply, when the catalogue's applicant codes do not tell (see applicantKindsOf). */
  applicantKinds?: ApplicantKind[];
  /** The catalogue document groups that are applicant types here (default: every group without additionalTo). */
  applicantTypes?: string[];
  /** The service's sub-types (IServiceDefinition.SubTypes), with their labels. */
  subTypes?: { code: string; label: MessageKey }[];
  /**
   * What the section's data (or the sub-type) decides of the frame — the applicant type, kind and fee
   * items of a sub-type, the additional groups a period calls for; applied after every change.
   */
  frameOf?: (draft: IntakeDraft<T>, service: ServiceEntry, today: string) => Partial<FrameDraft>;
  /** The section's empty data. */
  initial: () => T;
  /** The labels of the section's fields by their field key (e.g. `categories`), for the problem summary. */
  fieldLabels?: (t: Translate) => Record<string, string>;
  /**
   * The API's error paths that do not end in a field key (`powerOfAttorney.number` → `poaNumber`);
   * otherwise the path itself, or its last part (`unit.serial` → `serial`), names the field.
   */
  paths?: Record<string, string>;
  /** The section's fields, rendered between the applicant and the checklist; none for the generic fallback. */
  Section?: ComponentType<SectionProps<T>>;
  /** What in the section's data still stops submission (translated, in the order of the fields). */
  validate: (data: T, context: SectionContext) => string[];
  /**
   * The catalogue exemption codes (DocumentItem.exemptFor) the section's data claims — permanent
   * residence's exemption or housing contract, citizenship's no-children / not-married: those items
   * stop being required (the fee exemption claimed counts too, see blockingReasons).
   */
  documentExemptions?: (data: T, context: SectionContext) => string[];
  /** Posts the application to the service's route with the frame's Idempotency-Key; answers with the slip. */
  submit: (frame: SubmissionFrame, data: T) => Promise<Acknowledgement>;
}
