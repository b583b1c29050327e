// The address screen's English: in the screen's lazy chunk, since the script tag's first
// screens never show it. Added to every i18next instance when the chunk loads (addEnglish);
// Korean is in ko.ts (the Strings type keeps it complete).
export const addressEn = {
  title: 'Your address',
  intro:
    'Type your home address, or use your current location. We look it up so that it is written the standard way.',
  rejected: 'The verification service did not accept this address. Please check it.',
  input: 'Address',
  inputHint: 'Street and number, city and country; a landmark or a plus code works too.',
  find: 'Find address',
  useLocation: 'Use my location',
  looking: 'Looking up the address…',
  locating: 'Finding your location…',
  locationUnavailable: 'This device cannot share its location. Please type your address.',
  locationDenied:
    'Your location could not be read (permission refused or not available). Please type your address.',
  error: {
    address_not_found:
      'We could not find this address. Check the spelling, add the city and country, or try a nearby landmark.',
    rate_limited: 'Too many look-ups in a short time. Please wait a moment and try again.',
    default: 'The address could not be looked up just now. Please try again.',
  },
  manual: 'Enter the address by hand',
  manualNote: 'No match was found, so your address is sent as you enter it.',
  found: 'We found:',
  edit: 'Edit',
  plusCode: 'Plus code',
  correct: 'Check the details below and correct anything that is wrong.',
  fields: {
    street: 'Street address',
    detail: 'Apartment, floor, building',
    city: 'City',
    state: 'State or region',
    zipcode: 'Postal code',
    country: 'Country',
  },
  proof: 'Proof of address',
  proofHint: 'A photo of a recent bill or bank statement showing this address.',
  proofAdded: 'A picture is added.',
  proofChoose: 'Add a picture',
  proofReplace: 'Choose another picture',
  proofRemove: 'Remove the picture',
  confirm: 'Confirm address',
  skip: 'Skip this step',
};
