// temporary-registration module data (TemporaryRegistrationData): the host, the address, the migration
// card, the crossing day with the §6 due day and days late (assessment, computed at intake), the
// period asked and what would be registered, the visa, work permit or studies, the tourist group.
import type { DetailRow, ModuleDetails } from '../types';

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj | null => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : null);
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export const temporaryRegistrationDetails: ModuleDetails = {
  service: 'temporary-registration',
  resultLabel: 'temporary-registration.result',
  rows: (data, { t, date, number }) => {
    const rows: DetailRow[] = [];
    const host = obj(data.host);
    if (host) {
      const kind = str(host.kind);
      const who = kind === 'self'
        ? t('temporary-registration.selfValue', { category: String(host.selfCategory ?? '') })
        : [str(host.name), str(host.iin) ?? str(host.bin)].filter(Boolean).join(', ');
      if (kind) rows.push([t('temporary-registration.host'), `${t(`temporary-registration.host.${kind as 'self'}`)}: ${who}`]);
    }
    if (str(data.address)) rows.push([t('temporary-registration.address'), str(data.address)]);
    if (str(data.migrationCardNumber)) rows.push([t('temporary-registration.migrationCard'), str(data.migrationCardNumber)]);
    if (str(data.borderCrossedOn)) rows.push([t('temporary-registration.borderCrossedOn'), date(str(data.borderCrossedOn)!)]);
    const assessment = obj(data.assessment);
    if (assessment && str(assessment.dueBy)) rows.push([t('temporary-registration.dueByLabel'), date(str(assessment.dueBy)!)]);
    if (assessment && typeof assessment.daysLate === 'number') {
      rows.push([t('temporary-registration.daysLateLabel'), assessment.daysLate > 0
        ? t('temporary-registration.daysLate', { count: number(assessment.daysLate) })
        : t('temporary-registration.onTime')]);
    }
    if (str(data.requestedUntil)) rows.push([t('temporary-registration.requestedUntil'), date(str(data.requestedUntil)!)]);
    const persons = assessment && Array.isArray(assessment.persons) ? (assessment.persons as Obj[]) : [];
    for (const person of persons) {
      if (str(person.from) && str(person.until)) {
        rows.push([`${t('temporary-registration.periodLabel')}: ${str(person.fullName) ?? ''}`,
          t('temporary-registration.period', { from: date(str(person.from)!), until: date(str(person.until)!) })]);
      }
    }
    const visa = obj(data.visa);
    if (visa) {
      rows.push([t('temporary-registration.visa'), [str(visa.number),
        str(visa.kind) && t(`temporary-registration.visaKind.${str(visa.kind) as 'single-entry'}`),
        str(visa.validUntil) && date(str(visa.validUntil)!)].filter(Boolean).join(', ')]);
    }
    const permit = obj(data.workPermit);
    if (permit) rows.push([t('temporary-registration.basis.work-permit'), [str(permit.number), str(permit.validUntil) && date(str(permit.validUntil)!)].filter(Boolean).join(', ')]);
    const study = obj(data.study);
    if (study && str(study.institution)) rows.push([t('temporary-registration.basis.study'), str(study.institution)]);
    const group = obj(data.group);
    if (group) {
      const members = Array.isArray(group.members) ? (group.members as Obj[]) : [];
      rows.push([t('temporary-registration.group'), [str(group.listNumber), str(group.certifiedBy),
        members.map((m) => [str(m.lastName), str(m.firstName)].filter(Boolean).join(' ')).join('; ')].filter(Boolean).join(' — ')]);
    }
    return rows;
  },
};
