// What the scripted endpoint answers step 1 with, and a stand-in image, shared by the
// driver's tests (create-flow*.test.ts): one OCR reading, so both files speak of the
// same applicant.
export const OCR = {
  name: 'John Smith',
  firstName: null,
  lastName: null,
  birthDate: '1975-08-25',
  gender: 'male',
  nationality: 'USA',
  issueDate: '2020-02-25',
  expireDate: null,
  identityNumber: null,
  licenseNumber: null,
};

/** Bytes the driver only carries (the scripted endpoint does not sniff them). */
export const jpeg = () => new Blob([new Uint8Array(2048).fill(7)], { type: 'image/jpeg' });
