// The review screen's English (but the error summary, which the live region of
// <argos-kyc> says): in the screen's lazy chunk, since the script tag's first screens never
// show it. Added to every i18next instance when the chunk loads (addEnglish); Korean is in
// ko.ts (the Strings type keeps it complete).
export const reviewEn = {
  title: 'Check your details',
  intro: 'We read these details from your document. Correct anything that is wrong.',
  noOcr: 'We could not read your document. Please enter your details as they appear on it.',
  fields: {
    name: 'Full name',
    birthDate: 'Date of birth',
    gender: 'Gender',
    nationality: 'Nationality',
    issueDate: 'Date of issue',
    identityNumber: 'Resident registration number',
    licenseNumber: 'Driver’s license number',
    serialNumber: 'Serial number',
  },
  hints: {
    name: 'As written on the document.',
    identityNumber: '13 digits, for example 900101-1234567.',
    licenseNumber: 'For example 11-15-123456-78.',
    serialNumber: 'The 6 letters or digits printed next to the photo.',
  },
  gender: { none: 'Not specified', male: 'Male', female: 'Female' },
  confirm: 'Confirm details',
  rejected: 'The verification service did not accept one of these details. Please check them.',
};
