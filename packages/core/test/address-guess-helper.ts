// The address guess as the tests read it: a geocoder's formatted line in, the guessed
// street, city, state, country and postal code out.
import { suggestAddressFields } from '../src/index.ts';

export function guess(formattedAddress: string) {
  const { street, city, state, country, zipcode } = suggestAddressFields('typed', {
    formattedAddress,
    compoundCode: '',
    globalCode: '',
  });
  return { street, city, state, country, zipcode };
}
