// A list inside a sentence, as the applicant's language writes it ("A and B", "A وB",
// "A、B"): a comma and a space are English punctuation, wrong in Arabic, Persian, Chinese
// or Japanese. Used by the lazy capture and selfie steps only (not the script's first screens).

/** `items` joined as one phrase in `locale` (Intl.ListFormat, conjunction); ", " where Intl lacks it. */
export function listOf(items: readonly string[], locale: string): string {
  try {
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}
