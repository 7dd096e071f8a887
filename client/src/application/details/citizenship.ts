// citizenship module data (CitizenshipData): the sub-type and category, the category's facts, the
// register's or the proof's start of permanent residence, and what intake decided on a fee exemption.
import { CitizenshipSteps } from '../CitizenshipSteps';
import type { DetailRow, ModuleDetails } from '../types';

type Localized = { kk: string; ru: string; en: string };

export const citizenshipDetails: ModuleDetails = {
  service: 'citizenship',
  // The commission step, the outside checks, the documents handed back and the certificate.
  Panel: CitizenshipSteps,
  rows: (data, { t, date, pick }) => {
    const rows: DetailRow[] = [];
    const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
    if (typeof data.category === 'number') {
      rows.push([t('citizenship.category'), `${data.category} · ${t(data.kind === 'renunciation' ? 'citizenship.subType.renunciation' : 'citizenship.subType.admission')}`]);
    }
    if (str(data.oralmanCertificateNumber)) rows.push([t('citizenship.oralmanCertificate'), str(data.oralmanCertificateNumber)]);
    const relative = data.relative as { iin?: string | null; kinship?: string | null; fullName?: string | null } | null | undefined;
    if (relative?.iin) {
      rows.push([t('citizenship.relativeIin'), [relative.fullName, relative.iin, relative.kinship ? t(`citizenship.kin.${relative.kinship}` as never) : null].filter(Boolean).join(', ')]);
    }
    if (str(data.inKazakhstanBefore1991On)) rows.push([t('citizenship.before1991'), date(str(data.inKazakhstanBefore1991On)!)]);
    if (typeof data.professionNumber === 'number') rows.push([t('citizenship.profession'), String(data.professionNumber)]);
    if (str(data.petitionNumber)) rows.push([t('citizenship.petitionNumber'), [str(data.petitionNumber), str(data.petitionStateBody)].filter(Boolean).join(', ')]);
    if (str(data.marriedOn)) rows.push([t('citizenship.marriedOn'), date(str(data.marriedOn)!)]);
    if (str(data.spouseIin)) rows.push([t('citizenship.spouseIin'), str(data.spouseIin)]);
    if (str(data.permanentResidenceSince)) {
      const source = str(data.permanentResidenceSource) ?? '';
      rows.push([t('citizenship.residenceSince'), `${date(str(data.permanentResidenceSince)!)} (${source.startsWith('register:') ? t('citizenship.fromRegister', { stamp: source.slice('register:'.length) }) : t('citizenship.fromProof')})`]);
    }
    if (data.retainsOtherCitizenship === true) rows.push([t('citizenship.retainsOther'), t('common.yes')]);
    if (typeof data.hasChildren === 'boolean') rows.push([t('citizenship.hasChildren'), t(data.hasChildren ? 'common.yes' : 'common.no')]);
    if (typeof data.married === 'boolean') rows.push([t('citizenship.married'), t(data.married ? 'common.yes' : 'common.no')]);
    const exemption = data.feeExemption as { claimed: string; granted: boolean; reason?: Localized | null } | null | undefined;
    if (exemption) {
      rows.push([t('citizenship.exemption'), exemption.granted ? `${exemption.claimed}: ${t('citizenship.exemptionGranted')}` : pick(exemption.reason ?? { kk: '', ru: '', en: '' })]);
    }
    if (str(data.applicationDate)) rows.push([t('citizenship.applicationDate'), date(str(data.applicationDate)!)]);
    return rows;
  },
};
