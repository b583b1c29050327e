// What the sandbox's "OCR" reads off a document: a fictional specimen person.
import type { IdType, ReviewOcrData, ScenarioCode } from './types.ts';

/** The specimen person every unscripted document shows (fictional). */
export const SPECIMEN_PERSON = {
  firstName: 'Alex',
  lastName: 'Specimen',
  birthDate: '1990-01-01',
  gender: 'female',
  issueDate: '2020-02-25',
  expireDate: '2030-02-24',
  documentNumber: 'SPC000001',
  koreanIdentityNumber: '900101-2345678',
  koreanLicenseNumber: '11-20-123456-01',
} as const;

/** The OCR answer for a document, given its country, type and any printed scenario code. */
export function specimenOcr(issuingCountry: string, idType: IdType, code?: ScenarioCode): ReviewOcrData {
  const p = SPECIMEN_PERSON;
  const base: ReviewOcrData = {
    ocr_issueDate: p.issueDate,
    ocr_expireDate: p.expireDate,
    ocr_lastName: p.lastName,
    ocr_firstName: p.firstName,
    ocr_name: `${p.firstName} ${p.lastName}`,
    ocr_gender: p.gender,
    ocr_nationality: issuingCountry,
    ocr_birthDate: p.birthDate,
  };
  const korean = issuingCountry === 'KOR';
  if (code === 'ocr-korean-id' || (korean && idType === 'government_id' && code === undefined)) {
    return { ...base, ocr_nationality: 'KOR', ocr_identityNumber: p.koreanIdentityNumber };
  }
  if (code === 'ocr-korean-license' || (korean && idType === 'drivers_license' && code === undefined)) {
    return { ...base, ocr_nationality: 'KOR', ocr_licenseNumber: p.koreanLicenseNumber };
  }
  return base;
}
